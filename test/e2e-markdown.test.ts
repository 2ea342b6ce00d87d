/**
 * End to end: build the Markdown fixture (front matter, a local image, two
 * footnotes, a table, a task list, and images that must be left out) in every
 * format, and read what came out.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cp, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {before, test} from 'node:test'
import JSZip from 'jszip'
import {launchBrowser, resolveBrowser} from '../src/formats/pdf/browser.ts'
import {epubcheck, pdfImages, pdfText, readEpub, squash} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const FIXTURES = path.resolve('test/fixtures/markdown')
const SOURCE = path.join(FIXTURES, 'harbour-lights.md')

const HEADLINE = 'Harbour Lights Return After Forty Years'
const CREDITS = 'With reporting by Nordic Wire and Coastal Radio'
const NOTICE = [
  'Harbour Gazette articles may be shared only with this notice and the credits above, word for word.',
  '"Harbour Gazette" is published by the Portvik Press Cooperative.'
]
const NOTE = 'The restoration cost 2.4 million crowns, paid by the town and the fishing cooperative.'

/** The EPUB's generated cover, beside the article's own images. */
const COVER = 'OEBPS/images/cover.png'
let out: string
let stderr: string
let image: {bytes: Buffer; href: string}

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-e2e-md-'))
  // Warnings do not fail a build: the exit code must be 0.
  const result = await run(process.execPath, [CLI, 'build', FIXTURES, '--out', out, '--no-cache'])
  stderr = result.stderr
  const bytes = await readFile(path.join(FIXTURES, 'images/lantern.png'))
  image = {bytes, href: `images/${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.png`}
})

test('the build succeeds with a warning at line:col for each image it left out', async () => {
  assert.deepEqual((await readdir(out)).sort(), ['harbour-lights-cover.png', 'harbour-lights.epub', 'harbour-lights.html', 'harbour-lights.pdf', 'index.html', 'opds.xml'])
  const where = path.relative(process.cwd(), SOURCE)
  const lines = stderr.trim().split('\n')
  const expected: Array<[string, string]> = [
    ['29:1', 'missing-alt'],
    ['31:1', 'missing-image'],
    ['33:1', 'refused-resource'],
    ['35:1', 'refused-resource'],
    ['37:1', 'remote-image']
  ]
  assert.equal(lines.length, expected.length, stderr)
  expected.forEach(([place, rule], index) => {
    const line = lines[index]!
    assert.ok(line.startsWith(`${where}:${place}  warning  `), line)
    assert.ok(line.endsWith(`  ${rule}`), line)
  })
  assert.match(lines[2]!, /`\.\.\/\.\.\/etc\/passwd` refused/)
})

test('EPUB: EPUBCheck reports nothing', async () => {
  const verdict = await epubcheck(path.join(out, 'harbour-lights.epub'))
  assert.deepEqual(verdict.messages, [])
})

test('EPUB: Ace finds no accessibility violation (labelled checkboxes, footnotes, alt text)', async () => {
  const report = path.join(out, 'ace')
  await run(process.execPath, [path.resolve('node_modules/.bin/ace-puppeteer'), '--silent', '--outdir', report, path.join(out, 'harbour-lights.epub')], {
    env: {...process.env, PUPPETEER_EXECUTABLE_PATH: resolveBrowser()},
    maxBuffer: 64 * 1024 * 1024
  })
  const result = JSON.parse(await readFile(path.join(report, 'report.json'), 'utf8')) as {
    'earl:result': {'earl:outcome': string}
    assertions: Array<{assertions: Array<{'earl:test': {'dct:title': string}; 'earl:result': {'dct:description': string}}>}>
  }
  const violations = result.assertions.flatMap((subject) =>
    subject.assertions.map((item) => `${item['earl:test']['dct:title']}: ${item['earl:result']['dct:description']}`)
  )
  assert.deepEqual(violations, [])
  assert.equal(result['earl:result']['earl:outcome'], 'pass')
})

test('EPUB: the image under its content-hash name, the footnote asides and noterefs, the metadata', async () => {
  const file = path.join(out, 'harbour-lights.epub')
  const zip = await JSZip.loadAsync(await readFile(file))
  const stored = await zip.file(`OEBPS/${image.href}`)?.async('nodebuffer')
  assert.ok(stored?.equals(image.bytes), `OEBPS/${image.href} holds the PNG byte for byte`)
  // The generated cover aside (images/cover.png, see test/screen-formats.test.ts).
  const names = Object.keys(zip.files).filter((name) => name.startsWith('OEBPS/images/') && name !== COVER && !zip.files[name]!.dir)
  assert.deepEqual(names, [`OEBPS/${image.href}`], 'one image; the left-out ones are nowhere')

  const entries = await readEpub(file)
  const opf = entries.get('OEBPS/content.opf')!
  assert.match(opf, new RegExp(`<item id="[^"]+" href="${image.href}" media-type="image/png"/>`))
  assert.match(opf, /<dc:contributor>With reporting by Nordic Wire and Coastal Radio<\/dc:contributor>/)
  assert.match(opf, /<dc:subject>harbour<\/dc:subject>\s*<dc:subject>lighthouse<\/dc:subject>\s*<dc:subject>restoration<\/dc:subject>/)
  assert.match(opf, /<dc:source>https:\/\/example\.org\/news\/harbour-lights<\/dc:source>/)
  const chapter = entries.get('OEBPS/harbour-lights.xhtml')!
  assert.equal(chapter.split(`src="${image.href}"`).length - 1, 2, 'the lead and the body image')
  assert.match(chapter, /<aside id="fn-cost" class="footnote" epub:type="footnote" role="doc-footnote"><p><a href="#fnref-cost" role="doc-backlink">1\.<\/a> The restoration cost/)
  assert.match(chapter, /<aside id="fn-boats" class="footnote" epub:type="footnote" role="doc-footnote">/)
  assert.match(chapter, /<a href="#fn-cost" id="fnref-cost"[^>]* role="doc-noteref" epub:type="noteref">1<\/a>/)
  assert.match(chapter, /<li class="task-list-item"><label><input type="checkbox" checked="" disabled=""\/> Replace the lantern glass<\/label><\/li>/)
  assert.match(chapter, /<th>Keeper<\/th>/)
  assert.ok(!/passwd|hostname|keepers-house|example\.org\/pier/.test(chapter))
})

