/**
 * emit PDF: print documents with one shared Chromium.
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
 *
 * Each print has a deadline (`--timeout`). A print that crashes the browser,
 * fails, or hangs past it retires the browser it ran on: that browser is
 * killed (a shared one only loses our context) and the next print starts a
 * fresh one. The failed document is tried once more there; a second failure
 * is an error for that document only.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {pathToFileURL} from 'node:url'
import type {Browser, BrowserContext, CDPSession, Page} from 'puppeteer-core'
import {connectBrowser, resolveBrowser, runsAsRoot, spawnBrowser} from './browser.ts'
import {forgetBrowser, forgetFolder, killGroup, removeProfileSync, trackBrowser, trackFolder} from './interrupt.ts'
import {requestPolicy} from './request-policy.ts'

export interface PrintOptions {
  /** Folders the document may load from: its content root, styles, fonts. */
  readonly allowedRoots: readonly string[]
  /** Called for each blocked request, with the reason, to become a warning on the source. */
  readonly onBlocked?: (url: string, reason: string) => void
}

export interface ScreenshotOptions extends PrintOptions {
  /** Viewport in CSS pixels; the PNG is `scale` times larger. */
  readonly width: number
  readonly height: number
  readonly scale: number
  /**
   * A selector: before the shot, lower the document's `--fit` custom
   * property (from 1) until all text lies inside that element's content box.
   * A cover's text is of any length, and CSS alone cannot shrink text to a
   * height.
   */
  readonly fit?: string
}

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
   * Documents the caller means to print. From SINGLE_PROCESS_FROM on, a
   * browser without a sandbox (root) runs its pages in its own process (see
   * chromiumArgs); `IMPRINT_SINGLE_PROCESS=1` or `0` decides instead.
   */
  readonly documents?: number
  /** Documents a single-process browser prints before a fresh one takes over; BROWSER_DOCUMENTS by default. */
  readonly browserDocuments?: number
}

/** Documents from which a sandbox-less browser prints faster with its pages in its own process. */
export const SINGLE_PROCESS_FROM = 16

export const DEFAULT_TIMEOUT_MS = 60_000

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
  /** Render one HTML document to PNG in the same tabs, under the same rules (a book's cover). */
  screenshot(html: string, options: ScreenshotOptions): Promise<Uint8Array>
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
}

interface Job {
  readonly check: (url: string) => string | undefined
  readonly onBlocked?: (url: string, reason: string) => void
}

/**
 * Documents a tab prints before it is closed and a fresh one opened. A tab
 * that keeps its stylesheets swaps bodies in one long-lived document, and
 * its renderer grew (in a 1000-article build, from about 100 to 160 MB per
 * tab in 30 s); a fresh tab costs one full document load, some 10 ms.
 */
const TAB_DOCUMENTS = 50

/**
 * Documents a single-process browser prints before a fresh one takes over.
 * With its pages in its own process, closing a tab gives back too little:
 * 1000 articles took it to 1005 MiB (PSS, PDF only), against 713 MiB for
 * 400. A launch costs about 1 s of CPU, some 4 ms a document at this count.
 */
const BROWSER_DOCUMENTS = 250

