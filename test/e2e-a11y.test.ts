/**
 * Publishing grade, end to end: the seed plus a Russian article (with emoji
 * and a long headline) and a Persian one, built in every format, then read
 * with pdfinfo, pdffonts, qpdf, pdftotext, EPUBCheck and the EPUB's own files.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {promisify} from 'node:util'
import JSZip from 'jszip'
import {epubcheck, pdfFonts, pdfInfo, pdfObjects, pdfDrawnLines, pdfText, readEpub, squash, structureTypes} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const SEED = 'putin-abe-peace-treaty'
const SLUGS = [SEED, 'ru-bridge', 'fa-library'] as const
const RU_HEADLINE = 'В Верхнеозёрске открыли мост, который строили двенадцать лет, несмотря на нехватку денег и три смены подрядчиков'

let out: string
let letter: string
let a5: string
let long: string

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-a11y-'))
  letter = await mkdtemp(path.join(os.tmpdir(), 'imprint-a11y-letter-'))
  a5 = await mkdtemp(path.join(os.tmpdir(), 'imprint-a11y-a5-'))
  long = await mkdtemp(path.join(os.tmpdir(), 'imprint-a11y-long-'))
  await writeLongArticle(long)
  await run(process.execPath, [CLI, 'build', 'content', 'test/fixtures/publishing', '--out', out, '--quiet'])
  await Promise.all([
    run(process.execPath, [CLI, 'build', 'content', '--out', letter, '--format', 'pdf', '--paper', 'letter', '--quiet']),
    run(process.execPath, [CLI, 'build', 'content', '--out', a5, '--format', 'pdf', '--paper', 'a5', '--quiet']),
    run(process.execPath, [CLI, 'build', long, '--out', long, '--format', 'epub', '--quiet'])
  ])
})

after(async () => {
  await Promise.all([out, letter, a5, long].map((dir) => rm(dir, {recursive: true, force: true})))
})

/** About 300 KB of text, more than one content document may hold; Cyrillic and emoji too, so EPUBCheck sees those fonts. */
async function writeLongArticle(dir: string): Promise<void> {
  const words = 'the council said on Monday that reconstruction of the harbour would continue through winter despite funding shortfalls мост 🌉'.split(' ')
  const paragraphs = Array.from({length: 350}, (_, index) =>
    Array.from({length: 130}, (_, word) => words[(index * 7 + word * 3) % words.length]).join(' ') + '.'
  )
  await writeFile(path.join(dir, 'harbour.txt'), ['The harbour report', 'By Jane Doe', ...paragraphs].join('\n\n') + '\n')
  await writeFile(path.join(dir, 'harbour.meta.yaml'), 'publisher: Test\ndate: 2024-01-01\nlang: en\n')
}

const pdf = (slug: string, dir = out) => path.join(dir, `${slug}.pdf`)
const epub = (slug: string, dir = out) => path.join(dir, `${slug}.epub`)

test('PDF: tagged, with a structure tree, the language and every metadata field', async () => {
  for (const slug of SLUGS) {
    const info = await pdfInfo(pdf(slug))
    assert.equal(info.Tagged, 'yes', slug)
    for (const field of ['Title', 'Author', 'Subject', 'Keywords', 'Creator']) assert.ok(info[field], `${slug}: ${field}`)
    assert.match(info.Creator!, /^imprint /)
    const objects = await pdfObjects(pdf(slug))
    assert.ok(objects.catalog['/StructTreeRoot'], `${slug}: /StructTreeRoot survives pdf-lib`)
    assert.deepEqual(objects.catalog['/MarkInfo'], {'/Marked': true, '/Type': '/MarkInfo'})
    const types = structureTypes(objects)
    for (const type of ['/H1', '/P']) assert.ok(types.has(type), `${slug}: structure has ${type}`)
  }
  const seed = await pdfInfo(pdf(SEED))
  assert.equal(seed.Author, 'RFE/RL')
  assert.equal(seed.Keywords, 'RFE/RL')
  assert.match(seed.Subject!, /^Russian President Vladimir Putin and Japanese Prime Minister/)
  assert.equal((await pdfObjects(pdf(SEED))).catalog['/Lang'], 'u:en')
  assert.equal((await pdfObjects(pdf('fa-library'))).catalog['/Lang'], 'u:fa-IR')
  assert.equal((await pdfInfo(pdf('ru-bridge'))).Author, 'Ирина Соколова')
})

