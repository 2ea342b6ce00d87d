/**
 * Time and memory per MB of source for an ordinary article and for each
 * input of issue 15 made to exhaust a builder (test/helpers/hostile-inputs.ts),
 * each at some 256 KB (BENCH_HOSTILE_KB sets it), read, normalized and
 * rendered for the page, the EPUB and the printer with the limits on
 * blocks and paragraphs opened: what the passes themselves cost, in a
 * process of their own. CPU time, so a busy machine weighs less; peak
 * memory of the process over that of a tiny ordinary article. At its
 * full size each case is refused by a limit, or built, in seconds: that
 * is test/e2e-bounded.test.ts.
 *
 * Part of `npm run bench` (BENCH_HOSTILE=0 skips it); alone:
 * `node --import tsx bench/hostile.ts`.
 */
import {fileURLToPath} from 'node:url'
import {HOSTILE_CASES} from '../test/helpers/hostile-inputs.ts'
import {measure} from './proc-tree.ts'

const CASE = fileURLToPath(new URL('./hostile-case.ts', import.meta.url))
const MB = 1024 * 1024

export interface HostileFigure {
  readonly id: string
  readonly what: string
  readonly bytes: number
  /** CPU seconds of the passes per MB of source. */
  readonly secondsPerMb: number
  /** Peak RSS over the baseline's, per MB of source. */
  readonly memoryMbPerMb: number
  /** secondsPerMb over the ordinary article's. */
  readonly ratio: number
  readonly error?: string
}

async function runCase(id: string, scale: number): Promise<{bytes: number; cpuMs: number; peakRss: number; error?: string}> {
  const run = await measure(process.execPath, ['--import', 'tsx', CASE, id, String(scale)], {sampleMemory: true})
  const line = run.stdout.trim().split('\n').at(-1) ?? ''
  if (run.code !== 0 || !line.startsWith('{')) throw new Error(`bench/hostile-case.ts ${id} failed:\n${run.stderr}`)
  const {bytes, times, error} = JSON.parse(line) as {bytes: number; times: Record<string, number>; error?: string}
  return {bytes, cpuMs: Object.values(times).reduce((sum, ms) => sum + ms, 0), peakRss: run.peakRss ?? 0, ...(error ? {error} : {})}
}

export async function benchHostile(): Promise<HostileFigure[]> {
  const target = (Number(process.env.BENCH_HOSTILE_KB) || 256) * 1024
  const baseline = await runCase('normal', 0.001)
  const measured = []
  for (const hostile of HOSTILE_CASES) {
    // Sizes grow with the scale: one small make gives the scale for the target.
    const probe = hostile.make(0.01)
    const scale = (0.01 * target) / (probe.text.length + (probe.sidecar?.length ?? 0))
    process.stderr.write(`bench: ${hostile.what} at ${Math.round(target / 1024)} KB…\n`)
    measured.push({hostile, ...(await runCase(hostile.id, scale))})
  }
  const perMb = (entry: {bytes: number; cpuMs: number}) => entry.cpuMs / 1000 / (entry.bytes / MB)
  const normal = perMb(measured.find((entry) => entry.hostile.id === 'normal')!)
  return measured.map((entry) => ({
    id: entry.hostile.id,
    what: entry.hostile.what,
    bytes: entry.bytes,
    secondsPerMb: perMb(entry),
    memoryMbPerMb: Math.max(0, entry.peakRss - baseline.peakRss) / MB / (entry.bytes / MB),
    ratio: perMb(entry) / normal,
    ...(entry.error ? {error: entry.error} : {})
  }))
}

export function printHostile(figures: readonly HostileFigure[]): void {
  process.stdout.write('\nper MB of source, the passes of one source (limits on blocks and paragraphs opened):\n')
  process.stdout.write(`${'case'.padEnd(52)} ${'KB'.padStart(6)} ${'CPU s/MB'.padStart(9)} ${'× normal'.padStart(9)} ${'MB/MB'.padStart(7)}\n`)
  for (const figure of figures) {
    process.stdout.write(
      `${figure.what.padEnd(52)} ${String(Math.round(figure.bytes / 1024)).padStart(6)} ${figure.secondsPerMb.toFixed(1).padStart(9)} ${figure.ratio.toFixed(1).padStart(9)} ${figure.memoryMbPerMb.toFixed(0).padStart(7)}${figure.error ? `  (${figure.error.slice(0, 60)})` : ''}\n`
    )
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printHostile(await benchHostile())