/** Start the browser now and return a printer that waits for it on first use. */
export function openPrinter(options: PrinterOptions = {}): PdfPrinter {
  const concurrency = Math.max(1, options.concurrency ?? Math.min(4, Math.max(2, os.availableParallelism())))
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const slots = new Slots(concurrency)
  const jobs = new WeakMap<Page, Job>()
  const generations = new Set<Generation>()
  let current: Generation | undefined
  let closed = false
  let shutdown: Promise<void> | undefined
  // Only in a browser we launch without a sandbox (see chromiumArgs).
  const singleProcess = !options.wsEndpoint && runsAsRoot() && wantsSingleProcess(options.documents)

  // A missing browser is no crash: say how to get one, without retrying.
  let missing: Error | undefined
  let executablePath = options.executablePath
  if (!options.wsEndpoint) {
    try {
      executablePath = resolveBrowser(options.executablePath)
    } catch (error) {
      missing = error instanceof Error ? error : new Error(String(error))
    }
  }

  const generation = (): Generation => {
    if (!current || current.retired) {
      const ready = start({...options, executablePath}, timeoutMs, singleProcess)
      // A failed launch surfaces in print(); don't let it count as unhandled meanwhile.
      ready.catch(() => {})
      current = {ready, idle: [], retired: false, printed: 0, active: 0}
      generations.add(current)
    }
    return current
  }

  const retire = async (retiring: Generation): Promise<void> => {
    retiring.retired = true
    generations.delete(retiring)
    if (current === retiring) current = undefined
    const started = await retiring.ready.catch(() => undefined)
    if (started) await stop(started)
  }

  async function newTab(from: Generation): Promise<Tab> {
    const started = await from.ready
    const {target, blank, folderCheck} = started
    // The tab Chromium opened at launch serves first: a new one costs a
    // round of target set-up. It loads the blank page once more below, with
    // our request rules in place: in a tab whose document loaded before them,
    // a later document's request (an <img> of a FIFO) stayed paused for ever,
    // Puppeteer waiting for a network event to pair it with
    // (test/pdf-sandbox.test.ts).
    let page: Page | undefined
    if (started.owned && !from.initialTaken) {
      from.initialTaken = true
      page = (await started.browser.pages())[0]
    }
    page ??= await target.newPage()
    await Promise.all([page.setJavaScriptEnabled(false), page.setRequestInterception(true)])
    page.on('request', (request) => {
      const url = request.url()
      const job = jobs.get(page)
      // The printer's own folder (the blank page) always; the document's roots while it prints.
      const refusal = folderCheck(url) === undefined ? undefined : job ? job.check(url) : 'no document is printing in this tab'
      if (refusal === undefined) {
        void request.continue()
      } else {
        job?.onBlocked?.(url, refusal)
        void request.abort('blockedbyclient')
      }
    })
    const [session] = await Promise.all([page.createCDPSession(), page.goto(pathToFileURL(blank).href, {waitUntil: 'load'})])
    const {frameTree} = await session.send('Page.getFrameTree')
    return {page, session, frameId: frameTree.frame.id, printed: 0}
  }

  /** One try on one browser; the tab goes back to its pool only after a clean print. */
  async function attempt(on: Generation, html: string, job: Job): Promise<Uint8Array> {
    on.active++
    try {
      return await printIn(on, html, job)
    } finally {
      on.active--
      // Retired for its age, not a failure (which stops it at once and lets it go): stopped after its last print.
      if (on.retired && on.active === 0 && generations.has(on)) void retire(on)
    }
  }

  async function printIn(on: Generation, html: string, job: Job): Promise<Uint8Array> {
    const tab = on.idle.pop() ?? (await newTab(on))
    jobs.set(tab.page, job)
    try {
      const pdf = await printTab(tab, html, timeoutMs)
      jobs.delete(tab.page)
      // An old single-process browser: the next documents go to a fresh one.
      if (singleProcess && ++on.printed >= (options.browserDocuments ?? BROWSER_DOCUMENTS)) on.retired = true
      // A tab that kept its styles for many documents has grown: make way for a fresh one.
      if (on.retired || tab.printed >= TAB_DOCUMENTS) void tab.page.close().catch(() => {})
      else on.idle.push(tab)
      return pdf
    } catch (error) {
      // A tab whose print failed may be stuck half-way: never reuse it.
      jobs.delete(tab.page)
      void tab.page.close().catch(() => {})
      throw error
    }
  }

  if (!missing) generation()

  return {
    concurrency,
    async print(html, printOptions) {
      if (closed) throw new Error('the printer is closed')
      if (missing) throw missing
      const job: Job = {
        check: requestPolicy({allowedRoots: printOptions.allowedRoots, allowRemote: options.allowRemote}),
        onBlocked: printOptions.onBlocked
      }
      await slots.take()
      try {
        let failures = 0
        for (let tries = 1; ; tries++) {
          const on = generation()
          try {
            // The launch and the print each get the deadline: a slow start
            // on a loaded machine must not eat the page's time.
            await withDeadline(on.ready, timeoutMs)
            return await withDeadline(attempt(on, html, job), timeoutMs)
          } catch (error) {
            if (closed) throw error
            // Another document's failure retired this browser under us: not our failure.
            const collateral = on.retired
            if (!collateral) {
              failures++
              await retire(on)
            }
            if (failures >= TRIES || tries >= MAX_ATTEMPTS) {
              throw new Error(`Chromium failed twice, the second time in a fresh browser: ${describe(error, timeoutMs)}`)
            }
          }
        }
      } finally {
        slots.give()
      }
    },
    async screenshot(html, shotOptions) {
      if (closed) throw new Error('the printer is closed')
      if (missing) throw missing
      await slots.take()
      try {
        const on = generation()
        const started = await withDeadline(on.ready, timeoutMs)
        return await withDeadline(screenshotPage(started, html, shotOptions, options.allowRemote), timeoutMs)
      } finally {
        slots.give()
      }
    },
    close() {
      // Every caller waits for the same shutdown, the first to ask and the last.
      shutdown ??= (async () => {
        closed = true
        const all = [...generations]
        generations.clear()
        current = undefined
        await Promise.all(
          all.map(async (closing) => {
            closing.retired = true
            const started = await closing.ready.catch(() => undefined)
            if (started) await stop(started)
          })
        )
      })()
      return shutdown
    }
  }
}

