/**
 * plan: the sources, the config and the cache -> what this build makes.
 *
 * Decided once, before anything is made: which files of each article and
 * book the cache has (kept in place or restored), which are to make, which
 * articles the prepare phase must turn into an Article, and how much
 * printing there is. It reads no parse and starts no browser, so a no-op
 * build ends after it.
 *
 * An output's key needs the bytes of the files its article reads (its
 * images). The cache knows them for a source it parsed before; for any
 * other source they are known once it is prepared, and its files (and the
 * books that collect it) are settled then, with the same `settle`.
 */
import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Format} from '../article.ts'
import {bookKeys, bookParts} from '../books/book-keys.ts'
import type {BookSpec, SiteSpec} from '../books/config.ts'
import type {PlannedBook} from '../books/plan-books.ts'
import type {Limits} from '../limits.ts'
import {loadSources} from '../load/load-sources.ts'
import type {Source} from '../load/load.ts'
import {articleFileName, bookFileName, type ArticleFile, type BookPart} from '../output-names.ts'
import {bookletOf, type Paper} from '../paper.ts'
import {dependencyParts, replayMessages, type ArticleEntry, type BuildCache} from './cache.ts'
import {bookPartFormat, settle, type Output, type Target} from './outputs.ts'
import {inShard, type Shard} from './shard.ts'
import {runLimited} from '../concurrency.ts'
import type {ScreenOptions} from '../formats/screen.ts'
import {hasFatal} from '../messages.ts'

/** The options every phase reads, resolved once. */
export interface BuildSettings {
  /** Absolute. */
  readonly outDir: string
  readonly formats: readonly Format[]
  readonly paper: Paper
  readonly booklet: boolean
  readonly allowRemote: boolean
  /** How large, deep and many each input may be (`--limit`). */
  readonly limits: Limits
  /** How the web page and the EPUB differ from print: image size, fonts. */
  readonly screen: ScreenOptions
  /** SOURCE_DATE_EPOCH; undefined when each output takes its content's own date. */
  readonly epoch: number | undefined
}

export interface PlanInputs {
  readonly inputs: readonly string[]
  readonly settings: BuildSettings
  /** The config file's books and the `--book` titles. */
  readonly books?: {readonly config?: string; readonly titles?: readonly string[]}
  /** Build only this part of the articles, and no books or site. */
  readonly shard?: Shard
  /** Make no article files: only the books and the site. */
  readonly booksOnly?: boolean
  /** A metadata field imprint does not read is an error. */
  readonly strict?: boolean
}

/** A parse the cache still vouches for: the files it read are as they were. */
export interface CachedParse {
  readonly entry: ArticleEntry
  /** The source key with the bytes of the files it reads: what a book holds of the article. */
  readonly contentKey: string
  readonly parts: readonly string[]
}

export interface ArticlePlan {
  readonly source: Source
  /** The parse's cache key; empty when the source cannot be built. */
  readonly key: string
  readonly cached?: CachedParse
  /** Files the cache had, kept in place or restored. */
  readonly kept: readonly Output[]
  /** Files to make, with their keys; unset until the article is prepared when the cache has no parse of it. */
  readonly todo?: ReadonlyMap<ArticleFile, Target<ArticleFile>>
  /** Whether the prepare phase makes an Article of it: a file or a book needs it, or nothing is cached of it. */
  readonly prepare: boolean
}

export interface BookPlan {
  readonly planned: PlannedBook
  readonly parts: readonly BookPart[]
  readonly kept: readonly Output[]
  /** Parts to make, with their keys; unset until its articles are prepared when one of them was not cached. */
  readonly todo?: ReadonlyMap<BookPart, Target<BookPart>>
}

export interface BuildPlan {
  readonly settings: BuildSettings
  /** The formats of the articles' own files: none in a books-only build. */
  readonly articleFormats: readonly Format[]
  /** This build's sources (this shard's), those that failed to load too. */
  readonly articles: readonly ArticlePlan[]
  /** Every book, those that cannot be built too (their messages say why). */
  readonly books: readonly BookPlan[]
  /** Sources found, in every shard. */
  readonly found: number
  /** What the output folder held before the build, by file name: its size. */
  readonly present: ReadonlyMap<string, number>
  /** Whether this build writes the download site (a shard does not). */
  readonly site: boolean
  /** The config's `site:`: title, publisher, feed id, language and words of the download site. */
  readonly siteSpec?: SiteSpec
}

