/**
 * emitEpub end to end: build real EPUBs, read them back with `unzip`, and
 * have EPUBCheck judge them. No mocks.
 */
import {strict as assert} from 'node:assert'
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, test} from 'node:test'
import {promisify} from 'node:util'
import type {Element} from 'hast'
import {h, s} from 'hastscript'
import {emitEpub, type EpubInput, type EpubResource} from '../src/formats/epub/pack-epub.ts'
import {epubcheckReport} from './helpers/epubcheck.ts'

const run = promisify(execFile)

const CREDITS = 'With reporting by AFP, AP, and Interfax'
const NOTICE = [
  'Copyright (c) 2016. RFE/RL, Inc. Used with the permission of Radio Free Europe/Radio Liberty, 1201 Connecticut Ave\u00A0NW, Washington DC 20036.',
  'Republished under the terms of the RFE/RL reprint policy; no changes were made to the text.'
]
const SOURCE_URL = 'https://www.rferl.org/a/putin-abe%20talks/28178888.html'

// A 1×1 PNG: images must be real, EPUBCheck reads their signature.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)
const LEAD: EpubResource = {href: 'images/lead-3f2a9c1b.png', mediaType: 'image/png', data: PNG}

let directory = ''
let font: EpubResource

before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'imprint-epub-'))
  const require = createRequire(import.meta.url)
  const path = require.resolve('@fontsource/noto-serif/files/noto-serif-latin-400-normal.woff2')
  font = {href: 'fonts/noto-serif-latin-400-normal.woff2', mediaType: 'font/woff2', data: await readFile(path)}
})

after(async () => {
  await rm(directory, {recursive: true, force: true})
})

function englishArticle(): Element {
  return h('article', {className: ['article']}, [
    h('h1', 'Putin & Abe <agree> to talk'),
    h('p', {className: ['dateline']}, [h('time', {dateTime: '2016-12-15'}, 'December 15, 2016')]),
    // `%>` and `<%` are EJS delimiters, `]]>` ends CDATA: all must arrive as text.
    h('p', 'Support rose 50%> and the <% sign stays; so does ]]>.'),
    h('p', [h('abbr', {title: '<%= 7 * 7 %>'}, 'EJS'), ' in an attribute, ', h('math', [h('mi', 'x')]), ' and an icon ',
      s('svg', {viewBox: '0 0 10 10', width: 10, height: 10}, [s('circle', {cx: 5, cy: 5, r: 4})])]),
    h('figure', [h('img', {src: LEAD.href, alt: 'A pier at dusk'}), h('figcaption', 'The pier.')]),
    h('table', [
      h('thead', [h('tr', [h('th', {scope: 'col'}, 'Year'), h('th', {scope: 'col'}, 'Event')])]),
      h('tbody', [h('tr', [h('td', '1956'), h('td', 'Joint declaration')])])
    ]),
    h('script', 'alert(1)'),
    h('iframe', {src: 'https://example.com/embed'}),
    h('p', {onClick: 'alert(2)'}, [h('a', {href: 'javascript:alert(3)'}, 'a link')]),
    {type: 'comment', value: ' a -- comment '},
    h('p', {className: ['credits']}, CREDITS),
    h('section', {className: ['notice']}, NOTICE.map((paragraph) => h('p', paragraph)))
  ])
}

function englishInput(overrides: Partial<EpubInput> = {}): EpubInput {
  return {
    meta: {
      title: 'Putin & Abe <agree> to talk: 100%> ]]>',
      bylines: ['Jane Doe', 'Ivan Petrov'],
      date: '2016-12-15',
      lang: 'en',
      dir: 'ltr',
      publisher: 'RFE/RL',
      sourceUrl: SOURCE_URL
    },
    credits: CREDITS,
    notice: NOTICE,
    description: '',
    chapters: [{id: 'putin-abe', title: 'Putin & Abe <agree> to talk', lang: 'en', dir: 'ltr', body: englishArticle()}],
    css: [
      '/* the -- stylesheet */',
      "@font-face { font-family: 'Noto Serif'; src: url(fonts/noto-serif-latin-400-normal.woff2) format('woff2'); }",
      'body { font-family: "Noto Serif", serif; } /* trailing */',
      '.article--lead { margin: 0; }'
    ].join('\n'),
    resources: [LEAD, font],
    cover: LEAD,
    modified: new Date('2016-12-15T10:30:00Z'),
    ...overrides
  }
}