let shots = 0

/**
 * A PNG of one document (a book's cover), in a tab of its own brought to the
 * front: headless Chromium paints only the tab in front, and a screenshot of
 * a reused tab behind others can wait for a frame that never comes. Covers
 * are one per book, so the new tab costs little.
 */
async function screenshotPage(started: Started, html: string, options: ScreenshotOptions, allowRemote?: boolean): Promise<Uint8Array> {
  const page = await started.target.newPage()
  const file = path.join(started.folder, `screenshot-${++shots}.html`)
  const check = requestPolicy({allowedRoots: [started.folder, ...options.allowedRoots], allowRemote})
  try {
    await page.setJavaScriptEnabled(false)
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const refusal = check(request.url())
      if (refusal === undefined) {
        void request.continue()
      } else {
        options.onBlocked?.(request.url(), refusal)
        void request.abort('blockedbyclient')
      }
    })
    await page.setViewport({width: options.width, height: options.height, deviceScaleFactor: options.scale})
    await writeFile(file, html)
    await page.goto(pathToFileURL(file).href, {waitUntil: 'load'})
    if (options.fit) await page.evaluate(fitText, options.fit)
    await page.bringToFront()
    return await page.screenshot({type: 'png'})
  } finally {
    await page.close().catch(() => {})
    await rm(file, {force: true})
  }
}

/**
 * Runs in the page (from DevTools: the page's own scripts stay off). Steps
 * `--fit` down by 5 % at a time, so the result is the same on every build,
 * and stops at a quarter: text that does not fit even then is too long to
 * read on a cover anyway.
 */
function fitText(selector: string): void {
  // No inner named functions: tsx (esbuild keepNames) would wrap them in a
  // `__name` helper the page does not have.
  const frame = document.querySelector(selector)
  if (!frame) return
  const range = document.createRange()
  for (let fit = 1; fit > 0.25; ) {
    const box = frame.getBoundingClientRect()
    const style = getComputedStyle(frame)
    const top = box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop)
    const bottom = box.bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom)
    const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft)
    const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight)
    let fits = true
    const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node && fits; node = walker.nextNode()) {
      range.selectNodeContents(node)
      for (const rect of range.getClientRects()) {
        // Half a pixel of slack for subpixel glyph edges.
        if (rect.top < top - 0.5 || rect.bottom > bottom + 0.5 || rect.left < left - 0.5 || rect.right > right + 0.5) fits = false
      }
    }
    if (fits) return
    fit *= 0.95
    document.documentElement.style.setProperty('--fit', String(fit))
  }
}

