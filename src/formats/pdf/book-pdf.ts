/**
 * The book's PDF, printed in parts and joined (join-pages.ts): the cover
 * and its blank back, the title page and its verso, the contents, each
 * article, the colophon. Every part opens on a recto: a part that ends
 * on a recto is followed by a blank verso, without folio or running head,
 * as books are made. Chromium can neither break to a recto within one
 * document nor refer to a page number (`target-counter()`), so each part is
 * printed on its own, numbered from the folio the parts before it end at;
 * the front matter comes last, when every folio its contents list is known.
 * The body is printed once, whatever its length.
 */
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import {PDFDict, PDFDocument, PDFHexString, PDFName, PDFString} from 'pdf-lib'
import type {Paper} from '../../paper.ts'
import {IMPRINT_VERSION} from '../../version.ts'
import type {PdfPrinter} from './printer.ts'
import {savePdf, setFacts, setOutline, setPageLabels, type OutlineEntry, type PdfFacts} from './finish-pdf.ts'
import {fontRoots} from '../../fonts.ts'
import {STYLES_DIR, TEMPLATES_DIR} from '../../render/template.ts'
import type {Book} from '../../books/book.ts'
import {addBlankPage, appendPages} from './join-pages.ts'
import {CONTENTS_LINK, renderBookArticle, renderBookColophon, renderBookContents, renderBookTitle} from '../../books/render-book.ts'

export interface PrintBookOptions {
  readonly paper: Paper
  readonly tempDir: string
  /** The cover as a one-page PDF at the same paper (cover-image.ts), awaited once the body is printed. */
  readonly cover: Promise<Uint8Array>
  /** The stamp of the file: SOURCE_DATE_EPOCH or the book's date. */
  readonly date: Date
  readonly onBlocked?: (url: string) => void
  /** Parts printed by an earlier build, by their document and the article they print (none for the others). */
  readonly kept?: KeptParts
}

/**
 * The printed parts of earlier builds. An edit to one article of a long
 * book reprints that article's part and the parts whose first folio it
 * moved; the others come from here, as Chromium printed them.
 */
export interface KeptParts {
  load(html: string, article?: string): Promise<Uint8Array | undefined>
  keep(html: string, article: string | undefined, pdf: Uint8Array): Promise<void>
}

export interface PrintedBook {
  readonly pdf: Uint8Array
  /** The same PDF, loaded: a booklet is imposed from it without parsing the file again. */
  readonly document: PDFDocument
}

export async function printBook(printer: PdfPrinter, book: Book, options: PrintBookOptions): Promise<PrintedBook> {
  const roots = [options.tempDir, STYLES_DIR, TEMPLATES_DIR, ...fontRoots(), ...new Set(book.articles.map((article) => path.dirname(article.path)))]
  const print = async (document: Parameters<typeof toHtml>[0], article?: string) => {
    const html = toHtml(document)
    let bytes = await options.kept?.load(html, article)
    if (!bytes) {
      bytes = await printer.print(html, {allowedRoots: roots, onBlocked: options.onBlocked})
      await options.kept?.keep(html, article, bytes)
    }
    return PDFDocument.load(bytes, {updateMetadata: false})
  }
  const {paper} = options
  // The cover is drawn meanwhile; its failure surfaces where it is awaited, not as an unhandled rejection before.
  options.cover.catch(() => {})

  // The body: each part from the folio the last one ended at, padded to end on a verso.
  const parts: PDFDocument[] = []
  const folios: number[] = []
  let folio = 1
  for (const article of [...book.articles, undefined]) {
    folios.push(folio)
    const part = article
      ? await print(renderBookArticle(book, article, {paper, firstFolio: folio}), article.path)
      : await print(renderBookColophon(book, {paper, firstFolio: folio}))
    if (article && part.getPageCount() % 2 === 1) addBlankPage(part)
    folio += part.getPageCount()
    parts.push(part)
  }
  const front = [
    await print(renderBookTitle(book, paper)),
    await print(renderBookContents(book, {paper, pages: folios.slice(0, -1), colophonPage: folios.at(-1)!}))
  ]
  for (const part of front) if (part.getPageCount() % 2 === 1) addBlankPage(part)

  // The cover and its blank back, then the rest, each part's structure with it.
  const pdf = await PDFDocument.load(await options.cover, {updateMetadata: false})
  addBlankPage(pdf)
  const [title, contents] = front
  appendPages(pdf, title!, 'title-')
  const contentsStart = pdf.getPageCount()
  appendPages(pdf, contents!, 'contents-')
  const bodyStart = pdf.getPageCount()
  parts.forEach((part, index) => appendPages(pdf, part, `part${index + 1}-`))

  const outline: OutlineEntry[] = [
    ...book.articles.map((article, index) => ({title: article.meta.title, pageIndex: bodyStart + folios[index]! - 1})),
    {title: book.labels.colophon, pageIndex: bodyStart + folios.at(-1)! - 1}
  ]
  setOutline(pdf, outline)
  linkContents(pdf, contentsStart, bodyStart, outline.map((entry) => entry.pageIndex))
  setPageLabels(pdf, bodyStart)
  setFacts(pdf, {...bookFacts(book, options.date), headings: outline.map((entry) => entry.title)})
  return {pdf: await savePdf(pdf), document: pdf}
}

/**
 * The contents' entries were printed as links to placeholders (see
 * CONTENTS_LINK), since their pages were in another document: point each
 * at its page now, as a GoTo action (PDF 32000-1 §12.6.4.2). The annotation
 * itself stays, and with it its place in the structure tree.
 */
function linkContents(pdf: PDFDocument, from: number, to: number, targets: readonly number[]): void {
  const pages = pdf.getPages()
  let linked = 0
  for (const page of pages.slice(from, to)) {
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

function bookFacts(book: Book, date: Date): Omit<PdfFacts, 'headings'> {
  return {
    title: book.title,
    // The editors, or the one publisher the book has; never one of several.
    author: book.editors.length > 0 ? book.editors.join(', ') : book.publisher,
    subject: book.subtitle,
    keywords: [...new Set(book.articles.flatMap((article) => (article.meta.publisher ? [article.meta.publisher] : [])))],
    lang: book.lang,
    date,
    creator: `imprint ${IMPRINT_VERSION}`
  }
}
