/**
 * `npm run bench`: imprint against what Chromium itself can do, measured in
 * the same run on the same machine, so the ratios hold even when the
 * machine is busy.
 *
 * For N = 1, 100 and 1000 articles made from the seed (BENCH_SIZES=1,100
 * picks sizes), each run measures:
 *   cold     `imprint build` of every format with an empty cache (and for
 *            N = 100, a collected book of all N)
 *   no-op    the same build again, nothing changed
 *   changed  the same build after one article was edited
 *   floor    one Puppeteer launch printing all N articles as one document
 *   bare     `chromium --headless --print-to-pdf` of the first article
 * and, for N = 100, a PDF-only cold build for the marginal cost of a
 * separate PDF per article. Medians over 5, 3 and 1 runs. The table goes to
 * stdout and the figures to bench/results/<time>.json. BENCH_RUNS=1 makes
 * a quick check of the harness itself.
 *
 * Then, in the same run, `imprint dev` (dev-speed.ts: from an edit to the
 * preview's reload, every format and HTML only, as ratios of the cold
 * one-article build; BENCH_DEV=0 skips it) and `imprint serve` under load
 * (serve-load.ts: 200 connections downloading a 2 MB EPUB for 20 s on
 * 127.0.0.1; BENCH_LOAD=0 skips it), and time and memory per MB of source
 * for an ordinary article and each input of issue 15 (hostile.ts;
 * BENCH_HOSTILE=0 skips it).
 */
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {chromiumArgs, resolveBrowser} from '../src/formats/pdf/browser.ts'
import {generateCorpus, touchArticle} from './corpus.ts'
import {benchDev, type DevFigures} from './dev-speed.ts'
import {writeFloorDocuments} from './floor.ts'
import {benchServeLoad, type LoadFigures} from './serve-load.ts'
import {benchHostile, printHostile} from './hostile.ts'
import {measure, type RunResult} from './proc-tree.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// What ships: `npm run bench` compiles it first (prebench).
const CLI = path.join(ROOT, 'lib/bin.js')
const FLOOR = path.join(ROOT, 'bench/floor-print.mjs')
const READERS = path.join(ROOT, 'bench/readers.ts')
const FETCH = path.join(ROOT, 'bench/fetch.ts')
// The real-page corpus sits beside the repository, as the corpus test reads it.
const CORPUS = path.resolve(process.env.IMPRINT_CORPUS ?? path.join(ROOT, '../shared/corpus/web-pages'))
const RUNS: Readonly<Record<number, number>> = {1: 5, 100: 3, 1000: 1}

const MEASURES = ['cold', 'noop', 'changed', 'floor', 'bare', 'pdfOnly'] as const
type Measure = (typeof MEASURES)[number]

/** Medians of one measure: wall time, and CPU time of the whole process tree. */
interface Figure {
  readonly ms: number
  readonly cpuMs?: number
}

interface SizeFigures {
  readonly n: number
  readonly runs: number
  readonly medians: Readonly<Partial<Record<Measure, Figure>>>
  readonly peakRss?: number
  readonly peakPss?: number
  readonly samples: Readonly<Partial<Record<Measure, ReadonlyArray<{ms: number; cpuMs?: number}>>>>
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '1,100,1000').split(',').map((item) => Number(item.trim()))
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new TypeError('BENCH_SIZES is a comma-separated list of positive integers')
  const executable = resolveBrowser()
  const args = chromiumArgs()
  const book = await bookOption()
  const figures: SizeFigures[] = []
  for (const n of sizes) {
    process.stderr.write(`bench: ${n} article${n === 1 ? '' : 's'}…\n`)
    figures.push(await benchSize(n, executable, args, book))
  }
  const readers = await benchReadersIfPresent()
  const fetching = existsSync(CORPUS) ? await (await import(pathToFileURL(FETCH).href) as typeof import('./fetch.ts')).benchFetch(CORPUS) : undefined
  printTable(figures, readers)
  if (fetching) {
    process.stdout.write(
      `fetch (${fetching.pages} corpus pages from a local server): ${seconds(fetching.fetchMs)} against ${seconds(fetching.copyMs)} copied from disk (${fetching.ratio}×); ` +
        `the HTML reader over the same pages ${seconds(fetching.parseMs)}, so fetching itself costs ${fetching.overheadPerPageMs} ms a page\n`
    )
  }
  const dev = process.env.BENCH_DEV === '0' ? undefined : await benchDevStage(figures)
  const load = process.env.BENCH_LOAD === '0' ? undefined : await benchLoadStage()
  const hostile = process.env.BENCH_HOSTILE === '0' ? undefined : await benchHostile()
  if (hostile) printHostile(hostile)
  await mkdir(path.join(ROOT, 'bench/results'), {recursive: true})
  if (book.length === 0) process.stdout.write('(no collected book: this imprint has no --book yet)\n')
  const file = path.join(ROOT, 'bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  const machine = {cpus: os.availableParallelism(), memory: os.totalmem(), node: process.version, loadavg: os.loadavg(), executable}
  await writeFile(file, JSON.stringify({machine, figures, readers, fetching, dev, load, hostile}, null, 2) + '\n')
  process.stderr.write(`bench: figures written to ${path.relative(process.cwd(), file)}\n`)
}

