/**
 * Issue 15's cases, each built beside one good article through the real
 * CLI: every input of its table at the size it measured, a decompression
 * bomb PNG, an SVG billion laughs, a YAML alias bomb and a 100 MB sidecar.
 * For each, the build ends within 30 s, the process tree (Chromium
 * included) stays under 1 GiB, the bad file gets one line naming it, the
 * good article is built, and the output folder holds only complete files.
 *
 * The inputs share two builds, to keep the run short: the text cases as
 * web pages and EPUBs (what they cost is in Node), and the images as PDFs
 * too (what they cost is in Chromium's decoder).
 */
import assert from 'node:assert/strict'
import {deflateSync, crc32} from 'node:zlib'
import {mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {measure, type RunResult} from '../bench/proc-tree.ts'
import {epubcheck, pdfText, readEpub} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'
import {HOSTILE_CASES} from './helpers/hostile-inputs.ts'

const GOOD = '# Ferry Route Reopens\n\nThe ferry to the islands runs again from Monday, the harbour master said.\n\nWith reporting by AFP, AP, and Interfax\n'
const GIB = 1024 ** 3

let temp: string

before(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-bounded-'))
})
after(async () => {
  await rm(temp, {recursive: true, force: true})
})

/** A PNG of `width` × `height` grey pixels, one bit each: a few kilobytes that decode to width × height bytes or more. */
function greyPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const framed = Buffer.alloc(body.length + 8)
    framed.writeUInt32BE(data.length, 0)
    body.copy(framed, 4)
    framed.writeUInt32BE(crc32(body), body.length + 4)
    return framed
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  // Bit depth 1, greyscale.
  header.set([1, 0, 0, 0, 0], 8)
  // Each row: filter byte 0, then the pixels, all zero.
  const raw = Buffer.alloc((Math.ceil(width / 8) + 1) * height)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, {level: 9})), chunk('IEND', Buffer.alloc(0))])
}

/** An SVG whose entities expand to a billion `lol`s. */
const LAUGHS = `<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY lol "lol">\n${Array.from({length: 9}, (_, at) => `<!ENTITY lol${at + 1} "${`&lol${at === 0 ? '' : at};`.repeat(10)}">`).join('\n')}\n]>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&lol9;</text></svg>\n`

interface Built {
  readonly run: RunResult
  readonly out: string
  readonly files: readonly string[]
}

async function buildFolder(name: string, files: ReadonlyMap<string, string | Buffer>, formats: string, extra: readonly string[] = []): Promise<Built> {
  const content = path.join(temp, name)
  const out = path.join(temp, `${name}-out`)
  await mkdir(content, {recursive: true})
  await writeFile(path.join(content, 'good.md'), GOOD)
  for (const [file, data] of files) await writeFile(path.join(content, file), data)
  const run = await measure(process.execPath, [CLI, 'build', content, '-f', formats, '--no-cache', '-o', out, ...extra], {sampleMemory: true})
  return {run, out, files: (await readdir(out)).sort()}
}

/** The one line of stderr that names `file` (as the source, or as an image in a message), with its severity. */
function lineFor(built: Built, file: string): string {
  const lines = built.run.stderr.split('\n').filter((line) => line.includes(`/${file}:`) || line.includes(`/${file}  `) || line.includes(`\`${file}\``))
  assert.equal(lines.length, 1, `one line for ${file}:\n${built.run.stderr}`)
  return lines[0]!
}

function assertBounded(built: Built): void {
  assert.ok(built.run.ms < 30_000, `the build took ${Math.round(built.run.ms)} ms`)
  assert.ok(built.run.peakPss! < GIB, `the process tree took ${(built.run.peakPss! / 1024 ** 2).toFixed(0)} MB`)
  assert.doesNotMatch(built.run.stderr, /Maximum call stack|^\s+at |JavaScript heap/m)
  // Complete files only: no temporary name, nothing empty.
  for (const file of built.files) assert.doesNotMatch(file, /\.tmp|~$|^\./, file)
}

let text: Built
const TEXT_CASES = HOSTILE_CASES.filter((hostile) => hostile.id !== 'normal')

