/**
 * normalize: typography over the text nodes of a hast tree.
 *
 * Straight quotes become the language's curly ones, apostrophes become ’,
 * `--` an em dash and `...` an ellipsis. Quotes are decided over a whole
 * block at once, so a quote opened before `<em>` and closed after it pairs
 * up. Code, and the credits and notice (kept word for word), are left alone
 * but still read as context. No-break spaces are kept as they are.
 */
import type {Element, Root, RootContent, Text} from 'hast'
import {roleOf} from '../article.ts'
import {languageRules, type Quotes} from '../languages.ts'

export function typography(tree: Root, lang: string): void {
  const {quotes} = languageRules(lang)
  for (const run of collectRuns(tree)) transformRun(run, quotes)
}

/** A piece of a block's text: a text node to rewrite, or context only. */
interface Segment {
  readonly node?: Text
  readonly value: string
}

/** Elements whose text must stay exactly as written. */
const VERBATIM_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'textarea', 'math', 'svg'])
const VERBATIM_ROLES = new Set(['credits', 'notice'])

/** Phrasing elements: a quote may open before one and close after it. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins',
  'kbd', 'label', 'mark', 'q', 'ruby', 'rt', 'rp', 's', 'samp', 'small', 'span', 'strong',
  'sub', 'sup', 'time', 'u', 'var', 'wbr'
])

const NNBSP = '\u202F'

/**
 * Split the tree into runs of text that read as one block. Entering or
 * leaving a block element ends a run, so quotes never pair across paragraphs.
 */
function collectRuns(tree: Root): Segment[][] {
  const runs: Segment[][] = []
  let run: Segment[] = []
  const end = (): void => {
    if (run.length > 0) runs.push(run)
    run = []
  }
  const walk = (node: Root | RootContent, verbatim: boolean): void => {
    if (node.type === 'text') {
      run.push(verbatim ? {value: node.value} : {node, value: node.value})
    } else if (node.type === 'element') {
      const block = !INLINE_TAGS.has(node.tagName)
      const keep = verbatim || VERBATIM_TAGS.has(node.tagName) || isVerbatimRole(node)
      if (block) end()
      if (node.tagName === 'br') run.push({value: '\n'})
      for (const child of node.children) walk(child, keep)
      if (node.tagName === 'template' && node.content) walk(node.content, keep)
      if (block) end()
    } else if (node.type === 'root') {
      for (const child of node.children) walk(child, verbatim)
    }
  }
  walk(tree, false)
  end()
  return runs
}

function isVerbatimRole(node: Element): boolean {
  const role = roleOf(node)
  return role !== undefined && VERBATIM_ROLES.has(role)
}

type Kind = 'double' | 'single'

interface OpenQuote {
  readonly kind: Kind
  readonly level: number
}

/**
 * The state of one run while it is rewritten. Every step of it takes
 * constant time, whatever the run's length: a paragraph of a million
 * quotes is read once (issue 15).
 */
interface Cursor {
  readonly text: string
  /** Index of the segment each character of `text` comes from. */
  readonly owner: Uint32Array
  readonly editable: readonly boolean[]
  /** What each segment becomes, in pieces joined at the end. */
  readonly out: string[][]
  readonly stack: OpenQuote[]
  /** How many quotes of each kind the stack holds. */
  readonly inside: Record<Kind, number>
  /** Indices in `text` of quotes that were read as opening. */
  readonly opened: Set<number>
  /** The last straight single quote that could close a quotation (not followed by a letter); -1 when none. */
  readonly lastCloser: number
}

function transformRun(run: readonly Segment[], quotes: Quotes): void {
  const text = run.map((segment) => segment.value).join('')
  const owner = new Uint32Array(text.length)
  let start = 0
  for (const [index, segment] of run.entries()) {
    owner.fill(index, start, start + segment.value.length)
    start += segment.value.length
  }
  let lastCloser = text.length - 1
  while (lastCloser >= 0 && !(text[lastCloser] === "'" && !isWordChar(text[lastCloser + 1]))) lastCloser--
  const cursor: Cursor = {
    text,
    owner,
    editable: run.map((segment) => segment.node !== undefined),
    out: run.map(() => []),
    stack: [],
    inside: {double: 0, single: 0},
    opened: new Set(),
    lastCloser
  }

  for (let index = 0; index < text.length; ) {
    const segment = owner[index] ?? 0
    if (!cursor.editable[segment]) {
      trackExisting(cursor, index)
      cursor.out[segment]!.push(text[index]!)
      index++
      continue
    }
    const [replacement, length] = replace(cursor, index, quotes)
    cursor.out[segment]!.push(replacement)
    index += length
  }

  for (const [index, segment] of run.entries()) {
    if (segment.node) segment.node.value = cursor.out[index]!.join('')
  }
}

