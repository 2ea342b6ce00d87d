/**
 * Where a build's Node work runs: preparing articles, and making web pages
 * and EPUBs. On a machine with cores to spare, a large build hands it to
 * worker threads (worker.ts), so that the main thread is free to
 * drive Chromium: a tab waits on the main thread between each step of a
 * print, and an EPUB zipped there makes every tab wait. A small build, or
 * one on a 2-core machine, does the work in place: starting a worker
 * (loading the work again) costs more than it saves there.
 *
 * Tasks go out one per worker at a time, parsing first: the PDFs wait on
 * parsed articles, while pages and EPUBs can wait.
 */
import os from 'node:os'
import {Worker} from 'node:worker_threads'
import type {Article} from '../article.ts'
import type {Source} from '../load/load.ts'
import type {SourceFormat} from '../readers/readers.ts'
import type {MetaInput} from '../schema/meta.ts'
import type {ScreenOptions} from '../formats/screen.ts'
import type {PrepareOptions} from './prepare-article.ts'
import {DEFAULT_LIMITS, raiseHint, showLimit, type Limits} from '../limits.ts'
import {assertBlocks} from '../readers/blocks.ts'
import {LimitError} from '../readers/depth.ts'
import {replayMessages, type StoredMessage} from './cache.ts'

/** What a worker needs of a Source: no VFile, which cannot cross threads. */
export interface SourceData {
  readonly path: string
  readonly text: string
  readonly format: SourceFormat
  readonly slug: string
  readonly root: string
  readonly meta: MetaInput
}

export type Task =
  | {readonly id: number; readonly kind: 'prepare'; readonly source: SourceData; readonly options: PrepareOptions}
  | {readonly id: number; readonly kind: 'page'; readonly article: Article; readonly screen: ScreenOptions}
  | {readonly id: number; readonly kind: 'epub'; readonly article: Article; readonly date: number; readonly screen: ScreenOptions; readonly cover?: Uint8Array}

export type TaskReply =
  | {readonly ready: true}
  | {readonly id: number; readonly error: string}
  | {readonly id: number; readonly article: Article; readonly messages: readonly StoredMessage[]}
  | {readonly id: number; readonly text: string}
  | {readonly id: number; readonly bytes: Uint8Array}

export interface Workers {
  /** Worker threads started; 0 in place. */
  readonly count: number
  /** Worker threads that did a piece of work: fewer than `count` when one failed to start. */
  used(): number
  /** Read, parse and normalize a source; its messages land on `source.file` as if prepared here. */
  prepare(source: Source, options: PrepareOptions): Promise<Article>
  makePage(article: Article, screen: ScreenOptions): Promise<string>
  /** `cover`: the PNG drawn for it, when there is one. */
  makeEpub(article: Article, date: Date, screen: ScreenOptions, cover?: Uint8Array): Promise<Uint8Array>
  /** Stop the workers. */
  close(): Promise<void>
}

/** Below this many outputs to make in Node, a worker does not pay for its start. */
export const WORKER_THRESHOLD = 12

/**
 * Sources of this many characters or more are read in a worker thread
 * even by a build that works in place: a thread can be stopped at its
 * deadline or its memory budget, the main thread cannot. Smaller ones are
 * bounded by the limits on their text, and a normal build starts no
 * thread for them. Markdown dense with emphasis is the costliest text per
 * MB (measured by `npm run bench`: some 60–150 s of CPU and 2.4 GB of
 * memory per MB, in micromark), so a Markdown source goes to a thread
 * from 128 K characters (at worst some 15 s and 300 MB in place); HTML and
 * pasted text cost at most 120 MB per MB, and go from 512 K (three pages
 * of the web-page corpus are this large).
 */
export const ISOLATE_CHARACTERS: Readonly<Record<SourceFormat, number>> = {markdown: 128 * 1024, html: 512 * 1024, text: 512 * 1024}

/**
 * Workers for `jobs` pieces of work: `count` threads (see `defaultWorkers`),
 * or in place for a small build or when `count` is 0, with the large
 * sources sent to a thread of their own. Each thread is held to `limits`'
 * deadline and memory for each piece of work.
 */
export function openWorkers(jobs: number, limits: Limits = DEFAULT_LIMITS, count = defaultWorkers()): Workers {
  if (jobs < WORKER_THRESHOLD || count < 1) return guarded(inPlace(), limits)
  return new WorkerThreads(Math.min(count, Math.ceil(jobs / WORKER_THRESHOLD)), limits)
}

/**
 * Work in place, but a large source is read in one worker thread, started
 * when the first one comes, and its page and EPUB are made there too.
 */
