/**
 * The one HTTP client of `imprint fetch`: undici's `request` on an Agent of
 * our own, so every connection goes through the address policy's lookup,
 * with its connect time limit, and nothing of the process's global fetch
 * (cookies, proxies, another caller's dispatcher) comes along.
 *
 * Each `get` follows at most FETCH_LIMITS.redirects redirects by hand, and
 * checks every hop as it checked the first: the scheme and address, the
 * site's robots.txt, the per-host limits. A deadline covers each whole
 * response, from the request to the body's last byte; the body is read against its size limit as
 * it streams, and dropped at the first byte over it.
 */
import {STATUS_CODES} from 'node:http'
import {MIMEType} from 'node:util'
import {pipeline} from 'node:stream/promises'
import type {Readable, Transform} from 'node:stream'
import zlib from 'node:zlib'
import {Agent, request} from 'undici'
import {IMPRINT_VERSION} from '../version.ts'
import {checkUrl, guardedLookup, refusedRange, type AddressJudge, type Resolver} from './address-policy.ts'
import {FetchFailure} from './fetch-failure.ts'
import {HostGate} from './host-gate.ts'
import {FETCH_LIMITS} from './limits.ts'
import {RobotsRules} from './robots.ts'

/** Names imprint and its version; robots.txt groups match its first word, `imprint`. */
export const USER_AGENT = `imprint/${IMPRINT_VERSION} (article snapshots for offline e-books and print)`

/** What a request is for: it decides the Accept header, the types taken and the size limit. */
export type Want = 'page' | 'feed' | 'image' | 'robots'

interface WantRule {
  readonly accept: string
  /** The media types taken, lower case; undefined takes any. */
  readonly takes?: (mediaType: string) => boolean
  readonly limit: number
  /** What the response should have been, for messages. */
  readonly what: string
}

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml',
  'application/x-rss+xml',
  'application/xml',
  'text/xml',
  'application/json'
])

const WANTS: Readonly<Record<Want, WantRule>> = {
  page: {
    accept: 'text/html,application/xhtml+xml;q=0.9',
    takes: (type) => type === 'text/html' || type === 'application/xhtml+xml',
    limit: FETCH_LIMITS.pageBytes,
    what: 'a web page (text/html)'
  },
  feed: {
    accept: 'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,application/json;q=0.8',
    takes: (type) => FEED_TYPES.has(type),
    limit: FETCH_LIMITS.feedBytes,
    what: 'a feed (RSS, Atom or JSON Feed)'
  },
  image: {accept: 'image/png,image/jpeg,image/gif,image/*;q=0.8', takes: (type) => type.startsWith('image/'), limit: FETCH_LIMITS.imageBytes, what: 'an image'},
  robots: {accept: 'text/plain', limit: FETCH_LIMITS.robotsBytes, what: 'robots.txt'}
}

export interface ClientOptions {
  /** Connect to loopback, private and other special-use addresses too. */
  readonly allowPrivate: boolean
  /** Which addresses to refuse, unless allowPrivate: refusedRange, unless a test gives another. */
  readonly judge?: AddressJudge
  /** How names are resolved: the system's resolver, unless a test gives another. */
  readonly resolve?: Resolver
  readonly ignoreRobots: boolean
  readonly perHost: number
  readonly delayMs: number
  readonly connectTimeoutMs: number
  readonly responseTimeoutMs: number
  /** Headers the user gave (a cookie, an authorization), sent only to `headerOrigins`. */
  readonly headers: Readonly<Record<string, string>>
  readonly headerOrigins: ReadonlySet<string>
}

/** What a stored snapshot knows of its response, for a conditional request. */
export interface Validators {
  readonly etag?: string
  readonly lastModified?: string
}

export type WebResponse =
  | {readonly status: 'not-modified'; readonly url: string}
  | {
      readonly status: 'ok'
      /** Where the body came from, after redirects. */
      readonly url: string
      readonly body: Uint8Array
      readonly mediaType: string
      readonly charset?: string
      readonly etag?: string
      readonly lastModified?: string
    }

const REDIRECTS = new Set([301, 302, 303, 307, 308])

export class WebClient {
  readonly options: ClientOptions
  /** What refuses an address; none with allowPrivate. */
  readonly #judge: AddressJudge | undefined
  readonly #agent: Agent
  readonly #gate: HostGate
  readonly #robots: RobotsRules