/** A reused tab: its page, a DevTools session on it and its main frame. */
interface Tab {
  readonly page: Page
  readonly session: CDPSession
  readonly frameId: string
  /** Documents printed so far; the first replaces the blank page. */
  printed: number
  /** The text of the first stylesheet of the document now in the tab. */
  sharedStyle?: string
}

interface Started {
  readonly browser: Browser
  /** Where our tabs open: the browser itself, or our own context in a shared one. */
  readonly target: Browser | BrowserContext
  /** True when we launched it, so we close it. */
  readonly owned: boolean
  readonly pid?: number
  /** Settles when the browser we launched has exited. */
  readonly exited?: Promise<void>
  /** The profile folder we made for a browser we launched. */
  readonly profile?: string
  /** The printer's own folder: documents' relative URLs resolve here. */
  readonly folder: string
  /** The blank page each tab opens once. */
  readonly blank: string
  /** The request rule for that folder alone. */
  readonly folderCheck: (url: string) => string | undefined
}

/**
 * Synchronous up to Chromium's start, so that it starts now and boots while
 * the caller parses, rather than when the event loop next gets a turn.
 */
function start(options: PrinterOptions, timeoutMs: number, singleProcess: boolean): Promise<Started> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'imprint-print-'))
  trackFolder(folder)
  const blank = path.join(folder, 'blank.html')
  const folderCheck = requestPolicy({allowedRoots: [folder]})
  let profile: string | undefined
  const removeFolders = (): void => {
    for (const made of [folder, profile]) {
      if (made === undefined) continue
      removeProfileSync(made)
      forgetFolder(made)
    }
  }
  try {
    writeFileSync(blank, '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body></body></html>')
    if (options.wsEndpoint) {
      const endpoint = options.wsEndpoint
      return (async (): Promise<Started> => {
        const browser = await connectBrowser(endpoint)
        // A shared browser gets our own context: no cookies or cache cross
        // between builds, and closing it closes every tab we opened.
        const target = await browser.createBrowserContext()
        return {browser, target, owned: false, folder, blank, folderCheck}
      })().catch((error: unknown) => {
        removeFolders()
        throw error
      })
    }
    // Our own profile folder, so that a killed browser's profile is removed
    // too, and so that a supervisor can tell this build's Chromium by it.
    profile = mkdtempSync(path.join(os.tmpdir(), 'imprint-chromium-'))
    trackFolder(profile)
    const spawned = spawnBrowser({
      executablePath: options.executablePath,
      allowRemote: options.allowRemote,
      userDataDir: profile,
      protocolTimeout: timeoutMs,
      singleProcess,
      // The first tab opens on our blank page, so its renderer is the one for
      // file: pages already (about:blank's would be swapped out at the first
      // file: navigation, a process start on the way to the first print).
      startUrl: pathToFileURL(blank).href
    })
    const child = spawned.process
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const pid = child.pid
    if (pid !== undefined) {
      trackBrowser(pid)
      options.onBrowser?.(pid)
    }
    return spawned.browser.then(
      (browser): Started => ({browser, target: browser, owned: true, pid, exited, profile, folder, blank, folderCheck}),
      async (error: unknown) => {
        if (pid !== undefined) {
          killGroup(pid)
          forgetBrowser(pid)
        }
        await withDeadline(exited, 5_000).catch(() => {})
        removeFolders()
        throw error
      }
    )
  } catch (error) {
    removeFolders()
    return Promise.reject(error)
  }
}

