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
import {mkdir, stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {Article, Format, Paper} from './article.ts'
import {articleDependencies, dependenciesUnchanged, dependencyParts, openCache, replayMessages, type BuildCache, type OutputState} from './build-cache.ts'
import {openPrinter, type PdfPrinter} from './emit/emit-pdf.ts'
import {reportBlocked} from './emit/request-origin.ts'
import {writeAtomic} from './emit/write-atomic.ts'
import {findSources, formatSize, loadSource, type Source} from './load.ts'
import type {IndexEntry} from './render/render-index.ts'
import {inShard, type Shard} from './shard.ts'

export {IMPRINT_VERSION} from './version.ts'

/** The heavy stages, loaded on first use. */
const loadStages = () => import('./build-stages.ts')

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
  readonly format: Format | 'index'
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
   * and nothing needed it; `loadArticles` fills it in.
   */
  article?: Article
  readonly outputs: Output[]
}

export interface BuildResult {
  readonly articles: readonly ArticleResult[]
  readonly index?: Output
  /** True when any source had a fatal problem or an output failed. */
  readonly failed: boolean
  /** Sources found, in every shard. */
  readonly found: number
  /** Milliseconds spent per phase, and in all. */
  readonly timings: Readonly<Record<string, number>>
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings = new Timings()
  const outDir = path.resolve(options.outDir)
  const cache = await openCache({dir: options.cacheDir, disabled: options.noCache, outDir})
  const sources = await loadAll(options.inputs)
  rejectDuplicateSlugs(sources)
  const mine = options.shard ? sources.filter((source) => inShard(source.slug, options.shard!)) : sources
  const formats = options.booksOnly ? [] : [...new Set(options.formats)]
  timings.lap('load')

  await mkdir(outDir, {recursive: true})
  const plans = new Array<ArticlePlan>(mine.length)
  await runLimited([...mine.keys()], 16, async (at) => {
    plans[at] = await planArticle(mine[at]!, formats, cache, outDir, options)
  })
  timings.lap('plan')

  const context: BuildContext = {cache, outDir, formats, options, timings}
  // Start Chromium as soon as we know a PDF must be printed: its launch
  // overlaps the parsing and the HTML and EPUB work. A no-op build never starts it.
  const printer = plans.some((plan) => plan.pending.has('pdf'))
    ? openPrinter({
        executablePath: options.browserPath,
        wsEndpoint: options.wsEndpoint,
        concurrency: options.concurrency,
        allowRemote: options.allowRemote,
        timeoutMs: options.timeoutMs,
        onBrowser: options.onBrowser
      })
    : undefined
  try {
    await emitPending(plans, printer, context)
    timings.lap('emit')
  } finally {
    await printer?.close()
  }

  const results = plans.map((plan) => plan.result)
  // Books: the books module assembles its collections here, from `plans`
  // (loadArticles gives their articles), in a full build and with
  // --books-only, never in a shard.
  const index = options.shard ? undefined : await writeIndex(plans, context)
  timings.lap('index')
  await cache.save()
  const failed = results.some((result) => hasFatal(result.file))
  return {articles: results, index, failed, found: sources.length, timings: timings.done()}
}

