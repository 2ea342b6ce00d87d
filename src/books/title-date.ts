/**
 * `{date}` in a book's title (`--book "Morning news {date}"`): a digest of
 * what was fetched that day gets the day in its title, and so in its file
 * names, and each day's book stands beside the others.
 *
 * The day is SOURCE_DATE_EPOCH's when it is set (a reproducible build);
 * else the book's configured `date`; else the newest day among its
 * articles' own dates and the days `imprint fetch` fetched them, all known
 * from loading alone, before anything is parsed; else, for articles that
 * carry no date at all, the day of the build. Written as YYYY-MM-DD.
 */
import type {MetaInput} from '../schema/meta.ts'
import type {BookSpec} from './config.ts'

export const DATE_PLACEHOLDER = '{date}'

/** The newest day (YYYY-MM-DD) an article's metadata names: its date, or the day it was fetched. */
export function dayOf(meta: MetaInput): string | undefined {
  return [meta.date, meta.fetched?.at]
    .flatMap((value) => (value ? [value.slice(0, 10)] : []))
    .sort()
    .at(-1)
}

/** The spec with `{date}` filled in its title, and that day as its date when it has none. */
export function fillTitleDate(spec: BookSpec, days: ReadonlyArray<string | undefined>, epoch: number | undefined): BookSpec {
  if (!spec.title.includes(DATE_PLACEHOLDER)) return spec
  const newest = days.flatMap((day) => (day ? [day] : [])).sort().at(-1)
  const day = epoch !== undefined ? new Date(epoch * 1000).toISOString().slice(0, 10) : (spec.date ?? newest ?? localDay(new Date()))
  return {...spec, title: spec.title.replaceAll(DATE_PLACEHOLDER, day), date: spec.date ?? day}
}

function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}
