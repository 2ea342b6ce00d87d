/**
 * The printer: every PDF and cover of a build, from one shared Chromium.
 *
 * The one place imprint prints. `openPrinter` starts (or connects to) the
 * browser at once, so its launch overlaps the caller's other work, and
 * keeps a small pool of tabs that are reused from one document to the next.
 *
 * A tab opens once a blank page from the printer's own folder on file://
 * (setContent on about:blank silently blocks local fonts and images), and
 * then each document replaces that page's content in place instead of
 * being navigated to: a navigation costs Chromium about twice the CPU of
 * the print itself. When the next document has the same first stylesheet
 * (every article's print document does: fonts, base and print styles), the
 * tab keeps it, and its loaded fonts, and swaps only the rest
 * (`replaceKeepingStyles`). An article's PDF is the same bytes whatever its
 * tab printed before; test/pdf-reuse.test.ts holds that in real Chromium.
 * JavaScript stays off and every request is checked by request-policy.ts.
 * The tab and its print are in tab.ts, the launch in launch.ts.
 *
 * Each print has a deadline (`--timeout`). A print that crashes the browser,
 * fails, or hangs past it retires the browser it ran on: that browser is
 * killed (a shared one only loses our context) and the next print starts a
 * fresh one. The failed document is tried once more there; a second failure
 * is an error for that document only.
 */
import os from 'node:os'
import type {Page} from 'puppeteer-core'
import {Slots} from '../../concurrency.ts'
import {resolveBrowser, runsAsRoot} from './browser.ts'
import {DEFAULT_TIMEOUT_MS, describeFailure, withDeadline} from './deadline.ts'
import {start, stop, wantsSingleProcess, type Started} from './launch.ts'
import {requestPolicy, type PrintOptions} from './request-policy.ts'
import {ShotTab, type ScreenshotOptions, type Shot} from './screenshot.ts'
import {openTab, printTab, TAB_DOCUMENTS, type Tab} from './tab.ts'

export interface PrinterOptions {
  /** `--browser PATH`; see resolveBrowser for the fallbacks. */
  readonly executablePath?: string
  /** `--browser-ws-endpoint URL`: print in a running browser instead of launching one. */
  readonly wsEndpoint?: string
  /** Documents printed at once; defaults to the CPU count, at least 2 and at most 4 (a third tab on 2 cores printed no faster and held another renderer, some 100 MB). */
  readonly concurrency?: number
  /** `--allow-remote`: http(s) may load, and host names resolve. */
  readonly allowRemote?: boolean
  /** `--timeout`: the deadline for one document, from getting a tab to the last byte; the launch gets its own. */
  readonly timeoutMs?: number
  /** Called with each launched browser's PID: for process supervisors and tests. */
  readonly onBrowser?: (pid: number) => void
  /**
   * Documents the caller means to print (screenshots aside). From SINGLE_PROCESS_FROM on, a
   * browser without a sandbox (root) runs its pages in its own process (see
   * chromiumArgs); `IMPRINT_SINGLE_PROCESS=1` or `0` decides instead.
   */
  readonly documents?: number
  /** Documents a single-process browser prints before a fresh one takes over; BROWSER_DOCUMENTS by default. */
  readonly browserDocuments?: number
}

export {SINGLE_PROCESS_FROM} from './launch.ts'
export type {ScreenshotOptions, Shot} from './screenshot.ts'
export type {PrintOptions} from './request-policy.ts'


/** Failed tries per document: the first, then one in a fresh browser. */
const TRIES = 2
/**
 * Tries a document may also lose to another document's failure (its browser
 * was retired under it); a bound, so a browser that dies at every launch
 * cannot keep a build going round.
 */
const MAX_ATTEMPTS = 4

export interface PdfPrinter {
  /** Documents printed at once. */
  readonly concurrency: number
  /**
   * Print one HTML document; at most `concurrency` print at once, the rest
   * wait their turn. Relative URLs in it resolve against a private folder,
   * so resources should be absolute `file:` URLs inside `allowedRoots`.
   */
  print(html: string, options: PrintOptions): Promise<Uint8Array>
  /** Render one HTML document to an image in a tab of its own, under the same rules, scaling its text to fit (a book's cover). */
  screenshot(html: string, options: ScreenshotOptions): Promise<Shot>
  /**
   * Close our tabs, and the browser when we launched it. A browser we
   * connected to is shared: it stays up and we only disconnect.
   */
  close(): Promise<void>
}

