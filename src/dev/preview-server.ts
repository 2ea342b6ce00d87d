/**
 * `imprint dev`'s preview: the output folder served as `imprint serve`
 * serves it, with the preview's script added to each page on the way out,
 * and an event stream (server-sent events) that tells the pages when to
 * reload and what errors to show.
 */
import type {ServerResponse} from 'node:http'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {addSearchLink, searchRoutes} from '../serve/catalog-search.ts'
import {insertBeforeBodyEnd} from '../serve/lan.ts'
import {listen} from '../serve/listen.ts'
import {createSiteServer, sendDocument, type Route, type SiteOptions} from '../serve/site-server.ts'
import {CLIENT_PATH, CLIENT_SCRIPT, EVENTS_PATH} from './preview-client.ts'
import type {Problem} from './problems.ts'

/** A comment down each stream this often keeps idle connections (and proxies) from closing it. */
const HEARTBEAT_MS = 15_000

export interface Preview {
  readonly url: string
  readonly port: number
  /** Tell every open page the build's errors, and to reload when its outputs changed. */
  publish(problems: readonly Problem[], reload: boolean): void
  close(): Promise<void>
}

export interface PreviewOptions {
  readonly root: string
  readonly host: string
  readonly port: number
  /** Changes a page further (the LAN QR code with --lan). */
  readonly transformHtml?: SiteOptions['transformHtml']
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const streams = new Set<ServerResponse>()
  let problems: readonly Problem[] = []
  const send = (stream: ServerResponse, event: string, data: unknown) => stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)

  const events: Route = (request, response) => {
    response.writeHead(200, {'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive'})
    // A page that opens (or reopens after a reload) learns the errors at once.
    send(response, 'problems', problems)
    streams.add(response)
    request.once('close', () => streams.delete(response))
  }
  const client: Route = (request, response) => sendDocument(request, response, CLIENT_SCRIPT, 'text/javascript; charset=utf-8')
  const tag = toHtml(h('script', {type: 'module', src: CLIENT_PATH}))
  const server = await createSiteServer({
    root: options.root,
    routes: new Map([...searchRoutes(options.root), [EVENTS_PATH, events], [CLIENT_PATH, client]]),
    transformCatalog: addSearchLink,
    transformHtml: (html, served) => insertBeforeBodyEnd(options.transformHtml ? options.transformHtml(html, served) : html, tag)
  })
  const listening = await listen(server, options.host, options.port)
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': still here\n\n')
  }, HEARTBEAT_MS)
  heartbeat.unref()

  return {
    url: listening.url,
    port: listening.port,
    publish(next, reload) {
      problems = next
      for (const stream of streams) {
        send(stream, 'problems', problems)
        if (reload) send(stream, 'reload', {})
      }
    },
    async close() {
      clearInterval(heartbeat)
      for (const stream of streams) stream.end()
      await listening.close()
    }
  }
}
