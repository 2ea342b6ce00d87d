/**
 * End to end: Markdown written for Hugo (YAML and TOML), Jekyll, Eleventy,
 * Astro and pandoc, each the way that tool's own documentation writes its
 * front matter, built in one run. Every article builds with no error and
 * no warning, and its outputs carry the title, bylines, date and keywords
 * in test/fixtures/front-matter/expected.json; the draft is left out.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, readdir, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {after, before, test} from 'node:test'
import {epubcheck, readEpub} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const FIXTURES = path.resolve('test/fixtures/front-matter')

interface Expected {
  readonly title: string
  readonly bylines: readonly string[]
  readonly date: string
  readonly keywords: readonly string[]
}

let out: string
let stderr: string
let expected: Record<string, Expected>

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-e2e-fm-'))
  expected = JSON.parse(await readFile(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>
  const result = await run(process.execPath, [CLI, 'build', FIXTURES, '--out', out, '--format', 'html,epub', '--no-cache', '--verbose'])
  stderr = result.stderr
})

after(async () => {
  await rm(out, {recursive: true, force: true})
})

test('every generator\'s file builds with no error or warning; the draft is left out with a note', async () => {
  const problems = stderr.split('\n').filter((line) => /  (?:error|warning)  /.test(line))
  assert.deepEqual(problems, [])
  assert.match(stderr, /hugo-draft\.md {2}note {2}not built: the article is marked as a draft {2}draft/)
  const built = (await readdir(out)).filter((name) => name.endsWith('.epub')).map((name) => name.slice(0, -5))
  assert.deepEqual(built.sort(), Object.keys(expected).sort())
})

test('title, bylines, date and keywords reach the EPUB package and the web page', async () => {
  for (const [slug, want] of Object.entries(expected)) {
    const opf = [...(await readEpub(path.join(out, `${slug}.epub`))).entries()].find(([name]) => name.endsWith('.opf'))![1]
    const values = (element: string) => [...opf.matchAll(new RegExp(`<${element}[^>]*>([^<]*)</${element}>`, 'g'))].map((match) => decode(match[1]!))
    assert.deepEqual(values('dc:title'), [want.title], slug)
    assert.deepEqual(values('dc:creator'), want.bylines, slug)
    assert.deepEqual(values('dc:subject'), want.keywords, slug)
    assert.deepEqual(values('dc:date'), [want.date], slug)

    const html = await readFile(path.join(out, `${slug}.html`), 'utf8')
    assert.ok(html.includes(`<time class="date" datetime="${want.date}">`), `${slug}: the page's date`)
    assert.ok(html.includes(`<p class="byline">${want.bylines.join(', ')}</p>`), `${slug}: the page's byline`)
  }
})

test('the standfirst comes from description, summary or abstract; the lead image from image.url', async () => {
  const astro = await readFile(path.join(out, 'astro.html'), 'utf8')
  assert.match(astro, /<p class="subtitle">A retired teacher joins the harbour sailing club\.<\/p>/)
  assert.match(astro, /<figure class="lead"><img src="data:image\/png;base64,[^"]+" alt="A small white dinghy tied to the club pontoon"/)
  const pandoc = await readFile(path.join(out, 'pandoc.html'), 'utf8')
  assert.match(pandoc, /<p class="subtitle">The river bridge closes to cars for three weeks in June\.<\/p>/)
  assert.match(pandoc, /<html lang="en-GB"/)
})

test('the EPUBs made from other tools\' front matter pass EPUBCheck', async () => {
  const verdict = await epubcheck(path.join(out, 'astro.epub'))
  assert.equal(verdict.errors + verdict.fatals, 0, verdict.messages.join('\n'))
})

function decode(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'")
}
