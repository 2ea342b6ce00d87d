/**
 * The lines of pasted text, and what can be read from a line's shape alone.
 *
 * A browser's copy of a page gives one line per block of the page: a
 * paragraph (`<p>`) between blank lines, a menu item, a teaser or a button
 * on a line of its own with no blank line around it. Every feature here is
 * counted the same way in every script: words by Unicode's word boundaries
 * (ICU's dictionaries for Chinese, Japanese or Thai, which write no
 * spaces), sentence ends by the marks of every script.
 */
import type {Point} from 'unist'
import {bylineNames, comparableWord} from '../languages.ts'

/** One non-blank source line, trimmed, with its place in the file and what its shape says. */
export interface Line {
  readonly value: string
  readonly start: Point
  readonly end: Point
  /** A blank line (or the start of the text) comes before it. */
  readonly blankBefore: boolean
  /** Its words (see wordsOf). */
  readonly words: readonly string[]
  /** Its length in Latin-equivalent characters (see latinSize). */
  readonly size: number
  /** Its text with white space squashed, to find the lines a page repeats. */
  readonly key: string
  /** It reads as a sentence: it ends as one, or holds one. */
  readonly prose: boolean
}

/** Cut a text into its non-blank lines, trimmed, each with its place. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let offset = 0
  let blank = true
  for (const [index, raw] of text.split('\n').entries()) {
    const value = raw.replace(/\r$/, '')
    const line = trimLine(value, index + 1, offset, blank)
    offset += raw.length + 1
    if (line) lines.push(line)
    blank = line === undefined
  }
  return joinFormulae(lines)
}

/**
 * Trim a raw line. Indentation is a copy-paste artefact here, never code,
 * and `trim` also takes a byte order mark and no-break spaces off the ends.
 */
function trimLine(raw: string, line: number, offset: number, blankBefore: boolean): Line | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const column = raw.indexOf(value) + 1
  const endColumn = column + value.length
  return lineOf(value, {line, column, offset: offset + column - 1}, {line, column: endColumn, offset: offset + endColumn - 1}, blankBefore)
}

function lineOf(value: string, start: Point, end: Point, blankBefore: boolean): Line {
  return {
    value,
    start,
    end,
    blankBefore,
    words: wordsOf(value),
    size: latinSize(value),
    // A heading's permalink mark ("Setting up¶") is no part of its text.
    key: squash(withoutPermalink(value)),
    prose: endsSentence(value) || innerSentenceEnds(value) > 0
  }
}

// A formula set in MathML copies one token a line ("x", "≠", "2", "(", "sin"):
// a token is this short, and this many in a row are a formula ("a ≠ 0").
const TOKEN_SIZE = 3
const MIN_FORMULA_TOKENS = 3
// Blank lines a formula's tokens may stand apart by (the cells of an aligned equation).
const FORMULA_GAP = 2

/**
 * Formulae made one line again. A browser copies MathML (and MathJax's
 * output) one token per line, so "When a ≠ 0, there are two solutions"
 * comes as a dozen lines, none of them a sentence, and the paragraph reads
 * as a menu. A run of tokens becomes one line; an inline formula (the
 * sentence goes on after it in small letters or punctuation, or ends in it)
 * joins the text on either side. A displayed formula between a heading and
 * the next stays a line of its own.
 */
function joinFormulae(lines: readonly Line[]): Line[] {
  const joined: Line[] = []
  const near = (above: Line, below: Line): boolean => below.start.line - above.end.line - 1 <= FORMULA_GAP
  for (let index = 0; index < lines.length; ) {
    let end = index
    while (end < lines.length && isToken(lines[end]!) && (end === index || near(lines[end - 1]!, lines[end]!))) end++
    if (end === index) {
      joined.push(lines[index++]!)
      continue
    }
    const parts = lines.slice(index, end)
    const next = lines[end]
    const inline = next !== undefined && near(parts.at(-1)!, next) && goesOn(next)
    const before = joined.at(-1)
    const joinsBefore = before !== undefined && (inline || /^[.!?。．]$/u.test(parts.at(-1)!.value)) && !endsSentence(before.value) && near(before, parts[0]!)
    // Fewer tokens are a formula only inside a sentence: "the probability of getting / k / heads".
    if (parts.length < MIN_FORMULA_TOKENS && !(inline && joinsBefore)) {
      joined.push(lines[index++]!)
      continue
    }
    if (joinsBefore) parts.unshift(joined.pop()!)
    if (inline) parts.push(next)
    joined.push(lineOf(squash(parts.map((part) => part.value).join(' ')), parts[0]!.start, parts.at(-1)!.end, parts[0]!.blankBefore))
    index = inline ? end + 1 : end
  }
  return joined
}

