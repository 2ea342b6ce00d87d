/**
 * One schema for the metadata an editor writes by hand: the YAML sidecar next
 * to a pasted-text article, and (later) Markdown front matter. It gives the
 * types, the checks and the messages, with the line and column of a bad field.
 */
import * as v from 'valibot'
import {LineCounter, parseDocument} from 'yaml'

const isoDate = v.pipe(
  v.string(),
  v.regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'a date as YYYY-MM-DD or an ISO 8601 timestamp'
  )
)

const nonEmpty = v.pipe(v.string(), v.trim(), v.nonEmpty('a non-empty text'))
const oneOrMany = v.union(
  [nonEmpty, v.array(nonEmpty)],
  'a text or a list of texts'
)

export const MetaSchema = v.strictObject({
  title: v.optional(nonEmpty),
  subtitle: v.optional(nonEmpty),
  byline: v.optional(oneOrMany),
  date: v.optional(isoDate),
  lang: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/,
        'a BCP 47 language tag such as en, ru or fa-IR'
      )
    )
  ),
  dir: v.optional(v.picklist(['ltr', 'rtl'], 'ltr or rtl')),
  publisher: v.optional(nonEmpty),
  source: v.optional(
    v.pipe(
      v.string(),
      v.url('an absolute URL'),
      v.regex(/^https?:/i, 'an http or https URL')
    )
  ),
  credits: v.optional(nonEmpty),
  notice: v.optional(oneOrMany),
  rights: v.optional(nonEmpty),
  identifier: v.optional(nonEmpty)
})

/** Metadata as written by the editor, checked. */
export type MetaInput = v.InferOutput<typeof MetaSchema>

export interface MetaProblem {
  readonly reason: string
  readonly line: number
  readonly column: number
  readonly field?: string
}

export type MetaResult =
  | {readonly ok: true; readonly meta: MetaInput}
  | {readonly ok: false; readonly problems: readonly MetaProblem[]}

/**
 * Parse and check YAML metadata. `lineOffset` shifts reported lines, for
 * front matter that starts below a `---` fence.
 */
export function parseMeta(yamlText: string, lineOffset = 0): MetaResult {
  const lineCounter = new LineCounter()
  const document = parseDocument(yamlText, {lineCounter, prettyErrors: false})
  const place = (offset: number) => {
    const {line, col} = lineCounter.linePos(offset)
    return {line: line + lineOffset, column: col}
  }

  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        reason: `invalid YAML: ${error.message.split('\n')[0]}`,
        ...place(error.pos[0])
      }))
    }
  }

  const data: unknown = document.toJS() ?? {}
  const result = v.safeParse(MetaSchema, data)
  if (result.success) return {ok: true, meta: result.output}

  return {
    ok: false,
    problems: result.issues.map((issue) => {
      const path = (issue.path ?? []).map((item) => item.key as string | number)
      const field = path.length > 0 ? path.join('.') : undefined
      const node = path.length > 0 ? document.getIn(path, true) : undefined
      const range = isRanged(node) ? node.range : document.contents?.range
      const unknownKey = issue.type === 'strict_object' && field !== undefined
      const reason = unknownKey
        ? `unknown field \`${field}\`; known fields: ${Object.keys(MetaSchema.entries).join(', ')}`
        : field
          ? `field \`${field}\`: expected ${expectation(issue)}, got ${describe(issue.input)}`
          : `expected a mapping of fields, got ${describe(issue.input)}`
      return {reason, field, ...place(range?.[0] ?? 0)}
    })
  }
}

function isRanged(node: unknown): node is {range: [number, number, number]} {
  return typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range)
}

/** Our own validation messages say what is expected; type checks name the type. */
function expectation(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'validation' || issue.type === 'union' || issue.type === 'picklist') return issue.message
  return issue.expected ?? 'a valid value'
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'a mapping' : String(value)
}
