/**
 * A PNG of one document (a book's cover) in the printer's browser, under the
 * same request rules as a print.
 */
import {rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Started} from './launch.ts'
import {requestPolicy, type PrintOptions} from './request-policy.ts'

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
  /** The image to take, or none when only the fit is wanted. */
  readonly image?: 'png' | 'jpeg'
}

export interface Shot {
  readonly image?: Uint8Array
  /** The `--fit` the text took, 1 when it fitted as it was. */
  readonly fit: number
}

let shots = 0

/**
 * One document (a book's cover), in a tab of its own brought to the front:
 * headless Chromium paints only the tab in front, and a screenshot of a
 * reused tab behind others can wait for a frame that never comes. Covers
 * are one per book, so the new tab costs little.
 */
export async function screenshotPage(started: Started, html: string, options: ScreenshotOptions, allowRemote?: boolean): Promise<Shot> {
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
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    const fit = options.fit ? await page.evaluate(fitText, options.fit) : 1
    if (!options.image) return {fit}
    await page.bringToFront()
    return {image: await page.screenshot(options.image === 'jpeg' ? {type: 'jpeg', quality: 90} : {type: 'png'}), fit}
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
function fitText(selector: string): number {
  // No inner named functions: tsx (esbuild keepNames) would wrap them in a
  // `__name` helper the page does not have.
  const frame = document.querySelector(selector)
  if (!frame) return 1
  const range = document.createRange()
  let fit = 1
  while (fit > 0.25) {
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
    if (fits) return fit
    fit *= 0.95
    document.documentElement.style.setProperty('--fit', String(fit))
  }
  return fit
}

/** A reused tab: its page, a DevTools session on it and its main frame. */