export async function planBuild(inputs: PlanInputs, cache: BuildCache): Promise<BuildPlan> {
  const {settings} = inputs
  // Read alongside the sources: the site lists what the folder holds besides this build's files.
  const present = filesPresent(settings.outDir)
  // A folder scan never reads the build's own output or cache, wherever they are.
  const skip = [settings.outDir, ...(cache.dir === undefined ? [] : [cache.dir])]
  const sources = await loadSources(inputs.inputs, {strict: inputs.strict, skip, limits: settings.limits})
  // Books are planned before anything is written, and never in a shard.
  const {planned, site: siteSpec} = inputs.shard ? {planned: []} : await planAllBooks(inputs.books, sources, settings)
  const mine = inputs.shard ? sources.filter((source) => inShard(source.slug, inputs.shard!)) : sources
  const formats = inputs.booksOnly ? [] : settings.formats

  const articles = new Array<Omit<ArticlePlan, 'prepare'>>(mine.length)
  await runLimited([...mine.keys()], 16, async (at) => {
    articles[at] = await planArticle(mine[at]!, formats, cache, settings)
  })
  const byPath = new Map(articles.map((article) => [article.source.file.path, article]))
  const parts = bookParts(settings.formats, settings.booklet)
  const books = await Promise.all(planned.map((book) => planBook(book, byPath, parts, cache, settings)))

  // Articles a book to make collects are prepared, whatever their own files need.
  const collected = new Set(books.filter(hasWork).flatMap((book) => book.planned.selected.map((candidate) => candidate.path)))
  return {
    settings,
    articleFormats: formats,
    articles: articles.map((article) => ({
      ...article,
      prepare: article.key !== '' && (!article.cached || (article.todo?.size ?? 0) > 0 || collected.has(article.source.file.path))
    })),
    books,
    found: sources.filter((source) => !source.skipped).length,
    present: await present,
    site: !inputs.shard,
    ...(siteSpec === undefined ? {} : {siteSpec})
  }
}

/** Whether a book has anything to make. */
export function hasWork(book: BookPlan): boolean {
  return buildable(book.planned) && (book.todo === undefined ? book.parts.length > 0 : book.todo.size > 0)
}

/** A book with a spec and no error (a missing article, a clash) on its file. */
export function buildable(book: PlannedBook): book is PlannedBook & {spec: BookSpec} {
  return book.spec !== undefined && !hasFatal(book.file)
}

/** Find what of an article is in place, from the cache alone: no parsing, no browser. */
async function planArticle(source: Source, formats: readonly Format[], cache: BuildCache, settings: BuildSettings): Promise<Omit<ArticlePlan, 'prepare'>> {
  if (!source.ok || hasFatal(source.file)) return {source, key: '', kept: []}
  // Fetching remote images or not changes what the article holds.
  // So do the limits: an image over one is left out. The deadline and the memory budget decide whether a parse ends, not what it gives.
  const remote = settings.allowRemote ? 'remote' : 'offline'
  const shaping = Object.entries(settings.limits).filter(([name]) => name !== 'deadline' && name !== 'memory')
  const key = cache.key('source', source.format, source.file.path, String(source.file.value), JSON.stringify(source.meta), remote, JSON.stringify(shaping))
  const entry = await cache.loadEntry(key)
  const parts = entry ? await dependencyParts(entry.dependencies, settings.limits['image-size']) : undefined
  if (!entry || !parts || parts.join('\n') !== entry.parts.join('\n')) return {source, key, kept: []}
  replayMessages(source.file, entry.messages)
  const {kept, todo} = await settleArticle(cache, settings, source.slug, key, parts, formats)
  return {source, key, cached: {entry, contentKey: cache.key(key, ...parts), parts}, kept, todo}
}

/**
 * Key an article's files and ask the cache for each: in the order of the
 * formats, the booklet after its PDF.
 */
