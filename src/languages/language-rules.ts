/**
 * The shape of a row of the language table (src/languages.ts), and the
 * quotation marks several rows share. Each language's row is a file of its
 * own in this folder.
 */
import type {Direction} from '../article.ts'

export interface Quotes {
  /** Outer quotation marks: open, close. */
  readonly primary: readonly [open: string, close: string]
  /** Quotation marks for a quote inside a quote: open, close. */
  readonly secondary: readonly [open: string, close: string]
  /** French style: a narrow no-break space (U+202F) inside guillemets. */
  readonly spaced: boolean
}

export interface LanguageRules {
  /** BCP 47 tag of the row, lower case (`en`, `fa`, `sr`). */
  readonly lang: string
  /** English name, for messages and documentation. */
  readonly name: string
  readonly dir: Direction
  readonly quotes: Quotes
  /** Characters that end a declarative sentence (beyond the universal `…`). */
  readonly fullStops: string
  /**
   * Beginnings of an attribution line ("With reporting by"). Written without
   * anchors or flags; they are matched case-insensitively at the start of a line.
   */
  readonly credits: readonly RegExp[]
  /** Beginnings of a byline ("By"), followed by the names. */
  readonly bylines: readonly RegExp[]
  /**
   * Lines that are nothing but page furniture. Matched against the whole
   * line, after a list bullet, an aspect ratio ("16x9") and a count ("(12)")
   * are taken off, so `Image` also drops "• 16x9 Image".
   */
  readonly chrome: readonly RegExp[]
  /**
   * Whole lines that head a list of links to other pages ("Related", "More
   * stories", "Most read"): once an article's body has begun, such a line
   * marks where it ends. Matched as `chrome` is.
   */
  readonly listHeads: readonly RegExp[]
  /**
   * Words of the banners a page lays over or between its text: cookies,
   * newsletters, subscriptions, apps. A short line holding one anywhere is
   * page furniture, not prose.
   */
  readonly promos: readonly RegExp[]
  /**
   * What a copyright line says after the owner's name ("All rights reserved",
   * "Все права защищены", "版权所有"), so that the name alone is read as the
   * publisher. Optional: a row without it reads names up to a full stop.
   */
  readonly rightsReserved?: readonly RegExp[]
  /**
   * The language's most frequent function words (articles, pronouns,
   * prepositions, conjunctions, auxiliaries), lower case, separated by
   * spaces. Running prose holds many of them; menus, teasers and tickers
   * few (the stop-word density of jusText). Empty for the default row.
   */
  readonly stopWords: string
  /**
   * The months, January first: the beginning each name and its inflected
   * forms share ("janv" for "janvier"), as case-insensitive patterns, so a
   * date line ("24 July 2015", "13 января 2017") can be read as a date.
   */
  readonly months: readonly RegExp[]
  /**
   * The months of the Solar Hijri calendar, Farvardin (Hamal) first, for the
   * dates Iranian and Afghan pages write in it ("۱۴ اردیبهشت ۱۴۰۳"). Optional.
   */
  readonly solarHijriMonths?: readonly RegExp[]
}

export const DOUBLE_QUOTES = {primary: ['“', '”'], secondary: ['‘', '’'], spaced: false} as const satisfies Quotes
export const GUILLEMETS_LOW = {primary: ['«', '»'], secondary: ['„', '“'], spaced: false} as const satisfies Quotes