function wantsSingleProcess(documents = 0): boolean {
  const forced = process.env.IMPRINT_SINGLE_PROCESS
  if (forced === '1' || forced === '0') return forced === '1'
  return documents >= SINGLE_PROCESS_FROM
}

/**
 * Close a browser and remove its folders. One we launched is killed, not
 * asked to close: every PDF is in hand, its profile is thrown away, and a
 * polite close costs a tenth of a second of shutdown for nothing (or waits
 * on a frozen browser). A shared browser only loses our context.
 */
async function stop(started: Started): Promise<void> {
  if (started.owned) {
    if (started.pid !== undefined) {
      killGroup(started.pid)
      forgetBrowser(started.pid)
    }
    await withDeadline(started.exited ?? Promise.resolve(), 5_000).catch(() => {})
    await started.browser.disconnect().catch(() => {})
  } else {
    await withDeadline(started.target.close(), 5_000).catch(() => {})
    await started.browser.disconnect().catch(() => {})
  }
  for (const made of [started.profile, started.folder]) {
    if (made === undefined) continue
    removeProfileSync(made)
    forgetFolder(made)
  }
}

async function printTab(tab: Tab, html: string, timeout: number): Promise<Uint8Array> {
  const deadline = Date.now() + timeout
  const style = firstStyle(html)
  let kept = false
  if (tab.printed > 0) {
    // The tab has this stylesheet already (45 of the seed's 51 KB): the
    // document goes over without its text.
    const known = style !== undefined && tab.sharedStyle === style.text
    kept = await tab.page.evaluate(replaceKeepingStyles, known ? html.slice(0, style.start) + html.slice(style.end) : html, known)
  }
  if (!kept) await tab.session.send('Page.setDocumentContent', {frameId: tab.frameId, html})
  tab.sharedStyle = style?.text
  tab.printed++
  await waitForResources(tab.page, deadline)
  // The same parameters page.pdf() sends, without its second wait for fonts.
  const {data} = await tab.session.send('Page.printToPDF', {
    landscape: false,
    displayHeaderFooter: false,
    headerTemplate: '',
    footerTemplate: '',
    printBackground: true,
    scale: 1,
    paperWidth: 8.5,
    paperHeight: 11,
    marginTop: 0,
    marginBottom: 0,
    marginLeft: 0,
    marginRight: 0,
    pageRanges: '',
    preferCSSPageSize: true,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
    transferMode: 'ReturnAsBase64'
  })
  return Buffer.from(data, 'base64')
}

/**
 * Put a document in place of the tab's current one, keeping the first
 * stylesheet when it is the same text: the bundled fonts and the shared
 * styles stay parsed and loaded, and only the body, the attributes and the
 * rest of the head change: Chromium parses 40 KB of @font-face and styles
 * once per tab instead of once per article (measured here, 60 seed-sized
 * articles in one tab: 56–59 ms of CPU a document replaced and printed,
 * 46–52 ms kept and printed). Returns false, changing nothing, when the
 * first stylesheets differ; the caller then replaces the document. With
 * `known`, the caller has seen that they are the same, and sent the
 * incoming one empty.
 *
 * It runs in the page from DevTools; the page's own scripts stay off. The
 * parsed document is inert: nothing in it loads or runs until its body is
 * moved in, where the request rules apply as to any document.
 */
function replaceKeepingStyles(html: string, known: boolean): boolean {
  const next = new DOMParser().parseFromString(html, 'text/html')
  const shared = document.head?.querySelector('style')
  const incoming = next.head.querySelector('style')
  if (!shared || !incoming || (!known && shared.textContent !== incoming.textContent)) return false
  const root = document.documentElement
  for (const name of root.getAttributeNames()) root.removeAttribute(name)
  for (const attribute of Array.from(next.documentElement.attributes)) root.setAttribute(attribute.name, attribute.value)
  for (const node of Array.from(document.head.childNodes)) if (node !== shared) node.remove()
  const after = Array.from(next.head.childNodes)
  const at = after.indexOf(incoming)
  shared.before(...after.slice(0, at).map((node) => document.adoptNode(node)))
  shared.after(...after.slice(at + 1).map((node) => document.adoptNode(node)))
  root.replaceChild(document.adoptNode(next.body), document.body)
  return true
}