/** One browser and its tabs; replaced as a whole when a print fails on it. */
interface Generation {
  readonly ready: Promise<Started>
  readonly idle: Tab[]
  retired: boolean
  /** Whether a tab has taken over the blank tab Chromium opens at launch. */
  initialTaken?: boolean
  /** Documents printed in it, and printing now. */
  printed: number
  active: number
  /** The tab covers are drawn in, kept while the browser lives (see ShotTab). */
  shotTab?: ShotTab
}

interface Job {
  readonly check: (url: string) => string | undefined
  readonly onBlocked?: (url: string, reason: string) => void
}

/**
 * Documents a single-process browser prints before a fresh one takes over.
 * With its pages in its own process, closing a tab gives back too little:
 * 1000 articles took it to 1005 MiB (PSS, PDF only), against 713 MiB for
 * 400. A launch costs about 1 s of CPU, some 4 ms a document at this count.
 */
const BROWSER_DOCUMENTS = 250

/** Start the browser now and return a printer that waits for it on first use. */
export function openPrinter(options: PrinterOptions = {}): PdfPrinter {
  return new Printer(options)
}

class Printer implements PdfPrinter {
  readonly concurrency: number
  readonly #options: PrinterOptions
  readonly #timeoutMs: number
  readonly #slots: Slots
  /**
   * Screenshots one at a time: each brings its tab to the front, and
   * headless Chromium paints only that one, so two at once would leave one
   * waiting for a frame until its deadline.
   */
  readonly #shots = new Slots(1)
  /** What each tab is printing now: its request rules. */
  readonly #jobs = new WeakMap<Page, Job>()
  readonly #generations = new Set<Generation>()
  #current: Generation | undefined
  /** The browser screenshots use when prints go to a single-process one (see #shooter). */
  #shooterGeneration: Generation | undefined
  #closed = false
  #shutdown: Promise<void> | undefined
  readonly #singleProcess: boolean
  /** A missing browser is no crash: say how to get one, without retrying. */
  readonly #missing: Error | undefined
  readonly #executablePath: string | undefined

  constructor(options: PrinterOptions) {
    this.#options = options
    this.concurrency = Math.max(1, options.concurrency ?? Math.min(4, Math.max(2, os.availableParallelism())))
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#slots = new Slots(this.concurrency)
    // Only in a browser we launch without a sandbox (see chromiumArgs).
    this.#singleProcess = !options.wsEndpoint && runsAsRoot() && wantsSingleProcess(options.documents)
    let executablePath = options.executablePath
    let missing: Error | undefined
    if (!options.wsEndpoint) {
      try {
        executablePath = resolveBrowser(options.executablePath)
      } catch (error) {
        missing = error instanceof Error ? error : new Error(String(error))
      }
    }
    this.#executablePath = executablePath
    this.#missing = missing
    if (!missing) this.#generation()
  }