test('PDF: a headline that wraps keeps its spaces in the outline, at every paper size', async () => {
  const titles = async (file: string) => {
    const objects = await pdfObjects(file)
    return [...objects.objects.values()]
      .filter((value): value is Record<string, string> => Boolean(value && typeof value === 'object' && '/Title' in value && '/Parent' in value))
      .map((item) => decodePdfString(item['/Title']!))
  }
  // The headline first; the publisher's notice has a heading of its own, in the article's language.
  assert.deepEqual(await titles(pdf('ru-bridge')), [RU_HEADLINE, 'Примечание издателя'])
  for (const file of [pdf(SEED), pdf(SEED, letter), pdf(SEED, a5)]) {
    assert.equal((await titles(file))[0], 'Putin, Abe Vow To Seek WWII Treaty, Solution To Island Dispute', file)
  }
})

test('PDF: only bundled fonts, embedded, in Russian and Persian too; no system fallback', async () => {
  const bundled = /^[A-Z]{6}\+Noto(Serif|Sans|NaskhArabic|SansArabic|SerifArmenian|SansArmenian|SerifGeorgian|SansGeorgian|SerifHebrew|SansHebrew|Emoji)-/
  for (const slug of SLUGS) {
    const fonts = await pdfFonts(pdf(slug))
    assert.ok(fonts.length > 0)
    for (const font of fonts) {
      assert.ok(font.embedded, `${slug}: ${font.name} is embedded`)
      assert.doesNotMatch(font.name, /DejaVu|Liberation|Nimbus|Droid|Color/i, `${slug}: ${font.name} came from the system`)
      assert.match(font.name, bundled, `${slug}: ${font.name} is one of the bundled families`)
    }
  }
  const persian = (await pdfFonts(pdf('fa-library'))).map((font) => font.name)
  assert.ok(persian.some((name) => /NotoNaskhArabic/.test(name)), 'Persian text is set in Noto Naskh Arabic')
  const russian = (await pdfFonts(pdf('ru-bridge'))).map((font) => font.name)
  assert.ok(russian.some((name) => /NotoEmoji/.test(name)), 'emoji come from the monochrome Noto Emoji')
  // Three emoji in a colour font cost tens of KB each as bitmaps; as outlines they cost almost nothing.
  assert.ok((await stat(pdf('ru-bridge'))).size < 120_000, 'the Russian PDF with emoji stays small')
})

