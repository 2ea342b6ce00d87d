/**
 * The book configuration, `imprint.config.yaml` (or `.yml`, `.json`): one
 * book, or several under `books:`, checked against schema/book-config.ts.
 * A problem is an error at its line and column on the config's VFile.
 */
import path from 'node:path'
import {VFile} from 'vfile'
import type {LabelOverrides} from '../labels.ts'
import {DEFAULT_LIMITS, raiseHint, showLimit, type Limits} from '../limits.ts'
import {readUtf8} from '../load/load.ts'
import {readBounded, type Refusal} from '../load/read-bounded.ts'
import {declaredDimensions} from '../normalize/image-header.ts'
import {sniff} from '../normalize/resources.ts'
import {report} from '../messages.ts'
import {checkBookConfig} from '../schema/book-config.ts'

/** One book as configured: paths are absolute, articles are patterns. */
export interface BookSpec {
  readonly title: string
  readonly subtitle?: string
  readonly editors: readonly string[]
  readonly publisher?: string
  readonly lang?: string
  readonly identifier?: string
  readonly date?: string
  /** Absolute path of a user-supplied cover image. */
  readonly cover?: string
  /** Where the config names the cover. */
  readonly coverPlace?: {line: number; column: number}
  readonly rights?: string
  /** The config's words for this book, over those of its language. */
  readonly labels?: LabelOverrides
  /** Paths, globs or slugs, relative to the config file's folder, in reading order. */
  readonly articles: readonly ArticlePattern[]
  /** `listed`: as written (a glob's matches in path order); or sorted by date or title. */
  readonly order: 'listed' | 'date' | 'title'
  /** The config file, for messages with a place; absent for `--book`. */
  readonly file?: VFile
  /** The folder patterns are relative to. */
  readonly base: string
}

export interface ArticlePattern {
  readonly pattern: string
  /** Where the pattern is written in the config, for messages. */
  readonly place?: {line: number; column: number}
}

/** The download site as configured (`site:`); each field has a default worked out from the articles. */
export interface SiteSpec {
  readonly title?: string
  readonly publisher?: string
  /** The OPDS feed's id: an absolute URI. */
  readonly id?: string
  readonly lang?: string
  readonly labels?: LabelOverrides
}

export interface BookConfig {
  readonly file: VFile
  readonly books: BookSpec[]
  readonly site?: SiteSpec
}

/** Read and check a config file; problems are fatal messages on the returned VFile. */
export async function loadBookConfig(configPath: string, limits: Limits = DEFAULT_LIMITS): Promise<BookConfig> {
  const absolute = path.resolve(configPath)
  const file = new VFile({path: absolute, cwd: process.cwd()})
  // Read as a metadata sidecar is: a config is as small, and as much the editor's text.
  const text = await readUtf8(absolute, {limit: 'meta-size', value: limits['meta-size'], what: 'a configuration file'})
  if (typeof text !== 'string') {
    report(file, text.ruleId, text.reason, {place: text.place})
    return {file, books: []}
  }
  file.value = text
  const config = readConfig(file, limits['yaml-aliases'])
  for (const book of config.books) {
    if (book.cover === undefined) continue
    const refusal = await checkCover(book.cover, limits)
    if (!refusal) continue
    const reason = `cover \`${path.relative(book.base, book.cover)}\`: ${refusal.reason}`
    // An image over a limit is left out of an article, a warning; a book without its cover is not built.
    if (refusal.ruleId === 'image-over-limit') report(file, 'image-over-limit', reason, {place: book.coverPlace, as: 'error'})
    else report(file, refusal.ruleId, reason, {place: book.coverPlace})
  }
  return {file, ...config}
}

/**
 * Read a cover as an article's image is read, before any book is planned:
 * a regular file, within `image-size`, a PNG or JPEG whose header declares
 * no more than `image-pixels`. The image itself is read again when the book is made.
 */
async function checkCover(cover: string, limits: Limits): Promise<Refusal | undefined> {
  const data = await readBounded(cover, {limit: 'image-size', value: limits['image-size'], what: 'an image'})
  if (!(data instanceof Uint8Array)) return data
  const type = sniff(data)
  const size = type === 'image/png' || type === 'image/jpeg' ? declaredDimensions(data, type) : undefined
  if (!size) return {ruleId: 'bad-config', reason: 'not a PNG or JPEG image'}
  const pixels = size.width * size.height
  if (pixels <= limits['image-pixels']) return undefined
  const reason = `declares ${size.width} × ${size.height} pixels, over the ${showLimit('image-pixels', limits['image-pixels'])} limit; ${raiseHint('image-pixels')}`
  return {ruleId: 'image-over-limit', reason}
}

/** Parse YAML or JSON (JSON is YAML 1.2) from `file.value`; one parser gives both their line and column. */
export function parseBookConfig(file: VFile, maxAliases?: number): BookSpec[] {
  return readConfig(file, maxAliases).books
}

function readConfig(file: VFile, maxAliases?: number): Omit<BookConfig, 'file'> {
  const result = checkBookConfig(String(file.value), file.extname === '.json' ? 'JSON' : 'YAML', maxAliases)
  if (!result.ok) {
    for (const {reason, line, column, ruleId} of result.problems) report(file, ruleId ?? 'bad-config', reason, {place: {line, column}})
    return {books: []}
  }
  const base = path.dirname(file.path)
  const books = result.books.map(({book, articles, coverPlace}): BookSpec => ({
    title: book.title,
    subtitle: book.subtitle,
    editors: book.editor === undefined ? [] : typeof book.editor === 'string' ? [book.editor] : book.editor,
    publisher: book.publisher,
    lang: book.lang,
    identifier: book.identifier,
    date: book.date,
    cover: book.cover === undefined ? undefined : path.resolve(base, book.cover),
    coverPlace,
    rights: book.rights,
    labels: book.labels,
    order: book.order ?? 'listed',
    file,
    base,
    articles
  }))
  return {books, ...(result.site === undefined ? {} : {site: result.site})}
}

/** A book from `--book TITLE`: every built article, in path order. */
export function commandLineBook(title: string): BookSpec {
  return {title, editors: [], order: 'listed', base: process.cwd(), articles: []}
}
