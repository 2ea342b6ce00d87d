/**
 * What the two YAML files an editor writes by hand share: the metadata
 * (sidecar or front matter, meta.ts) and the book configuration
 * (book-config.ts). Both are read by one parser that keeps lines and
 * columns, checked by valibot, and a problem is shown where its node stands.
 */
import * as v from 'valibot'
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document} from 'yaml'
import {DEFAULT_LIMITS, raiseHint, showLimit} from '../limits.ts'

/** A text with more than white space in it, trimmed. */
export const nonEmpty = v.pipe(v.string('a text'), v.trim(), v.nonEmpty('a non-empty text'))

const LANGUAGE_TAG = 'a BCP 47 language tag such as en, ru or fa-IR'

/** The shape of a BCP 47 tag (`en`, `fa-IR`); whether imprint knows the language is decided later. */
export const languageTag = v.pipe(v.string(LANGUAGE_TAG), v.regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, LANGUAGE_TAG))

export interface Place {
  readonly line: number
  readonly column: number
}

export interface YamlProblem extends Place {
  readonly reason: string
  /** Set when the problem is a limit's, which has a rule of its own; otherwise the file's usual rule. */
  readonly ruleId?: 'too-many-aliases' | 'too-deep'
}

export interface ParsedYaml {
  readonly document: Document.Parsed
  /** The document as data, its aliases expanded within the limit; `undefined` when there are errors. */
  readonly data: unknown
  /** Syntax errors at their places; when there are any, the document is not to be checked. */
  readonly errors: readonly YamlProblem[]
  /** Where `node` starts, when it is a node of the document. */
  readonly placeOf: (node: unknown) => Place | undefined
  /** Where a problem with `node` is shown: where it starts, else at the top of the document. */
  readonly problemPlace: (node: unknown) => Place
}

/**
 * Parse YAML, or JSON, which is YAML 1.2, so both get lines and columns.
 * `lineOffset` shifts lines, for front matter below a `---` fence; `syntax`
 * names the language in the errors.
 */
export function parseYaml(
  text: string,
  options: {readonly lineOffset?: number; readonly syntax?: 'YAML' | 'JSON'; readonly maxAliases?: number} = {}
): ParsedYaml {
  const {lineOffset = 0, syntax = 'YAML', maxAliases = DEFAULT_LIMITS['yaml-aliases']} = options
  const lineCounter = new LineCounter()
  const at = (offset: number): Place => {
    const {line, col} = lineCounter.linePos(offset)
    return {line: line + lineOffset, column: col}
  }
  let document: Document.Parsed
  try {
    // yaml looks for a duplicate key among all the keys before it, which is quadratic in a mapping's size: duplicateKeys does it in one pass.
    document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: false})
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    // The composer recursed past the stack: refused before any walk of ours.
    return {...refusedDocument(at), errors: [{reason: TOO_DEEP(syntax), ruleId: 'too-deep', ...at(0)}]}
  }
  const errors: YamlProblem[] = document.errors.map((error) =>
    // yaml catches the composer's stack overflow and reports it as a syntax error.
    /Maximum call stack size exceeded/.test(error.message)
      ? {reason: TOO_DEEP(syntax), ruleId: 'too-deep', ...at(error.pos[0])}
      : {reason: `invalid ${syntax}: ${error.message.split('\n')[0]}`, ...at(error.pos[0])}
  )
  errors.push(...duplicateKeys(document).map((offset) => ({reason: `invalid ${syntax}: Map keys must be unique`, ...at(offset)})))
  // A file of a million bad lines gets twenty of them and a count.
  if (errors.length > SHOWN_ERRORS) {
    const rest = errors.splice(SHOWN_ERRORS)
    errors.push({reason: `${rest.length.toLocaleString('en')} more problems in the ${syntax} from here`, line: rest[0]!.line, column: rest[0]!.column})
  }
  let data: unknown
  if (errors.length === 0) {
    try {
      // yaml counts each alias by the nodes it stands for, so an alias bomb stops at the limit, not after it has grown.
      data = document.toJS({maxAliasCount: maxAliases})
    } catch (error) {
      if (error instanceof ReferenceError) {
        errors.push({reason: `${syntax} aliases expand past ${showLimit('yaml-aliases', maxAliases)}; ${raiseHint('yaml-aliases')}`, ruleId: 'too-many-aliases', ...at(0)})
      } else if (error instanceof RangeError) {
        errors.push({reason: TOO_DEEP(syntax), ruleId: 'too-deep', ...at(0)})
      } else {
        throw error
      }
    }
  }
  return {
    document,
    data,
    errors,
    placeOf: (node) => (isRanged(node) ? at(node.range[0]) : undefined),
    problemPlace: (node) => at((isRanged(node) ? node.range : document.contents?.range)?.[0] ?? 0)
  }
}

/** Syntax errors reported one by one; past them, one line counts the rest. */
const SHOWN_ERRORS = 20

const TOO_DEEP = (syntax: string) => `${syntax} collections nest too deeply (thousands of levels) to be read`

/** What parseYaml returns for a text it could not parse at all. */
function refusedDocument(at: (offset: number) => Place): Omit<ParsedYaml, 'errors'> {
  return {document: parseDocument(''), data: undefined, placeOf: () => undefined, problemPlace: () => at(0)}
}

/**
 * Where a mapping repeats a key (a scalar key of the same value as one
 * before it, as yaml compares them), every mapping of the document in one
 * pass; a walk with a stack of its own, for a document as deep as the parser took.
 */
function duplicateKeys(document: Document.Parsed): number[] {
  const found: number[] = []
  const stack: unknown[] = [document.contents]
  while (stack.length > 0) {
    const node = stack.pop()
    if (isSeq(node)) {
      stack.push(...node.items)
    } else if (isMap(node)) {
      const seen = new Set<unknown>()
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value)) found.push(pair.key.range?.[0] ?? 0)
          seen.add(pair.key.value)
        } else {
          stack.push(pair.key)
        }
        stack.push(pair.value)
      }
    }
  }
  return found.sort((a, b) => a - b)
}

/** The key node of `path`'s last step, so an unknown field is shown where its name stands. */
export function keyNode(document: Document.Parsed, path: readonly (string | number)[]): unknown {
  const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents
  if (!isMap(parent)) return undefined
  return parent.items.find((pair) => isScalar(pair.key) && pair.key.value === path.at(-1))?.key
}

/** The path of an issue as the keys of the data, `['books', 0, 'title']`. */
export function keysOf(issue: v.BaseIssue<unknown>): Array<string | number> {
  return (issue.path ?? []).map((item) => item.key as string | number)
}

/**
 * What a bad field should have held. A validation's message says it, and so
 * does the message of each issue type in `ownTypes`, which the schema wrote;
 * for any other type check, the type valibot expected.
 */
export function expectation(issue: v.BaseIssue<unknown>, ownTypes: readonly string[]): string {
  if (issue.kind === 'validation' || ownTypes.includes(issue.type)) return issue.message
  return issue.expected ?? 'a valid value'
}

function isRanged(node: unknown): node is {range: [number, number, number]} {
  return typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range)
}