/** What to write for the character at `index`, and how many characters it replaces. */
function replace(cursor: Cursor, index: number, quotes: Quotes): [string, number] {
  const {text} = cursor
  const char = text[index] ?? ''
  const dashes = sameRun(cursor, index, '-')
  if (dashes === 2 || dashes === 3) return ['—', dashes]
  if (sameRun(cursor, index, '.') === 3) return ['…', 3]
  if (char === '"' || char === "'") {
    const [mark, open] = straightQuote(cursor, index, quotes)
    return quotes.spaced && isGuillemet(mark) ? spaceGuillemet(cursor, index, mark, open) : [mark, 1]
  }
  if (QUOTE_CHARS.has(char)) {
    const open = trackExisting(cursor, index)
    return quotes.spaced && isGuillemet(char) ? spaceGuillemet(cursor, index, char, open) : [char, 1]
  }
  return [char, 1]
}

/**
 * Length of the run of `char` starting at `index`, counted only when the
 * whole run sits in one editable text node and is not part of a longer run
 * (`-----` rules and `....` stay as typed).
 */
function sameRun(cursor: Cursor, index: number, char: string): number {
  const {text, owner} = cursor
  if (text[index] !== char || text[index - 1] === char) return 0
  let end = index
  while (text[end] === char) end++
  for (let at = index; at < end; at++) if (owner[at] !== owner[index]) return 0
  return end - index
}

/**
 * Decide whether a straight quote opens, closes, or is an apostrophe or a
 * prime. Returns the mark and whether it opens a quotation.
 */
function straightQuote(cursor: Cursor, index: number, quotes: Quotes): [string, boolean] {
  const {text} = cursor
  const kind: Kind = text[index] === '"' ? 'double' : 'single'
  const before = text[index - 1]
  const after = text[index + 1]
  const openSide = opensAfter(cursor, index - 1)
  const closeSide = closesBefore(after)
  const inside = cursor.inside[kind] > 0

  // 5'10", not a quotation.
  if (isDigit(before) && !inside && (closeSide || isDigit(after))) return [kind === 'double' ? '″' : '′', false]
  if (kind === 'single') {
    // don't, Abe's, l'AFP, п'ять
    if (isWordChar(before) && isWordChar(after)) return ['’', false]
    // '90s
    if (openSide && /^\d\d(?:s|\b)/u.test(text.slice(index + 1, index + 4))) return ['’', false]
  }

  let open: boolean
  if (openSide && !closeSide) open = kind === 'double' || cursor.lastCloser > index
  else if (!openSide && closeSide) open = false
  else open = !inside

  if (open) return [openQuote(cursor, index, kind, quotes), true]
  // leaders' talks, 'tis
  if (!inside && kind === 'single') return ['’', false]
  return [closeQuote(cursor, kind, quotes), false]
}

/**
 * Open a quotation one level inside the enclosing one. A single quote at the
 * top is the writer's choice of the secondary pair ('scare quotes'), so it
 * keeps it rather than being promoted to the primary one.
 */
function openQuote(cursor: Cursor, index: number, kind: Kind, quotes: Quotes): string {
  push(cursor, kind)
  const level = cursor.stack.at(-1)!.level
  cursor.opened.add(index)
  return (level % 2 === 0 ? quotes.primary : quotes.secondary)[0]
}

function nextLevel(stack: readonly OpenQuote[], kind: Kind): number {
  const top = stack.at(-1)
  if (top === undefined) return kind === 'single' ? 1 : 0
  return top.level + 1
}

function closeQuote(cursor: Cursor, kind: Kind, quotes: Quotes): string {
  const level = popTo(cursor, kind)?.level ?? 0
  return (level % 2 === 0 ? quotes.primary : quotes.secondary)[1]
}

