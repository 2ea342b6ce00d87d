/**
 * emit, books: once every article a book collects is prepared, make the
 * book's parts the cache does not have: the cover (the user's finished
 * art, or one the printer draws, with the user's photo or without), the
 * EPUB, the PDF and its booklet. The formats print and pack; this only
 * decides what is made from what, and when.
 */
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Article} from '../article.ts'
import {errorReason, report} from '../messages.ts'
import type {Book} from '../books/book.ts'
import {coverKind, imageSize, type Cover, type CoverArt} from '../books/cover.ts'
import {collectBook} from '../books/plan-books.ts'
import {makeBookEpub} from '../formats/epub/book-epub.ts'
import {printBook, type KeptParts} from '../formats/pdf/book-pdf.ts'
import {drawCover} from '../formats/pdf/cover-image.ts'
import {imposeBooklet} from '../formats/pdf/impose-booklet.ts'
import {forgetFolder, trackFolder} from '../formats/pdf/interrupt.ts'
import type {PdfPrinter} from '../formats/pdf/printer.ts'
import {readBounded} from '../load/read-bounded.ts'
import {bookFileName, type BookPart} from '../output-names.ts'
import {bookletOf, type Paper} from '../paper.ts'
import {IMPRINT_VERSION} from '../version.ts'
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
    // A kept part is keyed by its document and the content of the article it prints (an image can change under the same path).
    const partKey = (html: string, article?: string) => {
      const content = article === undefined ? '' : contentKeys.get(article)
      return content === undefined ? undefined : context.cache.key('book-part', html, content)
    }
    const kept: KeptParts = {
      load: async (html, article) => {
        const key = partKey(html, article)
        return key === undefined ? undefined : context.cache.loadObject(key)
      },
      keep: async (html, article, pdf) => {
        const key = partKey(html, article)
        if (key !== undefined) await context.cache.keepObject(key, pdf)
      }
    }
    await makeParts(book, todo, {...context, onBlocked, kept}, async (target, data) => {
      const file = path.join(context.settings.outDir, target.name)
      made.push(await writeOutput(bookPartFormat(target.part), file, data, target.key, context.cache))
    })
  } catch (error) {
    report(planned.file, 'book-failed', `book “${book.title}”: ${errorReason(error)}`)
  }
  return [...kept, ...made]
}

type Write = (target: Target<BookPart>, data: Uint8Array) => Promise<void>

async function makeParts(book: Book, todo: ReadonlyMap<BookPart, Target<BookPart>>, context: BookContext & {onBlocked: (url: string) => void; kept: KeptParts}, write: Write): Promise<void> {
  const {settings, printer, tempDir} = context
  const date = fixedDate(book.date, settings.epoch)
  const art = book.cover ? await readCoverArt(book.cover, settings) : undefined
  const kind = coverKind(art, settings.paper)
  const draw = (paper: Paper, image: boolean, pdf: boolean) => {
    if (!printer) throw new Error('a drawn cover needs Chromium; give the book a `cover:` image with a cover\'s proportions, or let the build print')
    return drawCover(printer, book, {paper, tempDir, kind, art, image, pdf})
  }
  // The cover's image (the EPUB's and the site's) and the PDF's first page are drawn together when both are to make.
  const drawn = todo.has('cover') && kind !== 'artwork' ? draw(settings.paper, true, todo.has('pdf')) : undefined
  // Its failure is reported by the work that uses it; this only keeps it from counting as unhandled meanwhile.
  drawn?.catch(() => {})
  const image = (): Promise<Cover> =>
    kind === 'artwork' ? Promise.resolve(art!) : drawn ? drawn.then((made) => made.image!) : coverInPlace(book, settings.outDir)
  const coverPage = (paper: Paper): Promise<Uint8Array> =>
    drawn && paper === settings.paper && todo.has('pdf') ? drawn.then((made) => made.pdf!) : draw(paper, false, true).then((made) => made.pdf!)
  const print = (paper: Paper) => {
    if (!printer) throw new Error('the book PDF needs Chromium')
    return printBook(printer, book, {paper, tempDir, cover: coverPage(paper), date, onBlocked: context.onBlocked, kept: context.kept})
  }

  const part = (name: BookPart) => todo.get(name)!
  const work: Promise<void>[] = []
  if (todo.has('cover')) work.push(image().then((made) => write(part('cover'), made.data)))
  if (todo.has('epub')) work.push(image().then((made) => makeBookEpub(book, made, date)).then((bytes) => write(part('epub'), bytes)))
  if (todo.has('pdf') || todo.has('booklet')) {
    work.push(
      (async () => {
        const printed = todo.has('pdf') ? await print(settings.paper) : undefined
        if (printed) await write(part('pdf'), printed.pdf)
        if (!todo.has('booklet')) return
        // A booklet's pages are half its sheet: the book is printed again at that size, unless it was printed at it.
        const {sheet, page} = bookletOf(settings.paper)
        const pages =
          page !== settings.paper
            ? (await print(page)).document
            : (printed?.document ?? (await readFile(path.join(settings.outDir, bookFileName(book.slug, 'pdf', book.cover)))))
        await write(part('booklet'), await imposeBooklet(pages, {title: `${book.title} (booklet)`, date, creator: `imprint ${IMPRINT_VERSION}`, sheet, rtl: book.dir === 'rtl'}))
      })()
    )
  }
  await Promise.all(work)
}

/** The user's `cover:` image, with its size; a file that is no PNG or JPEG is refused here, by name. */
async function readCoverArt(file: string, settings: BuildSettings): Promise<CoverArt> {
  // Checked when the config was read; read again as boundedly, since the file may have changed.
  const data = await readBounded(file, {limit: 'image-size', value: settings.limits['image-size'], what: 'an image'})
  if (!(data instanceof Uint8Array)) throw new Error(`the cover \`${file}\`: ${data.reason}`)
  const size = imageSize(data)
  if (!size) throw new Error(`the cover \`${file}\` is not a PNG or JPEG image`)
  const mediaType = data[0] === 0x89 ? 'image/png' : 'image/jpeg'
  return {path: file, mediaType, data, ...size}
}

/** The cover image the output folder holds (the cache just vouched for it). */
async function coverInPlace(book: Book, outDir: string): Promise<Cover> {
  const name = bookFileName(book.slug, 'cover', book.cover)
  return {path: path.join(outDir, name), mediaType: name.endsWith('.png') ? 'image/png' : 'image/jpeg', data: await readFile(path.join(outDir, name))}
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
