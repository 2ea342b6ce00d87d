/**
 * build: content paths -> the output folder, in four phases.
 *
 *   plan     sources, config and cache -> what to make (plan.ts)
 *   prepare  the sources the plan names -> Articles, streamed (prepare.ts)
 *   emit     Articles -> each format's files, and the books (emit.ts)
 *   site     Articles' listings and output records -> the download site (write-site.ts)
 *
 * Each phase receives what the one before it decided and never reaches
 * back: a no-op build ends after the plan, having started no browser and
 * loaded none of the readers, formats or book modules. Problems in one source are
 * messages on its VFile, and the other sources still build; only the CLI
 * prints them.
 */
import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import type {BuildFlags} from '../cli/options.ts'
import type {PdfPrinter} from '../formats/pdf/printer.ts'
import {DEFAULT_EPUB_FONTS, DEFAULT_IMAGE_MAX} from '../formats/screen.ts'
import {ARTICLE_FILES, articleFileName, INDEX_FILE} from '../output-names.ts'
import {openCache, type BuildCache} from './cache.ts'
import {resolveEpoch} from './dates.ts'
import type {Emitted, Progress} from './emit.ts'
import {hasFatal} from '../messages.ts'
import type {Output} from './outputs.ts'
import {hasWork, planBuild, type BookPlan, type BuildPlan} from './plan.ts'
import {DEFAULT_LIMITS} from '../limits.ts'
import {writeSite} from './write-site.ts'

export type {Output} from './outputs.ts'
export type {Progress} from './emit.ts'

/**
 * What a build is asked to do. The command line sets the flags (their
 * meanings are in src/cli/options.ts, the one place each is written); code
 * that calls `build` gives the first four and any of the rest.
 */
export interface BuildOptions extends Pick<BuildFlags, 'inputs' | 'outDir' | 'formats' | 'paper'>, Partial<Omit<BuildFlags, 'inputs' | 'outDir' | 'formats' | 'paper'>> {
  /** PDF pages printed at once in the one browser. */
  readonly concurrency?: number
  /** Fixed time for reproducible outputs; defaults to SOURCE_DATE_EPOCH, then each article's date. */
  readonly sourceDateEpoch?: number
  /** Called as articles finish, for a progress display. */
  readonly onProgress?: (progress: Progress) => void
  /** Called with each launched Chromium's PID (supervisors, tests). */
  readonly onBrowser?: (pid: number) => void
  /**
   * A printer the caller keeps open from one build to the next (`imprint
   * dev`: one warm Chromium): the build prints in it and leaves it open.
   * Without one, the build opens its own when it has anything to print,
   * and closes it.
   */
  readonly printer?: PdfPrinter
}

export interface ArticleResult {
  readonly file: VFile
  readonly slug: string
  /** The headline, when the article could be read. */
  readonly title?: string
  readonly outputs: readonly Output[]
}

export interface BookResult {
  /** The config file, or a stand-in for `--book`: the book's messages are on it. */
  readonly file: VFile
  readonly slug: string
  readonly outputs: readonly Output[]
}

export interface BuildResult {
  readonly articles: readonly ArticleResult[]
  readonly books: readonly BookResult[]
  readonly index?: Output
  /** Every file of the download site: index.html, opds.xml, a page per book. */
  readonly site: readonly Output[]
  /** True when any source had a fatal problem or an output failed. */
  readonly failed: boolean
  /** Sources found, in every shard. */
  readonly found: number
  /** Milliseconds spent per phase, and in all. */
  readonly timings: Readonly<Record<string, number>>
  /** Worker threads that prepared sources or made pages and EPUBs; 0 when the main thread did all. */
  readonly workers: number
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings = new Timings()
  const outDir = path.resolve(options.outDir)
  const cache = await openCache({dir: options.cacheDir, disabled: options.noCache, outDir})
  const settings = {
    outDir,
    formats: [...new Set(options.formats)],
    paper: options.paper,
    booklet: options.booklet ?? false,
    allowRemote: options.allowRemote ?? false,
    limits: options.limits ?? DEFAULT_LIMITS,
    screen: {imageMax: options.imageMax ?? DEFAULT_IMAGE_MAX, fonts: options.epubFonts ?? DEFAULT_EPUB_FONTS},
    epoch: resolveEpoch(options.sourceDateEpoch)
  }
  // The cache restores outputs into the folder as the plan finds them.
  await mkdir(outDir, {recursive: true})
  const plan = await planBuild({inputs: options.inputs, settings, books: options.books, shard: options.shard, booksOnly: options.booksOnly, strict: options.strict}, cache)
  timings.lap('plan')

