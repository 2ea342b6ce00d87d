/**
 * build: the whole pipeline for a set of content paths.
 *
 *   load -> parse -> normalize -> render -> emit
 *
 * The orchestrator. It asks the cache first what is built already, starts
 * Chromium only when a PDF must be printed, and loads the heavy stages
 * (build-stages.ts) only when something must be made: a no-op rebuild reads
 * and hashes the sources, finds every output in place, and ends.
 *
 * Problems in one source are messages on its VFile; the other sources still
 * build. Only the CLI prints them.
 */
import {mkdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {Article, Format, Paper} from '../article.ts'
import {articleDependencies, dependenciesUnchanged, dependencyParts, openCache, replayMessages, type BuildCache, type OutputState} from './cache.ts'
import {openPrinter, type PdfPrinter} from '../formats/pdf/printer.ts'
import {reportBlocked} from '../formats/pdf/request-origin.ts'
import {writeAtomic} from './write-atomic.ts'
import {commandLineBook, loadBookConfig} from '../books/config.ts'
import {bookFileName, bookKeys, bookPartFormat, bookParts, type BookPart} from '../books/book-keys.ts'
import {planBooks, resolveBooks, type BookResult} from '../books/plan-books.ts'
import {findSources, loadSource, type Source} from '../load/load.ts'
import {ARTICLE_FILES, BOOK_FILES, siteFiles} from '../output-names.ts'
import {inShard, type Shard} from './shard.ts'
import {openStages, type Stages} from './workers.ts'

import {IMPRINT_VERSION} from '../version.ts'

export {IMPRINT_VERSION}

/** The heavy stages, loaded on first use. */
const loadStages = () => import('./prepare.ts')

export interface BuildOptions {
  readonly inputs: readonly string[]
  readonly outDir: string
  readonly formats: readonly Format[]
  readonly paper: Paper
  readonly browserPath?: string
  /** `--browser-ws-endpoint`: print in a running browser instead of launching one. */
  readonly wsEndpoint?: string
  /** PDF pages printed at once in the one browser. */
  readonly concurrency?: number
  /** Also write `<slug>-booklet.pdf`, imposed for saddle-stitch folding. */
  readonly booklet?: boolean
  /** Fixed time for reproducible outputs; defaults to SOURCE_DATE_EPOCH, then the article's date. */
  readonly sourceDateEpoch?: number
  /** Fetch remote images, and let Chromium load http(s); builds are offline otherwise. `file:` outside the content roots never loads. */
  readonly allowRemote?: boolean
  /** `--cache-dir`; defaults to node_modules/.cache/imprint. */
  readonly cacheDir?: string
  /** `--no-cache`: build everything, read and write no cache. */
  readonly noCache?: boolean
  /** `--shard i/n`: build only this stable part of the articles, and no index or books. */
  readonly shard?: Shard
  /** `--books-only`: write no article outputs; assemble the index and books from those present. */
  readonly booksOnly?: boolean
  /** Collected books: a config file (`imprint.config.yaml`…) and `--book TITLE`s. */
  readonly books?: {readonly config?: string; readonly titles?: readonly string[]}
  /** Called as articles finish, for a progress display. */
  readonly onProgress?: (progress: Progress) => void
  /** `--timeout`: the deadline for printing one PDF; a crash or hang is retried once in a fresh browser. */
  readonly timeoutMs?: number
  /** Called with each launched Chromium's PID (supervisors, tests). */
  readonly onBrowser?: (pid: number) => void
}

export interface Progress {
  /** Articles whose outputs are all written. */
  readonly done: number
  /** Articles with anything to write in this build. */
  readonly total: number
  /** The article that just finished. */
  readonly current?: string
}

export interface Output {
  /** `index` is a page of the site, `catalog` its OPDS feed, `image` a book's cover. */
  readonly format: Format | 'index' | 'catalog' | 'image'
  readonly path: string
  readonly bytes: number
  /** `built` now, `restored` from the cache, or `unchanged` (not written at all). */
  readonly state: OutputState
}

export interface ArticleResult {
  readonly file: VFile
  readonly slug: string
  /**
   * The parsed article. Left unset when every output came from the cache
   * and nothing needed it; `ensureArticle` fills it in.
   */
  article?: Article
  readonly outputs: Output[]
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
  /** Worker threads that parsed sources and wrote pages and EPUBs; 0 when the main thread did. */
  readonly workers: number
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings = new Timings()
  const outDir = path.resolve(options.outDir)
  const cache = await openCache({dir: options.cacheDir, disabled: options.noCache, outDir})
  const sources = await loadAll(options.inputs)
  rejectDuplicateSlugs(sources)
  // Books are planned before anything is written, and never in a shard.
  const books = options.shard ? [] : await planAllBooks(options.books, sources)
  const booked = books.filter((book) => book.spec && !hasFatal(book.file))
  const mine = options.shard ? sources.filter((source) => inShard(source.slug, options.shard!)) : sources
  const formats = options.booksOnly ? [] : [...new Set(options.formats)]
  timings.lap('load')

  await mkdir(outDir, {recursive: true})
  const plans = new Array<ArticlePlan>(mine.length)
  await runLimited([...mine.keys()], 16, async (at) => {
    plans[at] = await planArticle(mine[at]!, formats, cache, outDir, options)
  })

  // Parsing and the pages and EPUBs: in worker threads when there are many.
  const nodeWork = plans.reduce((sum, plan) => sum + (plan.needsParse ? 1 : 0) + (plan.pending.has('html') ? 1 : 0) + (plan.pending.has('epub') ? 1 : 0), 0)
  const stages = openStages(nodeWork)
  const context: BuildContext = {cache, outDir, formats, options, timings, stages}
  const bookPlans = booked.map((result): BookPlan => ({result, pending: new Set(bookParts(options.formats, options.booklet))}))
  const byPath = new Map(plans.map((plan) => [plan.source.file.path, plan]))
  await Promise.all(bookPlans.map((plan) => checkBook(plan, byPath, context)))
  timings.lap('plan')

  // Start Chromium as soon as we know a PDF must be printed: its launch
  // overlaps the parsing and the HTML and EPUB work. A no-op build never starts it.
  const prints = plans.filter((plan) => plan.pending.has('pdf') && !plan.bookletOnly).length
  const printer = bookPlans.some(needsBrowser) || prints > 0
    ? openPrinter({
        executablePath: options.browserPath,
        wsEndpoint: options.wsEndpoint,
        concurrency: options.concurrency,
        allowRemote: options.allowRemote,
        timeoutMs: options.timeoutMs,
        onBrowser: options.onBrowser,
        // A book is one long document, and its front matter and cover two short ones.
        documents: prints + 3 * bookPlans.filter(needsBrowser).length
      })
    : undefined
  // Without books, the last article's print is the browser's last work: it
  // shuts down while that PDF is finished and written.
  const printing = printer && bookPlans.length === 0 ? closingAfter(printer, prints) : printer
  try {
    // Books print alongside the articles: a book's one long print keeps a
    // core busy while the articles' short ones share the other.
    // Both run to the end before the browser closes, even when one fails.
    const settled = await Promise.allSettled([
      emitPending(plans, printing, context),
      bookPlans.length > 0 ? timings.time('books', () => makeBooks(bookPlans, byPath, printing, context)) : undefined
    ])
    for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason
    timings.lap('emit')
  } catch (error) {
    await printer?.close()
    throw error
  }
  // The browser shuts down while the site is written.
  const closing = printer?.close()

  const results = plans.map((plan) => plan.result)
  let site: Output[]
  try {
    site = options.shard ? [] : await writeSite(plans, books, context)
  } finally {
    await Promise.all([stages.close(), closing])
  }
  timings.lap('index')
  await cache.save()
  const failed = results.some((result) => hasFatal(result.file)) || books.some((book) => hasFatal(book.file))
  const index = site.find((output) => path.basename(output.path) === 'index.html')
  return {articles: results, books, index, site, failed, found: sources.length, timings: timings.done(), workers: stages.workers}
}

async function loadAll(inputs: readonly string[]): Promise<Source[]> {
  const paths: string[] = []
  const missing: Source[] = []
  // A linked source in a folder is left out, with a warning: the editor may have meant it.
  const skipLink = (file: string) => {
    const source: Source = {file: new VFile({path: file}), format: 'text', slug: '', root: '', meta: {}, ok: false}
    source.file.message('not read: a symbolic link in a content folder is not followed; copy the file in, or name it on the command line', {
      ruleId: 'linked-source',
      source: 'imprint'
    }).fatal = false
    missing.push(source)
  }
  for (const input of inputs) {
    try {
      paths.push(...(await findSources([input], skipLink)))
    } catch (error) {
      const file = new VFile({path: path.resolve(input)})
      const message = file.message(`cannot read input: ${(error as NodeJS.ErrnoException).code ?? error}`, {
        ruleId: 'missing-input',
        source: 'imprint'
      })
      message.fatal = true
      missing.push({file, format: 'text', slug: '', root: '', meta: {}, ok: false})
    }
  }
  return [...missing, ...(await Promise.all([...new Set(paths)].map((file) => loadSource(file))))]
}

function rejectDuplicateSlugs(sources: readonly Source[]): void {
  const seen = new Map<string, Source>()
  for (const source of sources) {
    if (!source.ok) continue
    const first = seen.get(source.slug)
    if (!first) {
      seen.set(source.slug, source)
      continue
    }
    const message = source.file.message(
      `duplicate slug \`${source.slug}\`: ${first.file.path} already writes ${source.slug}.*; rename one of them`,
      {ruleId: 'duplicate-slug', source: 'imprint'}
    )
    message.fatal = true
  }
}

/** One article's way through the build: its cache key and the outputs still to write. */
interface ArticlePlan {
  readonly source: Source
  readonly result: ArticleResult
  /** The key of the parsed source; empty when it cannot be built. */
  readonly sourceKey: string
  /** The source key with the bytes of the files it reads: what a book holds of the article. Set once its outputs are keyed. */
  contentKey?: string
  /** No parsed article in the cache: parse the source (every format is pending until then). */
  needsParse: boolean
  /** Formats to write, each with its cache key (empty until the source is parsed). */
  readonly pending: Map<Format, string>
  /** The PDF is pending only for its booklet: the PDF itself is in place, so it is imposed from that, not printed. */
  bookletOnly?: boolean
  /** The article being parsed or read from the cache, once something needs it. */
  ready?: Promise<void>
}

/** What every stage of one build shares. */
interface BuildContext {
  readonly cache: BuildCache
  readonly outDir: string
  readonly formats: readonly Format[]
  readonly options: BuildOptions
  readonly timings: Timings
  readonly stages: Stages
}

/** Find what of an article is built already, from the cache alone: no parsing, no browser. */
async function planArticle(
  source: Source,
  formats: readonly Format[],
  cache: BuildCache,
  outDir: string,
  options: BuildOptions
): Promise<ArticlePlan> {
  const result: ArticleResult = {file: source.file, slug: source.slug, outputs: []}
  const ok = source.ok && !hasFatal(source.file)
  // Fetching remote images or not changes what the article holds.
  const remote = options.allowRemote ? 'remote' : 'offline'
  const sourceKey = ok ? cache.key('source', source.format, source.file.path, String(source.file.value), JSON.stringify(source.meta), remote) : ''
  const plan: ArticlePlan = {source, result, sourceKey, needsParse: ok, pending: new Map()}
  if (!ok) return plan
  const entry = await cache.loadEntry(sourceKey)
  if (!entry || !(await dependenciesUnchanged(entry))) {
    for (const format of formats) plan.pending.set(format, '')
    return plan
  }
  plan.needsParse = false
  replayMessages(source.file, entry.messages)
  await checkOutputs(plan, entry.dependencies, formats, cache, outDir, options)
  return plan
}

/**
 * Give a plan its article, once, whichever output asks first: parsed (then
 * its outputs are keyed and checked against the cache), or read from the cache.
 */
function ensureArticle(plan: ArticlePlan, context: BuildContext): Promise<void> {
  plan.ready ??= plan.needsParse ? parseArticle(plan, context) : readArticle(plan, context)
  return plan.ready
}

async function parseArticle(plan: ArticlePlan, context: BuildContext): Promise<void> {
  const {cache, outDir, formats, options, timings} = context
  plan.needsParse = false
  plan.pending.clear()
  const {file} = plan.source
  const before = file.messages.length
  await timings.time('parse', async () => {
    try {
      plan.result.article = await context.stages.prepare(plan.source, options)
    } catch (error) {
      fatal(file, error, 'parse-failed')
    }
  })
  if (!plan.result.article || hasFatal(file)) return
  await cache.saveArticle(plan.sourceKey, plan.result.article, file.messages.slice(before))
  await checkOutputs(plan, articleDependencies(plan.result.article), formats, cache, outDir, options)
}

async function readArticle(plan: ArticlePlan, context: BuildContext): Promise<void> {
  if (plan.result.article || !plan.sourceKey || hasFatal(plan.source.file)) return
  plan.result.article = await context.cache.loadArticle(plan.sourceKey)
  if (plan.result.article) return
  // The cache lost it (pruned by hand): parse again.
  try {
    plan.result.article = await context.stages.prepare(plan.source, context.options)
  } catch (error) {
    fatal(plan.source.file, error, 'parse-failed')
  }
}

/** Key every output; those the cache has are kept or restored, the others are pending. */
async function checkOutputs(
  plan: ArticlePlan,
  dependencies: readonly string[],
  formats: readonly Format[],
  cache: BuildCache,
  outDir: string,
  options: BuildOptions
): Promise<void> {
  const parts = await dependencyParts(dependencies)
  plan.contentKey = cache.key(plan.sourceKey, ...parts)
  for (const format of formats) {
    const key = cache.key(plan.sourceKey, format, JSON.stringify(formatOptions(format, options)), ...parts)
    const targets = [{path: path.join(outDir, `${plan.result.slug}.${format}`), key}]
    // The booklet is imposed from the PDF and keyed by it: printed with it, or imposed from the PDF in place.
    if (format === 'pdf' && options.booklet) targets.push({path: bookletPath(outDir, plan.result.slug), key: cache.key(key, 'booklet')})
    for (const target of targets) {
      const state = await cache.check(target.key, target.path)
      if (state === 'miss') {
        plan.pending.set(format, key)
        plan.bookletOnly = target !== targets[0]
        break
      }
      plan.result.outputs.push({format, path: target.path, bytes: (await stat(target.path)).size, state})
    }
  }
}

function bookletPath(outDir: string, slug: string): string {
  return path.join(outDir, `${slug}-booklet.pdf`)
}

/** The options each format's bytes depend on: only those, so a new paper size leaves EPUBs alone. */
function formatOptions(format: Format, options: BuildOptions): unknown {
  const epoch = options.sourceDateEpoch ?? envEpoch() ?? null
  switch (format) {
    case 'html':
      return {}
    case 'pdf':
      return {paper: options.paper, epoch}
    case 'epub':
      return {epoch}
  }
}

/**
 * Write every pending output. HTML and EPUB are Node's work, PDFs the
 * browser's: the two queues run side by side, each bounded, and each
 * article is parsed when its first output needs it, so printing starts
 * with the first article, memory stays flat however many articles there
 * are, and each PDF is written and dropped as soon as it is printed.
 */
async function emitPending(plans: readonly ArticlePlan[], printer: PdfPrinter | undefined, context: BuildContext): Promise<void> {
  const {cache, outDir, options} = context
  // What to make is read now, before the first await: the books, which run
  // alongside, may start parsing an article, and that empties its pending
  // formats until the parse has keyed them again.
  const busy = plans.filter((plan) => plan.pending.size > 0)
  if (busy.length === 0) return
  const left = new Map(busy.map((plan) => [plan, plan.pending.size]))
  const nodeJobs = busy.flatMap((plan) => (['html', 'epub'] as const).filter((format) => plan.pending.has(format)).map((format) => ({plan, format})))
  const pdfJobs = busy.filter((plan) => plan.pending.has('pdf'))
  const stages = await loadStages()
  let done = 0
  options.onProgress?.({done, total: busy.length})
  const finished = (plan: ArticlePlan) => {
    const count = left.get(plan)! - 1
    left.set(plan, count)
    if (count === 0) options.onProgress?.({done: ++done, total: busy.length, current: plan.result.slug})
  }
  /** Make one output, unless parsing found it in the cache after all (or failed). */
  const job = async (plan: ArticlePlan, format: Format, make: (article: Article, key: string) => Promise<Output>) => {
    await ensureArticle(plan, context)
    const key = plan.pending.get(format)
    if (key !== undefined && plan.result.article) await guard(plan.result, format, () => make(plan.result.article!, key))
    finished(plan)
  }

  await Promise.all([
    runLimited(nodeJobs, 2, ({plan, format}) =>
      job(plan, format, async (article, key) => {
        const target = path.join(outDir, `${article.slug}.${format}`)
        const data = format === 'html' ? await context.stages.renderPage(article) : await context.stages.makeEpub(article, buildDate(article, options))
        return writeOutput(format, target, data, key, cache)
      })
    ),
    runLimited(pdfJobs, (printer?.concurrency ?? 1) + 1, (plan) =>
      job(plan, 'pdf', async (article, key) => {
        const {result} = plan
        if (plan.bookletOnly) {
          const pdf = await readFile(path.join(outDir, `${result.slug}.pdf`))
          const booklet = await stages.makeBooklet(article, pdf, buildDate(article, options))
          return writeOutput('pdf', bookletPath(outDir, result.slug), booklet, cache.key(key, 'booklet'), cache)
        }
        if (!printer) throw new Error('no browser to print with')
        const printed = await stages.makePdf(article, {
          printer,
          paper: options.paper,
          date: buildDate(article, options),
          booklet: options.booklet,
          onBlocked: (url, reason) => reportBlocked(result.file, article, url, reason)
        })
        if (printed.booklet) {
          result.outputs.push(await writeOutput('pdf', bookletPath(outDir, result.slug), printed.booklet, cache.key(key, 'booklet'), cache))
        }
        return writeOutput('pdf', path.join(outDir, `${result.slug}.pdf`), printed.pdf, key, cache)
      })
    )
  ])
}

/**
 * The printer, closing itself once `prints` documents have come back from
 * it (printed or failed). Closing twice is harmless: the build closes it
 * again at the end.
 */
function closingAfter(printer: PdfPrinter, prints: number): PdfPrinter {
  let left = prints
  return {
    ...printer,
    print: (html, options) =>
      printer.print(html, options).finally(() => {
        if (--left === 0) void printer.close()
      }),
    close: () => printer.close()
  }
}

/** The config file's books and the `--book` titles, planned against the sources. */
async function planAllBooks(books: BuildOptions['books'], sources: readonly Source[]): Promise<BookResult[]> {
  const specs = (books?.titles ?? []).map((title) => commandLineBook(title))
  const failed: BookResult[] = []
  if (books?.config) {
    const config = await loadBookConfig(books.config)
    specs.unshift(...config.books)
    if (hasFatal(config.file)) failed.push({file: config.file, slug: '', selected: [], outputs: []})
  }
  if (specs.length === 0) return failed
  const candidates = sources.map((source) => ({path: source.file.path, slug: source.slug, ok: source.ok && !hasFatal(source.file)}))
  return [...failed, ...planBooks(specs, candidates)]
}

/** One book's way through the build: its parts' keys and the parts still to write. */
interface BookPlan {
  readonly result: BookResult
  /** Unset until every article it collects has its content key. */
  keys?: Record<BookPart, string>
  /** Every part until the cache says otherwise. */
  readonly pending: Set<BookPart>
}

/**
 * Key a book's parts and ask the cache for each, from the articles' content
 * keys alone: no article is loaded, no browser started. A book with an
 * article not yet keyed (it must be parsed first) stays all pending, and is
 * checked again once that article is parsed.
 */
async function checkBook(plan: BookPlan, byPath: ReadonlyMap<string, ArticlePlan>, context: BuildContext): Promise<void> {
  const {cache, outDir, options} = context
  const spec = plan.result.spec!
  const articles = plan.result.selected.map((candidate) => byPath.get(candidate.path)?.contentKey)
  if (plan.keys || articles.some((key) => key === undefined)) return
  plan.keys = bookKeys(cache.key, {
    spec,
    articles: articles as string[],
    cover: spec.cover ? await dependencyParts([spec.cover]) : [],
    paper: options.paper,
    epoch: options.sourceDateEpoch ?? envEpoch() ?? null
  })
  for (const part of plan.pending) {
    const target = path.join(outDir, bookFileName(plan.result.slug, part, spec.cover))
    const state = await cache.check(plan.keys[part], target)
    if (state === 'miss') continue
    plan.pending.delete(part)
    plan.result.outputs.push({format: bookPartFormat(part), path: target, bytes: (await stat(target)).size, state})
  }
}

/** Chromium draws a generated cover and prints the PDF; a user's cover and the EPUB need none. */
function needsBrowser(plan: BookPlan): boolean {
  return plan.pending.has('pdf') || (plan.pending.has('cover') && !plan.result.spec!.cover)
}

/**
 * Build the books' pending parts from the articles, parsed now or read
 * from the cache, in the build's one browser. A book the cache has whole
 * loads none of its articles.
 */
async function makeBooks(plans: readonly BookPlan[], byPath: ReadonlyMap<string, ArticlePlan>, printer: PdfPrinter | undefined, context: BuildContext): Promise<void> {
  const {cache, outDir, options} = context
  const articlesOf = (plan: BookPlan) => plan.result.selected.flatMap((candidate) => byPath.get(candidate.path) ?? [])
  // Articles no output needed yet (--books-only on a cold cache) are parsed now, which keys them.
  for (const plan of plans) {
    if (plan.keys) continue
    // An article the per-article outputs are parsing right now is waited for too.
    for (const article of articlesOf(plan)) if (article.needsParse || article.ready) await ensureArticle(article, context)
    await checkBook(plan, byPath, context)
  }
  const busy = plans.filter((plan) => plan.pending.size > 0)
  if (busy.length === 0) return
  const used = [...new Set(busy.flatMap(articlesOf))]
  for (const plan of used) await ensureArticle(plan, context)
  resolveBooks(
    busy.map((plan) => plan.result),
    articleMap(used)
  )
  const {buildBooks} = await import('./emit-books.ts')
  const byResult = new Map(busy.map((plan) => [plan.result, plan]))
  await buildBooks(
    busy.map((plan) => plan.result),
    {
      outDir,
      paper: options.paper,
      printer,
      pending: (result) => byResult.get(result)!.pending,
      async write(result, part, data) {
        // A book is resolved only when every article it collects is parsed, and so keyed.
        const key = byResult.get(result)!.keys?.[part]
        if (!key) throw new Error(`book “${result.spec!.title}” has no cache key`)
        const target = path.join(outDir, bookFileName(result.slug, part, result.spec!.cover))
        result.outputs.push(await writeOutput(bookPartFormat(part), target, data, key, cache))
      },
      date: (book) => fixedDate(book.date, options),
      creator: `imprint ${IMPRINT_VERSION}`
    }
  )
}

/** The parsed articles of these plans, by source path. */
function articleMap(plans: readonly ArticlePlan[]): Map<string, Article> {
  return new Map(plans.flatMap((plan) => (plan.result.article && !hasFatal(plan.source.file) ? [[plan.source.file.path, plan.result.article] as const] : [])))
}

/**
 * The download site (index.html, opds.xml, a page per book), keyed on what
 * it shows: each article's source key, each book's config, and the sizes of
 * the files they link. Rendered only when that changed.
 */
async function writeSite(plans: readonly ArticlePlan[], books: readonly BookResult[], context: BuildContext): Promise<Output[]> {
  const {cache, outDir} = context
  // Sources no output needed yet (--books-only with a cold cache) are parsed now.
  for (const plan of plans) if (plan.needsParse) await ensureArticle(plan, context)
  const listed = plans.filter((plan) => plan.sourceKey && !hasFatal(plan.source.file))
  const sizes = (slug: string, suffixes: readonly string[]) =>
    Promise.all(suffixes.map(async (suffix) => (await stat(path.join(outDir, slug + suffix)).catch(() => undefined))?.size ?? null))
  // A book is listed when there is a file of it to download: an HTML-only build writes none.
  const planned = books.filter((book) => book.spec && !hasFatal(book.file))
  const bookSizes = await Promise.all(planned.map((book) => sizes(book.slug, BOOK_FILES)))
  const downloads = (at: number) => BOOK_FILES.some((suffix, index) => !suffix.startsWith('-cover') && bookSizes[at]![index] !== null)
  const built = planned.filter((_, at) => downloads(at))
  if (listed.length === 0 && built.length === 0) return []
  const shown = {
    articles: await Promise.all(listed.map(async (plan) => [plan.result.slug, plan.sourceKey, await sizes(plan.result.slug, ARTICLE_FILES)])),
    books: built.map((book) => [{...book.spec, file: undefined}, book.selected.map((candidate) => candidate.slug), bookSizes[planned.indexOf(book)]])
  }
  const key = cache.key('site', JSON.stringify(shown))
  const names = siteFiles(built.map((book) => book.slug))
  const states = await Promise.all(names.map((name) => cache.check(cache.key(key, name), path.join(outDir, name))))
  if (!states.includes('miss')) {
    return Promise.all(
      names.map(async (name, at) => {
        const target = path.join(outDir, name)
        return {format: name.endsWith('.xml') ? 'catalog' : 'index', path: target, bytes: (await stat(target)).size, state: states[at] as OutputState} as const
      })
    )
  }
  for (const plan of listed) await ensureArticle(plan, context)
  // Books the cache had whole were never resolved: their articles are at hand now.
  resolveBooks(
    built.filter((book) => !book.book),
    articleMap(listed)
  )
  const {renderSite} = await import('../site/render-site.ts')
  const documents = await renderSite(outDir, {
    articles: listed.flatMap((plan) => (plan.result.article ? [plan.result.article] : [])),
    books: built.flatMap((book) => (book.book ? [book.book] : []))
  })
  const outputs: Output[] = []
  // In order: the index comes last, once the pages it links exist.
  for (const document of documents) {
    const target = path.join(outDir, document.name)
    const documentKey = cache.key(key, document.name)
    // The page of a book nothing changed in reads the same: leave the file as it is.
    if (cache.enabled && (await readFile(target).catch(() => undefined))?.equals(Buffer.from(document.text))) {
      await cache.store(documentKey, target, document.text)
      outputs.push({format: document.format, path: target, bytes: Buffer.byteLength(document.text), state: 'unchanged'})
      continue
    }
    outputs.push(await writeOutput(document.format, target, document.text, documentKey, cache))
  }
  return outputs
}

async function writeOutput(format: Output['format'], target: string, data: string | Uint8Array, key: string, cache: BuildCache): Promise<Output> {
  await writeAtomic(target, data)
  await cache.store(key, target, data)
  return {format, path: target, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, state: 'built'}
}

/** Run one output's work; a failure becomes a fatal message on the source. */
async function guard(result: ArticleResult, format: Format, run: () => Promise<Output>): Promise<void> {
  try {
    result.outputs.push(await run())
  } catch (error) {
    fatal(result.file, error, `${format}-failed`, `${format.toUpperCase()}: `)
  }
}

/** The date stamped into outputs: SOURCE_DATE_EPOCH, else the article's own date. */
export function buildDate(article: Article, options: Pick<BuildOptions, 'sourceDateEpoch'>): Date {
  return fixedDate(article.meta.date, options)
}

/** SOURCE_DATE_EPOCH, else the content's own date (`YYYY-MM-DD` or a timestamp), else 1980. Never the clock. */
export function fixedDate(date: string | undefined, options: Pick<BuildOptions, 'sourceDateEpoch'>): Date {
  const epoch = options.sourceDateEpoch ?? envEpoch()
  if (epoch !== undefined) return new Date(epoch * 1000)
  const own = date ? new Date(date.length === 10 ? date + 'T00:00:00Z' : date) : undefined
  // Zip dates cannot go before 1980; an undated article gets that floor.
  return own && !Number.isNaN(own.getTime()) ? own : new Date('1980-01-01T00:00:00Z')
}

function envEpoch(): number | undefined {
  const raw = process.env.SOURCE_DATE_EPOCH
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined
  return Number(raw.trim())
}

/** Run `work` over `items`, at most `limit` at a time, in order. */
async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
}

/** Wall time per phase of a build, for --json and the benchmark. */
class Timings {
  readonly #start = performance.now()
  #last = this.#start
  readonly #laps: Record<string, number> = {}

  /** Run `work`, adding its wall time to `name`: time spent in pieces, such as parsing article by article. */
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

function hasFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}

function fatal(file: VFile, error: unknown, ruleId: string, prefix = ''): void {
  const reason = error instanceof Error ? error.message : String(error)
  const message = file.message(prefix + reason.split('\n')[0], {ruleId, source: 'imprint'})
  message.fatal = true
}
