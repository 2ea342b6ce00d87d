// The one-launch floor: a plain Node script (no TypeScript loader, nothing
// of imprint's) that launches Chromium once through Puppeteer, prints one
// HTML document and closes. It is what any tool built on Puppeteer pays at
// the least, so imprint's times are divided by it.
//
//   node bench/floor-print.mjs EXECUTABLE ARGS_JSON HTML_PATH PDF_PATH
import {writeFile} from 'node:fs/promises'
import {pathToFileURL} from 'node:url'
import puppeteer from 'puppeteer-core'

const [executablePath, argsJson, htmlPath, pdfPath] = process.argv.slice(2)
const browser = await puppeteer.launch({executablePath, headless: true, args: JSON.parse(argsJson)})
try {
  const page = await browser.newPage()
  await page.goto(pathToFileURL(htmlPath).href, {waitUntil: 'load', timeout: 0})
  // The same print options imprint uses, so the floor does the same work.
  const pdf = await page.pdf({preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0})
  await writeFile(pdfPath, pdf)
} finally {
  await browser.close()
}