async function benchSize(n: number, executable: string, args: readonly string[], book: readonly string[]): Promise<SizeFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `imprint-bench-${n}-`))
  try {
    const corpus = path.join(dir, 'corpus')
    const files = await generateCorpus(corpus, n)
    const docs = await writeFloorDocuments(files, dir)
    const runs = Number(process.env.BENCH_RUNS) || (RUNS[n] ?? 1)
    const samples: Record<Measure, Array<{ms: number; cpuMs?: number}>> = {cold: [], noop: [], changed: [], floor: [], bare: [], pdfOnly: []}
    const keep = (measure: Measure, run: RunResult) => samples[measure].push({ms: run.ms, ...(run.cpuMs !== undefined ? {cpuMs: run.cpuMs} : {})})
    let peakRss: number | undefined
    let peakPss: number | undefined
    for (let round = 0; round < runs; round++) {
      const out = path.join(dir, `out-${round}`)
      // The goals: one article is a handout (three formats, no book); 100 come
      // with the book that collects them; 1000 are about memory and linear
      // time, per article (a 1000-article book is one 2000-page document).
      const build = ['build', corpus, '--out', out, '--cache-dir', path.join(dir, `cache-${round}`), '--quiet', ...(n > 1 && n <= 100 ? book : [])]
      // Interleaved, so a busy moment on the machine hits imprint and the floors alike.
      const cold = await imprint(build, n >= 1000)
      keep('cold', cold)
      if (cold.peakRss !== undefined) peakRss = Math.max(peakRss ?? 0, cold.peakRss)
      if (cold.peakPss !== undefined) peakPss = Math.max(peakPss ?? 0, cold.peakPss)
      keep('floor', await checked(measure(process.execPath, [FLOOR, executable, JSON.stringify(args), docs.all, path.join(dir, 'floor.pdf')])))
      keep('noop', await imprint(build))
      keep('bare', await bare(executable, docs.single, path.join(dir, 'bare.pdf')))
      await touchArticle(files[Math.floor(files.length / 2)]!, round)
      keep('changed', await imprint(build))
      if (n === 100) {
        const pdfOnly = ['build', corpus, '--out', path.join(dir, `pdf-${round}`), '--no-cache', '--format', 'pdf', '--quiet']
        keep('pdfOnly', await imprint(pdfOnly))
      }
      await rm(out, {recursive: true, force: true})
    }
    const medians: Partial<Record<Measure, Figure>> = {}
    for (const name of MEASURES) {
      const runs = samples[name]
      if (runs.length === 0) continue
      const cpu = runs.flatMap((run) => (run.cpuMs === undefined ? [] : [run.cpuMs]))
      medians[name] = {ms: median(runs.map((run) => run.ms)), ...(cpu.length === runs.length ? {cpuMs: median(cpu)} : {})}
    }
    return {n, runs, medians, ...(peakRss !== undefined ? {peakRss, peakPss} : {}), samples}
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

/** The collected book of the 100-article builds, once imprint can make one (`--book TITLE`). */
async function bookOption(): Promise<string[]> {
  const help = await measure(process.execPath, [CLI, 'build', '--help'], {cwd: ROOT})
  return /--book\b/.test(help.stdout) ? ['--book', 'Benchmark collection'] : []
}

function imprint(args: readonly string[], sampleMemory = false): Promise<RunResult> {
  // Not a terminal and CI set: no progress display, as in any scripted use.
  return checked(measure(process.execPath, [CLI, ...args], {cwd: ROOT, env: {...process.env, CI: '1'}, sampleMemory}))
}

/** Chromium's own command line, with only the flag imprint needs too (no sandbox as root). */
function bare(executable: string, html: string, pdf: string): Promise<RunResult> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  const args = ['--headless', ...(root ? ['--no-sandbox'] : []), `--print-to-pdf=${pdf}`, pathToFileURL(html).href]
  return checked(measure(executable, args))
}

async function checked(run: Promise<RunResult>): Promise<RunResult> {
  const result = await run
  if (result.code !== 0) throw new Error(`a benchmark command failed (exit ${result.code}):\n${result.stderr.slice(-2000)}`)
  return result
}

