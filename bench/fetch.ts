/**
 * The fetch benchmark: 100 pages of the real-page corpus (its 43 pages, in
 * turn) served by a local HTTP server, brought in by `fetchSnapshots` as
 * `imprint fetch` does, against the same 100 pages copied from disk. Also
 * timed: the HTML reader over the same pages, which fetch runs to know
 * which images an article shows, so what fetching itself costs (HTTP,
 * decoding, writing the snapshot) shows apart from the parse.
 *
 * The per-host delay is 0 (it is a deliberate wait, not a cost), the
 * per-host limit its default. The pages' images are on hosts a closed
 * network cannot reach: names other than 127.0.0.1 resolve to nothing at
 * once, as they would with no DNS, rather than after a resolver's time-out.
 * bench/run.ts prints the figure; `node --import tsx bench/fetch.ts DIR`
 * runs it alone.
 */
import {cp, mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {VFile} from 'vfile'
import {fetchSnapshots} from '../src/fetch/fetch.ts'
import {FETCH_LIMITS} from '../src/fetch/limits.ts'
import {parseHtml} from '../src/readers/parse-html.ts'

const PAGES = 100
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

export interface FetchFigure {
  readonly pages: number
  readonly bytes: number
  /** Medians, in milliseconds. */
  readonly fetchMs: number
  readonly copyMs: number
  readonly parseMs: number
  /** fetch / copy. */
  readonly ratio: number
  /** What fetching costs beyond the parse it must do, per page. */
  readonly overheadPerPageMs: number
}

export async function benchFetch(corpusDir: string): Promise<FetchFigure> {
  const names = (await readdir(corpusDir, {withFileTypes: true})).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
  const pages = await Promise.all(Array.from({length: PAGES}, (_, at) => readFile(path.join(corpusDir, names[at % names.length]!, 'source.html'))))
  const server = http.createServer((request, response) => {
    const at = Number(/^\/page\/(\d+)\/$/.exec(request.url ?? '')?.[1] ?? NaN)
    const page = pages[at]
    if (page) response.writeHead(200, {'content-type': 'text/html', 'content-length': page.byteLength}).end(page)
    else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const work = await mkdtemp(path.join(os.tmpdir(), 'imprint-bench-fetch-'))
  const fetchMs: number[] = []
  const copyMs: number[] = []
  const parseMs: number[] = []
  try {
    // Load the readers and the client once before timing, as a long fetch has them loaded.
    parseHtml(new VFile({path: 'source.html', value: new TextDecoder().decode(pages[0])}), {})
    for (let run = 0; run < RUNS; run++) {
      let start = performance.now()
      const result = await fetchSnapshots({
        urls: pages.map((_, at) => `${origin}/page/${at}/`),
        feeds: [],
        outDir: path.join(work, `fetched-${run}`),
        feedContent: true,
        client: {
          allowPrivate: true,
          resolve: async (hostname) => (hostname === '127.0.0.1' ? [{address: hostname, family: 4}] : []),
          ignoreRobots: false,
          perHost: FETCH_LIMITS.perHost,
          delayMs: 0,
          connectTimeoutMs: FETCH_LIMITS.connectTimeoutMs,
          responseTimeoutMs: FETCH_LIMITS.responseTimeoutMs,
          headers: {}
        }
      })
      fetchMs.push(performance.now() - start)
      const made = result.snapshots.filter((snapshot) => snapshot.state === 'new').length
      if (made !== PAGES) throw new Error(`fetched ${made} of ${PAGES} pages`)

      start = performance.now()
      for (const [at, name] of pages.map((_, index) => [index, names[index % names.length]!] as const)) {
        await cp(path.join(corpusDir, name, 'source.html'), path.join(work, `copied-${run}`, `page-${at}`, 'source.html'))
      }
      copyMs.push(performance.now() - start)

      start = performance.now()
      for (const page of pages) parseHtml(new VFile({path: 'source.html', value: new TextDecoder().decode(page)}), {})
      parseMs.push(performance.now() - start)
    }
  } finally {
    server.close()
    await rm(work, {recursive: true, force: true})
  }
  const [fetched, copied, parsed] = [fetchMs, copyMs, parseMs].map(median) as [number, number, number]
  return {
    pages: PAGES,
    bytes: pages.reduce((sum, page) => sum + page.byteLength, 0),
    fetchMs: Math.round(fetched),
    copyMs: Math.round(copied),
    parseMs: Math.round(parsed),
    ratio: Number((fetched / copied).toFixed(1)),
    overheadPerPageMs: Number(((fetched - parsed) / PAGES).toFixed(1))
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2]
  if (!dir) throw new TypeError('usage: node --import tsx bench/fetch.ts CORPUS_DIR')
  process.stdout.write(JSON.stringify(await benchFetch(dir), null, 2) + '\n')
}
