/**
 * The output folder as a download site: index.html and the book page opened
 * in real Chromium with JavaScript off, every link resolving to a file of
 * the folder; the OPDS catalog well-formed (xmllint) with an acquisition
 * link for every EPUB and PDF.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {copyFile, mkdtemp, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {after, before, test} from 'node:test'
import type {Browser} from 'puppeteer-core'
import {launchBrowser} from '../src/formats/pdf/browser.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)

let out: string
let browser: Browser

before(async () => {
  const content = await mkdtemp(path.join(os.tmpdir(), 'imprint-site-src-'))
  for (const name of ['putin-abe-peace-treaty.txt', 'putin-abe-peace-treaty.meta.yaml']) await copyFile(path.join('content', name), path.join(content, name))
  await copyFile('test/fixtures/text/bridge-verkhneozyorsk.txt', path.join(content, 'bridge-verkhneozyorsk.txt'))
  await writeFile(path.join(content, 'bridge-verkhneozyorsk.meta.yaml'), 'lang: ru\ndate: 2024-06-01\n')
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-site-'))
  await run(process.execPath, [CLI, 'build', content, '--out', out, '--book', 'Site Book', '--booklet'], {cwd: content})
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
})

interface PageFacts {
  lang: string
  scripts: number
  links: string[]
  downloads: string[]
  overflow: boolean
  fontSize: number
}

async function open(name: string): Promise<PageFacts> {
  const page = await browser.newPage()
  try {
    await page.setJavaScriptEnabled(false)
    // A 6-inch e-reader's browser: about 600 × 800 CSS pixels.
    await page.setViewport({width: 600, height: 800})
    await page.goto(pathToFileURL(path.join(out, name)).href)
    // With JavaScript off, evaluate still runs in Puppeteer's isolated world.
    return await page.evaluate(() => ({
      lang: document.documentElement.lang,
      scripts: document.querySelectorAll('script').length,
      links: [...document.querySelectorAll('a[href], link[href]')].map((element) => (element as HTMLAnchorElement).href),
      downloads: [...document.querySelectorAll('a.download')].map((element) => element.textContent ?? ''),
      overflow: document.documentElement.scrollWidth > window.innerWidth,
      fontSize: Number.parseFloat(getComputedStyle(document.body).fontSize)
    }))
  } finally {
    await page.close()
  }
}

test('index.html: every link resolves to a file in the output folder', async () => {
  const facts = await open('index.html')
  assert.ok(facts.links.length >= 8, facts.links.join(', '))
  for (const href of facts.links) {
    assert.ok(href.startsWith('file:'), `${href} stays in the folder`)
    const file = fileURLToPath(href)
    assert.equal(path.dirname(file), out, `${href} is in the output folder`)
    assert.ok((await stat(file)).isFile(), `${href} exists`)
  }
  for (const name of ['site-book.html', 'site-book.epub', 'site-book.pdf', 'putin-abe-peace-treaty.pdf', 'opds.xml']) {
    assert.ok(facts.links.some((href) => href.endsWith('/' + name)), `index links ${name}`)
  }
})

test('index.html and the book page: plain HTML, lang set, sizes shown, readable on a 6-inch screen', async () => {
  for (const name of ['index.html', 'site-book.html']) {
    const facts = await open(name)
    assert.equal(facts.lang, 'en', name)
    assert.equal(facts.scripts, 0, name)
    assert.ok(!facts.overflow, `${name} needs no sideways scrolling at 600 px`)
    assert.ok(facts.fontSize >= 16, `${name} body text is at least 16 px`)
    assert.ok(facts.downloads.length > 0)
    for (const label of facts.downloads) assert.match(label, /\((\d+(\.\d)?) (B|KB|MB)\)$/, `${name}: “${label}” shows its size`)
    const bytes = (await stat(path.join(out, name))).size
    assert.ok(bytes < 16 * 1024, `${name} is small (${bytes} bytes)`)
  }
})

test('the book page links its files and every article page, each resolving', async () => {
  const facts = await open('site-book.html')
  for (const href of facts.links) assert.ok((await stat(fileURLToPath(href))).isFile(), `${href} exists`)
  for (const name of ['site-book.epub', 'site-book.pdf', 'site-book-booklet.pdf', 'putin-abe-peace-treaty.html', 'bridge-verkhneozyorsk.html', 'index.html']) {
    assert.ok(facts.links.some((href) => href.endsWith('/' + name)), `book page links ${name}`)
  }
})

test('opds.xml: well-formed, an acquisition link for every EPUB and PDF (never a booklet), and the facts per entry', async () => {
  const catalog = path.join(out, 'opds.xml')
  await run('xmllint', ['--noout', catalog])
  const xpath = async (expression: string) =>
    (await run('xmllint', ['--xpath', expression, catalog])).stdout.trim()
  const ns = (expression: string) => expression.replace(/\b(feed|entry|link|title|author|name|summary|updated|id)\b/g, "*[local-name()='$1']")
  const files = await readdir(out)
  for (const file of files.filter((name) => /\.(epub|pdf)$/.test(name))) {
    const type = file.endsWith('.epub') ? 'application/epub+zip' : 'application/pdf'
    const count = await xpath(`count(${ns('/feed/entry/link')}[@rel='http://opds-spec.org/acquisition'][@href='${file}'][@type='${type}'])`)
    // A booklet is for folding paper, not for a reader's screen.
    const expected = file.endsWith('-booklet.pdf') ? '0' : '1'
    assert.equal(count, expected, `${file} has ${expected} acquisition link of type ${type}`)
  }
  // Every entry, book or article, has a cover and a thumbnail that are files of the folder.
  for (const rel of ['http://opds-spec.org/image', 'http://opds-spec.org/image/thumbnail']) {
    const hrefs = (await xpath(`${ns('/feed/entry/link')}[@rel='${rel}']/@href`)).match(/href="[^"]+"/g) ?? []
    assert.equal(hrefs.length, 3, `every entry has ${rel}`)
    for (const href of hrefs) assert.ok(files.includes(href.slice(6, -1)), `${href} is in the folder`)
  }
  const entries = Number(await xpath(`count(${ns('/feed/entry')})`))
  assert.equal(entries, 3, 'the book and the two articles')
  for (const field of ['title', 'summary', 'updated', 'id']) {
    assert.equal(await xpath(`count(${ns('/feed/entry/' + field)})`), String(entries), `every entry has ${field}`)
  }
  // The book collects one article of RFE/RL and one that names no publisher: it names no author rather than a false one,
  // and the feed's author stands for it (RFC 4287 §4.1.1).
  assert.equal(await xpath(`count(${ns('/feed/entry/author/name')})`), String(entries - 1), 'every article names its author')
  assert.equal(await xpath(`count(${ns('/feed/author/name')})`), '1', 'the feed has an author')
  assert.equal(await xpath(`count(/*[local-name()='feed']/*[local-name()='entry']/*[local-name()='language'])`), String(entries))
  const text = await readFile(catalog, 'utf8')
  // Dates come from the content, never the clock.
  assert.match(text, /<updated>2024-06-01T00:00:00Z<\/updated>/)
  assert.match(text, /<updated>2018-05-26T00:00:00Z<\/updated>/)
  assert.ok(!text.includes(new Date().toISOString().slice(0, 10)) || new Date().toISOString().startsWith('2024-06-01'))
  assert.match(text, /<dc:language>ru<\/dc:language>/)
})

test('the catalog has facets by language and by book, each a feed of its own', async () => {
  const text = await readFile(path.join(out, 'opds.xml'), 'utf8')
  const facets = [...text.matchAll(/<link rel="http:\/\/opds-spec\.org\/facet" href="([^"]+)"[^>]*title="([^"]+)" opds:facetGroup="([^"]+)"[^>]*thr:count="(\d+)"/g)].map((match) => ({
    href: match[1]!,
    title: match[2]!,
    group: match[3]!,
    count: Number(match[4])
  }))
  assert.deepEqual(
    facets.map((facet) => [facet.group, facet.href]),
    [
      ['Language', 'opds-language-en.xml'],
      ['Language', 'opds-language-ru.xml'],
      ['Book', 'opds-book-site-book.xml']
    ]
  )
  // The book takes one of the two languages: the language facets share out the three entries.
  assert.equal(facets[0]!.count + facets[1]!.count, 3)
  assert.equal(facets[2]!.count, 3, 'the book and its two articles')
  assert.equal(facets[1]!.title, 'Русский', 'a language is named in itself')
  for (const facet of facets) {
    const feed = path.join(out, facet.href)
    await run('xmllint', ['--noout', feed])
    const body = await readFile(feed, 'utf8')
    assert.equal(body.match(/<entry>/g)?.length, facet.count, `${facet.href} holds its ${facet.count} entries`)
    assert.match(body, new RegExp(`<link rel="http://opds-spec.org/facet" href="${facet.href}"[^>]*opds:activeFacet="true"`))
    assert.match(body, /<link rel="start" href="opds\.xml"/)
  }
})