function guarded(here: Workers, limits: Limits): Workers {
  let guard: WorkerThreads | undefined
  const isolated = new WeakSet<Article>()
  return {
    ...here,
    used: () => guard?.used() ?? 0,
    prepare: async (source, options) => {
      const text = String(source.file.value)
      if (text.length < ISOLATE_CHARACTERS[source.format]) return here.prepare(source, options)
      // The count of blocks is one cheap loop: a source over those limits is refused here, and starts no thread.
      assertBlocks(text, source.format, options.limits ?? limits)
      guard ??= new WorkerThreads(1, limits)
      const article = await guard.prepare(source, options)
      isolated.add(article)
      return article
    },
    makePage: (article, screen) => (guard && isolated.has(article) ? guard.makePage(article, screen) : here.makePage(article, screen)),
    makeEpub: (article, date, screen, cover) => (guard && isolated.has(article) ? guard.makeEpub(article, date, screen, cover) : here.makeEpub(article, date, screen, cover)),
    close: async () => {
      await guard?.close()
    }
  }
}

/**
 * One worker per core beyond the two that Chromium and the main thread
 * keep busy, at most 4; none on a machine of 2 or 3 cores. Measured on 2
 * cores, a worker made a 100-article build no faster (8.4 s against 7.9 s
 * with a book, 6.1 s against 6.0 s without: every core was busy already)
 * and cost some 110 MB. `IMPRINT_WORKERS=N` sets the number.
 */
function defaultWorkers(): number {
  const fromEnv = process.env.IMPRINT_WORKERS
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv)
  return Math.max(0, Math.min(4, os.availableParallelism() - 2))
}

/** The work itself, loaded on first use: a build that makes nothing loads none of it. */
function inPlace(): Workers {
  return {
    count: 0,
    used: () => 0,
    prepare: async (source, options) => (await import('./prepare-article.ts')).prepareArticle(source, options),
    makePage: async (article, screen) => (await import('../formats/html/page.ts')).makePage(article, screen),
    makeEpub: async (article, date, screen, cover) => (await import('../formats/epub/article-epub.ts')).makeArticleEpub(article, date, screen, cover),
    close: async () => {}
  }
}

interface Pending {
  readonly task: Task
  readonly resolve: (reply: TaskReply) => void
  readonly reject: (error: Error) => void
  /** The same work in place, for when the workers are gone. */
  readonly inPlace: () => Promise<TaskReply>
}

class WorkerThreads implements Workers {
  readonly #all: Worker[] = []
  readonly #idle: Worker[] = []
  readonly #busy = new Map<Worker, Pending>()
  /** The deadline of each busy worker's task. */
  readonly #timers = new Map<Worker, NodeJS.Timeout>()
  /** Workers stopped over a budget, and the reason their task is given. */
  readonly #stopped = new Map<Worker, string>()
  readonly #limits: Limits
  #closing = false
  readonly #queue: Pending[] = []
  #nextId = 0
  /** Set when a worker died: later tasks run in place. */
  #broken = false
  readonly #here = inPlace()
  /** Workers that finished a task: they started. */
  readonly #served = new Set<Worker>()
  readonly count: number

  used(): number {
    return this.#served.size
  }

  constructor(count: number, limits: Limits) {
    this.count = count
    this.#limits = limits
    for (let at = 0; at < count; at++) this.#spawn()
  }

