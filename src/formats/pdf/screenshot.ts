/**
 * A PNG of one document (a cover) in the printer's browser, under the
 * same request rules as a print.
 */
import type {Started} from './launch.ts'
import {requestPolicy, type PrintOptions} from './request-policy.ts'
import {openTab, showDocument, TAB_DOCUMENTS, type Tab} from './tab.ts'

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

/**
 * A tab kept for screenshots. Each document goes in place of the last, as a
 * print's does (tab.ts): a cover after the first skips a tab's start and a
 * navigation, and finds its fonts loaded (a hundred articles' covers took
 * 20 s in a new tab each, 8 s with a navigation each). Headless Chromium
 * paints only the tab in front, so a tab in a browser that also prints is
 * brought to the front for each shot.
 */
export class ShotTab {
  readonly #started: Started
  readonly #allowRemote: boolean | undefined
  #tab: Tab | undefined
  #check: (url: string) => string | undefined = () => 'no screenshot is being taken'
  #onBlocked: ScreenshotOptions['onBlocked']
  #viewport = ''

  constructor(started: Started, allowRemote?: boolean) {
    this.#started = started
    this.#allowRemote = allowRemote
  }

  async shoot(html: string, options: ScreenshotOptions, toFront: boolean, timeout: number): Promise<Shot> {
    const deadline = Date.now() + timeout
    this.#check = requestPolicy({allowedRoots: [this.#started.folder, ...options.allowedRoots], allowRemote: this.#allowRemote})
    this.#onBlocked = options.onBlocked
    try {
      const tab = await this.#fresh()
      const {page} = tab
      const viewport = {width: options.width, height: options.height, deviceScaleFactor: options.scale}
      if (JSON.stringify(viewport) !== this.#viewport) {
        await page.setViewport(viewport)
        this.#viewport = JSON.stringify(viewport)
      }
      await showDocument(tab, html, deadline)
      const fit = options.fit ? await page.evaluate(fitText, options.fit) : 1
      if (!options.image) return {fit}
      if (toFront) await page.bringToFront()
      return {image: await page.screenshot(options.image === 'jpeg' ? {type: 'jpeg', quality: 90} : {type: 'png'}), fit}
    } catch (error) {
      // Whatever the tab holds now is not a document to build on.
      await this.close()
      throw error
    } finally {
      this.#check = () => 'no screenshot is being taken'
    }
  }

  async close(): Promise<void> {
    const closing = this.#tab
    this.#tab = undefined
    this.#viewport = ''
    await closing?.page.close().catch(() => {})
  }

  /** The tab, opened anew at first and after TAB_DOCUMENTS shots, as a printing tab is. */
  async #fresh(): Promise<Tab> {
    if (this.#tab && this.#tab.shown >= TAB_DOCUMENTS) await this.close()
    if (this.#tab) return this.#tab
    const tab = await openTab(this.#started, false, (_page, url) => {
      const refusal = this.#check(url)
      if (refusal !== undefined) this.#onBlocked?.(url, refusal)
      return refusal
    })
    await tab.page.bringToFront()
    this.#tab = tab
    return tab
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


