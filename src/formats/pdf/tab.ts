/**
 * A reused tab of the printer, and one print in it: the document goes in
 * place of the tab's last one (keeping its first stylesheet when it is the
 * same), its fonts and images load, and Chromium prints it.
 */
import {setTimeout as sleep} from 'node:timers/promises'
import {pathToFileURL} from 'node:url'
import type {CDPSession, Page} from 'puppeteer-core'
import type {Started} from './launch.ts'

export interface Tab {
  readonly page: Page
  readonly session: CDPSession
  readonly frameId: string
  /** Documents shown so far (printed, or drawn for a screenshot); the first replaces the blank page. */
  shown: number
  /** The text of the first stylesheet of the document now in the tab. */
  sharedStyle?: string
}

/**
 * A tab on the printer's blank page, every request it makes put to `refuse`
 * (a reason to block it, or undefined to let it load). `initial` takes the
 * tab Chromium opened at launch. The tab loads the blank page once more
 * with the request rules in place: in a tab whose document loaded before
 * them, a later document's request (an <img> of a FIFO) stayed paused for
 * ever, Puppeteer waiting for a network event to pair it with
 * (test/pdf-sandbox.test.ts).
 */
export async function openTab(started: Started, initial: boolean, refuse: (page: Page, url: string) => string | undefined): Promise<Tab> {
  const page = (initial ? (await started.browser.pages())[0] : undefined) ?? (await started.target.newPage())
  await Promise.all([page.setJavaScriptEnabled(false), page.setRequestInterception(true)])
  page.on('request', (request) => {
    if (refuse(page, request.url()) === undefined) void request.continue()
    else void request.abort('blockedbyclient')
  })
  const [session] = await Promise.all([page.createCDPSession(), page.goto(pathToFileURL(started.blank).href, {waitUntil: 'load'})])
  const {frameTree} = await session.send('Page.getFrameTree')
  return {page, session, frameId: frameTree.frame.id, shown: 0}
}

/**
 * Documents a tab shows before it is closed and a fresh one opened. A tab
 * that keeps its stylesheets swaps bodies in one long-lived document, and
 * its renderer grew (in a 1000-article build, from about 100 to 160 MB per
 * tab in 30 s); a fresh tab costs one full document load, some 10 ms.
 */
export const TAB_DOCUMENTS = 50

/** Put `html` in the tab, in place of its last document, and wait for its fonts and images. */
export async function showDocument(tab: Tab, html: string, deadline: number): Promise<void> {
  const style = firstStyle(html)
  let kept = false
  if (tab.shown > 0) {
    // The tab has this stylesheet already (45 of the seed's 51 KB): the
    // document goes over without its text.
    const known = style !== undefined && tab.sharedStyle === style.text
    kept = await tab.page.evaluate(replaceKeepingStyles, known ? html.slice(0, style.start) + html.slice(style.end) : html, known)
  }
  if (!kept) await tab.session.send('Page.setDocumentContent', {frameId: tab.frameId, html})
  tab.sharedStyle = style?.text
  tab.shown++
  await waitForResources(tab.page, deadline)
}

export async function printTab(tab: Tab, html: string, timeout: number): Promise<Uint8Array> {
  await showDocument(tab, html, Date.now() + timeout)
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
    // Page numbers in Latin, Persian and Arabic digits (counter styles decimal, persian, arabic-indic).
    let text = '0123456789\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669 /'
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