  #spawn(): void {
    // The heap's budget: V8 stops the thread (ERR_WORKER_OUT_OF_MEMORY) rather than the process.
    const worker = new Worker(workerEntry(), {resourceLimits: {maxOldGenerationSizeMb: Math.max(16, Math.floor(this.#limits.memory / 1024 / 1024))}})
    worker.on('message', (reply: TaskReply) => ('ready' in reply ? this.#ready(worker) : this.#settle(worker, reply)))
    worker.on('error', (error: Error & {code?: string}) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#stopped.set(worker, `stopped when it needed more than the ${showLimit('memory', this.#limits.memory)} of memory one source may take; ${raiseHint('memory')}`)
      this.#lose(worker, error)
    })
    worker.on('exit', (code) => this.#lose(worker, new Error(`the build worker stopped with exit code ${code}`)))
    // Held by the process while it starts, since work may wait for it.
    this.#all.push(worker)
  }

  /** A thread has loaded its modules and takes work. */
  #ready(worker: Worker): void {
    if (!this.#all.includes(worker)) return
    this.#idle.push(worker)
    this.#pump()
    // An idle worker must not keep the process alive.
    if (this.#idle.includes(worker)) worker.unref()
  }

  async prepare(source: Source, options: PrepareOptions): Promise<Article> {
    const data: SourceData = {
      path: source.file.path,
      text: String(source.file.value),
      format: source.format,
      slug: source.slug,
      root: source.root,
      meta: source.meta
    }
    const task = {id: 0, kind: 'prepare', source: data, options} as const
    // In place, the messages land on the source's own file; from a worker, they are replayed onto it.
    let direct: Article | undefined
    const reply = await this.#send(task, async () => {
      direct = await this.#here.prepare(source, options)
      return {id: 0, article: direct, messages: []}
    })
    if (!('article' in reply)) throw new Error('the build worker gave no article')
    if (!direct) replayMessages(source.file, reply.messages)
    return reply.article
  }

  async makePage(article: Article, screen: ScreenOptions): Promise<string> {
    const reply = await this.#send({id: 0, kind: 'page', article, screen}, async () => ({id: 0, text: await this.#here.makePage(article, screen)}))
    if (!('text' in reply)) throw new Error('the build worker gave no page')
    return reply.text
  }

  async makeEpub(article: Article, date: Date, screen: ScreenOptions, cover?: Uint8Array): Promise<Uint8Array> {
    const task = {id: 0, kind: 'epub', article, date: date.getTime(), screen, ...(cover ? {cover} : {})} as const
    const reply = await this.#send(task, async () => ({id: 0, bytes: await this.#here.makeEpub(article, date, screen, cover)}))
    if (!('bytes' in reply)) throw new Error('the build worker gave no EPUB')
    return reply.bytes
  }

  async close(): Promise<void> {
    this.#closing = true
    for (const timer of this.#timers.values()) clearTimeout(timer)
    const all = this.#all.splice(0)
    this.#idle.length = 0
    await Promise.all(all.map((worker) => worker.terminate()))
  }

  async #send(task: Task, here: () => Promise<TaskReply>): Promise<TaskReply> {
    const reply = this.#broken
      ? await here()
      : await new Promise<TaskReply>((resolve, reject) => {
          const pending: Pending = {task: {...task, id: ++this.#nextId}, resolve, reject, inPlace: here}
          // Parsing goes before pages and EPUBs: printing waits on it.
          const before = task.kind === 'prepare' ? this.#queue.findIndex((queued) => queued.task.kind !== 'prepare') : -1
          this.#queue.splice(before === -1 ? this.#queue.length : before, 0, pending)
          this.#pump()
        })
    if ('error' in reply) throw new Error(reply.error)
    return reply
  }

  #pump(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!
      const pending = this.#queue.shift()!
      this.#busy.set(worker, pending)
      const seconds = this.#limits.deadline
      const timer = setTimeout(() => {
        this.#stopped.set(worker, `stopped after ${showLimit('deadline', seconds)}, the time one source may take; ${raiseHint('deadline')}`)
        void worker.terminate()
      }, seconds * 1000)
      timer.unref()
      this.#timers.set(worker, timer)
      worker.ref()
      worker.postMessage(pending.task)
    }
  }

  #settle(worker: Worker, reply: TaskReply): void {
    this.#served.add(worker)
    clearTimeout(this.#timers.get(worker))
    this.#timers.delete(worker)
    const pending = this.#busy.get(worker)
    this.#busy.delete(worker)
    worker.unref()
    this.#idle.push(worker)
    pending?.resolve(reply)
    this.#pump()
  }

  /**
   * A worker stopped. Over its deadline or its memory, the task it held
   * fails with the reason and the option that moves the limit, and a new
   * worker takes its place. Died otherwise (a bug): the task it held
   * fails, since it may be what killed it, unless the worker never
   * started; the queued tasks and all later ones run in place.
   */
  #lose(worker: Worker, error: Error): void {
    const at = this.#all.indexOf(worker)
    if (at === -1) return
    this.#all.splice(at, 1)
    clearTimeout(this.#timers.get(worker))
    this.#timers.delete(worker)
    const idle = this.#idle.indexOf(worker)
    if (idle !== -1) this.#idle.splice(idle, 1)
    const held = this.#busy.get(worker)
    this.#busy.delete(worker)
    const overBudget = this.#stopped.get(worker)
    if (overBudget !== undefined && !this.#closing) {
      this.#stopped.delete(worker)
      held?.reject(new LimitError('over-budget', overBudget))
      this.#spawn()
      this.#pump()
      return
    }
    this.#broken = true
    // A worker that never finished a task failed to start: not the task's fault.
    if (held && !this.#served.has(worker)) held.inPlace().then(held.resolve, held.reject)
    else held?.reject(error)
    for (const queued of this.#queue.splice(0)) queued.inPlace().then(queued.resolve, queued.reject)
  }
}

/**
 * The worker's module, beside this one: lib/build/worker.js when imprint
 * runs compiled. When tests import the sources under `node --import tsx`,
 * it is src/build/worker.ts, behind a two-line module that registers tsx
 * first: the worker inherits `--import tsx`, but on Node 20 tsx installs
 * its hooks in the main thread only.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./worker.js', import.meta.url)
  const source = new URL('./worker.ts', import.meta.url)
  const loader = `import {register} from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}\nregister()\nawait import(${JSON.stringify(source.href)})`
  return new URL(`data:text/javascript,${encodeURIComponent(loader)}`)
}
