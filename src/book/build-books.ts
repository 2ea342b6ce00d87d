/**
 * Collected books, from already-normalized articles: plan them (which
 * articles, in which order, and no slug that would overwrite another
 * output), then write `<slug>.epub`, `<slug>.pdf`, the cover and, on
 * request, `<slug>-booklet.pdf`. Callable on its own, with or without the
 * per-article build: it needs only the articles and a browser.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {toText} from 'hast-util-to-text'
import type {VFile} from 'vfile'
import type {ArticleMeta, Format, Paper} from '../article.ts'
import type {Output} from '../build.ts'
import {emitEpub, type EpubChapter} from '../emit/emit-epub.ts'
import type {PdfPrinter} from '../emit/emit-pdf.ts'
import {imposeBooklet} from '../emit/impose-booklet.ts'
import {writeAtomic} from '../emit/write-atomic.ts'
import {epubFonts} from '../fonts.ts'
import {articleElement, renderArticle} from '../render/render-article.ts'
import {loadStyle} from '../render/template.ts'
import type {Book} from './book.ts'
import {makeCover} from './cover.ts'
import {bookLabels} from './labels.ts'
import {printBook} from './print-book.ts'
import {bookArticleId, renderColophon, renderTitlePage} from './render-book.ts'
import type {BookResult} from './plan-books.ts'


export interface BookBuildOptions {
  readonly outDir: string
  readonly formats: readonly Format[]
  readonly paper: Paper
  readonly booklet?: boolean
  /** The build's one Chromium: covers and PDFs. Without it, only EPUBs with a user cover are made. */
  readonly printer?: PdfPrinter
  /** The stamp of every output; from SOURCE_DATE_EPOCH or the book's date, never the clock. */
  readonly date: (book: Book) => Date
  readonly creator: string
}

/** Write every planned book; a failure becomes a fatal message on that book's file. */
export async function buildBooks(results: readonly BookResult[], options: BookBuildOptions): Promise<void> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-book-'))
  try {
    await Promise.all(results.map((result) => (result.book && !hasFatal(result.file) ? buildBook(result, result.book, temp, options) : undefined)))
  } finally {
    await rm(temp, {recursive: true, force: true})
  }
}

async function buildBook(result: BookResult, book: Book, temp: string, options: BookBuildOptions): Promise<void> {
  const formats = new Set(options.formats)
  const date = options.date(book)
  const write = async (format: Output['format'], name: string, data: Uint8Array) => {
    const target = path.join(options.outDir, name)
    await writeAtomic(target, data)
    result.outputs.push({format, path: target, bytes: data.byteLength, state: 'built'})
  }
  try {
    const cover = await makeCover(options.printer, book, {paper: options.paper, tempDir: temp})
    const coverName = `${book.slug}-cover.${cover.mediaType === 'image/png' ? 'png' : 'jpg'}`
    const work: Promise<void>[] = [write('image', coverName, cover.data)]
    if (formats.has('epub')) {
      const chapters = bookChapters(book)
      // The fonts of every script the book's text uses, subset as for one article.
      const fonts = epubFonts(chapters.map((chapter) => `${chapter.title}\n${toText(chapter.body)}`).join('\n'))
      work.push(
        emitEpub({
          meta: bookMeta(book),
          notice: [],
          description: book.subtitle ?? book.articles.map((article) => article.meta.title).join(' · '),
          chapters,
          creatorRole: 'edt',
          css: [fonts.css, loadStyle('base.css'), loadStyle('epub.css'), loadStyle('book.css')].join('\n'),
          resources: fonts.fonts,
          cover: {href: `images/cover.${cover.mediaType === 'image/png' ? 'png' : 'jpg'}`, mediaType: cover.mediaType, data: cover.data},
          modified: date
        }).then((bytes) => write('epub', `${book.slug}.epub`, bytes))
      )
    }
    if (formats.has('pdf')) {
      if (!options.printer) throw new Error('the book PDF needs Chromium')
      const printer = options.printer
      work.push(
        (async () => {
          const facts = {
            title: book.title,
            author: book.editors.length > 0 ? book.editors.join(', ') : book.publisher,
            subject: book.subtitle,
            keywords: [...new Set(book.articles.flatMap((article) => (article.meta.publisher ? [article.meta.publisher] : [])))],
            lang: book.lang,
            date,
            creator: options.creator
          }
          const pdf = await printBook(printer, book, {
            paper: options.paper,
            tempDir: temp,
            cover,
            facts,
            onBlocked: (url) => result.file.message(`blocked a request for ${url} while printing the book`, {ruleId: 'blocked-request', source: 'imprint'})
          })
          await write('pdf', `${book.slug}.pdf`, pdf)
          if (options.booklet) {
            await write('pdf', `${book.slug}-booklet.pdf`, await imposeBooklet(pdf, {title: `${book.title} (booklet)`, date, creator: options.creator}))
          }
        })()
      )
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
