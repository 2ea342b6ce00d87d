/**
 * One schema for the metadata an editor writes by hand: the YAML sidecar next
 * to an article, and Markdown front matter. It gives the types, the checks and
 * the messages, with the line and column of a bad field.
 */
import * as v from 'valibot'
import {expectation, keyNode, keysOf, languageTag, nonEmpty, parseYaml, type YamlProblem} from './yaml-schema.ts'

const isoDate = v.pipe(
  v.string('a date as YYYY-MM-DD or an ISO 8601 timestamp'),
  v.regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'a date as YYYY-MM-DD or an ISO 8601 timestamp'
  )
)

const httpUrl = v.pipe(v.string('an http or https URL'), v.url('an absolute URL'), v.regex(/^https?:/i, 'an http or https URL'))

const oneOrMany = v.union(
  [nonEmpty, v.array(nonEmpty)],
  'a text or a list of texts'
)

export const MetaSchema = v.strictObject({
  title: v.optional(nonEmpty),
  subtitle: v.optional(nonEmpty),
  byline: v.optional(oneOrMany),
  date: v.optional(isoDate),
  lang: v.optional(languageTag),
  dir: v.optional(v.picklist(['ltr', 'rtl'], 'ltr or rtl')),
  publisher: v.optional(nonEmpty),
  source: v.optional(httpUrl),
  /** The page's `<link rel="canonical">`, as `imprint fetch` found it. */
  canonical: v.optional(httpUrl),
  credits: v.optional(nonEmpty),
  notice: v.optional(oneOrMany),
  rights: v.optional(nonEmpty),
  /** The lead photo's credit, caption and alt text, when the source lacks them. */
  image: v.optional(
    v.strictObject(
      {
        credit: v.optional(nonEmpty),
        caption: v.optional(nonEmpty),
        alt: v.optional(nonEmpty)
      },
      'a mapping with credit, caption or alt'
    )
  ),
  keywords: v.optional(oneOrMany),
  identifier: v.optional(nonEmpty),
  /** `imprint fetch`'s record of the page, for polite refetching (docs/fetch.md). */
  fetched: v.optional(
    v.strictObject(
      {
        /** The address asked for; a refetch asks it again. */
        url: httpUrl,
        at: isoDate,
        etag: v.optional(nonEmpty),
        'last-modified': v.optional(nonEmpty),
        /** The article's text came from the page, or from the feed item that carried it whole. */
        from: v.picklist(['page', 'feed'], 'page or feed'),
        feed: v.optional(httpUrl)
      },
      'a mapping with url, at, etag, last-modified, from and feed'
    )
  )
})

/** Metadata as written by the editor, checked. */
export type MetaInput = v.InferOutput<typeof MetaSchema>

export interface MetaProblem extends YamlProblem {
  readonly field?: string
}

export type MetaResult =
  | {readonly ok: true; readonly meta: MetaInput}
  | {readonly ok: false; readonly problems: readonly MetaProblem[]}

/**
 * Parse and check YAML metadata. `lineOffset` shifts reported lines, for
 * front matter that starts below a `---` fence.
 */
export function parseMeta(yamlText: string, lineOffset = 0, maxAliases?: number): MetaResult {
  const {document, data: parsed, errors, problemPlace} = parseYaml(yamlText, {lineOffset, maxAliases})
  if (errors.length > 0) return {ok: false, problems: errors}

  const data: unknown = parsed ?? {}
  const result = v.safeParse(MetaSchema, data)
  if (result.success) return {ok: true, meta: result.output}

  return {
    ok: false,
    problems: result.issues.map((issue) => {
      const path = keysOf(issue)
      const field = path.length > 0 ? path.join('.') : undefined
      // An unknown key is reported with `expected: 'never'`; a wrong type for a nested mapping is not.
      const unknownKey = issue.type === 'strict_object' && issue.expected === 'never' && field !== undefined
      const node = path.length === 0 ? undefined : unknownKey ? keyNode(document, path) : document.getIn(path, true)
      const reason = unknownKey
        ? `unknown field \`${field}\`; known fields: ${knownFields(path.slice(0, -1)).join(', ')}`
        : field
          ? `field \`${field}\`: expected ${expectation(issue, OWN_TYPES)}, got ${describe(issue.input)}`
          : `expected a mapping of fields, got ${describe(issue.input)}`
      return {reason, field, ...problemPlace(node)}
    })
  }
}

/** The fields of the mapping at `path`: the top level or a nested one such as `image`. */
function knownFields(path: readonly (string | number)[]): string[] {
  let entries: Record<string, unknown> = MetaSchema.entries
  for (const key of path) {
    const schema = entries[String(key)] as {wrapped?: {entries?: Record<string, unknown>}} | undefined
    const nested = schema?.wrapped?.entries
    if (!nested) break
    entries = nested
  }
  return Object.keys(entries)
}

/** Every text, union, choice and nested mapping here carries a message that says what it wants. */
const OWN_TYPES = ['union', 'picklist', 'string', 'strict_object']

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'a mapping' : String(value)
}
