/**
 * The limits and defaults of `imprint fetch`, written once: the command
 * line's defaults, the client, the messages and docs/fetch.md read them here.
 */
export const FETCH_LIMITS = {
  /** A web page: the largest real article page we know is 1.6 MB. */
  pageBytes: 5 * 2 ** 20,
  /** A feed carrying the full text of its items is larger than a page. */
  feedBytes: 10 * 2 ** 20,
  imageBytes: 20 * 2 ** 20,
  /** RFC 9309 lets a crawler stop reading robots.txt at 500 KiB. */
  robotsBytes: 500 * 2 ** 10,
  redirects: 5,
  connectTimeoutMs: 10_000,
  /** From the request to the last byte of the body, redirects included. */
  responseTimeoutMs: 30_000,
  /** Requests in flight to one host at once. */
  perHost: 2,
  /** Between the starts of two requests to one host. */
  delayMs: 500,
  /** A robots.txt Crawl-delay is honoured up to this. */
  maxCrawlDelayMs: 60_000
} as const
