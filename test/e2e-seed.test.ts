/**
 * End to end: build the seed in every format and read what came out.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, readdir, readFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {before, test} from 'node:test'
import {launchBrowser} from '../src/formats/pdf/browser.ts'
import {epubcheck, pdfFonts, pdfInfo, pdfText, readEpub, squash} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)

const HEADLINE = 'Putin, Abe Vow To Seek WWII Treaty, Solution To Island Dispute'
const CREDITS = 'With reporting by AFP, AP, and Interfax'
const NOTICE = [
  'RFE/RL journalists report the news in 27\u00a0languages in 23\u00a0countries where a free press is banned by the government or not fully established. We provide what many people cannot get locally: uncensored news, responsible discussion, and open debate.',
  'RFE/RL has been declared an "undesirable organization" by the Russian government.',
  'If you are in Russia or the Russia-controlled parts of Ukraine and hold a Russian passport or are a stateless person residing permanently in Russia or the Russia-controlled parts of Ukraine, please note that you could face fines or imprisonment for sharing, liking, commenting on, or saving our content, or for contacting us.',
  'To find out more, click here.'
]
const CAPTION = 'Russian President Vladimir Putin speaks during a session of the St. Petersburg International Economic Forum.'

let out: string
let stdout: string

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-e2e-'))
  const result = await run(process.execPath, [CLI, 'build', 'content', '--out', out])
  stdout = result.stdout
})

test('the build writes the three outputs, the EPUB cover and the index, and lists them', async () => {
  const files = (await readdir(out)).sort()
  assert.deepEqual(files, ['index.html', 'opds.xml', 'putin-abe-peace-treaty-cover.png', 'putin-abe-peace-treaty.epub', 'putin-abe-peace-treaty.html', 'putin-abe-peace-treaty.pdf'])
  assert.match(stdout, /putin-abe-peace-treaty\.pdf {2}\d/)
})

test('PDF: text holds the headline, the body, the credits and the whole notice', async () => {
  const text = squash(await pdfText(path.join(out, 'putin-abe-peace-treaty.pdf')))
  assert.ok(text.includes(HEADLINE))
  assert.ok(text.includes(squash(CREDITS)))
  for (const paragraph of NOTICE) {
    // Typography must not touch the notice: its straight quotes stay.
    assert.ok(text.includes(squash(paragraph)), `notice paragraph missing from PDF: ${paragraph.slice(0, 40)}`)
  }
  assert.ok(text.includes('Abe’s late father Shintaro Abe — as a foreign minister — at one time'))
  assert.ok(text.includes('“We believe it is important'))
  assert.equal(text.split(squash(CAPTION)).length - 1, 1, 'the caption appears exactly once')
  for (const chrome of ['Accessibility links', 'Breaking News', '16x9 Image']) assert.ok(!text.includes(chrome), chrome)
})

test('PDF: the notice ends the last page', async () => {
  const file = path.join(out, 'putin-abe-peace-treaty.pdf')
  const pages = Number((await pdfInfo(file)).Pages)
  const last = squash(await pdfText(file, {first: pages, last: pages}))
  // The source line (a URL, when the article has one) follows; the page footer ("Page 2 of 2") is printed in the bottom margin box, after the body.
  assert.match(last, /To find out more, click here\.\s*Page \d+ of \d+$/)
})

test('PDF: tagged, titled with the headline, A4, with an outline and running head', async () => {
  const file = path.join(out, 'putin-abe-peace-treaty.pdf')
  const info = await pdfInfo(file)
  assert.equal(info.Tagged, 'yes')
  assert.equal(info.Title, HEADLINE)
  assert.match(info['Page size']!, /^59[45]\.\d+ x 841\.\d+ pts \(A4\)/)
  const second = squash(await pdfText(file, {first: 2, last: 2}))
  // The head fits one line of the margin: a long headline is cut at a word.
  assert.ok(second.startsWith('Putin, Abe Vow To Seek WWII Treaty, Solution To Island…'), 'running head on page 2')
  assert.match(second, /Page 2 of 2$/)
  const {stdout: json} = await run('qpdf', ['--json', '--json-key=outlines', file])
  const outlines = (JSON.parse(json) as {outlines: {title: string}[]}).outlines
  assert.deepEqual(outlines.map((entry) => entry.title), [HEADLINE])
})

test('PDF: every font is embedded and none comes from the system', async () => {
  const fonts = await pdfFonts(path.join(out, 'putin-abe-peace-treaty.pdf'))
  assert.ok(fonts.length > 0)
  for (const font of fonts) {
    assert.ok(font.embedded, `${font.name} is not embedded`)
    assert.match(font.name, /Noto/, `${font.name} is not a bundled font`)
  }
})

test('EPUB: EPUBCheck reports no errors and no warnings', async () => {
  const verdict = await epubcheck(path.join(out, 'putin-abe-peace-treaty.epub'))
  assert.deepEqual(verdict.messages, [])
  assert.equal(verdict.fatals + verdict.errors + verdict.warnings, 0)
})

test('EPUB: the chapter holds credits and notice verbatim; the package metadata carries them', async () => {
  const entries = await readEpub(path.join(out, 'putin-abe-peace-treaty.epub'))
  const chapters = [...entries].filter(([name]) => name.endsWith('.xhtml') && !/toc|nav/.test(name))
  const xhtml = chapters.map(([, text]) => text).join('\n')
  assert.ok(xhtml.includes(CREDITS))
  for (const paragraph of NOTICE) assert.ok(xhtml.includes(paragraph.replace(/"/g, '&#x22;')) || xhtml.includes(paragraph), paragraph.slice(0, 40))
  const opf = [...entries].find(([name]) => name.endsWith('.opf'))![1]
  assert.match(opf, /<dc:contributor[^>]*>With reporting by AFP, AP, and Interfax<\/dc:contributor>/)
  assert.match(opf, /<dc:rights>[^<]*RFE\/RL journalists report the news/)
  assert.match(opf, /<dc:language>en<\/dc:language>/)
  assert.match(opf, /xml:lang="en"/)
  assert.match(opf, /<dc:publisher>RFE\/RL<\/dc:publisher>/)
  assert.ok(!opf.includes('All rights reserved'))
})

test('HTML: opened in Chromium, the page shows the article, credits and notice, and loads nothing', async () => {
  const html = await readFile(path.join(out, 'putin-abe-peace-treaty.html'), 'utf8')
  assert.ok(!/<script|<link|src="http|url\(/i.test(html), 'the page is standalone')
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.setJavaScriptEnabled(false)
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(pathToFileURL(path.join(out, 'putin-abe-peace-treaty.html')).href)
    assert.equal(await page.title(), HEADLINE)
    const facts = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelector('h1')?.textContent,
      credits: document.querySelector('.credits')?.textContent,
      notice: [...document.querySelectorAll('.notice p')].map((p) => p.textContent),
      captions: document.querySelectorAll('figcaption').length,
      noticeVisible: (document.querySelector('.notice') as HTMLElement | null)?.offsetHeight ?? 0
    }))
    assert.equal(facts.lang, 'en')
    assert.equal(facts.h1, HEADLINE)
    assert.equal(facts.credits, CREDITS)
    assert.deepEqual(facts.notice, NOTICE)
    assert.equal(facts.captions, 1)
    assert.ok(facts.noticeVisible > 0)
    assert.equal(requests.length, 1, `only the page itself loads: ${requests.join(', ')}`)
  } finally {
    await browser.close()
  }
})

test('index.html links to the page, the EPUB and the PDF', async () => {
  const index = await readFile(path.join(out, 'index.html'), 'utf8')
  assert.match(index, /href="putin-abe-peace-treaty\.html"/)
  assert.match(index, /href="putin-abe-peace-treaty\.epub"/)
  assert.match(index, /href="putin-abe-peace-treaty\.pdf"/)
  assert.ok(index.includes(HEADLINE))
})