async function loadAll(inputs: readonly string[]): Promise<Source[]> {
  const paths: string[] = []
  const missing: Source[] = []
  for (const input of inputs) {
    try {
      paths.push(...(await findSources([input])))
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
  /** No parsed article in the cache: parse the source (every format is pending until then). */
  needsParse: boolean
  /** Formats to write, each with its cache key (empty until the source is parsed). */
  readonly pending: Map<Format, string>
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
  const {prepare} = await loadStages()
  const {file} = plan.source
  const before = file.messages.length
  const started = performance.now()
  try {
    plan.result.article = await prepare(plan.source, options)
  } catch (error) {
    fatal(file, error, 'parse-failed')
  }
  timings.add('parse', performance.now() - started)
  if (!plan.result.article || hasFatal(file)) return
  await cache.saveArticle(plan.sourceKey, plan.result.article, file.messages.slice(before))
  await checkOutputs(plan, articleDependencies(plan.result.article), formats, cache, outDir, options)
}

async function readArticle(plan: ArticlePlan, context: BuildContext): Promise<void> {
  if (plan.result.article || !plan.sourceKey || hasFatal(plan.source.file)) return
  plan.result.article = await context.cache.loadArticle(plan.sourceKey)
  if (plan.result.article) return
  // The cache lost it (pruned by hand): parse again.
  const {prepare} = await loadStages()
  try {
    plan.result.article = await prepare(plan.source, context.options)
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
  for (const format of formats) {
    const key = cache.key(plan.sourceKey, format, JSON.stringify(formatOptions(format, options)), ...parts)
    const targets = [{path: path.join(outDir, `${plan.result.slug}.${format}`), key}]
    // The booklet is imposed from the PDF: it goes with it, and is keyed by it.
    if (format === 'pdf' && options.booklet) targets.unshift({path: bookletPath(outDir, plan.result.slug), key: cache.key(key, 'booklet')})
    const states = await Promise.all(targets.map((target) => cache.check(target.key, target.path)))
    if (states.includes('miss')) {
      plan.pending.set(format, key)
      continue
    }
    for (const [at, target] of targets.entries()) {
      plan.result.outputs.push({format, path: target.path, bytes: (await stat(target.path)).size, state: states[at] as OutputState})
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
  const busy = plans.filter((plan) => plan.pending.size > 0)
  if (busy.length === 0) return
  const stages = await loadStages()
  const left = new Map(busy.map((plan) => [plan, plan.pending.size]))
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

  const nodeJobs = busy.flatMap((plan) => (['html', 'epub'] as const).filter((format) => plan.pending.has(format)).map((format) => ({plan, format})))
  const pdfJobs = busy.filter((plan) => plan.pending.has('pdf'))
  await Promise.all([
    runLimited(nodeJobs, 2, ({plan, format}) =>
      job(plan, format, async (article, key) => {
        const target = path.join(outDir, `${article.slug}.${format}`)
        const data = format === 'html' ? stages.renderPage(article) : await stages.makeEpub(article, buildDate(article, options))
        return writeOutput(format, target, data, key, cache)
      })
    ),
    runLimited(pdfJobs, (printer?.concurrency ?? 1) + 1, (plan) =>
      job(plan, 'pdf', async (article, key) => {
        if (!printer) throw new Error('no browser to print with')
        const {result} = plan
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
 * index.html, keyed on what it shows: each article's source key and the
 * sizes of its outputs. Rendered only when that changed.
 */
async function writeIndex(plans: readonly ArticlePlan[], context: BuildContext): Promise<Output | undefined> {
  const {cache, outDir} = context
  // Sources no output needed yet (--books-only with a cold cache) are parsed now.
  for (const plan of plans) if (plan.needsParse) await ensureArticle(plan, context)
  const listed = plans.filter((plan) => plan.sourceKey && !hasFatal(plan.source.file))
  if (listed.length === 0) return undefined
  const sizes = await Promise.all(
    listed.map(async (plan) => {
      const size = async (ext: string) => (await stat(path.join(outDir, `${plan.result.slug}.${ext}`)).catch(() => undefined))?.size
      return {html: await size('html'), epub: await size('epub'), pdf: await size('pdf')}
    })
  )
  const key = cache.key('index', JSON.stringify(listed.map((plan, at) => [plan.result.slug, plan.sourceKey, sizes[at]])))
  const target = path.join(outDir, 'index.html')
  const state = await cache.check(key, target)
  if (state !== 'miss') return {format: 'index', path: target, bytes: (await stat(target)).size, state}

  for (const plan of listed) await ensureArticle(plan, context)
  const entries: IndexEntry[] = listed.flatMap((plan, at) => {
    const {slug, article} = plan.result
    if (!article) return []
    const {html, epub, pdf} = sizes[at]!
    return {
      article,
      html: html === undefined ? undefined : `${slug}.html`,
      epub: epub === undefined ? undefined : {href: `${slug}.epub`, size: formatSize(epub)},
      pdf: pdf === undefined ? undefined : {href: `${slug}.pdf`, size: formatSize(pdf)}
    }
  })
  const {renderIndexPage} = await loadStages()
  return writeOutput('index', target, renderIndexPage(entries), key, cache)
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
  const epoch = options.sourceDateEpoch ?? envEpoch()
  if (epoch !== undefined) return new Date(epoch * 1000)
  const own = article.meta.date ? new Date(article.meta.date.length === 10 ? article.meta.date + 'T00:00:00Z' : article.meta.date) : undefined
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

  /** Time spent on `name` in pieces, such as parsing article by article. */
  add(name: string, ms: number): void {
    this.#laps[name] = Math.round((this.#laps[name] ?? 0) + ms)
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
