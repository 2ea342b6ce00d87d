/**
 * Collected books, from already-normalized articles: plan them (which
 * articles, in which order, and no slug that would overwrite another
 * output), then write `<slug>.epub`, `<slug>.pdf`, the cover and, on
 * request, `<slug>-booklet.pdf`: those of them the build's cache does not
 * have. Callable on its own, with or without the per-article build: it
 * needs only the articles and a browser.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {toText} from 'hast-util-to-text'
import type {VFile} from 'vfile'
import type {ArticleMeta, Paper} from '../article.ts'
import {emitEpub, type EpubChapter} from '../formats/epub/pack-epub.ts'
import type {PdfPrinter} from '../formats/pdf/printer.ts'
import {imposeBooklet} from '../formats/pdf/impose-booklet.ts'
import type {PdfFacts} from '../formats/pdf/finish-pdf.ts'
import {epubFonts} from '../fonts.ts'
import {articleElement, renderArticle} from '../render/render-article.ts'
import {loadStyle} from '../render/template.ts'
import type {Book} from '../books/book.ts'
import {bookFileName, type BookPart} from '../books/book-keys.ts'
import {makeCover, type Cover} from '../books/cover.ts'
import {bookLabels} from '../books/labels.ts'
import {printBook} from '../formats/pdf/book-pdf.ts'
import {bookArticleId, renderColophon, renderTitlePage} from '../books/render-book.ts'
import type {BookResult} from '../books/plan-books.ts'

export interface BookBuildOptions {
  readonly outDir: string
  readonly paper: Paper
  /** The build's one Chromium: generated covers and PDFs. Without it, only EPUBs with a user cover (or a cover in place) are made. */
  readonly printer?: PdfPrinter
  /** The parts to make; the others are in place in the output folder. */
  readonly pending: (result: BookResult) => ReadonlySet<BookPart>
  /** Write a part and keep it under its key: the build's cache is no business of the book's. */
  readonly write: (result: BookResult, part: BookPart, data: Uint8Array) => Promise<void>
  /** The stamp of every output; from SOURCE_DATE_EPOCH or the book's date, never the clock. */
  readonly date: (book: Book) => Date
  readonly creator: string
}

/** Write every planned book's pending parts; a failure becomes a fatal message on that book's file. */
export async function buildBooks(results: readonly BookResult[], options: BookBuildOptions): Promise<void> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-book-'))
  try {
    await Promise.all(results.map((result) => (result.book && !hasFatal(result.file) ? buildBook(result, result.book, temp, options) : undefined)))
  } finally {
    await rm(temp, {recursive: true, force: true})
  }
}

