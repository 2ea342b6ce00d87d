/**
 * One schema for the book configuration: one book, or several under
 * `books:`. Checked in the style of the metadata sidecar, so a bad field is
 * a problem at its line and column that names the field and what was
 * expected.
 */
import * as v from 'valibot'
import {expectation, keyNode, keysOf, languageTag, nonEmpty, parseYaml, type Place, type YamlProblem} from './yaml-schema.ts'

const BookSchema = v.strictObject({
  title: nonEmpty,
  subtitle: v.optional(nonEmpty),
  editor: v.optional(v.union([nonEmpty, v.array(nonEmpty)], 'a name or a list of names')),
  publisher: v.optional(nonEmpty),
  lang: v.optional(languageTag),
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

/** What the download site and its OPDS catalog call themselves (src/site/site-info.ts). */
const SiteSchema = v.strictObject({
  title: v.optional(nonEmpty),
  publisher: v.optional(nonEmpty),
  id: v.optional(v.pipe(nonEmpty, v.regex(/^[a-z][a-z\d+.-]*:\S+$/i, 'a URI such as urn:uuid:… or https://…')))
})

const ConfigSchema = v.union([
  v.strictObject({site: v.optional(SiteSchema), books: v.pipe(v.array(BookSchema), v.nonEmpty('at least one book'))}),
  v.strictObject({...BookSchema.entries, site: v.optional(SiteSchema)})
])

export type SiteInput = v.InferOutput<typeof SiteSchema>

/** One book as written in the configuration, checked. */
export type BookInput = v.InferOutput<typeof BookSchema>

export interface CheckedBook {
  readonly book: BookInput
  /** `articles` as a list, each with where it is written, for messages about it. */
  readonly articles: ReadonlyArray<{readonly pattern: string; readonly place?: Place}>
}

export type BookConfigResult =
  | {readonly ok: true; readonly books: readonly CheckedBook[]; readonly site?: SiteInput}
  | {readonly ok: false; readonly problems: readonly YamlProblem[]}

/** Parse and check a configuration's text, YAML or JSON as `syntax` says. */
export function checkBookConfig(text: string, syntax: 'YAML' | 'JSON'): BookConfigResult {
  const {document, errors, placeOf, problemPlace} = parseYaml(text, {syntax})
  if (errors.length > 0) return {ok: false, problems: errors}
  const data: unknown = document.toJS() ?? {}
  const result = v.safeParse(ConfigSchema, data)
  if (!result.success) {
    const problems = deepestIssues(result.issues).map((issue) => {
      const keys = keysOf(issue)
      const field = keys.length > 0 ? keys.join('.') : undefined
      const missing = issue.type === 'strict_object' && issue.input === undefined
      const unknown = issue.type === 'strict_object' && !missing && field !== undefined
      // An unknown field is placed at its key; a missing one at the book that lacks it.
      const node = unknown ? keyNode(document, keys) : document.getIn(missing ? keys.slice(0, -1) : keys, true)
      const reason = missing
        ? `missing field \`${field}\`: a book needs a title and its articles`
        : unknown
          ? `unknown field \`${field}\`; known fields: books, site, ${Object.keys(BookSchema.entries).join(', ')}`
          : field
            ? `field \`${field}\`: expected ${expectation(issue, OWN_TYPES)}`
            : `expected a book (title, articles…) or \`books:\` with a list of them`
      return {reason, ...problemPlace(node)}
    })
    return {ok: false, problems}
  }
  const books = 'books' in result.output ? result.output.books : [result.output]
  const {site} = result.output
  return {
    ok: true,
    ...(site ? {site} : {}),
    books: books.map((book, index) => {
      const prefix: Array<string | number> = 'books' in result.output ? ['books', index] : []
      const listed = typeof book.articles === 'string' ? [book.articles] : book.articles
      const articles = listed.map((pattern, position) => {
        const node = document.getIn([...prefix, 'articles', ...(typeof book.articles === 'string' ? [] : [position])], true)
        return {pattern, place: placeOf(node)}
      })
      return {book, articles}
    })
  }
}

/**
 * The configuration names a wrong type as valibot does (`expected string`);
 * its unions and choices say what they want.
 */
const OWN_TYPES = ['union', 'picklist']

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
