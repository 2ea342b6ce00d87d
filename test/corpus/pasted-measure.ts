/**
 * How well the pasted-text reader does on real pages: each page's pasted
 * form goes through load -> parse -> normalize, as a build prepares it, and
 * the Article is compared with what the page's article holds.
 *
 * - Title: the Article's title against the page's expected title (see
 *   expectedTitle and titleMatches).
 * - Body: precision and recall of word tokens, counted as multisets, of the
 *   Article's text (everything printed but the headline and byline: body,
 *   dateline, lead caption, credits, notice) against the text of
 *   Readability's expected.html for the page.
 *
 * Used by test/corpus/pasted-text.test.ts (the goals) and bench/readers.ts
 * (the figures).
 */
import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'
import {prepareArticle} from '../../src/build/prepare-article.ts'
import {loadSource} from '../../src/load/load.ts'
import {segmentable} from '../../src/readers/text-lines.ts'

export interface PageFigures {
  readonly name: string
  /** The title the Article got, and the one it should have. */
  readonly title: string
  readonly expectedTitle: string
  readonly titleRight: boolean
  readonly precision: number
  readonly recall: number
  /** Prepared with no error (a fatal message or a throw). */
  readonly prepared: boolean
}

export interface Summary {
  readonly pages: number
  readonly titlesRight: number
  readonly medianPrecision: number
  readonly medianRecall: number
  readonly prepared: number
}

export interface PastedCorpus {
  /** The web-page corpus: <name>/expected-metadata.json. */
  readonly corpus: string
  /** <name>.txt, the pasted pages. */
  readonly pasted: string
  /** <name>.html, Readability's expected.html of each page. */
  readonly expected: string
}

/**
 * Pages whose own headline is worded otherwise than the title Readability
 * took from `<title>` or `og:title`. A copy of the page never holds those,
 * so the headline line the page shows is what the pasted form should give.
 * pasted-text.test.ts checks that each is a line of its pasted page.
 */
export const PAGE_HEADLINES: ReadonlyMap<string, string> = new Map([
  // The h1; og:title says "… se estrena en México, Venezuela y otros nueve países".
  ['cnet-svg-classes', 'Twitter Lite se estrena en 11 países de América Latina'],
  // The h1; the <title> says "Apple’s Vision Pro hands-on: …".
  ['theverge', 'Apple’s Vision Pro is the Retina display moment for headsets'],
  // The h1; the <title> is "MathJax v3 with MathML input and HTML output".
  ['mathjax', 'MathJax v3 beta: MathML input, HTML output test'],
  // The chapter's heading; the <title> names the book ("Google - Site Reliability Engineering").
  ['google-sre-book-1', 'Chapter 6 - Monitoring Distributed Systems'],
  // The work's title heading the text; the <title> names the study site.
  ['clean-links', '"Bartleby the Scrivener: A Story of Wall-Street " (1853)'],
  // The post's h1; Readability cut its "Outside the web:" off the <title>.
  ['v8-blog', 'Outside the web: standalone WebAssembly binaries using Emscripten'],
  // A front page: Readability's text is its lead story, whose h1 this is; the <title> is the site's.
  ['yahoo-2', 'Russia: Space ship malfunctions, breaks up over Siberia'],
  // The h1. "Mozilla - Wikipedia" leaves off a site name longer than the headline.
  ['wikipedia', 'Mozilla'],
  // The fable's title heading its text; the <title> adds the collection's, which is longer.
  ['hukumusume', '欲張りなイヌ']
])

/** Measure every page of the corpus that has a pasted form. */
export async function measurePasted(corpus: PastedCorpus, names: readonly string[]): Promise<PageFigures[]> {
  const figures: PageFigures[] = []
  for (const name of names) figures.push(await measurePage(corpus, name))
  return figures
}

async function measurePage(corpus: PastedCorpus, name: string): Promise<PageFigures> {
  const expectedTitle = await expectedTitleOf(corpus, name)
  const expected = wordTokens(htmlText(await readFile(path.join(corpus.expected, `${name}.html`), 'utf8')))
  const source = await loadSource(path.join(corpus.pasted, `${name}.txt`))
  let title = ''
  let printed: string[] = []
  let prepared = source.ok
  if (source.ok) {
    try {
      const article = await prepareArticle(source, {})
      title = article.meta.title
      printed = wordTokens(
        [article.lead?.caption ?? '', toText(article.body as Root), article.credits ?? '', ...article.notice].join('\n')
      )
    } catch {
      prepared = false
    }
  }
  prepared &&= !source.file.messages.some((message) => message.fatal === true)
  const {precision, recall} = overlap(printed, expected)
  return {name, title, expectedTitle, titleRight: titleMatches(title, expectedTitle), precision, recall, prepared}
}

async function expectedTitleOf(corpus: PastedCorpus, name: string): Promise<string> {
  const headline = PAGE_HEADLINES.get(name)
  if (headline !== undefined) return headline
  const file = path.join(corpus.corpus, name, 'expected-metadata.json')
  if (!existsSync(file)) return ''
  const metadata = JSON.parse(await readFile(file, 'utf8')) as {title?: string | null}
  return metadata.title ?? ''
}

