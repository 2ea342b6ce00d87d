/**
 * What imprint knows about each language, as one table: a row per language,
 * each in a file of its own under src/languages/.
 *
 * A row gives the script direction, the quotation marks the typography pass
 * uses, and what the pasted-text reader needs: credit-line prefixes, byline
 * prefixes, whole lines of page chrome (menus, share buttons, image
 * placeholders), the heads of lists of other articles, the words of
 * banners, the language's function words and its months; where they
 * apply, the Solar Hijri months and what a copyright line says after the
 * owner's name. Supporting a language means adding a row; no code changes.
 * Chinese and Japanese have rows for the pasted-text reader: pages in them
 * come to any publisher, and their function words are words as ICU's
 * dictionary segments them.
 *
 * Quotes follow the article's language. Chrome, credit and byline patterns
 * are matched against every row at once: an English "Share" button sits on a
 * Russian page as easily as a Russian one.
 *
 * Quotation marks come from CLDR 47 (`delimiters`) unless a comment says why
 * a row differs.
 */
import {ar} from './languages/ar.ts'
import {az} from './languages/az.ts'
import {be} from './languages/be.ts'
import {bs} from './languages/bs.ts'
import {de} from './languages/de.ts'
import {en} from './languages/en.ts'
import {es} from './languages/es.ts'
import {fa} from './languages/fa.ts'
import {fr} from './languages/fr.ts'
import {he} from './languages/he.ts'
import {hy} from './languages/hy.ts'
import {it} from './languages/it.ts'
import {ja} from './languages/ja.ts'
import {ka} from './languages/ka.ts'
import {kk} from './languages/kk.ts'
import {ky} from './languages/ky.ts'
import type {LanguageRules} from './languages/language-rules.ts'
import {pl} from './languages/pl.ts'
import {ps} from './languages/ps.ts'
import {pt} from './languages/pt.ts'
import {ro} from './languages/ro.ts'
import {ru} from './languages/ru.ts'
import {sr} from './languages/sr.ts'
import {tg} from './languages/tg.ts'
import {tr} from './languages/tr.ts'
import {tt} from './languages/tt.ts'
import {uk} from './languages/uk.ts'
import {und} from './languages/und.ts'
import {ur} from './languages/ur.ts'
import {uz} from './languages/uz.ts'
import {zh} from './languages/zh.ts'

export type {LanguageRules, Quotes} from './languages/language-rules.ts'

/** The row used when a language has none of its own. */
const DEFAULT_RULES: LanguageRules = und

export const LANGUAGES: readonly LanguageRules[] = [
  DEFAULT_RULES, en, ru, uk, be, fa, ar, he, de, fr, es, it, pt, pl, ro, hy, ka, tr, az, kk, ky, tt, tg, uz, sr, bs, ps, ur, zh, ja
]

/**
 * The row for a BCP 47 tag: `fa-IR` falls back to `fa`, then to a default
 * row (left to right, English quotes, no patterns of its own).
 */
export function languageRules(lang: string): LanguageRules {
  if (typeof lang !== 'string') {
    throw new TypeError(`languageRules: expected a BCP 47 language tag string, got ${typeof lang}`)
  }
  const subtags = lang.trim().toLowerCase().split(/[-_]/)
  for (let length = subtags.length; length > 0; length--) {
    const row = BY_TAG.get(subtags.slice(0, length).join('-'))
    if (row !== undefined) return row
  }
  return DEFAULT_RULES
}

/** Whether a whole line is page chrome in any language (`Share`, `• 16x9 Image`). */
export function isChromeLine(line: string): boolean {
  const core = lineCore(line)
  return core !== '' && CHROME.test(core)
}

/** Whether a whole line heads a list of other articles in any language ("Related", "Most read:"). */
export function isListHead(line: string): boolean {
  const core = lineCore(line)
  return core !== '' && LIST_HEAD.test(core)
}

/** Whether a line holds a banner's words in any language (cookies, a newsletter, a subscription). */
export function hasPromoWords(line: string): boolean {
  return PROMO.test(line)
}

/** A row's function words, as the words of a text are compared (see comparableWord). */
export function stopWordsOf(rules: LanguageRules): ReadonlySet<string> {
  let words = STOP_WORDS.get(rules)
  if (words === undefined) {
    words = new Set(rules.stopWords.split(/\s+/u).filter(Boolean).map(comparableWord))
    STOP_WORDS.set(rules, words)
  }
  return words
}

