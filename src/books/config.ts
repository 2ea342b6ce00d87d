/**
 * The book configuration, `imprint.config.yaml` (or `.yml`, `.json`): one
 * book, or several under `books:`. Checked against one valibot schema in the
 * style of the metadata sidecar, so a bad field is an error at its line and
 * column that names the field and what was expected.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import {VFile} from 'vfile'
import {LineCounter, parseDocument} from 'yaml'
import {MAX_META_BYTES, readUtf8} from '../load/load.ts'

export const CONFIG_NAMES = ['imprint.config.yaml', 'imprint.config.yml', 'imprint.config.json'] as const

const nonEmpty = v.pipe(v.string(), v.trim(), v.nonEmpty('a non-empty text'))

const BookSchema = v.strictObject({
  title: nonEmpty,
  subtitle: v.optional(nonEmpty),
  editor: v.optional(v.union([nonEmpty, v.array(nonEmpty)], 'a name or a list of names')),
  publisher: v.optional(nonEmpty),
  lang: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en, ru or fa-IR'))
  ),
  identifier: v.optional(nonEmpty),
  date: v.optional(
    v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'))
  ),
  cover: v.optional(v.pipe(nonEmpty, v.regex(/\.(?:png|jpe?g)$/i, 'a .png or .jpg image'))),
  rights: v.optional(nonEmpty),
  articles: v.union(
    [v.pipe(nonEmpty), v.pipe(v.array(nonEmpty), v.nonEmpty('at least one article'))],
    'a path, a glob or a list of them'
  ),
  order: v.optional(v.picklist(['listed', 'date', 'title'], 'listed, date or title'))
})

const ConfigSchema = v.union([v.strictObject({books: v.pipe(v.array(BookSchema), v.nonEmpty('at least one book'))}), BookSchema])

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

/** The config file in `dir`, if there is one. */
export function findBookConfig(dir: string): string | undefined {
  return CONFIG_NAMES.map((name) => path.join(dir, name)).find((candidate) => existsSync(candidate))
}

/** Read and check a config file; problems are fatal messages on the returned VFile. */
export async function loadBookConfig(configPath: string): Promise<{file: VFile; books: BookSpec[]}> {
  const absolute = path.resolve(configPath)
  const file = new VFile({path: absolute, cwd: process.cwd()})
  // Read as a metadata sidecar is: a config is as small, and as much the editor's text.
  const text = await readUtf8(absolute, MAX_META_BYTES, 'a configuration file')
  if (typeof text !== 'string') {
    fail(file, text.reason, text.ruleId, text.place)
    return {file, books: []}
  }
  file.value = text
  return {file, books: parseBookConfig(file)}
}

/** Parse YAML or JSON (JSON is YAML 1.2) from `file.value`; one parser gives both their line and column. */
export function parseBookConfig(file: VFile): BookSpec[] {
  const lineCounter = new LineCounter()
  const document = parseDocument(String(file.value), {lineCounter, prettyErrors: false})
  const place = (offset: number) => {
    const {line, col} = lineCounter.linePos(offset)
    return {line, column: col}
  }
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      fail(file, `invalid ${file.extname === '.json' ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0]}`, 'bad-config', place(error.pos[0]))
    }
    return []
  }
  const data: unknown = document.toJS() ?? {}
  const result = v.safeParse(ConfigSchema, data)
  if (!result.success) {
    for (const issue of deepestIssues(result.issues)) {
      const keys = (issue.path ?? []).map((item) => item.key as string | number)
      const field = keys.length > 0 ? keys.join('.') : undefined
      const missing = issue.type === 'strict_object' && issue.input === undefined
      const unknown = issue.type === 'strict_object' && !missing && field !== undefined
      // An unknown field is placed at its key; a missing one at the book that lacks it.
      const node = unknown ? keyNode(document.getIn(keys.slice(0, -1), true), keys.at(-1)) : document.getIn(missing ? keys.slice(0, -1) : keys, true)
      const range = isRanged(node) ? node.range : document.contents?.range
      const reason = missing
        ? `missing field \`${field}\`: a book needs a title and its articles`
        : unknown
          ? `unknown field \`${field}\`; known fields: books, ${Object.keys(BookSchema.entries).join(', ')}`
          : field
            ? `field \`${field}\`: expected ${expectation(issue)}`
            : `expected a book (title, articles…) or \`books:\` with a list of them`
      fail(file, reason, 'bad-config', place(range?.[0] ?? 0))
    }
    return []
  }
  const base = path.dirname(file.path)
  const books = 'books' in result.output ? result.output.books : [result.output]
  return books.map((book, index) => {
    const prefix: Array<string | number> = 'books' in result.output ? ['books', index] : []
    const listed = typeof book.articles === 'string' ? [book.articles] : book.articles
    return {
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
      articles: listed.map((pattern, position) => {
        const node = document.getIn([...prefix, 'articles', ...(typeof book.articles === 'string' ? [] : [position])], true)
        return {pattern, place: isRanged(node) ? place(node.range[0]) : undefined}
      })
    }
  })
}

/** A book from `--book TITLE`: every built article, in path order. */
export function commandLineBook(title: string): BookSpec {
  return {title, editors: [], order: 'listed', base: process.cwd(), articles: []}
}

/**
 * A union that fails reports the issues of each branch; keep those of the
 * branch that got furthest into the data, so the message names the field.
 */
function deepestIssues(issues: readonly v.BaseIssue<unknown>[]): v.BaseIssue<unknown>[] {
  const flat: v.BaseIssue<unknown>[] = []
  for (const issue of issues) {
    if (issue.type === 'union' && issue.issues && issue.issues.some((inner) => (inner.path?.length ?? 0) > (issue.path?.length ?? 0))) {
      flat.push(...deepestIssues(issue.issues))
    } else {
      flat.push(issue)
    }
  }
  const depth = Math.max(...flat.map((issue) => issue.path?.length ?? 0))
  return flat.filter((issue) => (issue.path?.length ?? 0) === depth)
}

/** The key node of `key` in a YAML mapping node. */
function keyNode(collection: unknown, key: string | number | undefined): unknown {
  if (typeof collection !== 'object' || collection === null || !('items' in collection) || !Array.isArray(collection.items)) return undefined
  for (const pair of collection.items as unknown[]) {
    if (typeof pair !== 'object' || pair === null || !('key' in pair)) continue
    const candidate = pair.key
    if (typeof candidate === 'object' && candidate !== null && 'value' in candidate && candidate.value === key) return candidate
  }
  return undefined
}

function isRanged(node: unknown): node is {range: [number, number, number]} {
  return typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range)
}

function expectation(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'validation' || issue.type === 'union' || issue.type === 'picklist') return issue.message
  return issue.expected ?? 'a valid value'
}

function fail(file: VFile, reason: string, ruleId: string, place?: {line: number; column: number}): void {
  const message = file.message(reason, {place, ruleId, source: 'imprint'})
  message.fatal = true
}
