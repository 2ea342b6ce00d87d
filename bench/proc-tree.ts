/**
 * Run a command and measure it: wall time and, when asked, the peak memory
 * of its whole process tree (Chromium's zygote, renderers and GPU process
 * included), sampled from /proc.
 *
 * Two figures, because Chromium's processes share a lot of pages: the sum of
 * RSS counts shared pages once per process (an upper bound), the sum of PSS
 * divides them among their sharers (what the tree really costs).
 */
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'

export interface RunResult {
  readonly ms: number
  /**
   * CPU time (user + system) of the command and every descendant it waited
   * for, Chromium's included, from GNU time: unlike wall time, it does not
   * grow when other work competes for the machine.
   */
  readonly cpuMs?: number
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** Peak of the summed RSS over the tree, bytes; only with `sampleMemory`. */
  readonly peakRss?: number
  /** Peak of the summed PSS over the tree, bytes; only with `sampleMemory`. */
  readonly peakPss?: number
}

export interface RunOptions {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  readonly sampleMemory?: boolean
}

export async function measure(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const start = performance.now()
  const timed = existsSync(GNU_TIME)
  const child = timed
    ? spawn(GNU_TIME, ['-f', `${CPU_MARK} %U %S`, command, ...args], {cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe']})
    : spawn(command, args, {cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  let peakRss = 0
  let peakPss = 0
  const sampler =
    options.sampleMemory && child.pid !== undefined
      ? setInterval(() => {
          const sample = treeMemory(child.pid!)
          peakRss = Math.max(peakRss, sample.rss)
          peakPss = Math.max(peakPss, sample.pss)
        }, 100)
      : undefined
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exit) => resolve(exit))
  })
  const ms = performance.now() - start
  if (sampler) clearInterval(sampler)
  const cpu = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)\\s*$`).exec(stderr)
  return {
    ms,
    code,
    stdout,
    stderr: cpu ? stderr.slice(0, cpu.index) : stderr,
    ...(cpu ? {cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000} : {}),
    ...(options.sampleMemory ? {peakRss, peakPss} : {})
  }
}

const GNU_TIME = '/usr/bin/time'
const CPU_MARK = '@@imprint-bench-cpu'

/** Summed RSS and PSS of `root` and all its descendants, in bytes. */
export function treeMemory(root: number): {rss: number; pss: number} {
  let rss = 0
  let pss = 0
  for (const pid of processTree(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      rss += kilobytes(rollup, 'Rss') * 1024
      pss += kilobytes(rollup, 'Pss') * 1024
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return {rss, pss}
}

/** Linux's clock ticks per second for /proc's CPU times (`getconf CLK_TCK`): 100 on every kernel we build on. */
const TICKS_PER_SECOND = 100

/**
 * CPU time (user + system) used so far by `root` and its live descendants,
 * and by the children they have waited for, in milliseconds: the
 * difference of two readings is the work between them, whatever else the
 * machine was doing.
 */
export function treeCpuMs(root: number): number {
  let ticks = 0
  for (const pid of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // utime, stime, cutime, cstime: fields 14 to 17 of proc(5), 11 to 14 after the name.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    } catch {
      // Gone already.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND
}

/** `root` and every process below it. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // The command name may hold spaces and parentheses: read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const list = children.get(parent) ?? []
      list.push(Number(entry))
      children.set(parent, list)
    } catch {
      // The process ended between readdir and read.
    }
  }
  const tree: number[] = []
  const stack = [root]
  while (stack.length > 0) {
    const pid = stack.pop()!
    tree.push(pid)
    stack.push(...(children.get(pid) ?? []))
  }
  return tree
}

function kilobytes(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)
  return match ? Number(match[1]) : 0
}
