/**
 * emit: prepared articles -> their files, and the books that collect them.
 *
 * The web pages and EPUBs are Node's work, the PDFs the browser's: two
 * queues run side by side, each bounded, and each article's files are
 * queued as soon as it is prepared, so printing starts with the first
 * article and each PDF is written and dropped as soon as it is printed. A
 * book is made once the last article it collects is prepared; its long
 * print keeps a core busy while the articles' short ones share the other.
 */
import path from 'node:path'
import type {Article, Format} from '../article.ts'
import {errorReason, report} from '../messages.ts'
import {limitReason} from '../readers/depth.ts'
import {Slots} from '../concurrency.ts'
import {makeArticleBooklet, makeArticlePdf} from '../formats/pdf/article-pdf.ts'
import {articleCoverFacts, drawArticleCover} from '../formats/pdf/cover-image.ts'
import type {PdfPrinter} from '../formats/pdf/printer.ts'
import {reportBlocked} from '../formats/pdf/request-origin.ts'
import type {ArticleFile} from '../output-names.ts'
import type {Listing} from '../site/listing.ts'
import type {BuildCache} from './cache.ts'
import {fixedDate} from './dates.ts'
import {emitBook, openBookFolder} from './emit-books.ts'
import {writeOutput, type Output, type Target} from './outputs.ts'
import {hasWork, settleArticle, type BookPlan, type BuildPlan} from './plan.ts'
import type {Prepared} from './prepare.ts'
import type {Workers} from './workers.ts'

/** Web pages and EPUBs made at once (in place, or handed to the worker threads). */
const NODE_JOBS = 2

export interface EmitContext {
  readonly cache: BuildCache
  readonly workers: Workers
  readonly printer?: PdfPrinter
  /** Called as articles finish, for a progress display. */
  readonly onProgress?: (progress: Progress) => void
}

export interface Progress {
  /** Articles whose outputs are all written. */
  readonly done: number
  /** Articles with anything to write in this build. */
  readonly total: number
  /** The article that just finished. */
  readonly current?: string
}

export interface Emitted {
  /** The files each article made or restored once it was prepared, by source path. */
  readonly articles: ReadonlyMap<string, readonly Output[]>
  /** The files of each book, in place or made. */
  readonly books: ReadonlyMap<BookPlan, readonly Output[]>
  /** What the site shows of each article prepared in this build, by source path. */
  readonly listings: ReadonlyMap<string, Listing>
}

export async function emit(plan: BuildPlan, prepared: AsyncIterable<Prepared>, context: EmitContext): Promise<Emitted> {
  const books = plan.books.filter(hasWork)
  // The books' covers and front matter are made in a folder of their own.
  const folder = books.length > 0 ? await openBookFolder() : undefined
  try {
    return await emitAll(plan, prepared, books, folder?.path, context)
  } finally {
    await folder?.close()
  }
}

async function emitAll(plan: BuildPlan, stream: AsyncIterable<Prepared>, books: readonly BookPlan[], folder: string | undefined, context: EmitContext): Promise<Emitted> {
  const {settings} = plan
  const articles = new Map<string, readonly Output[]>()
  const listings = new Map<string, Listing>()
  const bookOutputs = new Map<BookPlan, readonly Output[]>(plan.books.map((book) => [book, book.kept]))
  const collected = new Set(books.flatMap((book) => book.planned.selected.map((candidate) => candidate.path)))
  const queues: Queues = {node: new Slots(NODE_JOBS), print: new Slots((context.printer?.concurrency ?? 1) + 1)}

  const busy = new Set(plan.articles.filter((article) => (article.todo ? article.todo.size > 0 : article.prepare && plan.articleFormats.length > 0)))
  let done = 0
  context.onProgress?.({done, total: busy.size})

  const held = new Map<string, Article>()
  const contentKeys = new Map<string, string>()
  const waiting = new Set(books)
  const jobs: Array<Promise<unknown>> = []
  /** Start each waiting book whose articles are all in; `final`: every book left, which reports what it lacks. */
  const startBooks = (final: boolean) => {
    for (const book of waiting) {
      if (!final && !book.planned.selected.every((candidate) => held.has(candidate.path))) continue
      waiting.delete(book)
      const bookContext = {settings, cache: context.cache, printer: context.printer, tempDir: folder!}
      jobs.push(emitBook(book, held, contentKeys, bookContext).then((made) => bookOutputs.set(book, [...book.kept, ...made])))
    }
  }

  for await (const prepared of stream) {
    const {plan: article} = prepared
    const at = article.source.file.path
    listings.set(at, prepared.listing)
    const job = emitArticle(prepared, plan, queues, context)
      .then((outputs) => {
        articles.set(at, outputs)
        if (busy.has(article)) context.onProgress?.({done: ++done, total: busy.size, current: article.source.slug})
      })
      .finally(prepared.release)
    jobs.push(job)
    if (collected.has(at)) {
      held.set(at, prepared.article)
      contentKeys.set(at, prepared.contentKey)
      startBooks(false)
    }
  }
  // Books one of whose articles failed: collecting them reports which.
  startBooks(true)
  await Promise.all(jobs)
  return {articles, books: bookOutputs, listings}
}

