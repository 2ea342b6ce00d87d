/**
 * One schema for the metadata an editor writes by hand: the YAML sidecar next
 * to an article, and Markdown front matter in YAML or TOML. The names other
 * tools give the same facts are mapped onto imprint's fields first
 * (meta-fields.ts); then this schema gives the types, the checks and the
 * messages, with the line and column of a bad field.
 */
import {parse as parseToml, TomlError} from 'smol-toml'
import * as v from 'valibot'
import {isCalendarDate} from './meta-dates.ts'
import {isMapping, mapFields} from './meta-fields.ts'
import {expectation, keyNode, keysOf, languageTag, nonEmpty, parseYaml, type Place, type YamlProblem} from './yaml-schema.ts'

const isoDate = v.pipe(
  v.string('a date as YYYY-MM-DD or an ISO 8601 timestamp'),
  v.regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'a date as YYYY-MM-DD or an ISO 8601 timestamp'
  ),
  v.check((text) => !/^\d{4}-\d{2}-\d{2}/.test(text) || isCalendarDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))), 'a date that exists')
)

const oneOrMany = v.union(
  [nonEmpty, v.array(nonEmpty)],
  'a text or a list of texts'
)

const httpUrl = v.pipe(v.string('an http or https URL'), v.url('an absolute URL'), v.regex(/^https?:/i, 'an http or https URL'))

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
  /** The lead photo: its file (when the source shows none) and its credit, caption and alt text. */
  image: v.optional(
    v.strictObject(
      {
        src: v.optional(nonEmpty),
        credit: v.optional(nonEmpty),
        caption: v.optional(nonEmpty),
        alt: v.optional(nonEmpty)
      },
      'a path, or a mapping with src, alt, caption or credit'
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
  ),
  /** Names the outputs instead of the file name. */
  slug: v.optional(nonEmpty),
  /** A draft is not built. */
  draft: v.optional(v.boolean('true or false'))
})

/** Metadata as written by the editor, checked. */
export type MetaInput = v.InferOutput<typeof MetaSchema>

export interface MetaProblem extends Omit<YamlProblem, 'ruleId'> {
  readonly field?: string
  /** `unknown-field` is a warning, unless `strict` made it an error; the others are errors. */
  readonly ruleId: 'bad-metadata' | 'unknown-field' | 'too-many-aliases' | 'too-deep'
}

export interface MetaResult {
  /** The checked metadata; unset when any problem is an error. */
  readonly meta?: MetaInput
  readonly problems: readonly MetaProblem[]
}

export interface MetaOptions {
  /** Lines above the text, for front matter below its opening fence. */
  readonly lineOffset?: number
  /** `--strict`: a field imprint does not read is an error, not a warning. */
  readonly strict?: boolean
  /** The `yaml-aliases` limit (src/limits.ts). */
  readonly maxAliases?: number
}

/** Parse and check YAML metadata: a sidecar, or front matter between `---` fences. */
export function parseMeta(yamlText: string, options: MetaOptions = {}): MetaResult {
  const {document, data, errors, problemPlace} = parseYaml(yamlText, {lineOffset: options.lineOffset, maxAliases: options.maxAliases})
  if (errors.length > 0) return {problems: errors.map((error) => ({...error, ruleId: error.ruleId ?? 'bad-metadata'}))}
  return checkMeta(data ?? {}, options, {
    keyAt: (path) => problemPlace(keyNode(document, path) ?? document.getIn(path, true)),
    valueAt: (path) => problemPlace(document.getIn(path, true))
  })
}

/** Parse and check TOML front matter, between `+++` fences (Hugo's). */
export function parseTomlMeta(tomlText: string, options: MetaOptions = {}): MetaResult {
  const lineOffset = options.lineOffset ?? 0
  let data: unknown
  try {
    data = parseToml(tomlText)
  } catch (error) {
    if (!(error instanceof TomlError)) throw error
    const reason = `invalid TOML: ${error.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '')}`
    return {problems: [{reason, line: error.line + lineOffset, column: error.column, ruleId: 'bad-metadata'}]}
  }
  const keyAt = (path: readonly (string | number)[]) => tomlKeyPlace(tomlText, path, lineOffset)
  return checkMeta(data, options, {keyAt, valueAt: keyAt})
}

