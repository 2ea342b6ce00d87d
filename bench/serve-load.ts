/**
 * `imprint serve` under load, on 127.0.0.1 only: autocannon keeps 200
 * connections downloading one 2 MB EPUB for 20 seconds (a room full of
 * readers fetching the same book at once), while the server's resident
 * memory is sampled from /proc. Bounded in time and in connections; it
 * stops by itself.
 */
import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {mkdir, mkdtemp, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import sharp from 'sharp'

export interface LoadFigures {
  readonly epubBytes: number
  readonly connections: number
  readonly seconds: number
  readonly requestsPerSecond: number
  readonly p99Ms: number
  /** Connections that failed (reset, refused). */
  readonly errors: number
  /** Downloads not complete within TIMEOUT_SECONDS, which autocannon abandons (it counts them among its errors; here they are apart). */
  readonly timeouts: number
  readonly non2xx: number
  readonly megabytesPerSecond: number
  /** Peak resident memory of the server process, bytes. */
  readonly peakRss: number
}

const CONNECTIONS = 200
const SECONDS = 20
/**
 * autocannon's limit on a whole response. Its default, 10 s, is 2.4 times
 * the fair share of 200 downloads of 2 MB at the 95 MB/s loopback this
 * machine reached: a download that waits its turn on 2 busy cores is slow,
 * not failed, for a reader in the room. Timeouts are still reported apart.
 */
const TIMEOUT_SECONDS = 60

export async function benchServeLoad(cli: string): Promise<LoadFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-bench-serve-'))
  try {
    const epub = await makeEpub(cli, dir)
    const server = spawn(process.execPath, [cli, 'serve', path.dirname(epub), '--port', '0'], {stdio: ['ignore', 'pipe', 'ignore']})
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
        server.once('exit', (code) => reject(new Error(`imprint serve exited (${code})`)))
      })
      if (!url.startsWith('http://127.0.0.1:')) throw new Error(`the load test runs against 127.0.0.1 only, not ${url}`)
      let peakRss = 0
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, residentBytes(server.pid!))), 100)
      const result = await autocannon({url: new URL(path.basename(epub), url).href, connections: CONNECTIONS, duration: SECONDS, pipelining: 1, timeout: TIMEOUT_SECONDS})
      clearInterval(sampler)
      return {
        epubBytes: (await stat(epub)).size,
        connections: CONNECTIONS,
        seconds: SECONDS,
        requestsPerSecond: Math.round(result.requests.average),
        p99Ms: result.latency.p99,
        errors: result.errors - result.timeouts,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        megabytesPerSecond: Math.round(result.throughput.average / 1e6),
        peakRss
      }
    } finally {
      server.kill('SIGINT')
      await new Promise((resolve) => server.once('exit', resolve))
    }
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

/** An article with a photograph-sized image of noise (it does not compress): an EPUB of about 2 MB. */
async function makeEpub(cli: string, dir: string): Promise<string> {
  const content = path.join(dir, 'content')
  await mkdir(path.join(content, 'images'), {recursive: true})
  await sharp({create: {width: 1000, height: 660, channels: 3, background: '#808080', noise: {type: 'gaussian', mean: 128, sigma: 60}}})
    .png()
    .toFile(path.join(content, 'images', 'noise.png'))
  await writeFile(
    path.join(content, 'reader.md'),
    '---\ntitle: A Book for the Room\npublisher: Bench Press\nlang: en\ndate: 2025-01-01\n---\n\n![Noise](images/noise.png)\n\nA paragraph of text.\n'
  )
  const out = path.join(dir, 'out')
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [cli, 'build', content, '--out', out, '--format', 'epub', '--no-cache', '--quiet'], {stdio: 'inherit'})
    build.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the build for the load test failed (${code})`))))
  })
  return path.join(out, 'reader.epub')
}

function residentBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) * 1024 : 0
  } catch {
    return 0
  }
}