async function buildBook(result: BookResult, book: Book, temp: string, options: BookBuildOptions): Promise<void> {
  const pending = options.pending(result)
  const date = options.date(book)
  const write = (part: BookPart, data: Uint8Array) => options.write(result, part, data)
  try {
    // The cover goes into the EPUB and the PDF: made when it is pending, else
    // taken from its place. The PDF needs it only for its front matter, after
    // the long print of the body: the two are made side by side.
    const cover = pending.has('cover')
      ? makeCover(options.printer, book, {paper: options.paper, tempDir: temp})
      : pending.has('epub') || pending.has('pdf')
        ? coverInPlace(book, options.outDir, temp)
        : undefined
    // Its failure is reported by the work that uses it; this only keeps it from counting as unhandled meanwhile.
    cover?.catch(() => {})
    const work: Promise<void>[] = []
    if (cover && pending.has('cover')) work.push(cover.then((made) => write('cover', made.data)))
    if (cover && pending.has('epub')) work.push(cover.then((made) => makeBookEpub(book, made, date)).then((bytes) => write('epub', bytes)))
    if (cover && pending.has('pdf')) {
      if (!options.printer) throw new Error('the book PDF needs Chromium')
      const printer = options.printer
      work.push(
        (async () => {
          const {pdf, document} = await printBook(printer, book, {
            paper: options.paper,
            tempDir: temp,
            cover,
            facts: bookFacts(book, date, options.creator),
            onBlocked: (url) => result.file.message(`blocked a request for ${url} while printing the book`, {ruleId: 'blocked-request', source: 'imprint'})
          })
          await write('pdf', pdf)
          if (pending.has('booklet')) await write('booklet', await imposeBooklet(document, {title: `${book.title} (booklet)`, date, creator: options.creator}))
        })()
      )
    } else if (pending.has('booklet')) {
      // `--booklet` over a PDF in place: impose it, no printing.
      const pdf = await readFile(path.join(options.outDir, bookFileName(book.slug, 'pdf', book.cover)))
      work.push(imposeBooklet(pdf, {title: `${book.title} (booklet)`, date, creator: options.creator}).then((bytes) => write('booklet', bytes)))
    }
    await Promise.all(work)
  } catch (error) {
    const message = result.file.message(`book “${book.title}”: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {
      ruleId: 'book-failed',
      source: 'imprint'
    })
    message.fatal = true
  }
}

function makeBookEpub(book: Book, cover: Cover, date: Date): Promise<Uint8Array> {
  const chapters = bookChapters(book)
  // The fonts of every script the book's text uses, subset as for one article.
  const fonts = epubFonts(chapters.map((chapter) => `${chapter.title}\n${toText(chapter.body)}`).join('\n'))
  return emitEpub({
    meta: bookMeta(book),
    notice: [],
    description: book.subtitle ?? book.articles.map((article) => article.meta.title).join(' · '),
    chapters,
    creatorRole: 'edt',
    css: [fonts.css, loadStyle('base.css'), loadStyle('epub.css'), loadStyle('book.css')].join('\n'),
    resources: fonts.fonts,
    cover: {href: `images/cover.${cover.mediaType === 'image/png' ? 'png' : 'jpg'}`, mediaType: cover.mediaType, data: cover.data},
    modified: date
  })
}

/**
 * The cover the output folder holds (the cache just vouched for it), copied
 * into the book's temporary folder: the PDF's print may read that folder,
 * and no other.
 */
async function coverInPlace(book: Book, outDir: string, temp: string): Promise<Cover> {
  const name = bookFileName(book.slug, 'cover', book.cover)
  const data = await readFile(path.join(outDir, name))
  const copy = path.join(temp, name)
  await writeFile(copy, data)
  return {path: copy, mediaType: name.endsWith('.png') ? 'image/png' : 'image/jpeg', data}
}

function bookFacts(book: Book, date: Date, creator: string): Omit<PdfFacts, 'headings'> {
  return {
    title: book.title,
    author: book.editors.length > 0 ? book.editors.join(', ') : book.publisher,
    subject: book.subtitle,
    keywords: [...new Set(book.articles.flatMap((article) => (article.meta.publisher ? [article.meta.publisher] : [])))],
    lang: book.lang,
    date,
    creator
  }
}

/** Title page, one chapter per article (each with its own lang and dir), colophon. */
function bookChapters(book: Book): EpubChapter[] {
  return [
    {id: 'title-page', title: book.title, lang: book.lang, dir: book.dir, body: renderTitlePage(book), landmark: 'titlepage'},
    ...book.articles.map((article, index): EpubChapter => ({
      id: bookArticleId(article),
      title: article.meta.title,
      lang: article.meta.lang,
      dir: article.meta.dir,
      body: articleElement(renderArticle(article, {target: 'epub'})),
      landmark: index === 0 ? 'bodymatter' : undefined
    })),
    {id: 'colophon', title: bookLabels(book.lang).colophon, lang: book.lang, dir: book.dir, body: renderColophon(book), landmark: 'backmatter'}
  ]
}

function bookMeta(book: Book): ArticleMeta {
  return {
    title: book.title,
    subtitle: book.subtitle,
    bylines: book.editors,
    date: book.date,
    lang: book.lang,
    dir: book.dir,
    publisher: book.publisher,
    rights: book.rights,
    identifier: book.identifier
  }
}

function hasFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}
