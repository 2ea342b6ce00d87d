/**
 * A PNG of one document (a book's cover) in the printer's browser, under the
 * same request rules as a print.
 */
import {rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Page} from 'puppeteer-core'
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
 * One document (a cover), in a tab of its own brought to the front:
 * headless Chromium paints only the tab in front, and a screenshot of a
 * reused tab behind others can wait for a frame that never comes.
 */
export async function screenshotPage(started: Started, html: string, options: ScreenshotOptions, allowRemote?: boolean): Promise<Shot> {
  const tab = await ShotTab.open(started, allowRemote)
  try {
    return await tab.shoot(html, options, true)
  } finally {
    await tab.close()
  }
}

/**
 * A tab kept for screenshots in a browser that does nothing else (the one
 * covers are drawn in beside a single-process printer): the only tab, so
 * always in front, and each cover after the first skips a tab's start and
 * finds its fonts loaded. A hundred articles' covers took 20 s in a new
 * tab each.
 */
export class ShotTab {
  readonly #started: Started
  readonly #page: Page
  #check: (url: string) => string | undefined = () => 'no screenshot is being taken'
  #onBlocked: ScreenshotOptions['onBlocked']

  private constructor(started: Started, page: Page) {
    this.#started = started
    this.#page = page
  }

  static async open(started: Started, allowRemote?: boolean): Promise<ShotTab> {
    const tab = new ShotTab(started, await started.target.newPage())
    await tab.#page.setJavaScriptEnabled(false)
    await tab.#page.setRequestInterception(true)
    tab.#page.on('request', (request) => {
      const refusal = tab.#check(request.url())
      if (refusal === undefined) {
        void request.continue()
      } else {
        tab.#onBlocked?.(request.url(), refusal)
        void request.abort('blockedbyclient')
      }
    })
    tab.#allowRemote = allowRemote
    await tab.#page.bringToFront()
    return tab
  }

  #allowRemote: boolean | undefined

  async shoot(html: string, options: ScreenshotOptions, toFront = false): Promise<Shot> {
    const file = path.join(this.#started.folder, `screenshot-${++shots}.html`)
    this.#check = requestPolicy({allowedRoots: [this.#started.folder, ...options.allowedRoots], allowRemote: this.#allowRemote})
    this.#onBlocked = options.onBlocked
    const page = this.#page
    try {
      await page.setViewport({width: options.width, height: options.height, deviceScaleFactor: options.scale})
      await writeFile(file, html)
      await page.goto(pathToFileURL(file).href, {waitUntil: 'load'})
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      const fit = options.fit ? await page.evaluate(fitText, options.fit) : 1
      if (!options.image) return {fit}
      if (toFront) await page.bringToFront()
      return {image: await page.screenshot(options.image === 'jpeg' ? {type: 'jpeg', quality: 90} : {type: 'png'}), fit}
    } finally {
      this.#check = () => 'no screenshot is being taken'
      await rm(file, {force: true})
    }
  }

  async close(): Promise<void> {
    await this.#page.close().catch(() => {})
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
