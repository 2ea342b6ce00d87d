/**
 * PDF/UA wants an alternative description on every /Figure. Chromium tags
 * an HTML `<figure>` as a /Figure with the image's own /Figure inside it,
 * and writes the alt text on the inner one only; finish-pdf.ts copies it
 * out. Checked on an article's PDF and on a book's, read with pdf-lib.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {promisify} from 'node:util'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject} from 'pdf-lib'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const SOURCE = path.resolve('test/fixtures/markdown/harbour-lights.md')

let root: string

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-figure-alt-'))
  await cp(path.dirname(SOURCE), path.join(root, 'content'), {recursive: true})
  await writeFile(path.join(root, 'imprint.config.yaml'), 'books:\n  - title: Harbour Book\n    lang: en\n    articles: content/harbour-lights.md\n')
  await run(process.execPath, [CLI, 'build', 'content', '--out', 'dist', '--format', 'pdf', '--no-cache', '--quiet'], {cwd: root})
})

after(async () => {
  await rm(root, {recursive: true, force: true})
})

interface Figure {
  readonly alt: string | undefined
  /** Structure types of its children. */
  readonly kids: readonly string[]
}

/** Every /Figure of the structure tree, in document order. */
async function figures(file: string): Promise<Figure[]> {
  const pdf = await PDFDocument.load(await readFile(file), {updateMetadata: false})
  const found: Figure[] = []
  const elements = (value: PDFObject | undefined): PDFDict[] => {
    const node = value instanceof PDFRef ? pdf.context.lookup(value) : value
    if (node instanceof PDFArray) return node.asArray().flatMap(elements)
    return node instanceof PDFDict && node.has(PDFName.of('S')) ? [node] : []
  }
  const visit = (element: PDFDict): void => {
    const kids = elements(element.get(PDFName.of('K')))
    if (element.get(PDFName.of('S')) === PDFName.of('Figure')) {
      const alt = element.lookup(PDFName.of('Alt'))
      found.push({
        alt: alt instanceof PDFString || alt instanceof PDFHexString ? alt.decodeText() : undefined,
        kids: kids.map((kid) => kid.get(PDFName.of('S'))!.toString())
      })
    }
    kids.forEach(visit)
  }
  elements(pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('K'))).forEach(visit)
  return found
}

test('PDF: every /Figure has the alt text of its image, the captioned figure too; in the article and in the book', async () => {
  const markdown = await readFile(SOURCE, 'utf8')
  const alts = new Set([...markdown.matchAll(/!\[([^\]]+)\]\(/g)].map((match) => match[1]!))
  const lead = /!\[([^\]]+)\]\(images\/lantern\.png "/.exec(markdown)![1]!
  // The article's QR code is imprint's own image, with its own alt text.
  const source = /^source: (\S+)$/m.exec(markdown)![1]!
  alts.add(`QR code for ${source}`)
  for (const file of ['harbour-lights.pdf', 'harbour-book.pdf']) {
    const found = await figures(path.join(root, 'dist', file))
    assert.ok(found.length > 0, `${file} has figures`)
    for (const figure of found) {
      assert.ok(figure.alt?.trim(), `${file}: a /Figure (children ${figure.kids.join(' ') || 'none'}) has no /Alt`)
      assert.ok(alts.has(figure.alt!), `${file}: /Alt “${figure.alt}” is an alt text of the source`)
    }
    const captioned = found.filter((figure) => figure.kids.includes('/Caption'))
    assert.ok(captioned.length > 0, `${file}: the lead image's <figure> is a /Figure with a /Caption`)
    for (const figure of captioned) assert.equal(figure.alt, lead, file)
  }
})
