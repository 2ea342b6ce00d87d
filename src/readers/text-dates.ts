/**
 * Dates as pages print them near a headline: "24 July 2015", "JAN. 13,
 * 2017", "08.04.2015 12:46", "21.dez.2018 às 12h55", "13 января 2017 г.",
 * "2016年10月14日07:17".
 * Found by their shape (a day, a month word or number, a year of four
 * digits) in any language; read into an ISO date when the month is a
 * number or a month of the language table.
 */
import {LANGUAGES, monthOf, type LanguageRules} from '../languages.ts'

export interface FoundDate {
  /** Where the date (with a time after it) starts and ends in the line. */
  readonly index: number
  readonly length: number
  /** `YYYY-MM-DD` when the date could be read. */
  readonly iso?: string
}

const YEAR = String.raw`(?:1[89]|20)\d{2}`
const DAY = String.raw`[0-3]?\d`
// A month's name or its abbreviation, in any script: "July", "JAN.", "dez", "января".
const MONTH_WORD = String.raw`\p{L}{3,12}\.?`
// A time may follow, after a short word ("at", "à", "às", "в"): "12:46", "2:15pm", "12h55".
const TIME = String.raw`(?:,?\s*(?:\p{L}{1,3}\s+)?[0-2]?\d[:.h]\d{2}(?:\s?[ap]\.?\s?m\.?)?)?`

const MAX_DATE_LINE = 100

const SHAPES: ReadonlyArray<{pattern: RegExp; read: (match: RegExpExecArray, rows: readonly LanguageRules[]) => string | undefined}> = [
  // 2017-01-13
  {pattern: new RegExp(String.raw`(?<y>${YEAR})-(?<m>[01]?\d)-(?<d>${DAY})(?:[T ][0-2]\d:\d{2}(?::\d{2})?)?`, 'u'), read: (m) => iso(m.groups!.y!, m.groups!.m!, m.groups!.d!)},
  // 2024.05.03, 2024/05/03: the year first, as Korean, Chinese and Japanese pages write it
  {
    pattern: new RegExp(String.raw`(?<y>${YEAR})[./](?<m>[01]?\d)[./](?<d>${DAY})(?![\d.])${TIME}`, 'u'),
    read: (m) => iso(m.groups!.y!, m.groups!.m!, m.groups!.d!)
  },
  // 2016年10月14日 (Chinese, Japanese), 2016년 10월 14일 (Korean)
  {
    pattern: new RegExp(String.raw`(?<y>${YEAR})\s*[年년]\s*(?<m>[01]?\d)\s*[月월]\s*(?<d>${DAY})\s*[日일]?${TIME}`, 'u'),
    read: (m) => iso(m.groups!.y!, m.groups!.m!, m.groups!.d!)
  },
  // 13.01.2017, 13/01/2017: day first, as most of the world writes it; a
  // month over 12 shows the American order.
  {
    pattern: new RegExp(String.raw`(?<a>${DAY})[./](?<b>[01]?\d|[0-3]\d)[./](?<y>${YEAR})${TIME}`, 'u'),
    read: (m) => (Number(m.groups!.b) > 12 ? iso(m.groups!.y!, m.groups!.a!, m.groups!.b!) : iso(m.groups!.y!, m.groups!.b!, m.groups!.a!))
  },
  // 24 July 2015, 21.dez.2018, 13 января 2017, 12 de abril de 2023 (Spanish, Portuguese)
  {
    pattern: new RegExp(String.raw`(?<d>${DAY})\.?\s*(?:de\s+)?(?<w>${MONTH_WORD})\s*,?\.?\s*(?:del?\s+)?(?<y>${YEAR})${TIME}`, 'u'),
    read: (m, rows) => monthDate(m.groups!.y!, m.groups!.w!, m.groups!.d!, rows)
  },
  // ۱۴ اردیبهشت ۱۴۰۳ (Iran), ۱۴ ثور ۱۴۰۳ (Afghanistan): the Solar Hijri calendar
  {
    pattern: new RegExp(String.raw`(?<d>${DAY})\s*(?<w>\p{L}{2,12})\s*(?<y>1[34]\d{2})(?!\d)${TIME}`, 'u'),
    read: (m, rows) => solarHijriDate(m.groups!.y!, m.groups!.w!, m.groups!.d!, rows)
  },
  // July 24, 2015; JAN. 13, 2017; April 21st 2015
  {
    pattern: new RegExp(String.raw`(?<w>${MONTH_WORD})\s*(?<d>${DAY})(?:st|nd|rd|th)?,?\s*(?<y>${YEAR})${TIME}`, 'u'),
    read: (m, rows) => monthDate(m.groups!.y!, m.groups!.w!, m.groups!.d!, rows)
  }
]