/**
 * An article's EPUB cover, or nothing (with a warning) when the browser
 * cannot draw it. The drawing is kept under its facts' key, so the usual
 * edit, to the body, draws nothing (in `imprint dev`, one screenshot fewer
 * before the EPUB can be packed).
 */
async function drawCover(article: Article, context: EmitContext, queue: Slots, file: Prepared['plan']['source']['file']): Promise<Uint8Array | undefined> {
  try {
    const facts = articleCoverFacts(article)
    const key = context.cache.key('article-cover', JSON.stringify(facts))
    const kept = await context.cache.loadObject(key)
    if (kept) return kept
    const printer = context.printer
    if (!printer) throw new Error('no browser to draw it with')
    const drawn = await queue.run(() => drawArticleCover(printer, facts))
    await context.cache.keepObject(key, drawn)
    return drawn
  } catch (error) {
    report(file, 'cover-failed', `cover: ${errorReason(error)}; the EPUB is made without one`)
    return undefined
  }
}

interface Queues {
  readonly node: Slots
  readonly print: Slots
}

/** Settle the article's files when the plan could not (its parse was not cached), then make each one still to make. */
async function emitArticle(prepared: Prepared, plan: BuildPlan, queues: Queues, context: EmitContext): Promise<Output[]> {
  const {settings} = plan
  const {article, plan: articlePlan} = prepared
  const {file, slug} = articlePlan.source
  const {kept, todo} = articlePlan.todo
    ? {kept: [], todo: articlePlan.todo}
    : await settleArticle(context.cache, settings, slug, articlePlan.key, prepared.parts, plan.articleFormats)
  const date = fixedDate(article.meta.date, settings.epoch)
  const made: Output[] = []
  const write = async (format: Output['format'], target: Target<ArticleFile>, data: string | Uint8Array) => {
    made.push(await writeOutput(format, path.join(settings.outDir, target.name), data, target.key, context.cache))
  }
  // A failure is an error on the source: its other files, and the other articles, still build.
  const guard = (format: Format, work: () => Promise<void>) =>
    work().catch((error: unknown) => {
      const overBudget = limitReason(errorReason(error))
      if (overBudget) report(file, overBudget.rule, `${format.toUpperCase()}: ${overBudget.reason}`)
      else report(file, `${format}-failed`, `${format.toUpperCase()}: ${errorReason(error)}`)
    })

  const work: Array<Promise<void>> = []
  const html = todo.get('html')
  if (html) work.push(queues.node.run(() => guard('html', async () => write('html', html, await context.workers.makePage(article, settings.screen)))))
  const epub = todo.get('epub')
  const cover = todo.get('cover')
  // The cover is drawn in the browser's queue and waited for by the EPUB; without it, the EPUB is still made.
  const drawn = cover ? drawCover(article, context, queues.print, file) : undefined
  if (cover && drawn) work.push(drawn.then((bytes) => (bytes ? write('image', cover, bytes) : undefined)))
  if (epub) {
    work.push(
      (drawn ?? Promise.resolve(undefined)).then((bytes) =>
        queues.node.run(() => guard('epub', async () => write('epub', epub, await context.workers.makeEpub(article, date, settings.screen, bytes))))
      )
    )
  }
  // The handout and the booklet are two prints (the booklet's pages are smaller, and face): each takes its turn in the queue.
  const job = () => {
    if (!context.printer) throw new Error('no browser to print with')
    return {printer: context.printer, paper: settings.paper, date, onBlocked: (url: string, reason: string) => reportBlocked(file, article, url, reason)}
  }
  for (const [part, make] of [['pdf', makeArticlePdf], ['booklet', makeArticleBooklet]] as const) {
    const target = todo.get(part)
    if (target) work.push(queues.print.run(() => guard('pdf', async () => write('pdf', target, await make(article, job())))))
  }
  await Promise.all(work)
  return [...kept, ...made]
}