test('the text cases of the table at full size, beside a good article: refused or built in seconds, each in one line', async () => {
  const files = new Map<string, string | Buffer>()
  for (const hostile of TEXT_CASES) {
    const input = hostile.make(1)
    files.set(input.name, input.text)
    if (input.sidecar !== undefined) files.set(input.name.replace(/\.[^.]+$/, '.meta.yaml'), input.sidecar)
  }
  files.set('deep.html', '<html><body>' + '<div>'.repeat(100_000) + 'x</body></html>')
  files.set('deep-quotes.md', '# Quoted\n\n' + '>'.repeat(100_000) + ' x\n')
  files.set('title.md', `# Titled\n\n![a boat](boat.png "©${' '.repeat(1000)}(")\n`)
  files.set('boat.png', greyPng(16, 16))
  files.set('huge.md', '# Huge sidecar\n\nWords.\n')
  files.set('huge.meta.yaml', Buffer.alloc(100 * 1024 * 1024, 'k: v\n'))
  const aliases = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((name, at) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[at]}`).join(', ')}]`)]
  files.set('aliases.md', '# Aliased\n\nWords.\n')
  files.set('aliases.meta.yaml', `title: Aliased\n${aliases.join('\n')}\n`)
  text = await buildFolder('text', files, 'html,epub')
  process.stderr.write(`text cases: ${Math.round(text.run.ms)} ms, ${Math.round(text.run.peakPss! / 1024 ** 2)} MB\n`)
  assertBounded(text)
  assert.equal(text.run.code, 1, text.run.stderr)

  const expect: Array<[string, RegExp]> = [
    ['pasted.txt', /error {2}the paragraph at line 3 runs to [\d,]+ characters, over the 100,000 characters limit; raise it with --limit paragraph=… {2}paragraph-too-long$/],
    ['paragraph.html', /error {2}the paragraph at line 1 runs to [\d,]+ characters, over .* {2}paragraph-too-long$/],
    ['list.md', /error {2}the file holds 100,001 blocks, over the 50,000 blocks limit; raise it with --limit blocks=… {2}too-many-blocks$/],
    ['lines.txt', /error {2}the file holds 100,001 blocks, .* {2}too-many-blocks$/],
    ['paragraphs.html', /error {2}the file holds 50,00\d blocks, .* {2}too-many-blocks$/],
    // 100,000 list markers on one line: the line is over the paragraph limit before its depth is measured.
    ['nested.md', /error {2}the paragraph at line 3 runs to 200,004 characters.* {2}paragraph-too-long$/],
    // Emphasis marks are counted first: 100,000 runs in one paragraph, each a pairing for the parser to try.
    ['emphasis.md', /error {2}the paragraph at line 3 holds 200,000 runs of emphasis marks \(\* or _\), over the 2,000 runs limit; raise it with --limit emphasis=… {2}too-much-emphasis$/],
    ['openers.md', / {2}too-much-emphasis$/],
    ['links.md', / {2}paragraph-too-long$/],
    ['quotes.md', / {2}paragraph-too-long$/],
    ['guillemets.md', / {2}paragraph-too-long$/],
    ['straight.md', / {2}paragraph-too-long$/],
    ['dots.md', / {2}paragraph-too-long$/],
    ['keys.meta.yaml', /error {2}file is [\d.]+ MB, over the 1\.0 MB limit for a metadata file.*--limit meta-size=… {2}too-large$/],
    ['huge.meta.yaml', /error {2}file is 100\.0 MB, over the 1\.0 MB limit .* {2}too-large$/],
    ['aliases.meta.yaml', /error {2}YAML aliases expand past 100 aliases; raise it with --limit yaml-aliases=… {2}too-many-aliases$/],
    // 100,000 open elements are as many blocks, counted first; 100,000 quote marks on one line, a paragraph.
    ['deep.html', /error {2}the file holds 100,001 blocks, .* {2}too-many-blocks$/],
    ['deep-quotes.md', / {2}paragraph-too-long$/],
    // The notice between two runs of 64 K spaces is one line of 131,118 characters.
    ['spaces.txt', / {2}paragraph-too-long$/]
  ]
  for (const [file, pattern] of expect) assert.match(lineFor(text, file), pattern)
  // Built, and nothing to say: the image whose title is a thousand spaces between © and (, which took 135 s.
  assert.doesNotMatch(text.run.stderr, /title\.md/)
  for (const slug of ['good', 'title']) {
    assert.ok(text.files.includes(`${slug}.html`) && text.files.includes(`${slug}.epub`), `${slug} built: ${text.files.join(' ')}`)
  }
  const refused = expect.map(([file]) => file.replace(/\.meta\.yaml$/, '').replace(/\.[^.]+$/, ''))
  for (const slug of refused) assert.ok(!text.files.some((file) => file.startsWith(`${slug}.`)), `${slug} left no output`)
})

