/**
 * The HTTP server of `imprint serve` and of `imprint dev`'s preview: an
 * output folder, read-only, over Node's http.
 *
 * Files go out through `send` (the file server of Express and serve-static):
 * HEAD, byte ranges with If-Range, ETag with If-None-Match, Last-Modified
 * with If-Modified-Since. `compression` gzips HTML and XML only. Before
 * either sees a request, request-path.ts decides which file it names, if
 * any; a page or a feed that the server changes on the way out (dev's
 * reload script, the LAN address's QR code, the catalog's search link)
 * is read and answered here, with validators of its own.
 */
import {createHash} from 'node:crypto'
import {readFile, realpath} from 'node:fs/promises'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import path from 'node:path'
import compression from 'compression'
import send from 'send'
import {contentTypeOf, isCompressible} from './content-type.ts'
import {resolveRequestPath} from './request-path.ts'

/** Longer request targets are refused (414): no file of a build has a name near this. */
export const MAX_URL_LENGTH = 2048
/** All request headers together; Node's default is 16 KiB, said here so it stays so. */
export const MAX_HEADER_BYTES = 16 * 1024
/** A connection with nothing going either way is closed after this. */
export const IDLE_TIMEOUT_MS = 30_000
/** Time to receive a request's headers, and the whole request. */
const HEADERS_TIMEOUT_MS = 10_000
const REQUEST_TIMEOUT_MS = 20_000
/** How long a kept-alive connection waits for its next request. */
const KEEP_ALIVE_MS = 5_000

/** What a transform of a served document knows of its request. */
export interface ServedRequest {
  /** The path asked for, without the query. */
  readonly path: string
  readonly url: URL
  /** The address the request came in on (which of the machine's addresses the client used). */
  readonly localAddress: string | undefined
}

/** A response the server makes itself, for a path no build writes. */
export type Route = (request: IncomingMessage, response: ServerResponse, served: ServedRequest) => void | Promise<void>

export interface SiteOptions {
  /** The folder served, as given. */
  readonly root: string
  /** Changes an HTML page as it is served; the file stays as it is. */
  readonly transformHtml?: (html: string, served: ServedRequest) => string
  /** Changes an OPDS feed as it is served. */
  readonly transformCatalog?: (xml: string, served: ServedRequest) => string
  /** Paths the server answers itself, before looking for a file. */
  readonly routes?: ReadonlyMap<string, Route>
  /** Hears of every request once it is answered. */
  readonly onRequest?: (entry: RequestLog) => void
}

export interface RequestLog {
  readonly remote: string
  readonly method: string
  readonly url: string
  readonly status: number
  /** Bytes of the body as sent (after compression); undefined when not known. */
  readonly bytes: number | undefined
  readonly ms: number
}

/** An http.Server for the folder, with the limits above; not listening yet. */
export async function createSiteServer(options: SiteOptions): Promise<http.Server> {
  const handle = await createSiteHandler(options)
  const server = http.createServer(
    {maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, keepAliveTimeout: KEEP_ALIVE_MS},
    (request, response) => void handle(request, response)
  )
  server.setTimeout(IDLE_TIMEOUT_MS, (socket) => socket.destroy())
  return server
}