  const emitted = plan.articles.some((article) => article.prepare) || plan.books.some(hasWork) ? await makeOutputs(plan, options, cache, timings) : keptOutputs(plan)
  timings.lap('emit')

  const site = plan.site ? await writeSite(plan, emitted, cache) : []
  timings.lap('site')
  await cache.save()
  return result(plan, emitted, site, timings)
}

/**
 * prepare and emit. Their modules (the readers, the formats, Chromium's
 * driver) are loaded here, when there is work: a no-op build loads none.
 */
async function makeOutputs(plan: BuildPlan, options: BuildOptions, cache: BuildCache, timings: Timings): Promise<Made> {
  const [{emit}, {prepareArticles}, {openWorkers}] = await Promise.all([import('./emit.ts'), import('./prepare.ts'), import('./workers.ts')])
  // Chromium starts as soon as the plan shows a print: its launch overlaps
  // the preparing. A build with nothing to print never starts it.
  const own = options.printer ? undefined : await openPrinterFor(plan, options)
  const printer = options.printer ?? own
  const workers = openWorkers(nodeWork(plan), plan.settings.limits)
  try {
    const articles = prepareArticles(plan, {cache, workers, time: (work) => timings.time('prepare', work)})
    const emitted = await emit(plan, articles, {cache, workers, printer, onProgress: options.onProgress})
    return {...emitted, workers: workers.used()}
  } finally {
    // The browser shuts down while the site is written.
    const closing = own?.close()
    await Promise.all([workers.close(), closing])
  }
}

/** The emitted files, and the worker threads that did work (0 when the main thread did all). */
type Made = Emitted & {readonly workers: number}

/** What a build with nothing to make has: the files the plan kept. */
function keptOutputs(plan: BuildPlan): Made {
  return {articles: new Map(), books: new Map(plan.books.map((book) => [book, book.kept])), listings: new Map(), workers: 0}
}

/** Pieces of Node work (preparing, pages, EPUBs): enough of them, and worker threads pay for their start. */
function nodeWork(plan: BuildPlan): number {
  const nodeFiles = (article: BuildPlan['articles'][number]) =>
    article.todo ? (article.todo.has('html') ? 1 : 0) + (article.todo.has('epub') ? 1 : 0) : plan.articleFormats.filter((format) => format !== 'pdf').length
  return plan.articles.reduce((sum, article) => sum + (article.prepare ? 1 + nodeFiles(article) : 0), 0)
}