test('the good article beside the text cases is whole: its notice and credits, a valid EPUB', async () => {
  assert.ok(text, 'the build ran')
  const chapter = [...(await readEpub(path.join(text.out, 'good.epub'))).entries()].find(([name]) => name.endsWith('.xhtml') && !name.includes('nav'))
  assert.match(chapter?.[1] ?? '', /With reporting by AFP, AP, and Interfax/)
  const verdict = await epubcheck(path.join(text.out, 'good.epub'))
  assert.equal(verdict.fatals + verdict.errors, 0, verdict.messages.join('\n'))
})

test('image bombs beside a good article, printed too: a PNG that decodes to gigabytes and an SVG billion laughs are left out in one line each', async () => {
  const files = new Map<string, string | Buffer>([
    // 40,000 × 40,000: 1.6 billion pixels in some 200 KB.
    ['bomb.png', greyPng(40_000, 40_000)],
    ['bomb.md', `# A bomb\n\nThe harbour at night.\n\n${Array(20).fill('![the harbour](bomb.png)').join('\n\n')}\n`],
    ['laughs.svg', LAUGHS],
    ['laughs.md', '# Laughs\n\nA drawing:\n\n![a drawing](laughs.svg)\n'],
    ['inline.html', `<!doctype html><html><head><title>Inline</title></head><body><article><h1>Inline drawing</h1><p>${'The harbour opened at dawn. '.repeat(20)}</p>${LAUGHS.replace(/^<\?xml[^>]*>\n/, '')}</article></body></html>`]
  ])
  const images = await buildFolder('images', files, 'html,epub,pdf')
  process.stderr.write(`image cases: ${Math.round(images.run.ms)} ms, ${Math.round(images.run.peakPss! / 1024 ** 2)} MB\n`)
  assertBounded(images)
  assert.match(lineFor(images, 'bomb.png'), /bomb\.md:5:1 {2}warning {2}image `bomb\.png` declares 40000 × 40000 = 1,600,000,000 pixels, over the 50,000,000 pixels limit.*\(shown 20 times: each is left out\) {2}image-over-limit$/)
  assert.match(lineFor(images, 'laughs.svg'), /laughs\.md:\d+:\d+ {2}warning {2}.*laughs\.svg/)
  for (const slug of ['good', 'bomb', 'laughs', 'inline']) {
    for (const ext of ['html', 'epub', 'pdf']) assert.ok(images.files.includes(`${slug}.${ext}`), `${slug}.${ext}: ${images.files.join(' ')}`)
  }
  assert.match(await pdfText(path.join(images.out, 'good.pdf')), /With reporting by AFP, AP, and Interfax/)
  // The inline drawing's entities stay unexpanded: no laugh reaches an output.
  assert.doesNotMatch(await pdfText(path.join(images.out, 'inline.pdf')), /lollol/)
})

test('a source within every limit that is still slow is stopped at its deadline in a worker thread, in one line; the good article is built', async () => {
  // Paragraphs of emphasis marks, each within the paragraph limit, and the emphasis limit raised: micromark takes seconds over each.
  const slow = '# Slow\n\n' + Array(8).fill('*a* **b** '.repeat(9000)).join('\n\n') + '\n'
  const built = await buildFolder('slow', new Map([['slow.md', slow]]), 'html', ['--limit', 'deadline=3', '--limit', 'emphasis=100000'])
  assertBounded(built)
  assert.equal(built.run.code, 1, built.run.stderr)
  assert.match(lineFor(built, 'slow.md'), /slow\.md {2}error {2}stopped after 3 seconds, the time one source may take; raise it with --limit deadline=… {2}over-budget$/)
  assert.deepEqual(built.files, ['good.html', 'index.html', 'opds.xml'])
})
