/**
 * A real HTTP server on 127.0.0.1 for the fetch tests: routes by path,
 * each request logged with its headers (the tests read the log to see what
 * imprint asked, and that it asked nothing it should not), and the ways a
 * server misbehaves: redirects, a slow drip, an endless body, a reset.
 */
import {createHash} from 'node:crypto'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

export type Handler = (request: IncomingMessage, response: ServerResponse) => void

export interface LoggedRequest {
  readonly path: string
  readonly headers: IncomingMessage['headers']
}

export interface WebServer {
  /** `http://127.0.0.1:<port>`, or the host it was started on */
  readonly origin: string
  readonly port: number
  readonly routes: Map<string, Handler>
  readonly log: LoggedRequest[]
  close(): Promise<void>
}

export async function startWebServer(host = '127.0.0.1'): Promise<WebServer> {
  const routes = new Map<string, Handler>()
  const log: LoggedRequest[] = []
  const sockets = new Set<import('node:net').Socket>()
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/'
    log.push({path, headers: request.headers})
    const handler = routes.get(path.split('?')[0]!)
    if (handler) handler(request, response)
    else response.writeHead(404, {'content-type': 'text/html'}).end('<h1>Not found</h1>')
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const {port} = server.address() as AddressInfo
  return {
    origin: `http://${host}:${port}`,
    port,
    routes,
    log,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** A document served with an ETag and Last-Modified, answering 304 to a request that has it already. */
export function document(body: string | Uint8Array, type: string, lastModified = 'Mon, 02 Jun 2025 08:00:00 GMT'): Handler {
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`
  return (request, response) => {
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, {etag}).end()
      return
    }
    response.writeHead(200, {'content-type': type, 'content-length': Buffer.byteLength(body), etag, 'last-modified': lastModified}).end(body)
  }
}

export function redirect(to: string, status = 302): Handler {
  return (_request, response) => void response.writeHead(status, {location: to}).end()
}

export function status(code: number): Handler {
  return (_request, response) => void response.writeHead(code, {'content-type': 'text/html'}).end(`<h1>${code}</h1>`)
}

/** A page that sends one byte every `everyMs`, for a long while: slower than any time limit. */
export function drip(everyMs: number): Handler {
  return (request, response) => {
    response.writeHead(200, {'content-type': 'text/html'})
    const timer = setInterval(() => response.write('<'), everyMs)
    request.socket.on('close', () => clearInterval(timer))
  }
}

/** A page whose body never ends, as fast as the socket takes it. */
export function endless(): Handler {
  return (request, response) => {
    response.writeHead(200, {'content-type': 'text/html'})
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let open = true
    request.socket.on('close', () => void (open = false))
    const pump = () => {
      while (open && response.write(chunk));
      if (open) response.once('drain', pump)
    }
    pump()
  }
}

/** The connection cut in the middle of the body. */
export function reset(): Handler {
  return (request, response) => {
    response.writeHead(200, {'content-type': 'text/html', 'content-length': '100000'})
    response.write('<html><body><p>The start of a page')
    setTimeout(() => request.socket.resetAndDestroy(), 20)
  }
}