test('print text is hyphenated; HTML and EPUB text carry no soft hyphen', async () => {
  for (const slug of [SEED, 'ru-bridge']) {
    // Words broken at a line's end, as drawn: a fragment and the hyphen, then the rest on the next line.
    const lines = await pdfDrawnLines(pdf(slug))
    const broken = lines.flatMap((line, at) => {
      const head = /(\p{L}+)-$/u.exec(line)?.[1]
      const tail = /^\p{L}+/u.exec(lines[at + 1] ?? '')?.[0]
      return head && tail ? [head + tail] : []
    })
    assert.ok(broken.length > 0, `${slug}: the PDF is hyphenated`)
    // The text layer holds each broken word whole, with no soft hyphen (search, copy and speech read the word).
    const text = squash(await pdfText(pdf(slug)))
    assert.ok(!text.includes('\u00ad'), `${slug}: no soft hyphen in the text layer`)
    assert.ok(broken.some((word) => text.includes(word)), `${slug}: a broken word reads whole: ${broken.join(', ')}`)
  }
  assert.ok(squash(await pdfText(pdf(SEED))).includes('the search for a solution that would satisfy the interests of Russia and Japan'))
  for (const slug of SLUGS) {
    const html = await readFile(path.join(out, `${slug}.html`), 'utf8')
    assert.ok(!html.includes('\u00ad') && !html.includes('&shy;') && !/&#(x00?ad|173);/i.test(html), `${slug}.html`)
    for (const [name, text] of await readEpub(epub(slug))) {
      if (/\.(xhtml|opf|ncx|css)$/.test(name)) assert.ok(!text.includes('\u00ad') && !/&#(x00?ad|173);/i.test(text), `${slug}.epub ${name}`)
    }
  }
})

test('PDF: the notice ends the last page at A4, Letter and A5', async () => {
  const sizes: Record<string, RegExp> = {[out]: /\(A4\)/, [letter]: /\(letter\)/, [a5]: /\(A5\)/}
  for (const [dir, size] of Object.entries(sizes)) {
    const info = await pdfInfo(pdf(SEED, dir))
    assert.match(info['Page size']!, size)
    assert.equal(info.Tagged, 'yes')
    const pages = Number(info.Pages)
    const last = squash(await pdfText(pdf(SEED, dir), {first: pages, last: pages}))
    assert.match(last, /To find out more, click here\./, dir)
  }
})

test('EPUB: EPUBCheck passes the Persian and the split (Cyrillic, emoji) EPUBs, fonts included', async () => {
  // The seed is checked in e2e-seed; each EPUBCheck run costs a JVM start.
  for (const slug of ['fa-library', 'harbour']) {
    const verdict = await epubcheck(slug === 'harbour' ? epub(slug, long) : epub(slug))
    assert.deepEqual(verdict.messages, [], slug)
  }
})

test('EPUB: accessibility metadata, xml:lang equal to dc:language, nav with doc-toc and landmarks', async () => {
  for (const slug of SLUGS) {
    const entries = await readEpub(epub(slug))
    const opf = entries.get('OEBPS/content.opf')!
    const language = /<dc:language>([^<]*)<\/dc:language>/.exec(opf)?.[1]
    assert.equal(/<package [^>]*xml:lang="([^"]*)"/.exec(opf)?.[1], language, slug)
    for (const [property, value] of [
      ['schema:accessMode', 'textual'],
      ['schema:accessModeSufficient', 'textual'],
      ['schema:accessibilityFeature', 'structuralNavigation'],
      ['schema:accessibilityFeature', 'tableOfContents'],
      ['schema:accessibilityFeature', 'readingOrder'],
      ['schema:accessibilityFeature', 'displayTransformability'],
      ['schema:accessibilityHazard', 'none'],
      ['dcterms:conformsTo', 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA']
    ]) {
      assert.ok(opf.includes(`<meta property="${property}">${value}</meta>`), `${slug}: ${property} ${value}`)
    }
    assert.match(opf, /<meta property="schema:accessibilitySummary">[^<]{40,}<\/meta>/)
    // A reading system's library shows this line: the standfirst or the first paragraph, not the title again.
    assert.notEqual(/<dc:description>([^<]*)</.exec(opf)?.[1], /<dc:title[^>]*>([^<]*)</.exec(opf)?.[1], slug)
    const nav = entries.get('OEBPS/toc.xhtml')!
    assert.match(nav, /<nav epub:type="toc" role="doc-toc"/)
    assert.match(nav, /<nav epub:type="landmarks"[^>]*>.*epub:type="bodymatter"/s)
  }
})

test('EPUB: only the font subsets the text uses, each declared with a matching url()', async () => {
  const fonts = async (slug: string) => (await epubNames(epub(slug))).filter((name) => name.startsWith('OEBPS/fonts/') && name.endsWith('.woff2'))
  const seed = await fonts(SEED)
  assert.ok(seed.includes('OEBPS/fonts/noto-serif-latin-400-normal.woff2'))
  assert.ok(!seed.some((name) => /cyrillic|arabic|greek|emoji/.test(name)), `English needs Latin only: ${seed.join(', ')}`)
  const russian = await fonts('ru-bridge')
  assert.ok(russian.includes('OEBPS/fonts/noto-serif-cyrillic-400-normal.woff2'))
  assert.ok(russian.some((name) => /noto-emoji-/.test(name)))
  const persian = await fonts('fa-library')
  assert.ok(persian.includes('OEBPS/fonts/noto-naskh-arabic-arabic-400-normal.woff2'))
  assert.ok(!persian.some((name) => /cyrillic|naskh-arabic-latin/.test(name)))
  for (const slug of SLUGS) {
    const entries = await readEpub(epub(slug))
    const css = entries.get('OEBPS/style.css')!
    const urls = [...css.matchAll(/url\((fonts\/[^)]+)\)/g)].map((match) => `OEBPS/${match[1]}`).sort()
    assert.deepEqual(urls, (await fonts(slug)).sort(), `${slug}: every font file is declared, and only those`)
  }
})

test('EPUB: what e-readers choke on is absent', async () => {
  const books = [...SLUGS.map((slug) => epub(slug)), epub('harbour', long)]
  for (const book of books) {
    const zip = await JSZip.loadAsync(await readFile(book))
    const opf = await zip.file('OEBPS/content.opf')!.async('string')
    // Apple Books: no white space in dc:language.
    assert.match(opf, /<dc:language>\S+<\/dc:language>/)
    for (const [name, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue
      const bytes = await entry.async('uint8array')
      const text = new TextDecoder().decode(bytes)
      if (name.endsWith('.xhtml')) {
        // Send-to-Kindle garbles non-ASCII text without the declaration.
        assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), `${name} starts with an XML declaration`)
        // Adobe Digital Editions: content documents under 260 KB.
        assert.ok(bytes.byteLength < 260 * 1024, `${name} is ${bytes.byteLength} bytes`)
        assert.ok(!/<!--/.test(text), `${name} has no comments`)
        assert.ok(!/style="[^"]*--/.test(text), `${name} has no custom properties`)
      }
      if (name.endsWith('.css')) {
        // RMSDK and older Kindles drop rules with custom properties; `--` in comments trips some parsers.
        assert.ok(!/(^|[^\w-])--/.test(text), `${name} has no custom property and no --`)
        assert.ok(!text.includes('/*'), `${name} has no comments`)
      }
    }
    const types = [...opf.matchAll(/media-type="([^"]+)"/g)].map((match) => match[1]!)
    for (const type of types) {
      assert.ok(
        /^(application\/(xhtml\+xml|x-dtbncx\+xml)|text\/css|image\/(jpeg|png|gif|svg\+xml)|font\/(woff2?|ttf|otf))$/.test(type),
        `${book}: ${type} is a core media type`
      )
    }
  }
})

