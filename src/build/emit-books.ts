/**
 * emit, books: once every article a book collects is prepared, make the
 * book's parts the cache does not have: the cover (the user's image, or
 * one the printer draws), the EPUB, the PDF and its booklet. The formats
 * print and pack; this only decides what is made from what, and when.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Article} from '../article.ts'
import {errorReason, report} from '../messages.ts'
import type {Book} from '../books/book.ts'
import type {Cover} from '../books/cover.ts'
import {collectBook} from '../books/plan-books.ts'
import {makeBookEpub} from '../formats/epub/book-epub.ts'
import {makeBookBooklet, printBook} from '../formats/pdf/book-pdf.ts'
import {drawCover} from '../formats/pdf/cover-image.ts'
import {forgetFolder, trackFolder} from '../formats/pdf/interrupt.ts'
import type {PdfPrinter} from '../formats/pdf/printer.ts'
import {readBounded} from '../load/read-bounded.ts'
import {bookFileName, type BookPart} from '../output-names.ts'
import type {BuildCache} from './cache.ts'
import {fixedDate} from './dates.ts'
import {bookPartFormat, writeOutput, type Output, type Target} from './outputs.ts'
import {buildable, settleBook, type BookPlan, type BuildSettings} from './plan.ts'

export interface BookContext {
  readonly settings: BuildSettings
  readonly cache: BuildCache
  /** The build's one Chromium: generated covers and PDFs. */
  readonly printer?: PdfPrinter
  /** A folder of the build's own for covers and the like, removed after it. */
  readonly tempDir: string
}

/** Make a book from its prepared articles (by source path) and their content keys; a failure is an error on the book's file. */
export async function emitBook(plan: BookPlan, articles: ReadonlyMap<string, Article>, contentKeys: ReadonlyMap<string, string>, context: BookContext): Promise<Output[]> {
  const {planned} = plan
  const book = collectBook(planned, articles)
  if (!book || !buildable(planned)) return []
  // A book whose articles were not all cached is keyed now that they are prepared.
  const {kept, todo} = plan.todo
    ? {kept: [], todo: plan.todo}
    : await settleBook(context.cache, context.settings, planned, plan.parts, planned.selected.map((candidate) => contentKeys.get(candidate.path)!))
  const made: Output[] = []
  const onBlocked = (url: string) => report(planned.file, 'blocked-request', `blocked a request for ${url} while printing the book`)
  try {
    await makeParts(book, todo, {...context, onBlocked}, async (target, data) => {
      const file = path.join(context.settings.outDir, target.name)
      made.push(await writeOutput(bookPartFormat(target.part), file, data, target.key, context.cache))
    })
  } catch (error) {
    report(planned.file, 'book-failed', `book “${book.title}”: ${errorReason(error)}`)
  }
  return [...kept, ...made]
}

type Write = (target: Target<BookPart>, data: Uint8Array) => Promise<void>

async function makeParts(book: Book, todo: ReadonlyMap<BookPart, Target<BookPart>>, context: BookContext & {onBlocked: (url: string) => void}, write: Write): Promise<void> {
  const {settings, printer, tempDir: folder} = context
  const date = fixedDate(book.date, settings.epoch)
  // The cover goes into the EPUB and the PDF: made when it is to make, else
  // taken from its place. The PDF needs it only for its front matter, after
  // the long print of the body: the two are made side by side.
  const cover = todo.has('cover')
    ? makeCover(book, printer, settings, folder)
    : todo.has('epub') || todo.has('pdf')
      ? coverInPlace(book, settings.outDir, folder)
      : undefined
  // Its failure is reported by the work that uses it; this only keeps it from counting as unhandled meanwhile.
  cover?.catch(() => {})
  const part = (name: BookPart) => todo.get(name)!
  const work: Promise<void>[] = []
  if (cover && todo.has('cover')) work.push(cover.then((made) => write(part('cover'), made.data)))
  if (cover && todo.has('epub')) work.push(cover.then((made) => makeBookEpub(book, made, date)).then((bytes) => write(part('epub'), bytes)))
  if (cover && todo.has('pdf')) {
    if (!printer) throw new Error('the book PDF needs Chromium')
    work.push(
      (async () => {
        const {pdf, document} = await printBook(printer, book, {
          paper: settings.paper,
          tempDir: folder,
          cover,
          date,
          onBlocked: context.onBlocked
        })
        await write(part('pdf'), pdf)
        if (todo.has('booklet')) await write(part('booklet'), await makeBookBooklet(book, document, date))
      })()
    )
  } else if (todo.has('booklet')) {
    // `--booklet` over a PDF in place: impose it, no printing.
    const pdf = await readFile(path.join(settings.outDir, bookFileName(book.slug, 'pdf', book.cover)))
    work.push(makeBookBooklet(book, pdf, date).then((bytes) => write(part('booklet'), bytes)))
  }
  await Promise.all(work)
}

/** The user's cover as it is, or one the printer draws. */
async function makeCover(book: Book, printer: PdfPrinter | undefined, settings: BuildSettings, folder: string): Promise<Cover> {
  if (book.cover) {
    const mediaType = /\.png$/i.test(book.cover) ? 'image/png' : 'image/jpeg'
    // Checked when the config was read; read again as boundedly, since the file may have changed.
    const data = await readBounded(book.cover, {limit: 'image-size', value: settings.limits['image-size'], what: 'an image'})
    if (!(data instanceof Uint8Array)) throw new Error(`cover ${book.cover}: ${data.reason}`)
    return {path: book.cover, mediaType, data}
  }
  if (!printer) throw new Error('a generated cover needs Chromium; give the book a `cover:` image or let the build print')
  return drawCover(printer, book, {paper: settings.paper, tempDir: folder})
}

/**
 * The cover the output folder holds (the cache just vouched for it), copied
 * into the book's temporary folder: the PDF's print may read that folder,
 * and no other.
 */
async function coverInPlace(book: Book, outDir: string, folder: string): Promise<Cover> {
  const name = bookFileName(book.slug, 'cover', book.cover)
  const data = await readFile(path.join(outDir, name))
  const copy = path.join(folder, name)
  await writeFile(copy, data)
  return {path: copy, mediaType: name.endsWith('.png') ? 'image/png' : 'image/jpeg', data}
}

/**
 * A temporary folder for the books of one build, made when one is to be
 * made; an interrupted build removes it too.
 */
export async function openBookFolder(): Promise<{readonly path: string; close(): Promise<void>}> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'imprint-book-'))
  trackFolder(folder)
  return {
    path: folder,
    async close() {
      await rm(folder, {recursive: true, force: true})
      forgetFolder(folder)
    }
  }
}