/** The readers' own figure (load, parse, normalize of the real-page corpus), when both exist. */
async function benchReadersIfPresent(): Promise<unknown> {
  if (!existsSync(READERS) || !existsSync(CORPUS)) return undefined
  const module = (await import(pathToFileURL(READERS).href)) as {benchReaders?: (dir: string) => Promise<unknown>}
  return module.benchReaders ? module.benchReaders(CORPUS) : undefined
}

/** `imprint dev`'s edit-to-reload time, against the cold one-article build of this run. */
async function benchDevStage(figures: readonly SizeFigures[]): Promise<(DevFigures & {cold?: Figure}) | undefined> {
  process.stderr.write('bench: imprint dev…\n')
  const dev = await benchDev(CLI, 5)
  const cold = figures.find((figure) => figure.n === 1)?.medians.cold
  const line = (label: string, edits: DevFigures['all'], goal: string) => {
    const ms = median(edits.map((edit) => edit.ms))
    const cpuMs = median(edits.map((edit) => edit.cpuMs))
    const ratios = cold ? `  = ${ratio(ms, cold.ms)} the cold one-article build's wall time, ${ratio(cpuMs, cold.cpuMs)} its CPU time (goal ${goal})` : ''
    return `  ${label}: ${ms} ms wall, ${cpuMs} ms CPU${ratios}\n`
  }
  process.stdout.write(
    `\nimprint dev, one article, from the write to the preview's reload event (median of ${dev.all.length}; CPU: the session and its Chromium):\n` +
      line('HTML, EPUB and PDF', dev.all, '≤ 0.25×, < 300 ms') +
      line('HTML only (--format html)', dev.html, '≤ 0.1×') +
      (cold ? `  the cold build: ${seconds(cold.ms)} wall, ${seconds(cold.cpuMs)} CPU\n` : '  (no ratio: BENCH_SIZES has no 1, so this run made no cold one-article build)\n')
  )
  return {...dev, ...(cold ? {cold} : {})}
}

async function benchLoadStage(): Promise<LoadFigures> {
  process.stderr.write('bench: imprint serve under load (20 s)…\n')
  const load = await benchServeLoad(CLI)
  process.stdout.write(
    `\nimprint serve, ${load.connections} connections downloading a ${(load.epubBytes / 1e6).toFixed(1)} MB EPUB for ${load.seconds} s on 127.0.0.1:\n` +
      `  ${load.requestsPerSecond} requests/s (${load.megabytesPerSecond} MB/s), p99 latency ${load.p99Ms} ms, ` +
      `${load.errors} errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx, server peak RSS ${mib(load.peakRss)}\n`
  )
  return load
}

function printTable(figures: readonly SizeFigures[], readers: unknown): void {
  for (const [title, pick] of [
    ['wall time', (figure: Figure | undefined) => figure?.ms],
    ['CPU time of the process tree (user + system, Chromium included)', (figure: Figure | undefined) => figure?.cpuMs]
  ] as const) {
    const rows: string[][] = [['N', 'runs', 'cold', 'no-op', '1 changed', 'floor 1 launch', 'bare chromium', 'cold/bare', 'cold/floor', 'no-op/cold', 'changed/cold', 'PDF marginal', 'peak RSS / PSS']]
    for (const f of figures) {
      const get = (name: Measure) => pick(f.medians[name])
      const [cold, noop, changed, floor, bare, pdfOnly] = MEASURES.map(get)
      rows.push([
        String(f.n),
        String(f.runs),
        seconds(cold),
        seconds(noop),
        seconds(changed),
        seconds(floor),
        seconds(bare),
        ratio(cold, bare),
        ratio(cold, floor),
        percent(noop, cold),
        percent(changed, cold),
        pdfOnly !== undefined && floor !== undefined ? `${((pdfOnly - floor) / f.n).toFixed(1)} ms` : '',
        f.peakRss !== undefined ? `${mib(f.peakRss)} / ${mib(f.peakPss ?? 0)}` : ''
      ])
    }
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
    process.stdout.write(`\n${title}, medians:\n`)
    for (const row of rows) process.stdout.write(row.map((cell, column) => cell.padStart(widths[column]!)).join('  ') + '\n')
  }
  process.stdout.write(
    '\ncold: all three formats and the index; floor: one Puppeteer launch printing all N as one document;\n' +
      'bare: `chromium --headless --print-to-pdf` of one article; PDF marginal: (PDF-only cold build − floor) / N;\n' +
      'peak memory of the whole process tree during the cold build (sum of RSS / sum of PSS).\n'
  )
  if (readers !== undefined) process.stdout.write(`readers (load, parse, normalize of ${CORPUS}): ${JSON.stringify(readers)}\n`)
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const seconds = (ms: number | undefined) => (ms === undefined ? '' : `${(ms / 1000).toFixed(2)} s`)
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '' : `${(a / b).toFixed(2)}×`)
const percent = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '' : `${((a / b) * 100).toFixed(1)} %`)
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`

await main()