test('EPUB: a long article is split into several chapter files, listed once in the nav', async () => {
  const names = (await epubNames(epub('harbour', long))).filter((name) => /harbour(-\d+)?\.xhtml$/.test(name))
  assert.ok(names.length >= 2, `split into ${names.length} files`)
  const entries = await readEpub(epub('harbour', long))
  const opf = entries.get('OEBPS/content.opf')!
  assert.equal([...opf.matchAll(/<itemref /g)].length, names.length, 'every part is in the spine')
  const toc = /<nav epub:type="toc".*?<\/nav>/s.exec(entries.get('OEBPS/toc.xhtml')!)![0]
  assert.equal([...toc.matchAll(/<li>/g)].length, 1, 'the table of contents names the article once')
  const text = names.map((name) => entries.get(name)!).join('')
  assert.equal([...text.matchAll(/<p>/g)].length, 350, 'no paragraph lost or cut')
})

async function epubNames(file: string): Promise<string[]> {
  return Object.keys((await JSZip.loadAsync(await readFile(file))).files)
}

/** qpdf's JSON writes PDF text strings as `u:…` (decoded) or `b:…` (hex bytes). */
function decodePdfString(value: string): string {
  if (value.startsWith('u:')) return value.slice(2)
  const hex = value.replace(/^b:/, '')
  const bytes = Buffer.from(hex, 'hex')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le')
  return bytes.toString('latin1')
}