test('PDF: the image, the footnotes at the end, then credits and notice', async () => {
  const file = path.join(out, 'harbour-lights.pdf')
  const text = squash(await pdfText(file))
  assert.ok(text.includes(HEADLINE))
  assert.ok(text.includes('The restored lantern on its first night. Photo: Jo Ek/Harbour Gazette'))
  const note = text.indexOf('1. ' + NOTE)
  const credits = text.indexOf(CREDITS)
  assert.ok(note > text.indexOf('steer by it again this winter'), 'the notes follow the body')
  assert.ok(credits > note, 'the credits follow the notes')
  assert.ok(text.includes('2. Eleven boats still fish out of Portvik.'))
  let last = credits
  for (const paragraph of NOTICE) {
    const at = text.indexOf(paragraph)
    assert.ok(at > last, `notice paragraph in order: ${paragraph}`)
    last = at
  }
  assert.ok(!text.includes('↩'), 'no backlinks on paper')
  const images = await pdfImages(file)
  assert.deepEqual(images.map(({width, height}) => `${width}x${height}`), ['120x80', '120x80'])
})

test('HTML: the image is embedded as data:, the notes are a list, and the page loads nothing', async () => {
  const html = await readFile(path.join(out, 'harbour-lights.html'), 'utf8')
  const embedded = `data:image/png;base64,${image.bytes.toString('base64')}`
  assert.equal(html.split(`src="${embedded}"`).length - 1, 2)
  assert.ok(!/<script|<link|src="(?!data:)|url\(/i.test(html), 'standalone')
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.setJavaScriptEnabled(false)
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(pathToFileURL(path.join(out, 'harbour-lights.html')).href)
    const facts = await page.evaluate(() => ({
      images: [...document.images].map((img) => `${img.naturalWidth}x${img.naturalHeight}`),
      notes: [...document.querySelectorAll('section.footnotes ol > li')].map((li) => li.id),
      noteref: document.querySelector('a[role="doc-noteref"]')?.getAttribute('href'),
      credits: document.querySelector('.credits')?.textContent,
      notice: [...document.querySelectorAll('.notice p')].map((p) => p.textContent)
    }))
    assert.deepEqual(facts.images, ['120x80', '120x80'])
    assert.deepEqual(facts.notes, ['fn-cost', 'fn-boats'])
    assert.equal(facts.noteref, '#fn-cost')
    assert.equal(facts.credits, CREDITS)
    assert.deepEqual(facts.notice, NOTICE)
    // Chromium reports data: URIs as requests too; they read nothing from outside the page.
    const loaded = requests.filter((url) => !url.startsWith('data:'))
    assert.deepEqual(loaded, [pathToFileURL(path.join(out, 'harbour-lights.html')).href], 'only the page itself loads')
    assert.ok(requests.length > loaded.length, 'the images came from data: URIs')
  } finally {
    await browser.close()
  }
})

test('cache: a changed image or one that appears rebuilds the article', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'imprint-md-cache-'))
  const content = path.join(root, 'content')
  await cp(FIXTURES, content, {recursive: true})
  const build = () => run(process.execPath, [CLI, 'build', content, '--out', path.join(root, 'dist'), '--cache-dir', path.join(root, 'cache'), '--format', 'epub'])
  const images = async () => {
    const zip = await JSZip.loadAsync(await readFile(path.join(root, 'dist', 'harbour-lights.epub')))
    return Object.keys(zip.files).filter((name) => name.startsWith('OEBPS/images/') && name !== COVER && !zip.files[name]!.dir).sort()
  }
  await build()
  assert.deepEqual(await images(), [`OEBPS/${image.href}`])

  // Another PNG under the same name, and the missing photo put in place (a copy of it).
  const other = Buffer.from(image.bytes)
  other[other.length - 13] = other[other.length - 13]! ^ 1 // flip a bit in the IEND CRC: still a PNG by its magic number
  await writeFile(path.join(content, 'images/lantern.png'), other)
  await writeFile(path.join(content, 'keepers-house.jpg'), image.bytes)
  const second = await build()
  const otherHref = `OEBPS/images/${createHash('sha256').update(other).digest('hex').slice(0, 12)}.png`
  assert.deepEqual(await images(), [`OEBPS/${image.href}`, otherHref].sort())
  assert.ok(!second.stderr.includes('keepers-house.jpg'), 'the photo that appeared is no longer missing')
  await rm(root, {recursive: true, force: true})
})