  async print(html: string, printOptions: PrintOptions): Promise<Uint8Array> {
    this.#checkOpen()
    const job: Job = {
      check: requestPolicy({allowedRoots: printOptions.allowedRoots, allowRemote: this.#options.allowRemote}),
      onBlocked: printOptions.onBlocked
    }
    return this.#slots.run(() => this.#retrying((on) => this.#printIn(on, html, job)))
  }

  async screenshot(html: string, shotOptions: ScreenshotOptions): Promise<Shot> {
    this.#checkOpen()
    return this.#shots.run(() => this.#slots.run(async () => {
      let failures = 0
      for (let tries = 1; ; tries++) {
        const on = this.#shooter()
        // Counted as a print is, so a browser retired for its age is not stopped under the shot.
        on.active++
        try {
          const started = await withDeadline(on.ready, this.#timeoutMs)
          on.shotTab ??= new ShotTab(started, this.#options.allowRemote)
          // The browser kept for covers has no other tab; the printing one's tabs may have taken the front.
          return await withDeadline(on.shotTab.shoot(html, shotOptions, !this.#singleProcess, this.#timeoutMs), this.#timeoutMs)
        } catch (error) {
          if (this.#closed) throw error
          // Stopped under the shot by a print's failure: not the shot's failure.
          if (!on.retired) {
            failures++
            await this.#retire(on)
          }
          if (failures >= TRIES || tries >= MAX_ATTEMPTS) throw error
        } finally {
          on.active--
          if (on.retired && on.active === 0 && this.#generations.has(on)) void this.#retire(on)
        }
      }
    }))
  }

  /**
   * One document's work (a print or a shot), tried again in a fresh browser
   * when the first one fails under it: a crash of a single-process browser
   * takes every tab with it.
   */
  async #retrying<T>(work: (on: Generation) => Promise<T>): Promise<T> {
    let failures = 0
    for (let tries = 1; ; tries++) {
      const on = this.#generation()
      try {
        // The launch and the work each get the deadline: a slow start
        // on a loaded machine must not eat the page's time.
        await withDeadline(on.ready, this.#timeoutMs)
        return await withDeadline(this.#attempt(on, work), this.#timeoutMs)
      } catch (error) {
        if (this.#closed) throw error
        // Another document's failure retired this browser under us: not our failure.
        const collateral = on.retired
        if (!collateral) {
          failures++
          await this.#retire(on)
        }
        if (failures >= TRIES || tries >= MAX_ATTEMPTS) {
          throw new Error(`Chromium failed twice, the second time in a fresh browser: ${describeFailure(error, this.#timeoutMs)}`)
        }
      }
    }
  }

  close(): Promise<void> {
    // Every caller waits for the same shutdown, the first to ask and the last.
    this.#shutdown ??= (async () => {
      this.#closed = true
      const all = [...this.#generations]
      this.#generations.clear()
      this.#current = undefined
      await Promise.all(
        all.map(async (closing) => {
          closing.retired = true
          const started = await closing.ready.catch(() => undefined)
          if (started) await stop(started)
        })
      )
    })()
    return this.#shutdown
  }

  #checkOpen(): void {
    if (this.#closed) throw new Error('the printer is closed')
    if (this.#missing) throw this.#missing
  }

  /** The browser now in use, launched (again) when there is none or it was retired. */
  #generation(): Generation {
    if (!this.#current || this.#current.retired) this.#current = this.#launch(this.#singleProcess)
    return this.#current
  }

  /**
   * The browser for screenshots: the printing one, unless that runs in a
   * single process, where a screenshot closes its target and then the whole
   * browser (Chromium 156, as root: the golden build lost two or three covers so); then one of its own, with
   * renderer processes, launched at the first screenshot.
   */
  #shooter(): Generation {
    if (!this.#singleProcess) return this.#generation()
    if (!this.#shooterGeneration || this.#shooterGeneration.retired) this.#shooterGeneration = this.#launch(false)
    return this.#shooterGeneration
  }

  #launch(singleProcess: boolean): Generation {
    const ready = start({...this.#options, executablePath: this.#executablePath}, this.#timeoutMs, singleProcess)
    // A failed launch surfaces in print(); don't let it count as unhandled meanwhile.
    ready.catch(() => {})
    const launched: Generation = {ready, idle: [], retired: false, printed: 0, active: 0}
    this.#generations.add(launched)
    return launched
  }

  async #retire(retiring: Generation): Promise<void> {
    retiring.retired = true
    this.#generations.delete(retiring)
    if (this.#current === retiring) this.#current = undefined
    const started = await retiring.ready.catch(() => undefined)
    if (started) await stop(started)
  }

  /** One try on one browser; the tab goes back to its pool only after a clean print. */
  async #attempt<T>(on: Generation, work: (on: Generation) => Promise<T>): Promise<T> {
    on.active++
    try {
      return await work(on)
    } finally {
      on.active--
      // Retired for its age, not a failure (which stops it at once and lets it go): stopped after its last print.
      if (on.retired && on.active === 0 && this.#generations.has(on)) void this.#retire(on)
    }
  }

  async #printIn(on: Generation, html: string, job: Job): Promise<Uint8Array> {
    const tab = on.idle.pop() ?? (await this.#newTab(on))
    this.#jobs.set(tab.page, job)
    try {
      const pdf = await printTab(tab, html, this.#timeoutMs)
      this.#jobs.delete(tab.page)
      // An old single-process browser: the next documents go to a fresh one.
      if (this.#singleProcess && ++on.printed >= (this.#options.browserDocuments ?? BROWSER_DOCUMENTS)) on.retired = true
      // A tab that kept its styles for many documents has grown: make way for a fresh one.
      if (on.retired || tab.shown >= TAB_DOCUMENTS) void tab.page.close().catch(() => {})
      else on.idle.push(tab)
      return pdf
    } catch (error) {
      // A tab whose print failed may be stuck half-way: never reuse it.
      this.#jobs.delete(tab.page)
      void tab.page.close().catch(() => {})
      throw error
    }
  }

  async #newTab(from: Generation): Promise<Tab> {
    const started = await from.ready
    // The tab Chromium opened at launch serves first: a new one costs a round of target set-up.
    const initial = started.owned && !from.initialTaken
    if (initial) from.initialTaken = true
    return openTab(started, initial, (page, url) => {
      const job = this.#jobs.get(page)
      // The printer's own folder (the blank page) always; the document's roots while it prints.
      if (started.folderCheck(url) === undefined) return undefined
      const refusal = job ? job.check(url) : 'no document is printing in this tab'
      if (refusal !== undefined) job?.onBlocked?.(url, refusal)
      return refusal
    })
  }
}
