/**
 * Nesting depth, checked before any recursive walk: remark's and rehype's
 * utilities, Readability and our own passes recurse once per level, so a
 * page nested 100,000 levels deep would exhaust the stack (or, in
 * micromark, take minutes). Both checks are single loops; neither recurses.
 */
import {raiseHint, showLimit} from '../limits.ts'

/** The rules a limit on a source's text is reported under. */
export type LimitRule = 'too-deep' | 'too-many-blocks' | 'paragraph-too-long' | 'too-much-emphasis' | 'over-budget'

const LIMIT_RULES: readonly LimitRule[] = ['too-deep', 'too-many-blocks', 'paragraph-too-long', 'too-much-emphasis', 'over-budget']

/**
 * What a reader throws when a limit stops it; prepare reports it under its
 * rule. The message is `rule: reason`, since only the message crosses a worker thread.
 */
export class LimitError extends Error {
  constructor(rule: LimitRule, reason: string) {
    super(`${rule}: ${reason}`)
  }
}

/** The rule and reason of a LimitError's message, or `undefined` for any other error. */
export function limitReason(message: string): {rule: LimitRule; reason: string} | undefined {
  const rule = LIMIT_RULES.find((name) => message.startsWith(`${name}: `))
  return rule && {rule, reason: message.slice(rule.length + 2)}
}

/**
 * An upper bound of the container nesting of Markdown, line by line: each
 * `>`, each list marker, and each two columns of indentation (a nested list
 * item is indented at least two past its parent) open a level. An indented
 * code block counts a level or two it does not have; no real text is near
 * the limit, so the bound only has to be cheap and never too low.
 */
export function markdownDepth(text: string): number {
  let deepest = 0
  let at = 0
  while (at < text.length) {
    let depth = 0
    let columns = 0
    for (;;) {
      const char = text[at]
      if (char === ' ') columns += 1
      else if (char === '\t') columns += 4
      else if (char === '>') depth += 1
      else if ((char === '-' || char === '*' || char === '+') && isSpace(text[at + 1])) depth += 1
      else if (isDigit(char)) {
        // An ordered list marker: digits, `.` or `)`, then a space.
        let end = at
        while (isDigit(text[end])) end++
        if ((text[end] !== '.' && text[end] !== ')') || !isSpace(text[end + 1])) break
        depth += 1
        at = end
      } else break
      at++
    }
    deepest = Math.max(deepest, depth + Math.floor(columns / 2))
    const newline = text.indexOf('\n', at)
    at = newline === -1 ? text.length : newline + 1
  }
  return deepest
}

/** Elements with no end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'keygen'])

/** Elements whose content is text up to their end tag: a `<div>` in a script opens nothing. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript'])

/**
 * Elements an editor leaves open, closed by the next of their kind (an
 * open `<p>` also by a block), as parsers close them; the value is where
 * the search for the open one stops.
 */
const CLOSED_BY_SIBLING: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['li', new Set(['ul', 'ol', 'menu'])],
  ['dt', new Set(['dl'])],
  ['dd', new Set(['dl'])],
  ['tr', new Set(['table', 'thead', 'tbody', 'tfoot'])],
  ['td', new Set(['tr', 'table'])],
  ['th', new Set(['tr', 'table'])],
  ['option', new Set(['select', 'datalist', 'optgroup'])],
  ['thead', new Set(['table'])],
  ['tbody', new Set(['table'])],
  ['tfoot', new Set(['table'])]
])
const SIBLINGS: ReadonlyMap<string, readonly string[]> = new Map([
  ['dt', ['dt', 'dd']],
  ['dd', ['dt', 'dd']],
  ['td', ['td', 'th']],
  ['th', ['td', 'th']],
  ['thead', ['thead', 'tbody', 'tfoot']],
  ['tbody', ['thead', 'tbody', 'tfoot']],
  ['tfoot', ['thead', 'tbody', 'tfoot']]
])
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul'])

/**
 * How deeply an HTML page's elements nest, from its text, before any
 * parser builds it (linkedom takes minutes over 100,000 levels): tags are
 * matched on a stack, with void elements, `/>` in SVG, raw text, comments
 * and the end tags an editor may leave out (`<p>`, `<li>`, `<td>`…) taken
 * as parsers take them, near enough. It stops once past `limit`, so the
 * stack, and each search of it, stays within the limit: the scan is linear.
 */
export function htmlDepth(html: string, limit: number): number {
  const stack: string[] = []
  let deepest = 0
  let at = html.indexOf('<')
  while (at !== -1 && at < html.length) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4)
      at = end === -1 ? -1 : html.indexOf('<', end + 3)
      continue
    }
    const closing = html[at + 1] === '/'
    let nameEnd = at + (closing ? 2 : 1)
    while (nameEnd < html.length && /[A-Za-z0-9:-]/.test(html[nameEnd]!)) nameEnd++
    const name = html.slice(at + (closing ? 2 : 1), nameEnd).toLowerCase()
    const tagEnd = html.indexOf('>', nameEnd)
    if (name === '' || !/^[a-z]/.test(name) || tagEnd === -1) {
      at = html.indexOf('<', at + 1)
      continue
    }
    if (closing) {
      const open = stack.lastIndexOf(name)
      if (open !== -1) stack.length = open
    } else if (!VOID.has(name) && html[tagEnd - 1] !== '/') {
      closeImplied(stack, name)
      stack.push(name)
      if (stack.length > deepest) deepest = stack.length
      if (deepest > limit) return deepest
      if (RAW_TEXT.has(name)) {
        const endTag = new RegExp(`</${name}`, 'gi')
        endTag.lastIndex = tagEnd
        const end = endTag.exec(html)
        stack.pop()
        at = end === null ? -1 : html.indexOf('<', end.index + 2)
        continue
      }
    }
    at = html.indexOf('<', tagEnd + 1)
  }
  return deepest
}

/** Close what opening `name` closes: an open `<p>` on top, or an open sibling within its list, table or select. */
function closeImplied(stack: string[], name: string): void {
  if (CLOSES_P.has(name) && stack.at(-1) === 'p') stack.pop()
  const scope = CLOSED_BY_SIBLING.get(name)
  if (!scope) return
  const siblings = SIBLINGS.get(name) ?? [name]
  for (let index = stack.length - 1; index >= 0; index--) {
    const open = stack[index]!
    if (scope.has(open)) return
    if (siblings.includes(open)) {
      stack.length = index
      return
    }
  }
}

/** The deepest element of a DOM tree, walked with a stack of its own. */
export function elementDepth(root: Element): number {
  let deepest = 0
  const stack: Array<[Element, number]> = [[root, 1]]
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!
    if (depth > deepest) deepest = depth
    for (const child of element.children) stack.push([child, depth + 1])
  }
  return deepest
}

/** Throw a LimitError when `depth` is over the limit. */
export function assertDepth(depth: number, limit: number, what: string): void {
  if (depth <= limit) return
  // The scans stop once past the limit, so the message says no more than that.
  throw new LimitError('too-deep', `${what} nest deeper than the ${showLimit('depth', limit)} limit; ${raiseHint('depth')}`)
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === undefined
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9'
}
