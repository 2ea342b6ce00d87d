/**
 * emit PDF: print documents with one shared Chromium.
 *
 * The one place imprint prints. `openPrinter` starts (or connects to) the
 * browser at once, so its launch overlaps the caller's other work, and
 * keeps a small pool of tabs that are reused from one document to the next.
 *
 * A tab opens once a blank page from the printer's own folder on file://
 * (setContent on about:blank silently blocks local fonts and images), and
 * then each document replaces that page's content in place
 * (Page.setDocumentContent) instead of being navigated to: a navigation
 * costs Chromium about three times the CPU of the print itself, measured
 * here at some 110 ms against 55 ms a document. The PDF is the same, byte
 * for byte but Chromium's timestamp. JavaScript stays off and every request
 * is checked against an allow-list of the build's own folders.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {Browser, BrowserContext, CDPSession, HTTPRequest, Page} from 'puppeteer-core'
import {connectBrowser, launchBrowser} from './browser.ts'

export interface PrintOptions {
  /** Folders the document may load from: its content root, styles, fonts. */
  readonly allowedRoots: readonly string[]
  /** Called for each blocked request, to become a warning on the source. */
  readonly onBlocked?: (url: string) => void
  readonly timeoutMs?: number
}

export interface PrinterOptions {
  /** `--browser PATH`; see resolveBrowser for the fallbacks. */
  readonly executablePath?: string
  /** `--browser-ws-endpoint URL`: print in a running browser instead of launching one. */
  readonly wsEndpoint?: string
  /** Documents printed at once; defaults to one more than the CPU count, at most 4. */
  readonly concurrency?: number
}

export interface PdfPrinter {
  /** Documents printed at once. */
  readonly concurrency: number
  /**
   * Print one HTML document; at most `concurrency` print at once, the rest
   * wait their turn. Relative URLs in it resolve against a private folder,
   * so resources should be absolute `file:` URLs inside `allowedRoots`.
   */
  print(html: string, options: PrintOptions): Promise<Uint8Array>
  /**
   * Close our tabs, and the browser when we launched it. A browser we
   * connected to is shared: it stays up and we only disconnect.
   */
  close(): Promise<void>
}

/** Start the browser now and return a printer that waits for it on first use. */
export function openPrinter(options: PrinterOptions = {}): PdfPrinter {
  const concurrency = Math.max(1, options.concurrency ?? Math.min(4, os.availableParallelism() + 1))
  const ready = start(options)
  // A failed launch surfaces in print(); don't let it count as unhandled meanwhile.
  ready.catch(() => {})

  const idle: Tab[] = []
  const waiting: Array<{resolve: (tab: Tab) => void; reject: (error: unknown) => void}> = []
  const jobs = new WeakMap<Page, PrintOptions>()
  let open = 0
  let closed = false

  async function newTab(): Promise<Tab> {
    const {target, folder, blank} = await ready
    const page = await target.newPage()
    await page.setJavaScriptEnabled(false)
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const job = jobs.get(page)
      if (isAllowed(request, [folder]) || (job && isAllowed(request, job.allowedRoots))) {
        void request.continue()
      } else {
        job?.onBlocked?.(request.url())
        void request.abort('blockedbyclient')
      }
    })
    await page.goto(pathToFileURL(blank).href, {waitUntil: 'load'})
    const session = await page.createCDPSession()
    const {frameTree} = await session.send('Page.getFrameTree')
    return {page, session, frameId: frameTree.frame.id}
  }

  async function acquire(): Promise<Tab> {
    const tab = idle.pop()
    if (tab) return tab
    if (open < concurrency) {
      open++
      try {
        return await newTab()
      } catch (error) {
        open--
        throw error
      }
    }
    return new Promise((resolve, reject) => waiting.push({resolve, reject}))
  }

  function release(tab: Tab): void {
    jobs.delete(tab.page)
    const next = waiting.shift()
    if (next) next.resolve(tab)
    else idle.push(tab)
  }

  /** A tab whose print failed may be stuck half-way: replace it. */
  async function discard(tab: Tab): Promise<void> {
    await tab.page.close().catch(() => {})
    open--
    const next = waiting.shift()
    if (next) {
      open++
      newTab().then(next.resolve, (error: unknown) => {
        open--
        next.reject(error)
      })
    }
  }

  return {
    concurrency,
    async print(html, printOptions) {
      if (closed) throw new Error('the printer is closed')
      const tab = await acquire()
      jobs.set(tab.page, printOptions)
      try {
        const pdf = await printTab(tab, html, printOptions.timeoutMs ?? 60_000)
        release(tab)
        return pdf
      } catch (error) {
        await discard(tab)
        throw error
      }
    },
    async close() {
      if (closed) return
      closed = true
      let browser: Started
      try {
        browser = await ready
      } catch {
        return
      }
      if (browser.owned) {
        await browser.browser.close().catch(() => {})
      } else {
        await browser.target.close().catch(() => {})
        await browser.browser.disconnect().catch(() => {})
      }
      await rm(browser.folder, {recursive: true, force: true})
    }
  }
}

/** A reused tab: its page, a DevTools session on it and its main frame. */
interface Tab {
  readonly page: Page
  readonly session: CDPSession
  readonly frameId: string
}

interface Started {
  readonly browser: Browser
  /** Where our tabs open: the browser itself, or our own context in a shared one. */
  readonly target: Browser | BrowserContext
  /** True when we launched it, so we close it. */
  readonly owned: boolean
  /** The printer's own folder: documents' relative URLs resolve here. */
  readonly folder: string
  /** The blank page each tab opens once. */
  readonly blank: string
}

async function start(options: PrinterOptions): Promise<Started> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'imprint-print-'))
  const blank = path.join(folder, 'blank.html')
  await writeFile(blank, '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body></body></html>')
  try {
    if (options.wsEndpoint) {
      const browser = await connectBrowser(options.wsEndpoint)
      // A shared browser gets our own context: no cookies or cache cross
      // between builds, and closing it closes every tab we opened.
      const target = await browser.createBrowserContext()
      return {browser, target, owned: false, folder, blank}
    }
    const browser = await launchBrowser({executablePath: options.executablePath})
    return {browser, target: browser, owned: true, folder, blank}
  } catch (error) {
    await rm(folder, {recursive: true, force: true})
    throw error
  }
}

async function printTab(tab: Tab, html: string, timeout: number): Promise<Uint8Array> {
  const deadline = Date.now() + timeout
  await tab.session.send('Page.setDocumentContent', {frameId: tab.frameId, html})
  await waitForResources(tab.page, deadline)
  return tab.page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    tagged: true,
    outline: true,
    timeout
  })
}

/**
 * A replaced document has no load event to wait for: lay it out, so its
 * fonts start loading, then wait for them and for its images. The page's own
 * scripts stay off; these run from DevTools.
 */
async function waitForResources(page: Page, deadline: number): Promise<void> {
  const fonts = page.evaluate(() => {
    void document.body?.offsetHeight
    return document.fonts.ready.then(() => undefined)
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

function isAllowed(request: HTTPRequest, roots: readonly string[]): boolean {
  const url = request.url()
  if (url.startsWith('data:')) return true
  if (!url.startsWith('file:')) return false
  let file: string
  try {
    file = path.resolve(fileURLToPath(url))
  } catch {
    return false
  }
  return roots.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep))
}
