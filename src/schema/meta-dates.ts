/**
 * Dates as the static-site tools write them, read into the ISO 8601 form
 * every output takes (`2024-05-03`, `2024-05-03T14:20:00+03:00`):
 *
 *   2024-05-03                      YAML, TOML local date, everyone
 *   2024-05-03T14:20:00Z            Hugo, Astro, pandoc
 *   2024-05-03 14:20:00 +0300       Jekyll
 *   2024-05-03T04:14:54-08:00       TOML offset date-time (a Date object)
 *   Jul 08 2022, March 22, 2005     Astro's blog template, pandoc documents
 *   Fri, 03 May 2024 14:20:00 GMT   RFC 2822, as feeds and Hugo accept it
 *
 * A value it cannot read is given back as written, and the schema refuses
 * it at its place.
 */

// Year, month, day; then the time, with seconds and fractions optional; then the zone.
const NUMERIC = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i

// Eleventy's words for the file's own dates: not the article's, and not reproducible.
const FILE_DATES = /^(?:git\s+)?(?:last\s+modified|created)$/i

const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s|,|$)/i

export function readDate(value: unknown): unknown {
  if (value instanceof Date) return fromDateObject(value)
  if (typeof value !== 'string') return value
  const text = value.trim()
  if (FILE_DATES.test(text)) return undefined
  return fromNumeric(text) ?? fromWords(text) ?? value
}

/**
 * A Date the parser made. smol-toml's TomlDate knows whether it was a local
 * date, a local date-time or one with an offset, and writes it back so; a
 * plain Date (a YAML timestamp) at midnight UTC was a date alone.
 */
function fromDateObject(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) return undefined
  const written = date.toISOString()
  if (date.constructor !== Date) return fromNumeric(written)
  return written.endsWith('T00:00:00.000Z') ? written.slice(0, 10) : fromNumeric(written)
}

function fromNumeric(text: string): string | undefined {
  const match = NUMERIC.exec(text)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second, fraction, zone] = match
  const date = `${year}-${pad(month!)}-${pad(day!)}`
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return undefined
  if (hour === undefined) return date
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return undefined
  // A fraction of zeros (`.000`, as Date objects write it) says nothing.
  const fractionPart = fraction && !/^\.0+$/.test(fraction) ? fraction : ''
  return `${date}T${pad(hour)}:${minute}:${second ?? '00'}${fractionPart}${zoneOf(zone)}`
}

/** `+0300` and `+03` as `+03:00`; `UTC` and `GMT` as `Z`; none stays none (a local time). */
function zoneOf(zone: string | undefined): string {
  if (zone === undefined) return ''
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 'Z'
  const digits = zone.replace(':', '')
  return `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`
}

/**
 * A date with an English month name. With a time and a zone it is an
 * instant, written in UTC; without, the day as written.
 */
function fromWords(text: string): string | undefined {
  if (!MONTH_NAME.test(text) || !/\b\d{4}\b/.test(text)) return undefined
  const parsed = new Date(text)
  if (Number.isNaN(parsed.getTime())) return undefined
  const zoned = /\d:\d{2}/.test(text) && /(?:GMT|UTC|Z|[+-]\d{4})\s*$/i.test(text)
  if (zoned) return parsed.toISOString().replace('.000Z', 'Z')
  // No zone: the parse was in local time, so its local fields are the day written.
  return `${parsed.getFullYear()}-${pad(String(parsed.getMonth() + 1))}-${pad(String(parsed.getDate()))}`
}

/** Whether the day exists: no 30 February, no month 13. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function pad(text: string): string {
  return text.padStart(2, '0')
}
