/**
 * Reproducible builds: the same sources give the same bytes, whatever the
 * folder, the working directory, the time zone or the temporary directory;
 * SOURCE_DATE_EPOCH, and only it, moves the dates.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cp, mkdir, mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {promisify} from 'node:util'
import {pdfInfo, readEpub} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const SEED = 'putin-abe-peace-treaty'

interface Build {
  readonly root: string
  readonly out: string
  readonly epub: string
  readonly pdf: string
}

let first: Build
let second: Build
let dated: Build

/** Copy the seed into a fresh folder and build it from there, with its own TZ and TMPDIR. */
async function buildCopy(name: string, env: NodeJS.ProcessEnv): Promise<Build> {
  const root = await mkdtemp(path.join(os.tmpdir(), `imprint-repro-${name}-`))
  const source = path.join(root, 'sources', name)
  const tmp = path.join(root, 'tmp')
  await mkdir(tmp, {recursive: true})
  await cp(path.resolve('content'), source, {recursive: true})
  const out = path.join(root, 'out')
  const clean = {...process.env}
  delete clean.SOURCE_DATE_EPOCH
  // --no-cache: each build must really print and pack, not restore the last one's files.
  await run(process.execPath, [CLI, 'build', source, '--out', out, '--format', 'pdf,epub', '--quiet', '--no-cache'], {
    cwd: root,
    env: {...clean, TMPDIR: tmp, ...env}
  })
  const hash = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex')
  return {root, out, epub: await hash(path.join(out, `${SEED}.epub`)), pdf: await hash(path.join(out, `${SEED}.pdf`))}
}

before(async () => {
  // In turn, not at once: two Chromiums on two cores would only slow each other.
  first = await buildCopy('one', {TZ: 'UTC', LANG: 'C'})
  second = await buildCopy('two', {TZ: 'Pacific/Kiritimati', LANG: 'ru_RU.UTF-8'})
  dated = await buildCopy('three', {TZ: 'UTC', SOURCE_DATE_EPOCH: '1700000000'})
})

after(async () => {
  await Promise.all([first, second, dated].filter(Boolean).map((build) => rm(build.root, {recursive: true, force: true})))
})

test('two builds in different folders, time zones and temp dirs give byte-identical EPUB and PDF', () => {
  assert.equal(second.epub, first.epub, 'EPUB sha256')
  assert.equal(second.pdf, first.pdf, 'PDF sha256')
})

test('without SOURCE_DATE_EPOCH the dates are the article\'s own; the PDF has an /ID', async () => {
  const info = await pdfInfo(path.join(first.out, `${SEED}.pdf`))
  assert.match(info.CreationDate!, /May 26 00:00:00 2018 UTC/)
  assert.match(info.ModDate!, /May 26 00:00:00 2018 UTC/)
  const {stdout} = await run('qpdf', ['--show-object=trailer', path.join(first.out, `${SEED}.pdf`)])
  assert.match(stdout, /\/ID \[ <([0-9a-f]{32})> <\1> \]/)
  const opf = (await readEpub(path.join(first.out, `${SEED}.epub`))).get('OEBPS/content.opf')!
  assert.match(opf, /<meta property="dcterms:modified">2018-05-26T00:00:00Z<\/meta>/)
})

test('SOURCE_DATE_EPOCH sets every date, and so changes the bytes and the /ID', async () => {
  assert.notEqual(dated.epub, first.epub)
  assert.notEqual(dated.pdf, first.pdf)
  const pdf = path.join(dated.out, `${SEED}.pdf`)
  const info = await pdfInfo(pdf)
  assert.match(info.CreationDate!, /Nov 14 22:13:20 2023 UTC/)
  assert.match(info.ModDate!, /Nov 14 22:13:20 2023 UTC/)
  const [{stdout: before}, {stdout: after}] = await Promise.all([
    run('qpdf', ['--show-object=trailer', path.join(first.out, `${SEED}.pdf`)]),
    run('qpdf', ['--show-object=trailer', pdf])
  ])
  assert.notEqual(/\/ID \[ <(\w+)>/.exec(after)?.[1], /\/ID \[ <(\w+)>/.exec(before)?.[1])
  const epub = path.join(dated.out, `${SEED}.epub`)
  const opf = (await readEpub(epub)).get('OEBPS/content.opf')!
  assert.match(opf, /<meta property="dcterms:modified">2023-11-14T22:13:20Z<\/meta>/)
  // Every zip entry carries the same date (DOS time, UTC).
  const {stdout} = await run('unzip', ['-l', epub])
  const dates = new Set([...stdout.matchAll(/\s(\d{4}-\d\d-\d\d \d\d:\d\d)\s/g)].map((match) => match[1]))
  assert.deepEqual([...dates], ['2023-11-14 22:13'])
})