/** The figures the goals speak of, over the given pages. */
export function summarize(figures: readonly PageFigures[]): Summary {
  return {
    pages: figures.length,
    titlesRight: figures.filter((page) => page.titleRight).length,
    medianPrecision: median(figures.map((page) => page.precision)),
    medianRecall: median(figures.map((page) => page.recall)),
    prepared: figures.filter((page) => page.prepared).length
  }
}

// Word segmentation by Unicode's rules (UAX #29), with ICU's dictionaries
// for scripts written without spaces (Chinese, Japanese, Thai): one
// definition of a word for every script.
const WORDS = new Intl.Segmenter('und', {granularity: 'word'})

/**
 * The words of a text, compared as the reader sees them: NFKC (full-width
 * forms and ligatures folded), lower case, one apostrophe. Punctuation,
 * symbols and spaces are not words.
 */
export function wordTokens(text: string): string[] {
  const tokens: string[] = []
  const folded = text.normalize('NFKC').toLowerCase().replace(/[’‘ʼ′`´]/gu, "'")
  // In pieces: ICU's segmenter slows with the square of a string's length (src/readers/text-lines.ts).
  for (const piece of segmentable(folded)) {
    for (const segment of WORDS.segment(piece)) {
      if (segment.isWordLike) tokens.push(segment.segment)
    }
  }
  return tokens
}

/** Precision and recall of `found` against `expected`, as multisets of tokens. */
export function overlap(found: readonly string[], expected: readonly string[]): {precision: number; recall: number} {
  const wanted = new Map<string, number>()
  for (const token of expected) wanted.set(token, (wanted.get(token) ?? 0) + 1)
  let common = 0
  for (const token of found) {
    const left = wanted.get(token) ?? 0
    if (left > 0) {
      common++
      wanted.set(token, left - 1)
    }
  }
  return {
    precision: found.length === 0 ? (expected.length === 0 ? 1 : 0) : common / found.length,
    recall: expected.length === 0 ? 1 : common / expected.length
  }
}

/** The text of an HTML fragment as a browser lays it out (block breaks, no markup). */
function htmlText(html: string): string {
  return toText(fromHtml(html, {fragment: true}))
}

// What sites put between a headline and the site's, section's or author's
// name in `<title>`: "… | Factorio", "Mozilla - Wikipedia", "…_科技_腾讯网",
// "… [LWN.net]", "…（CNET Japan） - Yahoo!ニュース" (NFKC makes that "(").
const SEPARATOR = String.raw`\s+[-–—|·•:@»«/]+\s+|\s*_\s*|\s*::\s*`
const AFTER_HEADLINE = new RegExp(`^(?:${SEPARATOR}|\\s*[[(<])`, 'u')
const BEFORE_HEADLINE = new RegExp(`(?:${SEPARATOR})$`, 'u')

/**
 * Whether a found title is the expected one: equal once white space, quotes
 * and case are normalised, or the expected title is the found one with the
 * site's, section's or author's name that `<title>` adds before or after a
 * headline ("Mozilla - Wikipedia"), each part so added shorter than the
 * found title, so that a site's name is never taken for its headline.
 *
 * A name after the headline may be as long as it: `<title>` puts the
 * headline first ("Evolve: Shared Mutable History — evolve extension for
 * Mercurial"), and Readability's own cleaning of a `<title>` keeps what
 * stands before its last separator. Of two parts of one length, the first
 * is the headline; a site's name before a headline must still be shorter.
 */
export function titleMatches(found: string, expected: string): boolean {
  const title = comparableTitle(found)
  const wanted = comparableTitle(expected)
  if (title === wanted) return true
  const at = title === '' ? -1 : wanted.indexOf(title)
  if (at === -1) return false
  const before = wanted.slice(0, at)
  const after = wanted.slice(at + title.length)
  return (
    (before === '' || BEFORE_HEADLINE.test(before)) &&
    (after === '' || AFTER_HEADLINE.test(after)) &&
    affixParts(before).every((part) => part.length < title.length) &&
    affixParts(after).every((part) => part.length <= title.length)
  )
}

/** The names an affix holds, cut at title separators and brackets. */
function affixParts(affix: string): string[] {
  return affix
    .split(new RegExp(`${SEPARATOR}|[[\\]()<>]`, 'u'))
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/**
 * A title as the rule compares it: NFKC, lower case, no quotation marks,
 * and no space before punctuation, so that the spaces a language's
 * typography sets inside guillemets and before a colon ("« Vape Wave »",
 * French) do not make another title.
 */
function comparableTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/["“”„‟«»‹›‚‛″`´]/gu, ' ')
    .replace(/['’‘′ʼ]/gu, '')
    .replace(/\s+/gu, ' ')
    .replace(/ (?=[,.;:!?…)\]])/gu, '')
    .trim()
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