interface Places {
  /** Where the name of the field at `path` stands. */
  readonly keyAt: (path: readonly (string | number)[]) => Place
  /** Where its value starts. */
  readonly valueAt: (path: readonly (string | number)[]) => Place
}

/** Unknown fields reported one by one; past them, one line counts the rest. */
const SHOWN_UNKNOWN = 20

/**
 * Map the fields other tools write onto imprint's, report the ones it
 * does not read, and check the rest against the schema.
 */
function checkMeta(data: unknown, options: MetaOptions, places: Places): MetaResult {
  if (!isMapping(data)) {
    return {problems: [{reason: `expected a mapping of fields, got ${describe(data)}`, ...places.valueAt([]), ruleId: 'bad-metadata'}]}
  }
  const {fields, origins, unknown} = mapFields(data)
  const ruleId = options.strict ? ({ruleId: 'bad-metadata'} as const) : ({ruleId: 'unknown-field'} as const)
  const problems: MetaProblem[] = unknown.slice(0, SHOWN_UNKNOWN).map(({path, suggest}) => {
    const field = path.join('.')
    const suggestion = suggest()
    const hint = suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`
    const reason = `unknown field \`${field}\`${options.strict ? '' : ' is ignored'}${hint}`
    return {reason, field, ...places.keyAt(path), ...ruleId}
  })
  // Each one found costs a search for its place: a file of a million made-up keys gets one line for the rest.
  if (unknown.length > SHOWN_UNKNOWN) {
    const rest = unknown.length - SHOWN_UNKNOWN
    const reason = `${rest.toLocaleString('en')} more unknown field${rest === 1 ? '' : 's'}${options.strict ? '' : ' are ignored'}, from \`${unknown[SHOWN_UNKNOWN]!.path.join('.')}\` on`
    problems.push({reason, ...places.keyAt(unknown[SHOWN_UNKNOWN]!.path), ...ruleId})
  }

  const result = v.safeParse(MetaSchema, fields)
  if (result.success) {
    const failed = problems.some((problem) => problem.ruleId === 'bad-metadata')
    return failed ? {problems} : {meta: result.output, problems}
  }
  for (const issue of result.issues) {
    const [name, ...rest] = keysOf(issue)
    // Report under the name the editor wrote, at the value they wrote.
    const origin = name === undefined ? [] : [...(origins[String(name)] ?? [String(name)]), ...rest]
    const field = origin.length > 0 ? origin.join('.') : undefined
    const reason = field
      ? `field \`${field}\`: expected ${expectation(issue, OWN_TYPES)}, got ${describe(issue.input)}`
      : `expected a mapping of fields, got ${describe(issue.input)}`
    problems.push({reason, field, ...places.valueAt(origin), ruleId: 'bad-metadata'})
  }
  return {problems: problems.sort((a, b) => a.line - b.line || a.column - b.column)}
}

/**
 * Where a key stands in TOML text, which smol-toml does not say: the line
 * of `key =` under the table its path names (`[params]`), or the table's
 * own header. The top of the block when it cannot be found.
 */
function tomlKeyPlace(text: string, path: readonly (string | number)[], lineOffset: number): Place {
  const keys = path.map(String)
  const lines = text.split(/\r?\n/)
  let table: string[] = []
  let best: Place = {line: 1 + lineOffset, column: 1}
  for (const [index, line] of lines.entries()) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(line)
    if (header) {
      table = header[1]!.split('.').map((part) => unquote(part.trim()))
      if (table.join('.') === keys.join('.')) return {line: index + 1 + lineOffset, column: line.indexOf('[') + 1}
      continue
    }
    const assignment = /^(\s*)((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=/.exec(line)
    if (!assignment) continue
    const full = [...table, ...assignment[2]!.split('.').map((part) => unquote(part.trim()))]
    const place = {line: index + 1 + lineOffset, column: assignment[1]!.length + 1}
    if (full.join('.') === keys.join('.')) return place
    // A key inside an inline table or array of the path's field: its line is near enough.
    if (keys.slice(0, full.length).join('.') === full.join('.') && full.length > 0) best = place
  }
  return best
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key
}

/** Every text, union, choice and nested mapping here carries a message that says what it wants. */
const OWN_TYPES = ['union', 'picklist', 'string', 'strict_object', 'boolean']

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'a mapping' : String(value)
}
