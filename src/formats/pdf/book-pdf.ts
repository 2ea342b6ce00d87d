/**
 * The book's PDF. Chromium has no `target-counter()`, so the page numbers
 * of the contents come from a first print: the body (articles and colophon,
 * numbered from 1) is printed once and each article's start page read from
 * the outline Chromium writes for its headings; then the front matter
 * (cover, title page, contents with those numbers) is printed and put in
 * front with pdf-lib, its structure tree with it (prepend-pages.ts). The
 * body is printed only once, whatever its length.
 */
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {toHtml} from 'hast-util-to-html'
import {PDFDict, PDFDocument, PDFHexString, PDFName, PDFString} from 'pdf-lib'
import type {Paper} from '../../paper.ts'
import {IMPRINT_VERSION} from '../../version.ts'
import type {PdfPrinter} from './printer.ts'
import {readOutline, savePdf, setFacts, setOutline, setPageLabels, type OutlineEntry, type PdfFacts} from './finish-pdf.ts'
import {fontRoots} from '../../fonts.ts'
import {STYLES_DIR, TEMPLATES_DIR} from '../../render/template.ts'
import type {Book} from '../../books/book.ts'
import type {Cover} from '../../books/cover.ts'
import {bookLabels} from '../../books/labels.ts'
import {imposeBooklet} from './impose-booklet.ts'
import {prependPages} from './prepend-pages.ts'
import {CONTENTS_LINK, renderBookBody, renderBookFront} from '../../books/render-book.ts'

export interface PrintBookOptions {
  readonly paper: Paper
  readonly tempDir: string
  /** Awaited once the body is printed: the cover is made meanwhile. */
  readonly cover: Promise<Cover>
  /** The stamp of the file: SOURCE_DATE_EPOCH or the book's date. */
  readonly date: Date
  readonly onBlocked?: (url: string) => void
}

export interface PrintedBook {
  readonly pdf: Uint8Array
  /** The same PDF, loaded: the booklet is imposed from it without parsing the file again. */
  readonly document: PDFDocument
}

export async function printBook(printer: PdfPrinter, book: Book, options: PrintBookOptions): Promise<PrintedBook> {
  const roots = [options.tempDir, STYLES_DIR, TEMPLATES_DIR, ...fontRoots(), ...new Set(book.articles.map((article) => path.dirname(article.path)))]
  const print = (html: string, extraRoots: readonly string[] = []) =>
    printer.print(html, {allowedRoots: [...roots, ...extraRoots], onBlocked: options.onBlocked})

  const body = await PDFDocument.load(await print(toHtml(renderBookBody(book, options.paper))), {updateMetadata: false})
  const starts = findStarts(book, readOutline(body))
  const cover = await options.cover

  const front = await PDFDocument.load(
    await print(
      toHtml(
        renderBookFront(book, {
          paper: options.paper,
          coverUrl: pathToFileURL(cover.path).href,
          pages: starts.articles.map((index) => index + 1),
          colophonPage: starts.colophon + 1
        })
      ),
      [path.dirname(cover.path)]
    ),
    {updateMetadata: false}
  )
  const offset = prependPages(body, front)
  const labels = bookLabels(book.lang)
  const outline: OutlineEntry[] = [
    ...book.articles.map((article, index) => ({title: article.meta.title, pageIndex: offset + starts.articles[index]!})),
    {title: labels.colophon, pageIndex: offset + starts.colophon}
  ]
  setOutline(body, outline)
  linkContents(body, offset, outline.map((entry) => entry.pageIndex))
  setPageLabels(body, offset)
  setFacts(body, {...bookFacts(book, options.date), headings: outline.map((entry) => entry.title)})
  return {pdf: await savePdf(body), document: body}
}

/**
 * The contents' entries were printed as links to placeholders (see
 * CONTENTS_LINK), since their pages were in another document: point each
 * at its page now, as a GoTo action (PDF 32000-1 §12.6.4.2). The annotation
 * itself stays, and with it its place in the structure tree.
 */
function linkContents(pdf: PDFDocument, frontCount: number, targets: readonly number[]): void {
  const pages = pdf.getPages()
  let linked = 0
  for (const page of pages.slice(0, frontCount)) {
    const annots = page.node.Annots()
    for (let at = 0; at < (annots?.size() ?? 0); at++) {
      const annot = annots!.lookupMaybe(at, PDFDict)
      const uri = annot?.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'))
      if (!(uri instanceof PDFString || uri instanceof PDFHexString)) continue
      const text = uri.decodeText()
      if (!text.startsWith(CONTENTS_LINK)) continue
      const target = pages[targets[Number(text.slice(CONTENTS_LINK.length))] ?? -1]
      if (!target) throw new Error(`the printed contents link to ${text}, which names no entry`)
      annot!.set(PDFName.of('A'), pdf.context.obj({S: 'GoTo', D: [target.ref, 'XYZ', null, null, null]}))
      linked++
    }
  }
  // Chromium writes a link annotation for every <a href>: none means links were lost.
  if (linked === 0) throw new Error('the printed contents have no links')
}

/**
 * Match the outline's entries, in document order, to the articles' headlines
 * and then the colophon's heading. Sub-headings in between are skipped.
 * Chromium drops the space where a headline wraps and writes right-to-left
 * headlines in visual order (words reversed), so titles are compared by
 * their letters alone, in any order.
 */
function findStarts(book: Book, outline: readonly OutlineEntry[]): {articles: number[]; colophon: number} {
  const wanted = [...book.articles.map((article) => article.meta.title), bookLabels(book.lang).colophon]
  const found: number[] = []
  let position = 0
  for (const title of wanted) {
    const key = squeeze(title)
    while (position < outline.length && squeeze(outline[position]!.title) !== key) position++
    const entry = outline[position]
    if (!entry) throw new Error(`cannot find where “${title}” starts in the printed book: no outline entry for its heading`)
    found.push(entry.pageIndex)
    position++
  }
  return {articles: found.slice(0, -1), colophon: found.at(-1)!}
}

function squeeze(text: string): string {
  return [...text.normalize('NFC').replace(/[\s\u00ad\u200b-\u200f\u2060\ufeff]+/g, '')].sort().join('')
}

function bookFacts(book: Book, date: Date): Omit<PdfFacts, 'headings'> {
  return {
    title: book.title,
    author: book.editors.length > 0 ? book.editors.join(', ') : book.publisher,
    subject: book.subtitle,
    keywords: [...new Set(book.articles.flatMap((article) => (article.meta.publisher ? [article.meta.publisher] : [])))],
    lang: book.lang,
    date,
    creator: `imprint ${IMPRINT_VERSION}`
  }
}

/** The book's booklet, imposed from its PDF: the document just printed, or the file in place. */
export function makeBookBooklet(book: Book, pdf: Uint8Array | PDFDocument, date: Date): Promise<Uint8Array> {
  return imposeBooklet(pdf, {title: `${book.title} (booklet)`, date, creator: `imprint ${IMPRINT_VERSION}`})
}
