/**
 * `imprint fetch`'s entries and the schemas of their values, and the two
 * safety switches `imprint build URL…` shares with it. options.ts puts them
 * among the commands.
 */
import * as v from 'valibot'
import {FETCH_LIMITS} from '../fetch/limits.ts'
import {off, operands, option, verbosityOf} from './entry.ts'

/** Where `imprint fetch` puts snapshots, and `imprint build URL… --keep` too: where the build looks by default. */
export const CONTENT_DIR = 'content'

/** What `imprint build URL…` takes of fetch's options too. */
export const FETCH_SAFETY = {
  'allow-private': option(off, 'also fetch from loopback, private, link-local and other special-use addresses: an intranet CMS, a test server on 127.0.0.1'),
  'ignore-robots': option(off, "fetch what the site's robots.txt disallows; only for a site whose pages you may copy, such as your own")
}

/** Seconds on the command line, milliseconds after it; `min` 0 allows 0. */
function seconds(flag: string, min: 0 | 'above 0') {
  return v.pipe(
    v.string(),
    v.check(
      (text) => text.trim() !== '' && Number.isFinite(Number(text)) && (min === 0 ? Number(text) >= 0 : Number(text) > 0),
      (issue) => `--${flag} takes a number of seconds${min === 0 ? '' : ' above 0'}, not \`${String(issue.input)}\``
    ),
    v.transform((text) => Math.round(Number(text) * 1000))
  )
}

function wholeNumber(flag: string) {
  return v.pipe(
    v.string(),
    v.check((text) => /^\d+$/.test(text.trim()) && Number(text) > 0, (issue) => `--${flag} takes a whole number above 0, not \`${String(issue.input)}\``),
    v.transform(Number)
  )
}

const DURATION_UNITS: Readonly<Record<string, number>> = {m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000}

/** `--since`: `36h`, `7d`… (a time ago) or a date or ISO 8601 time. */
const since = v.pipe(
  v.string(),
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    const text = dataset.value.trim()
    const duration = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(text)
    if (duration) return {kind: 'ago' as const, ms: Number(duration[1]) * DURATION_UNITS[duration[2]!.toLowerCase()]!}
    const time = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00` : text) : NaN
    if (!Number.isNaN(time)) return {kind: 'date' as const, time}
    addIssue({message: `--since takes a time ago (90m, 36h, 7d, 2w) or a date (2025-06-01, 2025-06-01T08:00Z), not \`${text}\``})
    return NEVER
  })
)

// Hop-by-hop and framing headers belong to the connection, which is imprint's.
const RESERVED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'te', 'upgrade', 'keep-alive', 'trailer', 'accept-encoding'])

/** `--header 'Cookie: session=…'` as a name (lower case) and a value. */
const header = v.pipe(
  v.string(),
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    const match = /^([!#$%&'*+.^_`|~\w-]+)\s*:\s*(.*)$/.exec(dataset.value.trim())
    const name = match?.[1]?.toLowerCase()
    if (!match || name === undefined || RESERVED_HEADERS.has(name) || /[\r\n]/.test(match[2]!)) {
      addIssue({message: `--header takes 'Name: value' (a cookie, an authorization), not \`${dataset.value}\``})
      return NEVER
    }
    return [name, match[2]!] as const
  })
)

export const FETCH_ENTRIES = {
  urls: operands(v.optional(v.array(v.string()), []), "pages to fetch; none, and no --feed: fetch every page snapshot in --out again"),
  out: option(v.optional(v.string(), CONTENT_DIR), 'folder the snapshots go in, one folder each, for `imprint build` to read', {short: 'o', value: 'DIR'}),
  feed: option(v.optional(v.array(v.string()), []), "an RSS, Atom or JSON Feed: fetch its items' pages", {value: 'URL', repeatable: true}),
  since: option(v.optional(since), "only a feed's items published since then: a time ago (90m, 36h, 7d, 2w) or a date (2025-06-01)", {value: 'WHEN'}),
  limit: option(v.optional(wholeNumber('limit')), "at most N items of each feed, the newest", {value: 'N'}),
  'no-feed-content': option(off, "fetch each feed item's page even when the feed carries the item's full text"),
  ...FETCH_SAFETY,
  header: option(v.optional(v.array(header), []), "send this header, written 'Name: value' (a cookie, an authorization), to the sites of the URLs and feeds given, and no other", {
    value: 'HEADER',
    repeatable: true
  }),
  'per-host': option(v.optional(wholeNumber('per-host'), String(FETCH_LIMITS.perHost)), 'requests to one host at once', {value: 'N'}),
  delay: option(v.optional(seconds('delay', 0), String(FETCH_LIMITS.delayMs / 1000)), "seconds between the starts of two requests to one host (more when the site's robots.txt asks)", {
    value: 'SECONDS'
  }),
  'connect-timeout': option(v.optional(seconds('connect-timeout', 'above 0'), String(FETCH_LIMITS.connectTimeoutMs / 1000)), 'time limit for connecting', {
    value: 'SECONDS'
  }),
  timeout: option(v.optional(seconds('timeout', 'above 0'), String(FETCH_LIMITS.responseTimeoutMs / 1000)), 'time limit for a whole response, redirects included', {
    value: 'SECONDS'
  }),
  json: option(off, 'print a summary as JSON on stdout: each URL, its folder, its state and messages'),
  quiet: option(off, 'print errors only', {short: 'q'})
}

/** The command-line values in the shape `fetchSnapshots()` takes, plus how much to print. */
export function toFetchFlags(values: v.InferOutput<v.ObjectSchema<typeof FETCH_ENTRIES, undefined>>) {
  return {
    urls: values.urls,
    feeds: values.feed,
    outDir: values.out,
    since: values.since,
    limit: values.limit,
    feedContent: !values['no-feed-content'],
    client: {
      allowPrivate: values['allow-private'],
      ignoreRobots: values['ignore-robots'],
      perHost: values['per-host'],
      delayMs: values.delay,
      connectTimeoutMs: values['connect-timeout'],
      responseTimeoutMs: values.timeout,
      headers: Object.fromEntries(values.header)
    },
    json: values.json,
    verbosity: verbosityOf({quiet: values.quiet, verbose: false})
  }
}