  constructor(options: ClientOptions) {
    this.options = options
    this.#judge = options.allowPrivate ? undefined : (options.judge ?? refusedRange)
    this.#agent = new Agent({
      connect: {lookup: guardedLookup(this.#judge, options.resolve), timeout: options.connectTimeoutMs},
      headersTimeout: options.responseTimeoutMs,
      bodyTimeout: options.responseTimeoutMs
    })
    this.#gate = new HostGate(options.perHost, options.delayMs)
    this.#robots = new RobotsRules((url) => this.get(url, 'robots'), (host, ms) => this.#gate.slowDown(host, Math.min(ms, FETCH_LIMITS.maxCrawlDelayMs)))
  }

  /** GET `address` as `want`; throws a FetchFailure that says in one line why it could not. */
  async get(address: string | URL, want: Want, validators: Validators = {}): Promise<WebResponse> {
    let url = toUrl(address)
    const visited = [url.href]
    for (let hop = 0; ; hop++) {
      checkUrl(url, this.#judge)
      if (want !== 'robots' && !this.options.ignoreRobots) await this.#robots.check(url)
      const target = url
      const exchange = () => this.#gate.run(target.host, () => this.#exchange(target, want, validators))
      // A GET may be sent again: once, when the connection dropped before any answer.
      const answer = await exchange().catch((error: unknown) => (error instanceof FetchFailure && error.retry ? exchange() : Promise.reject(error)))
      if (answer.kind === 'response') return answer.response
      if (hop >= FETCH_LIMITS.redirects) throw new FetchFailure('failed', `more than ${FETCH_LIMITS.redirects} redirects (${visited[0]} → … → ${answer.location})`)
      const next = toUrl(answer.location, url)
      if (visited.includes(next.href)) throw new FetchFailure('failed', `the redirects go round in a loop (${[...visited, next.href].join(' → ')})`)
      visited.push(next.href)
      url = next
    }
  }

  async close(): Promise<void> {
    await this.#agent.close()
  }

  /** One request and its whole body, or the redirect it answered with. */
  async #exchange(url: URL, want: Want, validators: Validators): Promise<{kind: 'response'; response: WebResponse} | {kind: 'redirect'; location: string}> {
    const rule = WANTS[want]
    // From the request to the body's last byte; the wait for a free slot does not count.
    const deadline = AbortSignal.timeout(this.options.responseTimeoutMs)
    try {
      const response = await request(url, {method: 'GET', headers: this.#headers(url, rule, validators), signal: deadline, dispatcher: this.#agent})
      const header = (name: string): string | undefined => {
        const value = response.headers[name]
        return Array.isArray(value) ? value[0] : value
      }
      const {statusCode, body} = response
      if (REDIRECTS.has(statusCode) && header('location')) {
        body.resume()
        return {kind: 'redirect', location: header('location')!}
      }
      if (statusCode === 304) {
        body.resume()
        return {kind: 'response', response: {status: 'not-modified', url: url.href}}
      }
      if (statusCode !== 200 && statusCode !== 203) {
        discard(body)
        throw new FetchFailure('failed', `HTTP ${statusCode} ${STATUS_CODES[statusCode] ?? ''}`.trim())
      }
      const type = parseType(header('content-type'))
      if (rule.takes && !(type && rule.takes(type.essence))) {
        discard(body)
        throw new FetchFailure('type', `not ${rule.what}: the server sent ${type ? `\`${type.essence}\`` : 'no content type'}`)
      }
      const length = Number(header('content-length') ?? NaN)
      if (want !== 'robots' && length > rule.limit) {
        discard(body)
        throw tooLarge(rule, length)
      }
      const data = await readLimited(body, header('content-encoding'), rule, want === 'robots')
      const charset = type?.params.get('charset') ?? undefined
      return {
        kind: 'response',
        response: {
          status: 'ok',
          url: url.href,
          body: data,
          mediaType: type?.essence ?? 'application/octet-stream',
          ...(charset ? {charset} : {}),
          ...(header('etag') ? {etag: header('etag')} : {}),
          ...(header('last-modified') ? {lastModified: header('last-modified')} : {})
        }
      }
    } catch (error) {
      throw asFailure(error, deadline, this.options)
    }
  }

  #headers(url: URL, rule: WantRule, validators: Validators): Record<string, string> {
    return {
      ...(this.options.headerOrigins.has(url.origin) ? this.options.headers : {}),
      'user-agent': USER_AGENT,
      accept: rule.accept,
      'accept-encoding': 'gzip, deflate, br',
      ...(validators.etag ? {'if-none-match': validators.etag} : {}),
      ...(validators.lastModified ? {'if-modified-since': validators.lastModified} : {})
    }
  }
}

/** Drop a body not to be read: its connection is closed, and the abort is no error of ours. */
function discard(body: Readable): void {
  body.on('error', () => {})
  body.destroy()
}

function toUrl(address: string | URL, base?: URL): URL {
  try {
    return new URL(address, base)
  } catch {
    throw new FetchFailure('refused', `not a URL: \`${String(address)}\``)
  }
}

function parseType(value: string | undefined): MIMEType | undefined {
  if (!value) return undefined
  try {
    return new MIMEType(value)
  } catch {
    return undefined
  }
}

function tooLarge(rule: WantRule, bytes?: number): FetchFailure {
  const size = bytes === undefined ? 'over' : `${(bytes / 2 ** 20).toFixed(1)} MB, over`
  return new FetchFailure('too-large', `too large: ${size} the ${rule.limit / 2 ** 20} MB limit for ${rule.what}`)
}

/**
 * The body, decoded as its Content-Encoding says, counted as it arrives:
 * the limit is on the decoded bytes, so a small compressed bomb stops at
 * the limit too. robots.txt is cut at its limit instead (RFC 9309).
 */
async function readLimited(body: Readable, encoding: string | undefined, rule: WantRule, cut: boolean): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let total = 0
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      total += chunk.length
      if (total > rule.limit) {
        if (cut) {
          chunks.push(chunk.subarray(0, chunk.length - (total - rule.limit)))
          return
        }
        throw tooLarge(rule)
      }
      chunks.push(chunk)
    }
  }
  const decoder = decoderOf(encoding)
  if (decoder) await pipeline(body, decoder, collect)
  else await collect(body)
  return new Uint8Array(Buffer.concat(chunks))
}

