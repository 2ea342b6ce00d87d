/**
 * emit PDF: print documents with one shared Chromium.
 *
 * The one place imprint prints. `openPrinter` starts (or connects to) the
 * browser at once, so its launch overlaps the caller's other work, and
 * keeps a small pool of tabs that are reused from one document to the next:
 * a new tab costs a renderer process, a reused one only a navigation.
 *
 * Pages are loaded from file:// (setContent on about:blank silently blocks
 * local fonts and images), with JavaScript off and every request checked
 * against an allow-list of the build's own folders.
 */
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {Browser, BrowserContext, HTTPRequest, Page} from 'puppeteer-core'
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
  /** Print one document; at most `concurrency` print at once, the rest wait their turn. */
  print(htmlPath: string, options: PrintOptions): Promise<Uint8Array>
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

  const idle: Page[] = []
  const waiting: Array<{resolve: (page: Page) => void; reject: (error: unknown) => void}> = []
  const jobs = new WeakMap<Page, PrintOptions>()
  let open = 0
  let closed = false

  async function newTab(): Promise<Page> {
    const {target} = await ready
    const page = await target.newPage()
    await page.setJavaScriptEnabled(false)
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const job = jobs.get(page)
      if (job && isAllowed(request, job.allowedRoots)) {
        void request.continue()
      } else {
        job?.onBlocked?.(request.url())
        void request.abort('blockedbyclient')
      }
    })
    return page
  }

  async function acquire(): Promise<Page> {
    const page = idle.pop()
    if (page) return page
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

  function release(page: Page): void {
    jobs.delete(page)
    const next = waiting.shift()
    if (next) next.resolve(page)
    else idle.push(page)
  }

  /** A tab whose print failed may be stuck mid-navigation: replace it. */
  async function discard(page: Page): Promise<void> {
    await page.close().catch(() => {})
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
    async print(htmlPath, printOptions) {
      if (closed) throw new Error('the printer is closed')
      const page = await acquire()
      jobs.set(page, printOptions)
      try {
        const pdf = await printPage(page, htmlPath, printOptions.timeoutMs ?? 60_000)
        release(page)
        return pdf
      } catch (error) {
        await discard(page)
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
    }
  }
}

interface Started {
  readonly browser: Browser
  /** Where our tabs open: the browser itself, or our own context in a shared one. */
  readonly target: Browser | BrowserContext
  /** True when we launched it, so we close it. */
  readonly owned: boolean
}

async function start(options: PrinterOptions): Promise<Started> {
  if (options.wsEndpoint) {
    const browser = await connectBrowser(options.wsEndpoint)
    // A shared browser gets our own context: no cookies or cache cross
    // between builds, and closing it closes every tab we opened.
    const target = await browser.createBrowserContext()
    return {browser, target, owned: false}
  }
  const browser = await launchBrowser({executablePath: options.executablePath})
  return {browser, target: browser, owned: true}
}

async function printPage(page: Page, htmlPath: string, timeout: number): Promise<Uint8Array> {
  await page.goto(pathToFileURL(htmlPath).href, {waitUntil: 'load', timeout})
  return page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    tagged: true,
    outline: true,
    timeout
  })
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
