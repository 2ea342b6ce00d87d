/**
 * Everything a page draws is either tagged content or an artifact: the page
 * number and running head, the page's background and an image with empty
 * alt text were drawn outside any marked content, so a screen reader could
 * not tell them from the text. Checked on a real handout and book, read
 * through `qpdf --qdf` with a scanner of its own, and on the rewriter's
 * edge cases.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {copyFile, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {promisify} from 'node:util'
import {rewriteStream} from '../src/formats/pdf/content-stream.ts'
import {markArtifacts, wrapUnmarked} from '../src/formats/pdf/mark-artifacts.ts'
import {dropSoftHyphenSpans, dropSoftHyphens} from '../src/formats/pdf/soft-hyphens.ts'
import {pdfText as pdfTextOf} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const PNG = path.resolve('test/fixtures/markdown/images/lantern.png')

let root: string

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-artifacts-'))
  const content = path.join(root, 'content')
  await mkdir(content)
  await copyFile(PNG, path.join(content, 'lantern.png'))
  const paragraphs = Array.from({length: 40}, (_, at) => `Paragraph ${at + 1}: the lantern keeper wrote the log by hand, as every keeper before her had done.`)
  await writeFile(
    path.join(content, 'lantern.md'),
    [
      '---', 'publisher: Harbour Gazette', '---', '# The Lantern Returns', '', 'The lantern was lit again on Monday.', '', '![](lantern.png)', '',
      ...paragraphs.flatMap((text) => [text, '']),
      '![A brass lantern on the pier](lantern.png)', '', '![](lantern.png "The keepers lit it at dusk.")', ''
    ].join('\n')
  )
  await run(process.execPath, [CLI, 'build', 'content', '--out', 'dist', '--format', 'pdf', '--book', 'Lantern Book', '--no-cache', '--quiet'], {cwd: root})
})

after(async () => {
  await rm(root, {recursive: true, force: true})
})

interface Drawing {
  readonly operator: string
  /** The marked-content tags around it, outermost first. */
  readonly within: readonly string[]
}

/**
 * Each drawing operator of each page, with the marked content it lies in.
 * qpdf's QDF form puts Chromium's operators one statement to a line; a
 * line's last word is its operator, and a tag the first word of a line
 * ending in BDC or BMC.
 */
async function drawings(file: string): Promise<Drawing[][]> {
  const qdf = path.join(root, `${path.basename(file)}.qdf`)
  await run('qpdf', ['--qdf', '--object-streams=disable', file, qdf])
  const {stdout} = await run('qpdf', ['--show-npages', file])
  const pages: Drawing[][] = []
  for (let page = 1; page <= Number(stdout.trim()); page++) {
    const contents = await contentsOf(qdf, page)
    // A blank page (a book's verso left empty) draws nothing.
    if (contents === undefined) {
      pages.push([])
      continue
    }
    const {stdout: stream} = await run('qpdf', [`--show-object=${contents}`, '--filtered-stream-data', qdf], {encoding: 'latin1', maxBuffer: 64 << 20})
    const stack: string[] = []
    const found: Drawing[] = []
    for (const line of stream.split('\n')) {
      const words = line.trim().split(/\s+/)
      // Chromium writes `/NonStruct <</MCID 0 >>BDC`, with no space before the operator.
      const operator = (words.at(-1) ?? '').replace(/^>>/, '')
      if (operator === 'BDC' || operator === 'BMC') stack.push(words[0]!.replace(/<<.*$/, ''))
      else if (operator === 'EMC') stack.pop()
      else if (['Tj', 'TJ', 'Do', 'f', 'f*', 'S', 'B', 'B*', 'sh'].includes(operator)) found.push({operator, within: [...stack]})
    }
    pages.push(found)
  }
  return pages
}

/** The object number of a page's content stream, from `qpdf --show-pages`; undefined for a page with none. */
async function contentsOf(file: string, page: number): Promise<string | undefined> {
  const {stdout} = await run('qpdf', ['--show-pages', file])
  const block = stdout.split(/^page /m).slice(1)[page - 1]
  assert.ok(block, `page ${page} is listed`)
  const streams = [...block.matchAll(/^\s+(\d+) 0 R$/gm)].map((match) => match[1]!)
  assert.ok(streams.length <= 1, `page ${page} has at most one content stream`)
  return streams[0]
}

test('a handout: every drawing is tagged or an artifact; the page numbers and the undescribed image are artifacts', async () => {
  const pages = await drawings(path.join(root, 'dist', 'lantern.pdf'))
  assert.ok(pages.length >= 2, 'the handout runs over a page, so it has page numbers and a running head')
  for (const [at, page] of pages.entries()) {
    const loose = page.filter((drawing) => drawing.within.length === 0)
    assert.deepEqual(loose, [], `page ${at + 1}: drawing outside marked content`)
    assert.ok(page.some((drawing) => drawing.operator === 'Tj' && drawing.within[0] === '/Artifact'), `page ${at + 1}: its page number is an artifact`)
  }
  const images = pages.flat().filter((drawing) => drawing.operator === 'Do')
  assert.deepEqual(images.map((image) => image.within[0]), ['/Artifact', '/Figure', '/Artifact'], 'the images with alt="" are artifacts, the described one a figure')
})

