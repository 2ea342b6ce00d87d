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
 * Shots a tab takes in one document before it loads a fresh one: each swap
 * leaves the last body to the garbage collector, and a document that
 * served a thousand covers would keep growing in between.
 */
const SWAPS_PER_DOCUMENT = 50

/**
 * A tab kept for screenshots. Each cover after the first skips a tab's
 * start and a navigation, and finds its fonts loaded: a hundred articles'
 * covers took 20 s in a new tab each. Headless Chromium paints only the tab
 * in front, so a tab in a browser that also prints is brought to the front
 * for each shot.
 */
export class ShotTab {
  readonly #started: Started
  readonly #page: Page
  readonly #allowRemote: boolean | undefined
  #check: (url: string) => string | undefined = () => 'no screenshot is being taken'
  #onBlocked: ScreenshotOptions['onBlocked']
  /** Shots taken in the document shown, which the next may replace in place; 0 when there is none. */
  #swaps = 0
  #viewport = ''

  private constructor(started: Started, page: Page, allowRemote: boolean | undefined) {
    this.#started = started
    this.#page = page
    this.#allowRemote = allowRemote
  }

  static async open(started: Started, allowRemote?: boolean): Promise<ShotTab> {
    const tab = new ShotTab(started, await started.target.newPage(), allowRemote)
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
    await tab.#page.bringToFront()
    return tab
  }

  async shoot(html: string, options: ScreenshotOptions, toFront: boolean): Promise<Shot> {
    const file = path.join(this.#started.folder, `screenshot-${++shots}.html`)
    this.#check = requestPolicy({allowedRoots: [this.#started.folder, ...options.allowedRoots], allowRemote: this.#allowRemote})
    this.#onBlocked = options.onBlocked
    const page = this.#page
    try {
      const viewport = {width: options.width, height: options.height, deviceScaleFactor: options.scale}
      if (JSON.stringify(viewport) !== this.#viewport) {
        await page.setViewport(viewport)
        this.#viewport = JSON.stringify(viewport)
      }
      // A document with the stylesheets of the one shown takes its place
      // without a navigation, which took 90–200 ms of a cover's 300.
      const swapped = this.#swaps > 0 && this.#swaps < SWAPS_PER_DOCUMENT && (await page.evaluate(swapDocument, html))
      if (swapped) {
        this.#swaps++
      } else {
        await writeFile(file, html)
        await page.goto(pathToFileURL(file).href, {waitUntil: 'load'})
        this.#swaps = 1
      }
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      const fit = options.fit ? await page.evaluate(fitText, options.fit) : 1
      if (!options.image) return {fit}
      if (toFront) await page.bringToFront()
      return {image: await page.screenshot(options.image === 'jpeg' ? {type: 'jpeg', quality: 90} : {type: 'png'}), fit}
    } catch (error) {
      // Whatever the page holds now is not a document to build on.
      this.#swaps = 0
      throw error
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


/**
 * Runs in the page. When `html` has the shown document's stylesheets, puts
 * its root attributes, title and body in place of the shown one's and
 * resolves once its images are decoded (what a navigation's `load` waited
 * for); otherwise resolves false and changes nothing. DOMParser's document
 * is inert: nothing in it loads or runs until it is adopted here, under the
 * tab's request rules.
 */
function swapDocument(html: string): Promise<boolean> | boolean {
  // No inner named functions (see fitText).
  const next = new DOMParser().parseFromString(html, 'text/html')
  const [shown, coming] = [document, next].map((doc) => Array.from(doc.querySelectorAll('head style, head link'), (node) => node.outerHTML).join('\n'))
  if (shown !== coming) return false
  const root = document.documentElement
  for (const name of root.getAttributeNames()) root.removeAttribute(name)
  for (const name of next.documentElement.getAttributeNames()) root.setAttribute(name, next.documentElement.getAttribute(name) ?? '')
  document.title = next.title
  document.body.replaceWith(document.adoptNode(next.body))
  return Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined))).then(() => true)
}