function isToken(line: Line): boolean {
  return line.size <= TOKEN_SIZE && [...line.value].length <= TOKEN_SIZE && !/\s/u.test(line.value)
}

/** The line goes on with a sentence begun above it: indented by the copy, or opening with punctuation or a small letter. */
function goesOn(line: Line): boolean {
  return line.start.column > 1 || /^[\p{Ll},.;:)\]]/u.test(line.value)
}

// Latin-equivalent characters of a line that wrapped: most of a column's width.
const WRAPPED_WIDTH = 45

const WORDS = new Intl.Segmenter('und', {granularity: 'word'})
// Scripts written without spaces between words, which need ICU's dictionaries.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
// Elsewhere a word is what Unicode's word boundaries give, found faster: letters,
// marks and digits, with an apostrophe, a point or a joiner inside ("don't", "3.5").
const SPACED_WORD = /[\p{L}\p{M}\p{N}\p{Pc}\u200c\u200d]+(?:['’ʼ.:·][\p{L}\p{M}\p{N}\u200c\u200d]+)*/gu

/** Whether a text is written in a script without spaces between words: Chinese, Japanese, Thai… */
export function isUnspaced(text: string): boolean {
  return UNSPACED.test(text)
}

/** The words of a text by Unicode's word boundaries, as the language table compares them. */
export function wordsOf(text: string): string[] {
  if (!UNSPACED.test(text)) return (text.match(SPACED_WORD) ?? []).map(comparableWord)
  const words: string[] = []
  for (const piece of segmentable(text)) {
    for (const segment of WORDS.segment(piece)) {
      if (segment.isWordLike) words.push(comparableWord(segment.segment))
    }
  }
  return words
}

/** Longest piece handed to the word segmenter at once. */
const SEGMENT_PIECE = 1000

/**
 * `text` in pieces ICU's word segmenter takes in linear time: it slows with
 * the square of a string's length (80,000 Chinese characters took 7 s in
 * one string, 0.1 s in pieces). Each piece ends after a space or a
 * punctuation mark, where no word goes on, or at SEGMENT_PIECE characters
 * when none comes: no word is that long.
 */
export function* segmentable(text: string): Generator<string> {
  let start = 0
  while (text.length - start > SEGMENT_PIECE) {
    let end = start + SEGMENT_PIECE
    while (end > start + SEGMENT_PIECE / 2 && !/[\s\p{P}]/u.test(text[end - 1]!)) end--
    if (end === start + SEGMENT_PIECE / 2) end = start + SEGMENT_PIECE
    // Never between the two halves of a character outside the BMP.
    if (/[\ud800-\udbff]/.test(text[end - 1]!)) end--
    yield text.slice(start, end)
    start = end
  }
  yield text.slice(start)
}

// Marks that end a sentence in the scripts pasted text comes in: Latin and
// Cyrillic full stop, question and exclamation marks (with the Arabic and
// Greek question marks), the ellipsis, the Arabic full stop of Urdu (U+06D4),
// the Armenian full stop (U+0589), the Devanagari danda, the Ethiopic full
// stop and the ideographic and full-width marks of Chinese and Japanese.
const SENTENCE_END = '.!?…؟۔։।።。！？｡'
// Quotes, brackets and footnote marks may follow the mark: `said.”`, `(2019).[4]`;
// so may emoji, as people write on social media: `Finally! 🎉`.
const TRAILING_CHAR = /^[\p{Pe}\p{Pf}"'’”»›\s\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]$/u

/**
 * The line without the quotes, brackets, footnote marks and emoji that may
 * follow its last mark, taken off from the end one at a time. A pattern
 * anchored at the end (`(?:…)*$`) is tried from every position of the line,
 * and took minutes over a line of spaces (issue 15).
 */
function withoutTrailing(value: string): string {
  let end = value.length
  while (end > 0) {
    if (value[end - 1] === ']') {
      // A footnote mark, `[12]`, goes whole.
      let digits = end - 1
      while (digits > 0 && isAsciiDigit(value[digits - 1])) digits--
      if (digits < end - 1 && value[digits - 1] === '[') {
        end = digits - 1
        continue
      }
    }
    const low = value.charCodeAt(end - 1)
    const width = low >= 0xdc00 && low <= 0xdfff && end > 1 ? 2 : 1
    if (!TRAILING_CHAR.test(value.slice(end - width, end))) break
    end -= width
  }
  return value.slice(0, end)
}

function isAsciiDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9'
}

/** A heading's text without its permalink mark (`Setting up ¶`), found from the end. */
function withoutPermalink(value: string): string {
  let end = value.length
  while (value.endsWith('¶', end) || value.endsWith('🔗', end)) end -= value.endsWith('¶', end) ? 1 : 2
  return end === value.length ? value : value.slice(0, end).trimEnd()
}

/** Whether a line ends as a sentence ends (a question and an exclamation too). */
export function endsSentence(value: string): boolean {
  const last = withoutTrailing(value).slice(-1)
  return last !== '' && SENTENCE_END.includes(last)
}

/**
 * Whether a line ends as prose goes on (a full stop, comma, colon), which a
 * headline never does. An ellipsis is not one: headlines trail off with it
 * ("«Vape Wave», «6 Days»…").
 */
export function endsLikeProse(value: string): boolean {
  return /[.։۔。｡,:;،؛]$/u.test(withoutTrailing(value).replace(/(?:…|\.\.\.)$/u, ''))
}

/** How many sentence ends a line holds inside it, not counting its last. */
export function innerSentenceEnds(value: string): number {
  return (value.match(/[.!?؟۔։。！？](?=[\p{Pe}\p{Pf}"'’”»]*\s+[\p{Lu}\p{Lo}«"“„‘(])/gu) ?? []).length
}

/** A line of HTML markup, as `<noscript>` content shows with scripts off. */
export function isMarkup(value: string): boolean {
  return /^<\/?[a-z][\w-]*(?:\s[^>]*)?\/?>/iu.test(value) || /^<!--/u.test(value)
}

/** Whether the first letter of a word is a capital (false for scripts without case). */
export function isCapitalized(word: string): boolean {
  const first = [...word].find((char) => /\p{L}/u.test(char))
  return first !== undefined && first !== first.toLowerCase() && first === first.toUpperCase()
}

/**
 * Letters of a cased script in a text: Latin, Cyrillic, Greek, Armenian…
 * Not Georgian: Unicode gives its everyday letters a lower case and a
 * capital (Mtavruli) since version 11, but Georgian is written without
 * capitals, so a name or a headline in it is never capitalised.
 */
export function hasCasedLetters(text: string): boolean {
  const cased = text.replace(/[\p{Lo}\p{Script=Georgian}]/gu, '')
  return /[\p{Lu}\p{Ll}]/u.test(cased) && /\p{L}/u.test(cased)
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu

/**
 * Length in Latin-equivalent characters: letters and digits, a Chinese,
 * Japanese or Korean character counting as three, as it carries about as
 * much as a short word.
 */
export function latinSize(value: string): number {
  return (value.match(LETTER_OR_DIGIT)?.length ?? 0) + 2 * (value.match(WIDE)?.length ?? 0)
}

/** The text with runs of white space made one space, for comparing lines. */
export function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

/**
 * The line goes on from the line above, wrapped as preformatted text or a
 * quoted e-mail is: no blank line between, the line above ends no
 * sentence, and this one starts with a small letter. Such a line is half a
 * sentence, never a banner or a headline. The line above is near a
 * column's width, as a wrapped line is; a short line above a "by …" line
 * is a headline above its byline.
 */
export function continuesAbove(lines: readonly Line[], index: number): boolean {
  const line = lines[index]
  const above = lines[index - 1]
  if (!line || !above || line.blankBefore || above.size < WRAPPED_WIDTH || endsSentence(above.value) || bylineNames(line.value) !== undefined) return false
  const first = [...line.value].find((char) => /\p{L}/u.test(char))
  return first !== undefined && first === first.toLowerCase() && first !== first.toUpperCase()
}

/** The line is part of a wrapped sentence: it goes on from the line above, or the line below goes on from it. */
export function isWrapped(lines: readonly Line[], index: number): boolean {
  return continuesAbove(lines, index) || continuesAbove(lines, index + 1)
}
