/**
 * EPUBCheck, the real one (Debian's jar), kept running for the whole test
 * file: epubcheck-loop.java takes one EPUB after another in a single Java
 * process. A fresh `java -jar epubcheck.jar` cost some 5 s of CPU a check,
 * most of it the JVM's start and the schemas' compilation; the suite and
 * the corpus run about a hundred checks.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

const JAR = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar'
const LOOP = fileURLToPath(new URL('epubcheck-loop.java', import.meta.url))
/** The first JIT tier and the serial collector: the same verdict for half the CPU of the defaults on short runs. */
const JAVA_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']
const run = promisify(execFile)

/** EPUBCheck's JSON report, the fields the tests read. */
export interface EpubCheckReport {
  readonly checker: {readonly nFatal: number; readonly nError: number; readonly nWarning: number}
  readonly messages: ReadonlyArray<{
    readonly ID: string
    readonly severity: string
    readonly message: string
    readonly locations?: ReadonlyArray<{readonly path?: string; readonly line?: number}>
  }>
}

interface Checker {
  readonly child: ChildProcess
  readonly answers: Array<(line: string) => void>
  /** The check now running: the queue's tail. */
  last: Promise<unknown>
  /** Whether it has checked a file: a process that ends before that is a loop that cannot run here. */
  answered: boolean
}

const checkers: Checker[] = []
let next = 0
let loopFailed = false

/**
 * EPUBCheck's report on `file`. Up to `parallel` Java processes take the
 * checks in turn; each runs one check at a time. The processes do not hold
 * the test file open: they end with it.
 */
export async function epubcheckReport(file: string, parallel = 1): Promise<EpubCheckReport> {
  if (loopFailed) return checkOnce(file)
  while (checkers.length < parallel) checkers.push(startChecker())
  const checker = checkers[next++ % checkers.length]!
  const turn = checker.last.then(() => check(checker, file))
  checker.last = turn.catch(() => undefined)
  return turn
}

function startChecker(): Checker {
  const child = spawn('java', [...JAVA_OPTIONS, '-cp', JAR, LOOP], {stdio: ['pipe', 'pipe', 'inherit']})
  const checker: Checker = {child, answers: [], last: Promise.resolve(), answered: false}
  createInterface({input: child.stdout!}).on('line', (line) => checker.answers.shift()?.(line))
  const ended = (why: string) => {
    for (const answer of checker.answers.splice(0)) answer(`ended\tEPUBCheck's Java process ended (${why})`)
    if (checkers.includes(checker)) checkers.splice(checkers.indexOf(checker), 1)
  }
  child.on('exit', (code, signal) => ended(signal ?? `code ${code}`))
  child.on('error', (error) => ended(error.message))
  // A request written as the process dies: its answer comes from `ended`.
  child.stdin!.on('error', () => {})
  idle(checker)
  return checker
}

async function check(checker: Checker, file: string): Promise<EpubCheckReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-epubcheck-'))
  try {
    const json = path.join(dir, 'report.json')
    const answer = new Promise<string>((resolve) => checker.answers.push(resolve))
    busy(checker)
    checker.child.stdin!.write(`${json}\t${path.resolve(file)}\n`)
    const [state, detail] = (await answer).split('\t')
    if (state === 'ended' && !checker.answered) {
      // The loop never ran (a Java without its source launcher): one JVM a check, as the command is run.
      loopFailed = true
      return await checkOnce(file)
    }
    if (state !== 'checked') throw new Error(`EPUBCheck could not check ${file}: ${detail}`)
    checker.answered = true
    return JSON.parse(await readFile(json, 'utf8')) as EpubCheckReport
  } finally {
    if (checker.answers.length === 0) idle(checker)
    await rm(dir, {recursive: true, force: true})
  }
}

/** EPUBCheck's command as a user runs it, one JVM for the one file. */
async function checkOnce(file: string): Promise<EpubCheckReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-epubcheck-'))
  try {
    const json = path.join(dir, 'report.json')
    // EPUBCheck exits 1 when it finds errors; the report is read either way.
    await run('java', [...JAVA_OPTIONS, '-jar', JAR, '--json', json, file], {maxBuffer: 64 * 1024 * 1024}).catch(() => undefined)
    return JSON.parse(await readFile(json, 'utf8')) as EpubCheckReport
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

/** While a check runs, the process and its pipes keep the test file alive; between checks they do not. */
function busy(checker: Checker): void {
  checker.child.ref()
  for (const stream of [checker.child.stdin, checker.child.stdout]) (stream as {ref?: () => void} | null)?.ref?.()
}

function idle(checker: Checker): void {
  checker.child.unref()
  for (const stream of [checker.child.stdin, checker.child.stdout]) (stream as {unref?: () => void} | null)?.unref?.()
}
