/**
 * robots.txt, as RFC 9309 reads it, with robots-parser: fetched once per
 * origin and run, and asked about each URL before it is requested, under
 * imprint's product token. A 4xx answer means no rules; a 5xx means the
 * site is to be treated as disallowing everything for now (RFC 9309,
 * 2.3.1.4); a robots.txt that cannot be reached at all leaves the rules
 * unknown, so the URL fails with that reason rather than being fetched.
 */
import robotsModule from 'robots-parser'
import {FetchFailure} from './fetch-failure.ts'

/** What of a response robots.txt needs; the client's RobotsResponse is one. */
type RobotsResponse = {readonly status: 'not-modified'} | {readonly status: 'ok'; readonly body: Uint8Array}

interface Robot {
  isAllowed(url: string, userAgent?: string): boolean | undefined
  getCrawlDelay(userAgent?: string): number | undefined
}

// robots-parser's types declare an ES default export, but the package is
// CommonJS: imported from ESM, its default is the function itself.
const robotsParser = robotsModule as unknown as (url: string, text: string) => Robot

/** The product token robots.txt groups are matched against. */
export const ROBOTS_TOKEN = 'imprint'

type Verdict = {readonly kind: 'rules'; readonly allows: (url: string) => boolean} | {readonly kind: 'disallow-all'; readonly reason: string} | {readonly kind: 'unknown'; readonly reason: string}

export class RobotsRules {
  readonly #fetch: (url: URL) => Promise<RobotsResponse>
  readonly #onCrawlDelay: (host: string, ms: number) => void
  readonly #origins = new Map<string, Promise<Verdict>>()

  constructor(fetchRobots: (url: URL) => Promise<RobotsResponse>, onCrawlDelay: (host: string, ms: number) => void) {
    this.#fetch = fetchRobots
    this.#onCrawlDelay = onCrawlDelay
  }

  /** Throws a FetchFailure when the site's robots.txt does not let imprint fetch `url`. */
  async check(url: URL): Promise<void> {
    let verdict = this.#origins.get(url.origin)
    if (!verdict) {
      verdict = this.#load(url)
      this.#origins.set(url.origin, verdict)
    }
    const found = await verdict
    switch (found.kind) {
      case 'rules':
        if (!found.allows(url.href)) {
          throw new FetchFailure('robots', `disallowed by ${url.origin}/robots.txt for user agent \`${ROBOTS_TOKEN}\`; pass --ignore-robots only for a site you may copy from`)
        }
        return
      case 'disallow-all':
        throw new FetchFailure('robots', found.reason)
      case 'unknown':
        throw new FetchFailure('failed', found.reason)
    }
  }

  async #load(url: URL): Promise<Verdict> {
    const address = new URL('/robots.txt', url.origin)
    let response: RobotsResponse
    try {
      response = await this.#fetch(address)
    } catch (error) {
      if (!(error instanceof FetchFailure)) throw error
      const status = /^HTTP (\d{3})/.exec(error.message)?.[1]
      if (status?.startsWith('4')) return {kind: 'rules', allows: () => true}
      if (status?.startsWith('5')) {
        return {kind: 'disallow-all', reason: `${address.href} answered ${error.message}: until it answers, robots.txt rules say to fetch nothing from the site (RFC 9309)`}
      }
      if (error.kind === 'refused') throw error
      return {kind: 'unknown', reason: `${error.message} (asking for robots.txt)`}
    }
    if (response.status !== 'ok') return {kind: 'rules', allows: () => true}
    const robot = robotsParser(address.href, new TextDecoder().decode(response.body))
    const delay = robot.getCrawlDelay(ROBOTS_TOKEN)
    if (typeof delay === 'number' && delay > 0) this.#onCrawlDelay(url.host, delay * 1000)
    // robots-parser answers undefined for a URL of another origin: it has no say there.
    return {kind: 'rules', allows: (href) => robot.isAllowed(href, ROBOTS_TOKEN) !== false}
  }
}
