/**
 * EPUBCheck, the real one (Debian's jar), kept running for the whole test
 * file: epubcheck-loop.java takes one EPUB after another in a single Java
 * process. A fresh `java -jar epubcheck.jar` cost some 5 s of CPU a check,
 * most of it the JVM's start and the schemas' compilation; the suite and
 * the corpus run about a hundred checks.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {createInterface} from 'node:readline'
import {fileURLToPath} from 'node:url'

const JAR = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar'
const LOOP = fileURLToPath(new URL('epubcheck-loop.java', import.meta.url))

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
}

const checkers: Checker[] = []
let next = 0

/**
 * EPUBCheck's report on `file`. Up to `parallel` Java processes take the
 * checks in turn; each runs one check at a time. The processes do not hold
 * the test file open: they end with it.
 */
export async function epubcheckReport(file: string, parallel = 1): Promise<EpubCheckReport> {
  while (checkers.length < parallel) checkers.push(startChecker())
  const checker = checkers[next++ % checkers.length]!
  const turn = checker.last.then(() => check(checker, file))
  checker.last = turn.catch(() => undefined)
  return turn
}

function startChecker(): Checker {
  // The first JIT tier and the serial collector: the same verdict for half the CPU of the defaults on short runs.
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', JAR, LOOP], {stdio: ['pipe', 'pipe', 'inherit']})
  const checker: Checker = {child, answers: [], last: Promise.resolve()}
  createInterface({input: child.stdout!}).on('line', (line) => checker.answers.shift()?.(line))
  child.on('exit', (code, signal) => {
    for (const answer of checker.answers.splice(0)) answer(`failed\tEPUBCheck's Java process ended (${signal ?? `code ${code}`})`)
    checkers.splice(checkers.indexOf(checker), 1)
  })
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
    if (state !== 'checked') throw new Error(`EPUBCheck could not check ${file}: ${detail}`)
    return JSON.parse(await readFile(json, 'utf8')) as EpubCheckReport
  } finally {
    if (checker.answers.length === 0) idle(checker)
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