/**
 * Where the text of a document's first stylesheet lies, when it is in the
 * head. Print documents come from our templates, where the head's text is
 * escaped: the first `<style` in it is the template's own.
 */
function firstStyle(html: string): {start: number; end: number; text: string} | undefined {
  const head = html.indexOf('</head>')
  const open = html.indexOf('<style')
  if (open === -1 || head === -1 || open > head) return undefined
  const start = html.indexOf('>', open) + 1
  const end = html.indexOf('</style>', start)
  if (start === 0 || end === -1 || end > head) return undefined
  return {start, end, text: html.slice(start, end)}
}

/**
 * A replaced document has no load event to wait for: lay it out, so its
 * fonts start loading, then wait for them and for its images. The page's own
 * scripts stay off; these run from DevTools.
 */
async function waitForResources(page: Page, deadline: number): Promise<void> {
  const fonts = page.evaluate(async () => {
    void document.body?.offsetHeight
    // The page margins (running head, page numbers) are laid out only in the
    // print itself, too late for their fonts to load: a Persian article, with
    // no Latin text to load Noto Sans, lost its page numbers. Load the fonts
    // of every margin box for its text (and any counter's digits) now.
    const families = new Set<string>()
    let text = '0123456789 /'
    for (const sheet of Array.from(document.styleSheets)) {
      let rules: CSSRule[]
      try {
        rules = Array.from(sheet.cssRules)
      } catch {
        // A sheet from elsewhere (blocked anyway) keeps its rules to itself.
        continue
      }
      for (const rule of rules) {
        if (!(rule instanceof CSSPageRule)) continue
        for (const margin of Array.from(rule.cssRules)) {
          const style = (margin as CSSRule & {style?: CSSStyleDeclaration}).style
          if (!style) continue
          if (style.fontFamily) families.add(style.fontFamily)
          for (const [, literal] of style.content.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
            text += literal!.replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/g, (_, hex: string | undefined, char: string | undefined) =>
              hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : char!
            )
          }
        }
      }
    }
    await Promise.all([...families].map((family) => document.fonts.load(`16px ${family}`, text).catch(() => [])))
    await document.fonts.ready
  })
  const timer = new AbortController()
  try {
    const late = sleep(Math.max(0, deadline - Date.now()), undefined, {signal: timer.signal}).then(() => {
      throw new Error('timed out waiting for fonts')
    })
    await Promise.race([fonts, late])
  } finally {
    // A pending timer would keep the process alive until the deadline.
    timer.abort()
  }
  while (!(await page.evaluate(() => Array.from(document.images).every((image) => image.complete)))) {
    if (Date.now() > deadline) throw new Error('timed out waiting for images')
    await sleep(10)
  }
}

/** At most `size` holders at once; the others wait in order. */
class Slots {
  #free: number
  readonly #waiting: Array<() => void> = []

  constructor(size: number) {
    this.#free = size
  }

  async take(): Promise<void> {
    if (this.#free > 0) {
      this.#free--
      return
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve))
  }

  give(): void {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#free++
  }
}

class DeadlineError extends Error {}

/** Reject after `ms`; the work is left to fail on its own, its rejection swallowed. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => {})
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`no answer within ${ms / 1000} s`)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof DeadlineError) return `the page did not print within ${timeoutMs / 1000} s (--timeout)`
  const reason = error instanceof Error ? error.message : String(error)
  return reason.split('\n')[0] ?? reason
}
