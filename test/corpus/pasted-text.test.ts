/**
 * The pasted-text corpus: the 43 real pages as select-all and copy gives
 * them (test/corpus/pasted, made by make-pasted.ts), built in one run of
 * `imprint build` as a user would build them, with no sidecar, and measured
 * against what each page's article holds (pasted-measure.ts).
 *
 * The goals count the news and blog pages: every page but Readability's
 * small synthetic ones (SYNTHETIC in pasted-corpus.ts says which and why).
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdtemp, readFile, readdir, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {slugOf} from '../../src/load/load.ts'
import {EXPECTED_DIR, PASTED_DIR, SYNTHETIC, corpusDir, corpusPages} from './pasted-corpus.ts'
import {PAGE_HEADLINES, measurePasted, summarize, titleMatches, type PageFigures} from './pasted-measure.ts'

const run = promisify(execFile)
const REPO = fileURLToPath(new URL('../../', import.meta.url))
const CORPUS = corpusDir()

// Issue 13 asks for 95 % of titles; the reader gets all 39. This floor keeps what was reached.
const TITLE_SHARE = 1
const MEDIAN_PRECISION = 0.95
const MEDIAN_RECALL = 0.95

let names: string[] = []
let figures: PageFigures[] = []
let out: string
let build: {code: number; text: string}

before(async () => {
  assert.ok(existsSync(CORPUS), `the corpus is not at ${CORPUS}; set IMPRINT_CORPUS to its folder`)
  names = await corpusPages(CORPUS)
  figures = await measurePasted({corpus: CORPUS, pasted: PASTED_DIR, expected: EXPECTED_DIR}, names)
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-pasted-'))
  const sources = names.map((name) => path.join(PASTED_DIR, `${name}.txt`))
  // The web page and the EPUB: the pasted reader's Articles print as any other's, and
  // web-pages.test.ts prints all 43 pages already; CI time goes where it finds something.
  build = await run(process.execPath, [path.join(REPO, 'lib/bin.js'), 'build', ...sources, '--out', out, '--format', 'html,epub'], {cwd: REPO, maxBuffer: 256 * 1024 * 1024}).then(
    ({stdout, stderr}) => ({code: 0, text: stdout + stderr}),
    (error: {code?: number; stdout?: string; stderr?: string}) => ({code: error.code ?? -1, text: `${error.stdout ?? ''}${error.stderr ?? ''}`})
  )
})

after(async () => {
  if (out) await rm(out, {recursive: true, force: true})
})

const news = (): PageFigures[] => figures.filter((page) => !SYNTHETIC.has(page.name))

test('every corpus page has its pasted form and its expected article, and nothing else is there', async () => {
  assert.equal(names.length, 43)
  const pasted = (await readdir(PASTED_DIR)).filter((file) => file.endsWith('.txt')).map((file) => file.slice(0, -4)).sort()
  const expected = (await readdir(EXPECTED_DIR)).filter((file) => file.endsWith('.html')).map((file) => file.slice(0, -5)).sort()
  assert.deepEqual(pasted, names)
  assert.deepEqual(expected, names)
  for (const name of SYNTHETIC.keys()) assert.ok(names.includes(name), name)
})

test('each headline taken from the page instead of <title> is a line of that pasted page', async () => {
  for (const [name, headline] of PAGE_HEADLINES) {
    const lines = (await readFile(path.join(PASTED_DIR, `${name}.txt`), 'utf8')).split('\n').map((line) => line.trim())
    assert.ok(lines.includes(headline), `${name}: ${headline}`)
  }
})

test('a title matches the expected one, or it with the site name <title> adds; a site name found instead of the headline does not', () => {
  assert.ok(titleMatches('Attack stokes instability fears in North Africa', 'Attack stokes instability fears in North Africa - The Washington Post'))
  // A site name longer than the headline is not counted off (PAGE_HEADLINES names such pages' headlines).
  assert.ok(!titleMatches('Mozilla', 'Mozilla - Wikipedia'))
  assert.ok(titleMatches('“Quoted”  Headline', '"quoted" headline'))
  // French typography's spaces inside guillemets make no other title.
  assert.ok(titleMatches('Screenshot\u202f: «\u202fVape Wave\u202f», «\u202f6 Days\u202f»…', 'Screenshot : «Vape Wave», «6 Days»…'))
  assert.ok(!titleMatches('Screenshot : Vape', 'Screenshot : «Vape Wave», «6 Days»…'))
  // A name after the headline as long as it: the first part is the headline, as Readability reads <title>.
  assert.ok(titleMatches('Evolve: Shared Mutable History', 'Evolve: Shared Mutable History — evolve extension for Mercurial'))
  assert.ok(!titleMatches('evolve extension for Mercurial', 'Evolve: Shared Mutable History — evolve extension for Mercurial'))
  assert.ok(!titleMatches('The Washington Post', 'Attack stokes instability fears in North Africa - The Washington Post'))
  assert.ok(!titleMatches('Sections', 'Attack stokes instability fears in North Africa'))
  assert.ok(!titleMatches('', 'Attack stokes instability fears in North Africa'))
})

test('one build run makes every page as a web page and an EPUB', () => {
  assert.equal(build.code, 0, build.text.split('\n').filter((line) => / error /.test(line)).join('\n'))
  const missing = names
    .flatMap((name) => ['html', 'epub'].map((ext) => `${slugOf(path.join(PASTED_DIR, `${name}.txt`))}.${ext}`))
    .filter((file) => !existsSync(path.join(out, file)))
  assert.deepEqual(missing, [])
})

test(`titles: right on at least ${TITLE_SHARE * 100}% of the news and blog pages`, (t) => {
  const pages = news()
  const wrong = pages.filter((page) => !page.titleRight)
  t.diagnostic(`${pages.length - wrong.length} of ${pages.length} right`)
  const share = 1 - wrong.length / pages.length
  assert.ok(share >= TITLE_SHARE, wrong.map((page) => `${page.name}: ${JSON.stringify(page.title)} vs ${JSON.stringify(page.expectedTitle)}`).join('\n'))
})

test(`body: median precision and recall at least ${MEDIAN_PRECISION} and ${MEDIAN_RECALL} on the news and blog pages`, (t) => {
  const summary = summarize(news())
  const table = news()
    .map((page) => `${page.name}: precision ${page.precision.toFixed(3)}, recall ${page.recall.toFixed(3)}`)
    .join('\n')
  t.diagnostic(`median precision ${summary.medianPrecision.toFixed(3)}, median recall ${summary.medianRecall.toFixed(3)}`)
  assert.ok(summary.medianPrecision >= MEDIAN_PRECISION, table)
  assert.ok(summary.medianRecall >= MEDIAN_RECALL, table)
})

test('every page prepares without an error, the synthetic ones included', () => {
  assert.deepEqual(
    figures.filter((page) => !page.prepared).map((page) => page.name),
    []
  )
})
