/**
 * The one date stamped into an output: SOURCE_DATE_EPOCH when it is set,
 * else the content's own date. Never the clock, so a build is reproducible.
 */

/** `SOURCE_DATE_EPOCH` from the option, else the environment; undefined when neither sets it. */
export function resolveEpoch(option: number | undefined): number | undefined {
  if (option !== undefined) return option
  const raw = process.env.SOURCE_DATE_EPOCH
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined
  return Number(raw.trim())
}

/** The epoch when there is one, else `date` (`YYYY-MM-DD` or a timestamp), else 1980. */
export function fixedDate(date: string | undefined, epoch: number | undefined): Date {
  if (epoch !== undefined) return new Date(epoch * 1000)
  const own = date ? new Date(date.length === 10 ? date + 'T00:00:00Z' : date) : undefined
  // Zip dates cannot go before 1980; an undated article gets that floor.
  return own && !Number.isNaN(own.getTime()) ? own : new Date('1980-01-01T00:00:00Z')
}