function push(cursor: Cursor, kind: Kind): void {
  cursor.stack.push({kind, level: nextLevel(cursor.stack, kind)})
  cursor.inside[kind]++
}

/**
 * Close the innermost open quote of `kind` and any left open inside it. A
 * closer with no opener of its kind closes whatever is open. The search
 * only runs when one of its kind is open, and every quote it passes is
 * closed with it: each quote is looked at once.
 */
function popTo(cursor: Cursor, kind: Kind): OpenQuote | undefined {
  const {stack} = cursor
  let at = stack.length - 1
  if (cursor.inside[kind] > 0) while (at >= 0 && stack[at]?.kind !== kind) at--
  if (at < 0) at = stack.length - 1
  const closed = stack[at]
  for (let gone = Math.max(at, 0); gone < stack.length; gone++) cursor.inside[stack[gone]!.kind]--
  stack.length = Math.max(at, 0)
  return closed
}

/**
 * Keep the nesting depth right across quotes already curly (they are never
 * changed): an opener pushes, a closer pops. Returns whether it opened.
 */
function trackExisting(cursor: Cursor, index: number): boolean {
  const {text} = cursor
  const char = text[index] ?? ''
  if (!QUOTE_CHARS.has(char)) return false
  const before = text[index - 1]
  const after = text[index + 1]
  // ’ inside a word is an apostrophe, not a quote.
  if ((char === '’' || char === '‘') && isWordChar(before) && isWordChar(after)) return false
  const open = ALWAYS_OPEN.has(char) || (!ALWAYS_CLOSE.has(char) && opensAfter(cursor, index - 1) && !closesBefore(after))
  const kind: Kind = SINGLE_CHARS.has(char) ? 'single' : 'double'
  if (open) {
    push(cursor, kind)
    cursor.opened.add(index)
  } else if (kind === 'double' || cursor.inside.single > 0) {
    // A lone ’ with no single quote open is an apostrophe: leaders’ talks.
    popTo(cursor, kind)
  }
  return open
}

/**
 * French style: a narrow no-break space inside guillemets. A no-break space
 * already there is kept; an ordinary space is replaced. Returns the text to
 * write and how many characters it stands for (2 when it took the space
 * after an opening guillemet).
 */
function spaceGuillemet(cursor: Cursor, index: number, mark: string, open: boolean): [string, number] {
  const {text, owner, out, editable} = cursor
  if (open) {
    const next = text[index + 1]
    if (next === ' ' && owner[index + 1] === owner[index]) return [mark + NNBSP, 2]
    return [next === '\u00A0' || next === NNBSP ? mark : mark + NNBSP, 1]
  }
  const previous = text[index - 1]
  const segment = owner[index - 1]
  if (previous === '\u00A0' || previous === NNBSP) return [mark, 1]
  if (previous === ' ' && segment !== undefined && editable[segment]) {
    // The space is already written out, as the last piece of its segment: swap it for the narrow one.
    const pieces = out[segment]!
    pieces[pieces.length - 1] = pieces.at(-1)!.replace(/ $/u, NNBSP)
    return [mark, 1]
  }
  return [NNBSP + mark, 1]
}

/** Whether a quote right after `index` sits where a quote opens. */
function opensAfter(cursor: Cursor, index: number): boolean {
  if (index < 0) return true
  const char = cursor.text[index] ?? ''
  return /[\s\p{Ps}\p{Pi}\p{Pd}/]/u.test(char) || cursor.opened.has(index)
}

/** Whether a quote followed by `char` sits where a quote closes. */
function closesBefore(char: string | undefined): boolean {
  return char === undefined || /[\s\p{Pe}\p{Pf}\p{Po}\p{Pd}]/u.test(char)
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{M}\p{N}]/u.test(char)
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && /\p{Nd}/u.test(char)
}

function isGuillemet(char: string): boolean {
  return char === '«' || char === '»' || char === '‹' || char === '›'
}

const QUOTE_CHARS = new Set(['“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›'])
const SINGLE_CHARS = new Set(['‘', '’', '‚', '‹', '›'])
/** Marks that open in every language that uses them. */
const ALWAYS_OPEN = new Set(['„', '‚', '«', '‹'])
const ALWAYS_CLOSE = new Set(['»', '›'])
