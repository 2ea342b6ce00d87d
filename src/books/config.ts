/**
 * The book configuration, `imprint.config.yaml` (or `.yml`, `.json`): one
 * book, or several under `books:`, checked against schema/book-config.ts.
 * A problem is an error at its line and column on the config's VFile.
 */
import path from 'node:path'
import {VFile} from 'vfile'
import {MAX_META_BYTES, readUtf8} from '../load/load.ts'
import {report} from '../messages.ts'
import {checkBookConfig} from '../schema/book-config.ts'
import type {SiteConfig} from '../site/site-info.ts'

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
  readonly rights?: string
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

export interface BookConfig {
  readonly file: VFile
  readonly books: BookSpec[]
  /** The config's `site:`: what the download site and its catalog call themselves. */
  readonly site?: SiteConfig
}

/** Read and check a config file; problems are fatal messages on the returned VFile. */
export async function loadBookConfig(configPath: string): Promise<BookConfig> {
  const absolute = path.resolve(configPath)
  const file = new VFile({path: absolute, cwd: process.cwd()})
  // Read as a metadata sidecar is: a config is as small, and as much the editor's text.
  const text = await readUtf8(absolute, MAX_META_BYTES, 'a configuration file')
  if (typeof text !== 'string') {
    report(file, text.ruleId, text.reason, {place: text.place})
    return {file, books: []}
  }
  file.value = text
  const {books, site} = readBookConfig(file)
  return {file, books, ...(site ? {site} : {})}
}

/** Parse YAML or JSON (JSON is YAML 1.2) from `file.value`; one parser gives both their line and column. */
export function parseBookConfig(file: VFile): BookSpec[] {
  return readBookConfig(file).books
}

function readBookConfig(file: VFile): {books: BookSpec[]; site?: SiteConfig} {
  const result = checkBookConfig(String(file.value), file.extname === '.json' ? 'JSON' : 'YAML')
  if (!result.ok) {
    for (const {reason, line, column} of result.problems) report(file, 'bad-config', reason, {place: {line, column}})
    return {books: []}
  }
  const base = path.dirname(file.path)
  const books = result.books.map(({book, articles}) => ({
    title: book.title,
    subtitle: book.subtitle,
    editors: book.editor === undefined ? [] : typeof book.editor === 'string' ? [book.editor] : book.editor,
    publisher: book.publisher,
    lang: book.lang,
    identifier: book.identifier,
    date: book.date,
    cover: book.cover === undefined ? undefined : path.resolve(base, book.cover),
    rights: book.rights,
    order: book.order ?? 'listed',
    file,
    base,
    articles
  }))
  return {books, ...(result.site ? {site: result.site} : {})}
}

/** A book from `--book TITLE`: every built article, in path order. */
export function commandLineBook(title: string): BookSpec {
  return {title, editors: [], order: 'listed', base: process.cwd(), articles: []}
}