function decoderOf(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip()
    case 'deflate':
      return zlib.createInflate()
    case 'br':
      return zlib.createBrotliDecompress()
    case undefined:
    case '':
    case 'identity':
      return undefined
    default:
      throw new FetchFailure('failed', `the server sent an encoding imprint cannot read (\`${encoding}\`)`)
  }
}

/** Any error of a request as a FetchFailure with a reason a person can act on. */
function asFailure(error: unknown, deadline: AbortSignal, options: ClientOptions): FetchFailure {
  for (let cause: unknown = error; cause; cause = (cause as {cause?: unknown}).cause) {
    if (cause instanceof FetchFailure) return cause
  }
  if (deadline.aborted) return new FetchFailure('failed', `timed out: no whole response within ${options.responseTimeoutMs / 1000} s`)
  const code = codeOf(error)
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new FetchFailure('failed', `timed out: no connection within ${options.connectTimeoutMs / 1000} s`)
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new FetchFailure('failed', `timed out: no whole response within ${options.responseTimeoutMs / 1000} s`)
    case 'ECONNREFUSED':
      return new FetchFailure('failed', 'connection refused')
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new FetchFailure('failed', 'the connection was reset before the response was complete', true)
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return new FetchFailure('failed', 'the response ended before the length it announced')
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
      return new FetchFailure('failed', 'host not found')
  }
  const message = error instanceof Error ? error.message : String(error)
  // zlib's codes start with Z_; Brotli's with ERR__ (its decoder's error names).
  if (code && /^(?:Z_|ERR__)/.test(code)) return new FetchFailure('failed', 'the compressed response is corrupt')
  if (code && /CERT|TLS|SSL/.test(code)) return new FetchFailure('failed', `TLS: ${message}`)
  return new FetchFailure('failed', message.split('\n')[0] ?? message)
}

function codeOf(error: unknown): string | undefined {
  for (let cause: unknown = error; cause; cause = (cause as {cause?: unknown}).cause) {
    const code = (cause as {code?: unknown}).code
    if (typeof code === 'string') return code
  }
  return undefined
}