/** The request handler alone. The folder's real path is read once: a folder swapped for a link later is not followed. */
export async function createSiteHandler(options: SiteOptions): Promise<(request: IncomingMessage, response: ServerResponse) => Promise<void>> {
  const root = await realpath(path.resolve(options.root))
  const compress = compression({
    threshold: 1024,
    // Ranges of compressed bytes would be ranges of something else: a ranged request goes out as stored.
    filter: (request, response) => !request.headers.range && isCompressible(String(response.getHeader('Content-Type') ?? ''))
  })

  return async (request, response) => {
    const started = performance.now()
    if (options.onRequest) {
      response.once('close', () =>
        options.onRequest!({
          remote: request.socket.remoteAddress ?? '-',
          method: request.method ?? '-',
          url: (request.url ?? '').slice(0, 200),
          status: response.statusCode,
          bytes: sentBytes(response),
          ms: Math.round(performance.now() - started)
        })
      )
    }
    try {
      await answer(request, response)
    } catch (error) {
      if (!response.headersSent) plain(response, 500, `server error: ${error instanceof Error ? error.message : String(error)}`)
      else response.destroy()
    }
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/'
    response.setHeader('X-Content-Type-Options', 'nosniff')
    if (target.length > MAX_URL_LENGTH) return plain(response, 414, 'URL too long')
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD')
      return plain(response, 405, 'read-only: GET and HEAD only')
    }
    // Only a path: an absolute-form target (`GET http://host/x`) names no file of ours.
    if (!target.startsWith('/')) return plain(response, 400, 'bad request target')
    const rawPath = target.split('?', 1)[0]!
    const served: ServedRequest = {path: rawPath, url: new URL(target, 'http://localhost'), localAddress: request.socket.localAddress}
    // compression is Express middleware; on Node's own request and response it needs only what they have.
    await new Promise<void>((resolve) => compress(request as Parameters<typeof compress>[0], response as Parameters<typeof compress>[1], () => resolve()))

    const route = options.routes?.get(rawPath)
    if (route) return route(request, response, served)

    const resolved = await resolveRequestPath(root, rawPath)
    if (resolved.kind === 'redirect') {
      response.setHeader('Location', resolved.location)
      return plain(response, 301, 'moved')
    }
    if (resolved.kind === 'refused') return plain(response, resolved.status, resolved.status === 404 ? 'not found' : `refused: ${resolved.reason}`)

    const type = contentTypeOf(resolved.file)
    const transform = type?.startsWith('text/html') ? options.transformHtml : type?.includes('opds-catalog') ? options.transformCatalog : undefined
    if (transform) {
      const text = transform(await readFile(resolved.file, 'utf8'), served)
      return sendDocument(request, response, text, type!, resolved.mtime)
    }
    // The path handed to send is the one just checked, relative to the real folder.
    const checked = '/' + resolved.relative.split(path.sep).map(encodeURIComponent).join('/')
    await new Promise<void>((resolve) => {
      const stream = send(request, checked, {root, dotfiles: 'deny', index: false, maxAge: 0, lastModified: true, etag: true})
      stream.on('headers', (res: ServerResponse) => {
        if (type) res.setHeader('Content-Type', type)
        // Every reader revalidates (cheap, with the ETag): the folder may be rebuilt while it is served.
        res.setHeader('Cache-Control', 'no-cache')
      })
      stream.on('error', (error: {status?: number}) => {
        plain(response, error.status ?? 500, error.status === 404 ? 'not found' : 'cannot send the file')
        resolve()
      })
      stream.on('end', () => resolve())
      response.once('close', () => resolve())
      stream.pipe(response)
    })
  }
}

/**
 * A document the server made or changed: its own strong ETag, the file's
 * time as Last-Modified, 304 when the client has it, no body for HEAD.
 */
export function sendDocument(request: IncomingMessage, response: ServerResponse, text: string, type: string, modified?: Date): void {
  const body = Buffer.from(text)
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  response.setHeader('Content-Type', type)
  response.setHeader('ETag', etag)
  response.setHeader('Cache-Control', 'no-cache')
  if (modified) response.setHeader('Last-Modified', modified.toUTCString())
  const asked = request.headers['if-none-match']
  if (asked && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
    response.statusCode = 304
    response.end()
    return
  }
  response.setHeader('Content-Length', body.byteLength)
  response.statusCode = 200
  response.end(request.method === 'HEAD' ? undefined : body)
}

/** A short plain-text answer: errors, redirects. */
export function plain(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) {
    response.destroy()
    return
  }
  for (const name of response.getHeaderNames()) if (!['x-content-type-options', 'location', 'allow'].includes(name)) response.removeHeader(name)
  response.statusCode = status
  response.setHeader('Content-Type', 'text/plain; charset=utf-8')
  response.setHeader('Content-Length', Buffer.byteLength(text) + 1)
  response.end(`${text}\n`)
}

function sentBytes(response: ServerResponse): number | undefined {
  const length = response.getHeader('Content-Length')
  return length === undefined ? undefined : Number(length)
}
