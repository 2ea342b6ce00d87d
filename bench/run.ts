/**
 * `npm run bench`: imprint against what Chromium itself can do, measured in
 * the same run on the same machine, so the ratios hold even when the
 * machine is busy.
 *
 * For N = 1, 100 and 1000 articles made from the seed (BENCH_SIZES=1,100
 * picks sizes), each run measures:
 *   cold     `imprint build` of every format with an empty cache
 *   no-op    the same build again, nothing changed
 *   changed  the same build after one article was edited
 *   floor    one Puppeteer launch printing all N articles as one document
 *   bare     `chromium --headless --print-to-pdf` of the first article
 * and, for N = 100, a PDF-only cold build for the marginal cost of a
 * separate PDF per article. Medians over 5, 3 and 1 runs. The table goes to
 * stdout and the figures to bench/results/<time>.json.
 */
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {chromiumArgs, resolveBrowser} from '../src/emit/browser.ts'
import {generateCorpus, touchArticle} from './corpus.ts'
import {writeFloorDocuments} from './floor.ts'
import {measure, type RunResult} from './proc-tree.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLI = path.join(ROOT, 'src/imprint.js')
const FLOOR = path.join(ROOT, 'bench/floor-print.mjs')
const READERS = path.join(ROOT, 'bench/readers.ts')
const CORPUS = '/work/shared/corpus/web-pages'
const RUNS: Readonly<Record<number, number>> = {1: 5, 100: 3, 1000: 1}

interface SizeFigures {
  readonly n: number
  readonly runs: number
  readonly coldMs: number
  readonly noopMs: number
  readonly changedMs: number
  readonly floorMs: number
  readonly bareMs: number
  readonly pdfOnlyMs?: number
  readonly peakRss?: number
  readonly peakPss?: number
  readonly samples: Readonly<Record<string, readonly number[]>>
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
  printTable(figures, readers)
  await mkdir(path.join(ROOT, 'bench/results'), {recursive: true})
  if (book.length === 0) process.stdout.write('(no collected book: this imprint has no --book yet)\n')
  const file = path.join(ROOT, 'bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  const machine = {cpus: os.availableParallelism(), memory: os.totalmem(), node: process.version, loadavg: os.loadavg(), executable}
  await writeFile(file, JSON.stringify({machine, figures, readers}, null, 2) + '\n')
  process.stderr.write(`bench: figures written to ${path.relative(process.cwd(), file)}\n`)
}

async function benchSize(n: number, executable: string, args: readonly string[], book: readonly string[]): Promise<SizeFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `imprint-bench-${n}-`))
  try {
    const corpus = path.join(dir, 'corpus')
    const files = await generateCorpus(corpus, n)
    const docs = await writeFloorDocuments(files, dir)
    const runs = RUNS[n] ?? 1
    const samples: Record<string, number[]> = {cold: [], noop: [], changed: [], floor: [], bare: [], pdfOnly: []}
    let peakRss: number | undefined
    let peakPss: number | undefined
    for (let round = 0; round < runs; round++) {
      const out = path.join(dir, `out-${round}`)
      const build = ['build', corpus, '--out', out, '--cache-dir', path.join(dir, `cache-${round}`), '--quiet', ...book]
      // Interleaved, so a busy moment on the machine hits imprint and the floors alike.
      const cold = await imprint(build, n >= 1000)
      samples.cold!.push(cold.ms)
      if (cold.peakRss !== undefined) peakRss = Math.max(peakRss ?? 0, cold.peakRss)
      if (cold.peakPss !== undefined) peakPss = Math.max(peakPss ?? 0, cold.peakPss)
      samples.floor!.push((await checked(measure(process.execPath, [FLOOR, executable, JSON.stringify(args), docs.all, path.join(dir, 'floor.pdf')]))).ms)
      samples.noop!.push((await imprint(build)).ms)
      samples.bare!.push((await bare(executable, docs.single, path.join(dir, 'bare.pdf'))).ms)
      await touchArticle(files[Math.floor(files.length / 2)]!, round)
      samples.changed!.push((await imprint(build)).ms)
      if (n === 100) {
        const pdfOnly = ['build', corpus, '--out', path.join(dir, `pdf-${round}`), '--no-cache', '--format', 'pdf', '--quiet']
        samples.pdfOnly!.push((await imprint(pdfOnly)).ms)
      }
      await rm(out, {recursive: true, force: true})
    }
    return {
      n,
      runs,
      coldMs: median(samples.cold!),
      noopMs: median(samples.noop!),
      changedMs: median(samples.changed!),
      floorMs: median(samples.floor!),
      bareMs: median(samples.bare!),
      ...(samples.pdfOnly!.length > 0 ? {pdfOnlyMs: median(samples.pdfOnly!)} : {}),
      ...(peakRss !== undefined ? {peakRss, peakPss} : {}),
      samples
    }
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

/** The collected book goes into every build, once imprint can make one (`--book TITLE`). */
async function bookOption(): Promise<string[]> {
  const help = await measure(process.execPath, [CLI, '--help'], {cwd: ROOT})
  return /--book TITLE/.test(help.stdout) ? ['--book', 'Benchmark collection'] : []
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

function printTable(figures: readonly SizeFigures[], readers: unknown): void {
  const rows: string[][] = [['N', 'runs', 'cold', 'no-op', '1 changed', 'floor 1 launch', 'bare chromium', 'cold/bare', 'cold/floor', 'no-op/cold', 'changed/cold', 'PDF marginal', 'peak RSS / PSS']]
  for (const f of figures) {
    const marginal = f.pdfOnlyMs !== undefined ? `${((f.pdfOnlyMs - f.floorMs) / f.n).toFixed(1)} ms` : ''
    const memory = f.peakRss !== undefined ? `${mib(f.peakRss)} / ${mib(f.peakPss ?? 0)}` : ''
    rows.push([
      String(f.n),
      String(f.runs),
      seconds(f.coldMs),
      seconds(f.noopMs),
      seconds(f.changedMs),
      seconds(f.floorMs),
      seconds(f.bareMs),
      ratio(f.coldMs / f.bareMs),
      ratio(f.coldMs / f.floorMs),
      percent(f.noopMs / f.coldMs),
      percent(f.changedMs / f.coldMs),
      marginal,
      memory
    ])
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  for (const row of rows) process.stdout.write(row.map((cell, column) => cell.padStart(widths[column]!)).join('  ') + '\n')
  process.stdout.write(
    '\ncold: all three formats and the index; floor: one Puppeteer launch printing all N as one document;\n' +
      'bare: `chromium --headless --print-to-pdf` of one article; PDF marginal: (PDF-only cold build − floor) / N.\n'
  )
  if (readers !== undefined) process.stdout.write(`readers (load, parse, normalize of ${CORPUS}): ${JSON.stringify(readers)}\n`)
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const ratio = (value: number) => `${value.toFixed(2)}×`
const percent = (value: number) => `${(value * 100).toFixed(1)} %`
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`

await main()
