/**
 * End to end, right to left: a Persian web page with Latin names in it,
 * built in every format, each output read back with the tool that judges it.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {launchBrowser} from '../src/formats/pdf/browser.ts'
import {epubcheck, pdfFonts, pdfPageSize, pdfText, pdfTextIn, readEpub} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const SOURCE = path.resolve('test/fixtures/html/persian-rtl.html')
const SLUG = 'persian-rtl'
const HEADLINE = 'کتابخانه‌ای در شیراز نسخه‌های خطی خود را دیجیتال می‌کند'
const CREDITS = 'با گزارش Reuters و خبرگزاری ایسنا'

let out: string

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-rtl-'))
  await run(process.execPath, [CLI, 'build', SOURCE, '--out', out])
})

after(async () => {
  await rm(out, {recursive: true, force: true})
})

test('HTML in Chromium: right to left, Persian, Latin names isolated, indents mirrored', async () => {
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.goto(pathToFileURL(path.join(out, `${SLUG}.html`)).href)
    // A string, not a function: tsx would name the inner arrow functions
    // with a helper that does not exist in the page.
    const facts = (await page.evaluate(`(() => {
      const style = (selector) => getComputedStyle(document.querySelector(selector))
      const names = [...document.querySelectorAll('.article-body bdi')]
      return {
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
        direction: style('.article-body').direction,
        isolated: names.map((name) => name.textContent + ':' + getComputedStyle(name).unicodeBidi + ':' + getComputedStyle(name).direction),
        list: [style('.article-body ul').paddingLeft, style('.article-body ul').paddingRight],
        quote: [style('.article-body blockquote').marginLeft, style('.article-body blockquote').marginRight],
        credits: document.querySelector('.credits')?.textContent
      }
    })()`)) as {dir: string; lang: string; direction: string; isolated: string[]; list: string[]; quote: string[]; credits?: string}
    assert.equal(facts.dir, 'rtl')
    assert.equal(facts.lang, 'fa-IR')
    assert.equal(facts.direction, 'rtl')
    assert.ok(facts.isolated.includes('Anna de Wit:isolate:ltr'), facts.isolated.join(', '))
    assert.ok(facts.isolated.includes('Stichting Oude Schriften:isolate:ltr'))
    assert.equal(parseFloat(facts.list[0]!), 0, 'list markers on the right: no left indent')
    assert.ok(parseFloat(facts.list[1]!) > 0)
    assert.equal(parseFloat(facts.quote[0]!), 0, 'blockquote indented from the right')
    assert.ok(parseFloat(facts.quote[1]!) > 0)
    assert.equal(facts.credits, CREDITS)
  } finally {
    await browser.close()
  }
})

test('EPUB: right-to-left page progression, Persian language, <bdi> at tree level, EPUBCheck clean', async () => {
  const file = path.join(out, `${SLUG}.epub`)
  const entries = await readEpub(file)
  const opf = [...entries].find(([name]) => name.endsWith('.opf'))?.[1] ?? ''
  assert.match(opf, /<spine[^>]*page-progression-direction="rtl"/)
  assert.match(opf, /<dc:language>fa-IR<\/dc:language>/)
  const chapter = [...entries].find(([name]) => name.endsWith(`${SLUG}.xhtml`))?.[1] ?? ''
  assert.match(chapter, /<html[^>]*xml:lang="fa-IR"[^>]*dir="rtl"/)
  assert.match(chapter, /<bdi>Anna de Wit<\/bdi>/)
  // EPUB CSS may not say direction or unicode-bidi: the isolation is markup.
  for (const [name, text] of entries) if (name.endsWith('.css')) assert.doesNotMatch(text, /unicode-bidi|direction\s*:/)
  const verdict = await epubcheck(file)
  assert.deepEqual([verdict.fatals, verdict.errors, verdict.warnings], [0, 0, 0], verdict.messages.join('\n'))
})

test('PDF: Persian text, /Lang fa-IR, embedded Noto fonts only, page number on the left', async () => {
  const file = path.join(out, `${SLUG}.pdf`)
  // pdftotext splits Arabic-script words at glyph clusters and wraps runs in
  // bidi controls: compare without white space and controls.
  const bare = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, '')
  const text = bare(await pdfText(file))
  assert.ok(text.includes(bare(CREDITS)), 'credits line in the PDF')
  assert.ok(text.includes(bare(HEADLINE)), 'headline in the PDF')
  assert.ok(text.includes('AnnadeWit'))
  const bytes = await readFile(file, 'latin1')
  assert.match(bytes, /\/Lang \(fa-IR\)/)

  const fonts = await pdfFonts(file)
  assert.ok(fonts.length > 0)
  for (const font of fonts) {
    assert.ok(font.embedded, `${font.name} is embedded`)
    assert.doesNotMatch(font.name, /DejaVu|Liberation/, 'no system font')
  }
  assert.ok(fonts.some((font) => /NotoNaskhArabic|NotoSansArabic/.test(font.name)), fonts.map((font) => font.name).join(', '))

  // Mirrored: "page 1 of 1", in Persian words and digits, sits in the
  // bottom-left margin box (the bottom margin is a tenth of the page), the
  // running head (page 2 on) at the top right; page 1 has only the folio.
  const {width, height} = await pdfPageSize(file)
  const margin = height * 0.1
  const bottomLeft = bare(await pdfTextIn(file, 1, {x: 0, y: height - margin, width: width / 2, height: margin}))
  const bottomRight = bare(await pdfTextIn(file, 1, {x: width / 2, y: height - margin, width: width / 2, height: margin}))
  assert.ok(bottomLeft.includes('۱') && bottomLeft.includes('از'), bottomLeft)
  assert.equal(bottomRight, '')
})