/**
 * The first date in a line, if one is there. `rules` is the text's
 * language, whose month names are tried first, then English, then every
 * other language of the table.
 */
export function findDate(line: string, rules?: LanguageRules): FoundDate | undefined {
  const value = westernDigits(line)
  // Every shape has a year of four digits: most lines have none, and need no pattern tried.
  if (!FOUR_DIGITS.test(value)) return undefined
  const rows = rules ? rowsFirst(rules) : LANGUAGES
  let found: FoundDate | undefined
  for (const {pattern, read} of SHAPES) {
    const match = pattern.exec(value)
    if (!match) continue
    const date = {index: match.index, length: match[0].length, iso: read(match, rows)}
    // The month-word shapes also take "Founded 1998": only a known month or an ISO or numeric date counts.
    if (date.iso === undefined && match.groups?.w !== undefined) continue
    if (!found || date.index < found.index) found = date
  }
  return found
}

/**
 * Whether a line is a date and little else: "16 November 2017 • 2:15pm",
 * "posted on April 21, 2015, at 11:29 a.m.", "Updated 08.04.2015 12:46".
 */
export function isDateLine(line: string, rules?: LanguageRules): boolean {
  // A date and a few words: never a paragraph.
  if (line.length > MAX_DATE_LINE) return false
  const date = findDate(line, rules)
  if (!date) return false
  const rest = line.slice(0, date.index) + ' ' + line.slice(date.index + date.length)
  return rest.split(/[\s|•·,–—-]+/u).filter((word) => /\p{L}/u.test(word)).length <= 3
}

function monthDate(year: string, word: string, day: string, rows: readonly LanguageRules[]): string | undefined {
  const month = monthOf(word.replace(/\.$/u, ''), rows)
  return month === undefined ? undefined : iso(year, String(month), day)
}

const PERSIAN = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC'})
const DAY_MS = 86_400_000

/**
 * A Solar Hijri date as the Gregorian day it is, by ICU's Persian calendar:
 * its first day (1 Farvardin) falls between 19 and 22 March of the year
 * 621 on, its first six months have 31 days and the next five 30.
 */
function solarHijriDate(year: string, word: string, day: string, rows: readonly LanguageRules[]): string | undefined {
  const month = monthOf(word, rows, 'solar-hijri')
  if (month === undefined) return undefined
  const [y, d] = [Number(year), Number(day)]
  const parts = (time: number): Record<string, number> => Object.fromEntries(PERSIAN.formatToParts(new Date(time)).map((part) => [part.type, Number(part.value)]))
  let first: number | undefined
  for (let time = Date.UTC(y + 621, 2, 19); time <= Date.UTC(y + 621, 2, 22); time += DAY_MS) {
    const found = parts(time)
    if (found.year === y && found.month === 1 && found.day === 1) first = time
  }
  if (first === undefined || d < 1 || d > 31) return undefined
  const time = first + ((month <= 6 ? (month - 1) * 31 : 186 + (month - 7) * 30) + d - 1) * DAY_MS
  const found = parts(time)
  return found.year === y && found.month === month && found.day === d ? new Date(time).toISOString().slice(0, 10) : undefined
}

function iso(year: string, month: string, day: string): string | undefined {
  const [y, m, d] = [Number(year), Number(month), Number(day)]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (m < 1 || m > 12 || d < 1 || date.getUTCDate() !== d) return undefined
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Arabic-Indic and Persian digits as ASCII, the same length, so places stay. */
const FOUR_DIGITS = /\d{4}/

/** The language table with `rules` first, made once per language. */
const ordered = new Map<LanguageRules, readonly LanguageRules[]>()
function rowsFirst(rules: LanguageRules): readonly LanguageRules[] {
  let rows = ordered.get(rules)
  if (!rows) ordered.set(rules, (rows = [...new Set([rules, ...LANGUAGES])]))
  return rows
}

function westernDigits(text: string): string {
  return text.replace(/[٠-٩۰-۹]/gu, (digit) => String((digit.codePointAt(0)! - (digit >= '۰' ? 0x6f0 : 0x660)) % 10))
}