/** A lower-case word with one apostrophe (Uzbek writes oʻ, o‘ and o' alike). */
export function comparableWord(word: string): string {
  return word.toLowerCase().replace(/[ʻʼ’‘`]/gu, "'")
}

/**
 * The row whose function words the given words hold most of, when at least
 * one word in twelve is one of them: a language guess from words alone, for
 * a text that does not name its language.
 */
export function rowByStopWords(words: readonly string[]): LanguageRules | undefined {
  // Enough words to tell languages apart; the rest only costs time.
  const sample = words.slice(0, 5000).map(comparableWord)
  let best: LanguageRules | undefined
  let bestHits = 0
  for (const row of LANGUAGES) {
    const stops = stopWordsOf(row)
    if (stops.size === 0) continue
    let hits = 0
    for (const word of sample) if (stops.has(word)) hits++
    if (hits > bestHits) [best, bestHits] = [row, hits]
  }
  return bestHits * 12 >= sample.length && bestHits > 0 ? best : undefined
}

/** The month (1 to 12) a word names in one of the given rows' languages, tried in order, in the Gregorian or the Solar Hijri calendar. */
export function monthOf(word: string, rows: readonly LanguageRules[], calendar: 'gregorian' | 'solar-hijri' = 'gregorian'): number | undefined {
  const cache = calendar === 'gregorian' ? MONTHS : SOLAR_HIJRI_MONTHS
  for (const row of rows) {
    let months = cache.get(row)
    if (months === undefined) {
      // Gregorian patterns are the beginnings inflected forms share; Solar Hijri names are
      // short ("دی", "تیر") and uninflected, so they are matched whole.
      months =
        calendar === 'gregorian'
          ? row.months.map((pattern) => new RegExp(`^(?:${pattern.source})`, 'iu'))
          : (row.solarHijriMonths ?? []).map((pattern) => new RegExp(`^(?:${pattern.source})$`, 'iu'))
      cache.set(row, months)
    }
    const index = months.findIndex((pattern) => pattern.test(word))
    if (index !== -1) return index + 1
  }
  return undefined
}

/**
 * A line as the whole-line patterns see it: no bullet, aspect ratio, count or
 * closing colon, nor the lenticular brackets or the marks Chinese and
 * Japanese pages set a label in ("【関連記事】", "▼相关阅读").
 */
function lineCore(line: string): string {
  return line
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[【〔［\[■□▼▶◆◇●○]\s*(.*?)\s*[】〕］\]]?$/u, '$1')
    .replace(LEADING_BULLET, '')
    .replace(/^\d+\s?[x×:]\s?\d+\s*/u, '')
    .replace(/\s*\(\d+\)$|\s*:$/u, '')
}

/**
 * A copyright line with what it says after the owner's name, in any
 * language ("All rights reserved"), made a full stop that ends the name.
 */
export function withoutRightsReserved(line: string): string {
  return line.replace(RIGHTS_RESERVED, '. ').trim()
}

/** Whether a line opens with a credit prefix of any language ("With reporting by …"). */
export function isCreditsLine(line: string): boolean {
  return CREDITS.test(line.trim())
}

/**
 * The names of a byline in any language: `By Jane Doe` gives `Jane Doe`;
 * a line that is not a byline gives `undefined`.
 */
export function bylineNames(line: string): string | undefined {
  return BYLINE.exec(line.trim())?.groups?.names
}

/** List bullets a pasted page keeps at the start of a line. */
export const LEADING_BULLET = /^[•·▪◦‣∙*-]\s+/u

const BY_TAG = new Map(LANGUAGES.map((row) => [row.lang, row]))

// Not followed by another letter, so `By` never matches `Byzantine` and a
// Persian prefix may end at a zero-width non-joiner.
const WORD_END = '(?![\\p{L}\\p{M}\\p{N}])'

const STOP_WORDS = new WeakMap<LanguageRules, ReadonlySet<string>>()
const MONTHS = new WeakMap<LanguageRules, readonly RegExp[]>()
const SOLAR_HIJRI_MONTHS = new WeakMap<LanguageRules, readonly RegExp[]>()

const CHROME = compile((row) => row.chrome, (alternatives) => `^(?:${alternatives})$`)
// No white space before the words: a run of spaces tried from each of its places is quadratic.
const RIGHTS_RESERVED = new RegExp(compile((row) => row.rightsReserved ?? [], (alternatives) => `(?<![\\p{L}\\p{M}])(?:${alternatives})\\.?`).source, 'giu')
const LIST_HEAD = compile((row) => row.listHeads, (alternatives) => `^(?:${alternatives})$`)
// Anywhere in the line, from the start of a word: a stem (`abonn`) matches its every form.
const PROMO = compile((row) => row.promos, (alternatives) => `(?<![\\p{L}\\p{M}])(?:${alternatives})`)
// `\s*(?:[:：]\s*)?`, not `\s*[:：]?\s*`: two runs of white space side by side can split
// a long run every way, and a line of 64 KB of spaces took seconds.
// The colon may be full-width, as Chinese and Japanese write it ("作者：").
const CREDITS = compile((row) => row.credits, (alternatives) => `^(?:${alternatives})${WORD_END}\\s*(?:[:：]\\s*)?\\S`)
const BYLINE = compile(
  (row) => row.bylines,
  (alternatives) => `^(?:${alternatives})${WORD_END}\\s*(?:[:：]\\s*)?(?<names>\\S.*)$`
)

/** One case-insensitive Unicode regex over one column of every row. */
function compile(column: (row: LanguageRules) => readonly RegExp[], wrap: (alternatives: string) => string): RegExp {
  const alternatives = LANGUAGES.flatMap(column)
    .map((pattern) => `(?:${pattern.source})`)
    .join('|')
  // An empty alternation would match everything; `(?!)` matches nothing.
  return new RegExp(wrap(alternatives === '' ? '(?!)' : alternatives), 'iu')
}
