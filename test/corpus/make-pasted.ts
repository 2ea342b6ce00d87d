/**
 * Make the pasted-text corpus: each real page of the web-page corpus as a
 * person gets it with select-all and copy in a browser.
 *
 *   node --import tsx test/corpus/make-pasted.ts [CORPUS [OUT]]
 *
 * Every page opens in headless Chromium with JavaScript off and every
 * request but the page's own refused (no stylesheet, image, font or frame
 * loads), and `document.body.innerText` is written to
 * test/corpus/pasted/<name>.txt (or OUT, for pages of another corpus of the
 * same layout). innerText is what the clipboard receives
 * on a copy of the whole page: rendered text only, a line break per block,
 * hidden elements left out, `<noscript>` shown because scripts are off.
 */
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {HTTPRequest} from 'puppeteer-core'
import {launchBrowser} from '../../src/formats/pdf/browser.ts'
import {PASTED_DIR, corpusDir, corpusPages} from './pasted-corpus.ts'

// Never resolved: the page's own bytes are answered by the interception below.
const PAGE_URL = 'http://pasted-corpus.invalid/page.html'
// A desktop window: a copy is usually made there, and inline styles may hide
// a mobile menu or show it by the width.
const VIEWPORT = {width: 1366, height: 768}
const LOAD_TIMEOUT_MS = 60_000

async function main(): Promise<void> {
  const corpus = corpusDir(process.argv[2])
  const out = path.resolve(process.argv[3] ?? PASTED_DIR)
  const names = await corpusPages(corpus)
  await mkdir(out, {recursive: true})
  const browser = await launchBrowser()
  try {
    for (const name of names) {
      const html = await readFile(path.join(corpus, name, 'source.html'))
      const text = await pastedText(browser, html)
      await writeFile(path.join(out, `${name}.txt`), text.endsWith('\n') ? text : `${text}\n`)
      process.stdout.write(`${name}: ${text.length} characters\n`)
    }
  } finally {
    await browser.close()
  }
}

type Browser = Awaited<ReturnType<typeof launchBrowser>>

/** What select-all and copy gives on one page. */
async function pastedText(browser: Browser, html: Buffer): Promise<string> {
  const page = await browser.newPage()
  try {
    await page.setViewport(VIEWPORT)
    await page.setJavaScriptEnabled(false)
    await page.setRequestInterception(true)
    page.on('request', (request: HTTPRequest) => {
      if (request.url() === PAGE_URL && request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        // The saved pages are UTF-8 (all 43 are); the header says so, as the
        // live site's server did, so a stale `<meta charset>` cannot garble them.
        void request.respond({status: 200, contentType: 'text/html; charset=utf-8', body: html})
      } else {
        void request.abort('blockedbyclient')
      }
    })
    await page.goto(PAGE_URL, {waitUntil: 'load', timeout: LOAD_TIMEOUT_MS})
    // DevTools evaluates this with the page's scripts still off.
    return await page.evaluate(() => document.body?.innerText ?? '')
  } finally {
    await page.close()
  }
}

await main()
