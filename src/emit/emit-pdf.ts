/**
 * emit PDF: print documents with one shared Chromium.
 *
 * Pages are loaded from file:// (setContent on about:blank silently blocks
 * local fonts and images), with JavaScript off and every request checked
 * against an allow-list of the build's own folders.
 */
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import type {Browser, HTTPRequest} from 'puppeteer-core'

export interface PrintOptions {
  /** Folders the document may load from: its content root, styles, fonts. */
  readonly allowedRoots: readonly string[]
  /** Called for each blocked request, to become a warning on the source. */
  readonly onBlocked?: (url: string) => void
  readonly timeoutMs?: number
}

export async function printPdf(browser: Browser, htmlPath: string, options: PrintOptions): Promise<Uint8Array> {
  const page = await browser.newPage()
  try {
    await page.setJavaScriptEnabled(false)
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      if (isAllowed(request, options.allowedRoots)) {
        void request.continue()
      } else {
        options.onBlocked?.(request.url())
        void request.abort('blockedbyclient')
      }
    })
    const timeout = options.timeoutMs ?? 60_000
    await page.goto(pathToFileURL(htmlPath).href, {waitUntil: 'load', timeout})
    return await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout
    })
  } finally {
    await page.close().catch(() => {})
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