function persianInput(): EpubInput {
  return {
    meta: {title: 'پوتین و آبه', bylines: [], lang: 'fa', dir: 'rtl', publisher: 'رادیو فردا'},
    notice: ['تمام حقوق برای رادیو فردا محفوظ است.'],
    chapters: [
      {
        id: 'putin-abe',
        title: 'پوتین و آبه',
        lang: 'fa',
        dir: 'rtl',
        body: h('article', [h('h1', 'پوتین و آبه'), h('p', 'رهبران روسیه و ژاپن دیدار کردند.')])
      }
    ],
    css: 'body { text-align: start; }',
    resources: [],
    modified: new Date('2016-12-16T00:00:00Z')
  }
}

async function build(name: string, input: EpubInput): Promise<{file: string; bytes: Uint8Array}> {
  const bytes = await emitEpub(input)
  const file = join(directory, name)
  await writeFile(file, bytes)
  return {file, bytes}
}

async function epubcheck(file: string): Promise<void> {
  const report = await epubcheckReport(file)
  const problems = report.messages
    .filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity))
    .map((message) => `${message.severity} ${message.ID} ${message.message} @ ${(message.locations ?? []).map((l) => l.path).join(', ')}`)
  assert.deepEqual(problems, [])
  assert.equal(report.checker.nFatal, 0)
  assert.equal(report.checker.nError, 0)
  assert.equal(report.checker.nWarning, 0)
}

async function entries(file: string): Promise<string[]> {
  const {stdout} = await run('unzip', ['-Z1', file])
  return stdout.split('\n').filter(Boolean)
}

async function extract(file: string, path: string): Promise<string> {
  const {stdout} = await run('unzip', ['-p', file, path], {maxBuffer: 1 << 24})
  return stdout
}

/** The text of the first `<tag>` element, with XML character references decoded. */
function textOf(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml)
  return match?.[1] === undefined ? undefined : decode(match[1])
}

function decode(value: string): string {
  const named: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}
  return value.replace(/&(?:#x([\da-f]+)|#(\d+)|(\w+));/gi, (all, hex?: string, decimal?: string, name?: string) =>
    hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : decimal ? String.fromCodePoint(Number(decimal)) : (named[name ?? ''] ?? all)
  )
}

