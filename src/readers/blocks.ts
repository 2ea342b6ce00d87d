/**
 * How many blocks a source holds and how long its longest paragraph runs,
 * from its text, before any parser reads it: the `blocks` and `paragraph`
 * limits (src/limits.ts). Every pass after the parse is linear in the
 * blocks, but a parser may not be (micromark resolves a paragraph's
 * emphasis in time that grows with the square of its length), an EPUB's
 * chapter can only be split between blocks, and a reader given a 20 MB
 * paragraph has nothing to read. Each scan is one loop over the text.
 */
import {raiseHint, showLimit, type Limits} from '../limits.ts'
import type {SourceFormat} from './readers.ts'
import {LimitError} from './depth.ts'

export interface BlockCount {
  /** Blocks begun: paragraphs, headings, list items, quotes, table rows and cells, as the format marks them. */
  readonly blocks: number
  /** Characters of text in the longest paragraph (markup aside in HTML). */
  readonly longest: number
  /** The 1-based line the longest paragraph starts on. */
  readonly line: number
  /** Markdown: the most runs of emphasis marks (`*`, `_`) one paragraph holds, and the line it starts on. */
  readonly emphasis: number
  readonly emphasisLine: number
}

/** Refuse a source over either limit, before it is parsed. */
export function assertBlocks(text: string, format: SourceFormat, limits: Limits): void {
  const count = countBlocks(text, format)
  if (count.blocks > limits.blocks) {
    throw new LimitError('too-many-blocks', `the file holds ${count.blocks.toLocaleString('en')} blocks, over the ${showLimit('blocks', limits.blocks)} limit; ${raiseHint('blocks')}`)
  }
  if (count.emphasis > limits.emphasis) {
    throw new LimitError(
      'too-much-emphasis',
      `the paragraph at line ${count.emphasisLine.toLocaleString('en')} holds ${count.emphasis.toLocaleString('en')} runs of emphasis marks (* or _), over the ${showLimit('emphasis', limits.emphasis)} limit; ${raiseHint('emphasis')}`
    )
  }
  if (count.longest > limits.paragraph) {
    throw new LimitError(
      'paragraph-too-long',
      `the paragraph at line ${count.line.toLocaleString('en')} runs to ${count.longest.toLocaleString('en')} characters, over the ${showLimit('paragraph', limits.paragraph)} limit; ${raiseHint('paragraph')}`
    )
  }
}

export function countBlocks(text: string, format: SourceFormat): BlockCount {
  if (format === 'html') return htmlBlocks(text)
  if (format === 'markdown') return lineBlocks(text, startsMarkdownBlock, true)
  // Pasted text: every line is a paragraph or a heading until the reader joins wrapped ones.
  return lineBlocks(text, () => true, false)
}

/**
 * Blocks of a text read line by line: a line after a blank one begins a
 * block, and so does any line `starts` says begins one (a list item, a
 * heading); the other lines continue the paragraph above them.
 */
function lineBlocks(text: string, starts: (line: string) => boolean, emphasis: boolean): BlockCount {
  let runs = 0
  let most = 0
  let mostLine = 1
  let blocks = 0
  let longest = 0
  let longestLine = 1
  let length = 0
  let paragraphLine = 0
  let blank = true
  let line = 0
  for (let at = 0; at <= text.length; ) {
    const newline = text.indexOf('\n', at)
    const end = newline === -1 ? text.length : newline
    line++
    // Only the first characters tell how a line begins; a long line is not copied to learn it.
    const head = text.slice(at, Math.min(end, at + 16))
    if (head.trim() === '' && text.slice(at, end).trim() === '') {
      blank = true
      length = 0
    } else {
      if (blank || starts(head)) {
        blocks++
        length = 0
        runs = 0
        paragraphLine = line
      }
      if (emphasis) {
        runs += emphasisRuns(text, at, end)
        if (runs > most) {
          most = runs
          mostLine = paragraphLine
        }
      }
      blank = false
      length += end - at
      if (length > longest) {
        longest = length
        longestLine = paragraphLine
      }
    }
    at = end + 1
  }
  return {blocks, longest, line: longestLine, emphasis: most, emphasisLine: mostLine}
}

/** Runs of `*` or `_` (each a delimiter run to micromark, whether it pairs or not) in `text` from `start` to `end`. */
function emphasisRuns(text: string, start: number, end: number): number {
  let runs = 0
  let previous = 0
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at)
    if ((code === 0x2a || code === 0x5f) && code !== previous) runs++
    previous = code
  }
  return runs
}

/** A list marker, a heading, a quote, a fence, a table row or a rule: what begins a Markdown block without a blank line before it. */
function startsMarkdownBlock(head: string): boolean {
  return /^ {0,3}(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|```|~~~|\||(?:[-*_][ \t]*){3,}$)/.test(head)
}

/** Elements that begin or end a paragraph: text on either side of one is another block. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'body'
])

/** Elements whose content is no paragraph of the page. */
const SKIPPED = new Set(['script', 'style', 'template', 'svg', 'math', 'noscript', 'textarea', 'title'])

/**
 * Blocks of HTML from its text: each start tag of a block element is one;
 * a paragraph's length is the text between two block tags, inline markup
 * (links, emphasis) left out of the count, scripts and styles skipped.
 */
function htmlBlocks(html: string): BlockCount {
  let blocks = 0
  let longest = 0
  let longestAt = 0
  let length = 0
  let paragraphAt = 0
  let at = 0
  while (at < html.length) {
    const open = html.indexOf('<', at)
    const textEnd = open === -1 ? html.length : open
    length += textEnd - at
    if (length > longest) {
      longest = length
      longestAt = paragraphAt
    }
    if (open === -1) break
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4)
      at = end === -1 ? html.length : end + 3
      continue
    }
    const closing = html[open + 1] === '/'
    let nameEnd = open + (closing ? 2 : 1)
    while (nameEnd < html.length && isNameChar(html.charCodeAt(nameEnd))) nameEnd++
    const name = html.slice(open + (closing ? 2 : 1), nameEnd).toLowerCase()
    const tagEnd = name === '' ? -1 : html.indexOf('>', nameEnd)
    if (tagEnd === -1) {
      // A `<` that opens no tag is text.
      length += 1
      at = open + 1
      continue
    }
    at = tagEnd + 1
    if (BLOCK_TAGS.has(name)) {
      if (!closing) blocks++
      length = 0
      paragraphAt = at
    } else if (!closing && SKIPPED.has(name) && html[tagEnd - 1] !== '/') {
      const endTag = new RegExp(`</${name}`, 'gi')
      endTag.lastIndex = at
      at = endTag.exec(html)?.index ?? html.length
    }
  }
  return {blocks, longest, line: lineOf(html, longestAt), emphasis: 0, emphasisLine: 1}
}

function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 58
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++
  return line
}