/** The build's one printer, when anything is to print; without books it closes after the last article's print. */
async function openPrinterFor(plan: BuildPlan, options: BuildOptions): Promise<PdfPrinter | undefined> {
  // The handout and the booklet are a print each, an EPUB's cover a
  // screenshot. Only prints decide whether the browser runs in one process:
  // shots are drawn in a browser with renderers (printer.ts), so an
  // EPUB-only build starts one browser, not two.
  const formats = new Set<string>(plan.articleFormats)
  const count = (document: (formats: {has(format: string): boolean}, booklet: boolean) => number) =>
    plan.articles.reduce(
      (sum, article) => sum + (article.todo ? document(article.todo, article.todo.has('booklet')) : article.prepare ? document(formats, formats.has('pdf') && plan.settings.booklet) : 0),
      0
    )
  const prints = count((formats, booklet) => (formats.has('pdf') ? 1 : 0) + (booklet ? 1 : 0))
  const shots = count((formats) => (formats.has('cover') || formats.has('epub') ? 1 : 0))
  const printingBooks = plan.books.filter((book) => hasWork(book) && needsBrowser(book))
  if (prints + shots === 0 && printingBooks.length === 0) return undefined
  const {openPrinter} = await import('../formats/pdf/printer.ts')
  const printer = openPrinter({
    executablePath: options.browserPath,
    wsEndpoint: options.wsEndpoint,
    concurrency: options.concurrency,
    allowRemote: options.allowRemote,
    timeoutMs: options.timeoutMs,
    onBrowser: options.onBrowser,
    // A book is printed in parts: each article, the colophon, the title page, the contents and the cover; twice with a booklet.
    documents: prints + printingBooks.reduce((sum, book) => sum + (book.planned.selected.length + 4) * (plan.settings.booklet ? 2 : 1), 0)
  })
  // Without books, the last article's print is the browser's last work: it
  // shuts down while that PDF is finished and written.
  return plan.books.some(hasWork) ? printer : closingAfter(printer, prints + shots)
}

/** Chromium prints the PDF and its booklet and draws the cover (a user's photo is set with the title); only an EPUB with finished cover art needs none. */
function needsBrowser(book: BookPlan): boolean {
  const parts = book.todo ? [...book.todo.keys()] : book.parts
  return parts.includes('pdf') || parts.includes('booklet') || parts.includes('cover')
}

/**
 * The printer, closing itself once `documents` have come back from it
 * (printed, drawn or failed). Closing twice is harmless: the build closes
 * it again at the end.
 */
function closingAfter(printer: PdfPrinter, documents: number): PdfPrinter {
  let left = documents
  const counted = <T>(work: Promise<T>) =>
    work.finally(() => {
      if (--left === 0) void printer.close()
    })
  return {
    concurrency: printer.concurrency,
    print: (html, options) => counted(printer.print(html, options)),
    screenshot: (html, options) => counted(printer.screenshot(html, options)),
    close: () => printer.close()
  }
}

function result(plan: BuildPlan, emitted: Made, site: Output[], timings: Timings): BuildResult {
  const articles = plan.articles.map((article): ArticleResult => {
    const {file, slug} = article.source
    // In a fixed order, whichever finished first.
    const order = (output: Output) => ARTICLE_FILES.findIndex((name) => path.basename(output.path) === articleFileName(slug, name))
    const title = emitted.listings.get(file.path)?.meta.title ?? article.cached?.entry.listing.meta.title
    const outputs = [...article.kept, ...(emitted.articles.get(file.path) ?? [])].sort((a, b) => order(a) - order(b))
    return {file, slug, ...(title === undefined ? {} : {title}), outputs}
  })
  const books = plan.books.map((book): BookResult => ({file: book.planned.file, slug: book.planned.slug, outputs: emitted.books.get(book) ?? []}))
  const failed = articles.some((article) => hasFatal(article.file)) || books.some((book) => hasFatal(book.file))
  const index = site.find((output) => path.basename(output.path) === INDEX_FILE)
  return {articles, books, index, site, failed, found: plan.found, timings: timings.done(), workers: emitted.workers}
}

/** Wall time per phase of a build, for --json and the benchmark. */
class Timings {
  readonly #start = performance.now()
  #last = this.#start
  readonly #laps: Record<string, number> = {}

  /** Run `work`, adding its wall time to `name`: time spent in pieces, such as preparing article by article. */
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await work()
    } finally {
      this.#laps[name] = Math.round((this.#laps[name] ?? 0) + performance.now() - started)
    }
  }

  lap(name: string): void {
    const now = performance.now()
    this.#laps[name] = Math.round(now - this.#last)
    this.#last = now
  }

  done(): Record<string, number> {
    return {...this.#laps, total: Math.round(performance.now() - this.#start)}
  }
}