describe('emitEpub', () => {
  test('an English article passes EPUBCheck and keeps its attribution, notice and attributes', async () => {
    const {file, bytes} = await build('en.epub', englishInput())
    await epubcheck(file)

    // mimetype: the first entry, stored, no extra field (OCF 3.0 §4.3).
    const header = Buffer.from(bytes.subarray(0, 58))
    assert.equal(header.readUInt32LE(0), 0x04034b50)
    assert.equal(header.readUInt16LE(8), 0, 'mimetype is STORED')
    assert.equal(header.readUInt16LE(28), 0, 'mimetype has no extra field')
    assert.equal(header.toString('latin1', 30, 58), 'mimetypeapplication/epub+zip')

    const names = await entries(file)
    assert.equal(names[0], 'mimetype')
    const files = names.filter((name) => !name.endsWith('/'))
    assert.deepEqual([...files].sort(), [
      'META-INF/container.xml',
      'OEBPS/content.opf',
      'OEBPS/fonts/noto-serif-latin-400-normal.woff2',
      'OEBPS/images/lead-3f2a9c1b.png',
      'OEBPS/putin-abe.xhtml',
      'OEBPS/style.css',
      'OEBPS/toc.ncx',
      'OEBPS/toc.xhtml',
      'mimetype'
    ])

    const opf = await extract(file, 'OEBPS/content.opf')
    assert.match(opf, /^<\?xml version="1\.0" encoding="UTF-8"\?>/)
    assert.match(opf, /<package [^>]*xml:lang="en"/)
    assert.equal(textOf(opf, 'dc:language'), 'en')
    assert.equal(textOf(opf, 'dc:title'), 'Putin & Abe <agree> to talk: 100%> ]]>')
    assert.equal(textOf(opf, 'dc:contributor'), CREDITS)
    assert.equal(textOf(opf, 'dc:rights'), NOTICE.join('\n'))
    assert.equal(textOf(opf, 'dc:source'), SOURCE_URL)
    assert.equal(textOf(opf, 'dc:publisher'), 'RFE/RL')
    assert.equal(textOf(opf, 'dc:date'), '2016-12-15')
    assert.equal(textOf(opf, 'dc:description'), 'Putin & Abe <agree> to talk: 100%> ]]>', 'an empty description falls back to the title')
    assert.match(opf, /<meta property="dcterms:modified">2016-12-15T10:30:00Z<\/meta>/)
    assert.deepEqual([...opf.matchAll(/<dc:creator[^>]*>([^<]*)</g)].map((match) => match[1]), ['Jane Doe', 'Ivan Petrov'])
    assert.match(textOf(opf, 'dc:identifier') ?? '', /^urn:uuid:[\da-f]{8}-[\da-f]{4}-5[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/)
    assert.doesNotMatch(opf, /All rights reserved|epub-gen|scripted|remote-resources/)
    assert.match(opf, /href="images\/lead-3f2a9c1b.png" media-type="image\/png" properties="cover-image"/)

    // The manifest lists exactly the files in the zip.
    const manifest = [...opf.matchAll(/<item [^>]*href="([^"]+)"/g)].map((match) => `OEBPS/${match[1]}`)
    const packaged = files.filter((name) => name !== 'mimetype' && !name.startsWith('META-INF/') && name !== 'OEBPS/content.opf')
    assert.deepEqual([...manifest].sort(), [...packaged].sort())

    const chapter = await extract(file, 'OEBPS/putin-abe.xhtml')
    assert.ok(chapter.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'))
    assert.match(chapter, /<html xmlns="http:\/\/www\.w3\.org\/1999\/xhtml" lang="en" xml:lang="en" dir="ltr" xmlns:epub="http:\/\/www\.idpf\.org\/2007\/ops">/)
    assert.match(chapter, /<time datetime="2016-12-15">/)
    assert.equal(chapter.match(/<th scope="col">/g)?.length, 2)
    assert.ok(chapter.includes(`<p class="credits">${CREDITS}</p>`))
    for (const paragraph of NOTICE) assert.equal(decode(chapter).split(paragraph).length - 1, 1, 'notice once, verbatim')
    assert.ok(chapter.includes('\u00A0NW'), 'the no-break space survives as a character')
    assert.ok(chapter.includes('Support rose 50%> and the &#x3C;% sign stays; so does ]]&#62;.'), 'EJS left the text alone')
    assert.ok(chapter.includes('<abbr title="&#x3C;%= 7 * 7 %>">EJS</abbr>'))
    assert.match(chapter, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"><mi>x<\/mi><\/math>/)
    assert.match(chapter, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 10 10"/)
    assert.match(opf, /href="putin-abe.xhtml" media-type="application\/xhtml\+xml" properties="mathml svg"/)
    assert.doesNotMatch(chapter, /<script|<iframe|onclick|javascript:|<!--/i)
    assert.ok(chapter.includes('<img src="images/lead-3f2a9c1b.png" alt="A pier at dusk"/>'))

    const css = await extract(file, 'OEBPS/style.css')
    assert.doesNotMatch(css, /\/\*|--\s|--[a-z]+:/)
    assert.ok(css.includes('.article--lead'), 'BEM class names are not custom properties')

    for (const name of ['OEBPS/toc.xhtml', 'OEBPS/toc.ncx']) {
      assert.ok((await extract(file, name)).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), name)
    }
    const nav = await extract(file, 'OEBPS/toc.xhtml')
    assert.match(nav, /<nav epub:type="toc" role="doc-toc" id="toc">/)
    assert.match(nav, /<nav epub:type="landmarks" id="landmarks" hidden="">/)
    const ncx = await extract(file, 'OEBPS/toc.ncx')
    assert.equal(/<meta name="dtb:uid" content="([^"]+)"/.exec(ncx)?.[1], textOf(opf, 'dc:identifier'))

    // Every entry carries `modified`, in the zip's UTC-less DOS time.
    const {stdout} = await run('unzip', ['-ZT', file])
    const stamps = new Set([...stdout.matchAll(/ (\d{8}\.\d{6}) /g)].map((match) => match[1]))
    assert.deepEqual([...stamps], ['20161215.103000'])
  })

  test('the same input gives the same bytes; another date gives others', async () => {
    const first = await emitEpub(englishInput())
    const second = await emitEpub(englishInput())
    assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'byte-identical')
    const later = await emitEpub(englishInput({modified: new Date('2017-01-01T00:00:00Z')}))
    assert.ok(!Buffer.from(first).equals(Buffer.from(later)))
  })

  test('a given identifier is used as is, EJS delimiters and all', async () => {
    const input = englishInput()
    const identifier = 'urn:imprint:<%= 7 * 7 %>-50%'
    const {file} = await build('given-id.epub', {...input, meta: {...input.meta, identifier}})
    assert.equal(textOf(await extract(file, 'OEBPS/content.opf'), 'dc:identifier'), identifier)
    const uid = /<meta name="dtb:uid" content="([^"]+)"/.exec(await extract(file, 'OEBPS/toc.ncx'))?.[1]
    assert.equal(decode(uid ?? ''), identifier, 'attribute values are escaped too')
  })

  test('credits missing from the chapters are appended once, inside the article', async () => {
    const input = englishInput()
    const body = h('article', [h('h1', 'Title'), h('p', 'Text.'), h('section', NOTICE.map((paragraph) => h('p', paragraph)))])
    const {file} = await build('no-credits.epub', {...input, chapters: [{...input.chapters[0]!, body}]})
    const chapter = await extract(file, 'OEBPS/putin-abe.xhtml')
    assert.equal(chapter.split(CREDITS).length - 1, 1)
    assert.match(chapter, /<p class="credits" data-imprint="credits">With reporting by AFP, AP, and Interfax<\/p><\/article>/)
    assert.doesNotMatch(chapter, /data-imprint="notice"/, 'the notice was there already')
  })

  test('a Persian article is right to left, passes EPUBCheck, and gets its missing notice', async () => {
    const {file} = await build('fa.epub', persianInput())
    await epubcheck(file)
    const opf = await extract(file, 'OEBPS/content.opf')
    assert.match(opf, /<spine toc="ncx" page-progression-direction="rtl">/)
    assert.match(opf, /<package [^>]*xml:lang="fa"/)
    assert.equal(textOf(opf, 'dc:language'), 'fa')
    assert.equal(textOf(opf, 'dc:creator'), 'رادیو فردا', 'the publisher stands in for missing bylines')
    assert.equal(textOf(opf, 'dc:rights'), 'تمام حقوق برای رادیو فردا محفوظ است.')
    assert.doesNotMatch(opf, /dc:contributor|dc:source/)
    const chapter = await extract(file, 'OEBPS/putin-abe.xhtml')
    assert.match(chapter, /<html [^>]*lang="fa" xml:lang="fa" dir="rtl"/)
    assert.match(chapter, /<section class="notice" data-imprint="notice"><p>تمام حقوق برای رادیو فردا محفوظ است.<\/p><\/section><\/article>/)
  })

  test('what an EPUB cannot hold is refused with a reason', async () => {
    const remote = englishInput()
    remote.chapters[0]!.body.children.push(h('img', {src: 'https://example.com/x.png', alt: ''}))
    await assert.rejects(emitEpub(remote), {name: 'TypeError', message: /https:\/\/example\.com\/x\.png.*not among the resources/})
    await assert.rejects(emitEpub(englishInput({css: ':root { --ink: #111 } p { color: var(--ink) }'})), {
      name: 'TypeError',
      message: /`--ink` on line 1/
    })
    await assert.rejects(emitEpub(englishInput({css: 'body { direction: rtl }'})), {name: 'TypeError', message: /`direction`/})
    await assert.rejects(emitEpub(englishInput({resources: [{...LEAD, mediaType: 'image/webp'}], cover: undefined})), {
      name: 'TypeError',
      message: /core media types/
    })
    await assert.rejects(emitEpub(englishInput({meta: {...englishInput().meta, lang: 'en US'}})), {
      name: 'TypeError',
      message: /BCP 47/
    })
  })
})