test('a captioned image with empty alt: no /Figure without /Alt, and its caption is read as a paragraph', async () => {
  // qpdf's JSON (version 2): each object as {value}, names as "/Name", strings as "u:text".
  const {stdout} = await run('qpdf', ['--json', '--json-key=qpdf', path.join(root, 'dist', 'lantern.pdf')], {maxBuffer: 64 << 20})
  const objects = Object.values((JSON.parse(stdout) as {qpdf: [unknown, Record<string, {value?: unknown}>]}).qpdf[1]).map((object) => object.value)
  const elements = objects.filter((object): object is Record<string, unknown> => typeof object === 'object' && object !== null && (object as Record<string, unknown>)['/Type'] === '/StructElem')
  const figures = elements.filter((element) => element['/S'] === '/Figure')
  assert.equal(figures.length, 2, 'the described image, and the QR code')
  for (const figure of figures) assert.ok(figure['/Alt'], 'every /Figure has /Alt')
  assert.equal(elements.filter((element) => element['/S'] === '/Caption').length, 0)
  assert.match(await pdfTextOf(path.join(root, 'dist', 'lantern.pdf')), /The keepers lit it at dusk\./)
})

test('a book: every page of cover, front matter, body and colophon is tagged or an artifact', async () => {
  const pages = await drawings(path.join(root, 'dist', 'lantern-book.pdf'))
  assert.ok(pages.length >= 4)
  for (const [at, page] of pages.entries()) {
    assert.deepEqual(page.filter((drawing) => drawing.within.length === 0), [], `book page ${at + 1}`)
  }
  assert.ok(pages.filter((page) => page.length > 0).length >= 4, 'the cover, front matter, body and colophon draw something')
})

test('the rewriter: strings, arrays and dictionaries are read as such; unsafe streams are left alone', () => {
  // A string holding operator names and parentheses is one operand, not operators.
  assert.equal(
    wrapUnmarked('0 0 10 10 re f\n/P <</MCID 0>> BDC BT (BT \\) ET BDC) Tj ET EMC\nBT [(a) 2 (b)] TJ ET'),
    '/Artifact BMC\n0 0 10 10 re f\n\nEMC\n/P <</MCID 0>> BDC BT (BT \\) ET BDC) Tj ET EMC\n/Artifact BMC\nBT [(a) 2 (b)] TJ ET\nEMC\n'
  )
  // Already marked throughout: unchanged.
  const tagged = '/P <</MCID 0>> BDC BT (x) Tj ET EMC'
  assert.equal(wrapUnmarked(tagged), undefined, 'nothing to wrap: left as it was')
  // Graphics state alone draws nothing: no artifact.
  assert.equal(wrapUnmarked('q 1 0 0 1 0 0 cm /G3 gs Q'), undefined, 'no drawing: left as it was')
  // Marked content opened inside a text object that an artifact began outside of: left alone.
  assert.equal(wrapUnmarked('BT (x) Tj /P <</MCID 0>> BDC (y) Tj EMC ET'), undefined)
  // Unbalanced marked content or an unterminated string: left alone.
  assert.equal(wrapUnmarked('/P BMC (x) Tj'), undefined)
  assert.equal(wrapUnmarked('EMC'), undefined)
  assert.equal(wrapUnmarked('BT (x Tj ET'), undefined)
})

test('both rewrites in one walk give what they give one after the other', () => {
  const sequential = (source: string) => {
    const dropped = dropSoftHyphens(source) ?? source
    return wrapUnmarked(dropped) ?? dropped
  }
  const cases = [
    // A soft hyphen's span at the top level of a text object an artifact opened: gone before the artifact could end in it.
    'BT (x) Tj /Span <</ActualText <feff00ad>>> BDC (-) Tj EMC ET',
    // Tagged text with a soft hyphen inside, then an unmarked running head.
    '/P <</MCID 0>> BDC BT (Pres) Tj /Span<</ActualText <FEFF00AD>>> BDC <0003> Tj EMC (ident) Tj ET EMC\nBT (Head) Tj ET',
    // A ligature's ActualText loses its soft hyphen; the path before it becomes an artifact.
    "0 0 5 5 re f /P <</MCID 1>> BDC /Span<</ActualText <feff006600ad0066>>> BDC <00ed> Tj EMC EMC",
    // An unclosed soft-hyphen span: that pass gives up after hiding, the artifact pass still runs on the whole.
    '0 0 5 5 re f /Span <</ActualText <feff00ad>>> BDC (x) Tj',
    '/P <</MCID 0>> BDC BT (x) Tj ET EMC'
  ]
  for (const source of cases) {
    const expected = sequential(source)
    assert.equal(rewriteStream(source, [dropSoftHyphenSpans, markArtifacts]) ?? source, expected, source)
  }
})