export function settleArticle(cache: BuildCache, settings: BuildSettings, slug: string, key: string, parts: readonly string[], formats = settings.formats) {
  const targets: Target<ArticleFile>[] = []
  for (const format of formats) {
    const formatKey = cache.key(key, format, JSON.stringify(formatOptions(format, settings)), ...parts)
    targets.push({part: format, name: articleFileName(slug, format), key: formatKey})
    // The booklet is printed on its own pages, which the paper's family decides: A4 and B5 give the same booklet.
    if (format === 'pdf' && settings.booklet) {
      const booklet = {paper: bookletOf(settings.paper).page, epoch: settings.epoch ?? null}
      targets.push({part: 'booklet', name: articleFileName(slug, 'booklet'), key: cache.key(key, 'booklet', JSON.stringify(booklet), ...parts)})
    }
    // The cover is drawn for the EPUB, and goes with it.
    if (format === 'epub') targets.push({part: 'cover', name: articleFileName(slug, 'cover'), key: cache.key(formatKey, 'cover')})
  }
  return settle(cache, settings.outDir, targets, (file) => (file === 'booklet' ? 'pdf' : file === 'cover' ? 'image' : file), {cover: 'epub'})
}

/** The options each format's bytes depend on: only those, so a new paper size leaves EPUBs alone. */
function formatOptions(format: Format, settings: BuildSettings): unknown {
  const epoch = settings.epoch ?? null
  switch (format) {
    case 'html':
      return {imageMax: settings.screen.imageMax}
    case 'pdf':
      return {paper: settings.paper, epoch}
    case 'epub':
      return {epoch, ...settings.screen}
  }
}

/** The config file's books and the `--book` titles, planned against the sources; and the config's site. */
async function planAllBooks(books: PlanInputs['books'], sources: readonly Source[], settings: BuildSettings): Promise<{planned: PlannedBook[]; site?: SiteSpec}> {
  if (!books?.config && !books?.titles?.length) return {planned: []}
  // Loaded only for a build with books: a folder of articles alone never needs them.
  const [{commandLineBook, loadBookConfig}, {planBooks}, {dayOf}] = await Promise.all([import('../books/config.ts'), import('../books/plan-books.ts'), import('../books/title-date.ts')])
  const specs = (books?.titles ?? []).map((title) => commandLineBook(title))
  const failed: PlannedBook[] = []
  let site: SiteSpec | undefined
  if (books?.config) {
    const config = await loadBookConfig(books.config, settings.limits)
    specs.unshift(...config.books)
    site = config.site
    if (hasFatal(config.file)) failed.push({file: config.file, slug: '', selected: []})
  }
  if (specs.length === 0) return {planned: failed, site}
  const candidates = sources.map((source) => ({path: source.file.path, slug: source.slug, ok: source.ok && !hasFatal(source.file), day: dayOf(source.meta)}))
  return {planned: [...failed, ...planBooks(specs, candidates, settings.epoch)], site}
}

async function planBook(
  planned: PlannedBook,
  byPath: ReadonlyMap<string, Omit<ArticlePlan, 'prepare'>>,
  parts: readonly BookPart[],
  cache: BuildCache,
  settings: BuildSettings
): Promise<BookPlan> {
  const plan = {planned, parts, kept: []}
  if (!buildable(planned)) return plan
  const contentKeys = planned.selected.map((candidate) => byPath.get(candidate.path)?.cached?.contentKey)
  if (contentKeys.some((key) => key === undefined)) return plan
  return {...plan, ...(await settleBook(cache, settings, planned, parts, contentKeys as string[]))}
}

/** Key a book's parts from its articles' content keys, and ask the cache for each. */
export async function settleBook(cache: BuildCache, settings: BuildSettings, planned: PlannedBook & {spec: BookSpec}, parts: readonly BookPart[], contentKeys: readonly string[]) {
  const {spec} = planned
  const keys = bookKeys(cache.key, {
    spec,
    articles: contentKeys,
    cover: spec.cover ? await dependencyParts([spec.cover], settings.limits['image-size']) : [],
    paper: settings.paper,
    epoch: settings.epoch ?? null
  })
  const targets = parts.map((part) => ({part, name: bookFileName(planned.slug, part, spec.cover), key: keys[part]}))
  return settle(cache, settings.outDir, targets, bookPartFormat)
}

/** The output folder's files and their sizes, before the build writes any. */
async function filesPresent(outDir: string): Promise<Map<string, number>> {
  const present = new Map<string, number>()
  const entries = await readdir(outDir, {withFileTypes: true}).catch(() => [])
  await runLimited(
    entries.filter((entry) => entry.isFile()),
    16,
    async (entry) => {
      const info = await stat(path.join(outDir, entry.name)).catch(() => undefined)
      if (info) present.set(entry.name, info.size)
    }
  )
  return present
}
