import assert from 'node:assert/strict'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {fileURLToPath} from 'node:url'
import type {Element, Root} from 'hast'
import {roleOf, type Article, type Role} from '../src/article.ts'
import {loadSource} from '../src/load/load.ts'
import type {MetaInput} from '../src/schema/meta.ts'
import {normalize, textOf} from '../src/normalize/normalize.ts'
import {parseHtml} from '../src/readers/parse-html.ts'

const FIXTURES = fileURLToPath(new URL('fixtures/html/', import.meta.url))

interface Read {
  readonly tree: Root
  readonly meta: MetaInput
  readonly article: Article
  readonly messages: ReadonlyArray<{ruleId?: string; reason: string; fatal?: boolean | null}>
}

/** load -> parse -> normalize, as build does, keeping the parsed tree to look at. */
async function read(file: string, sidecar?: MetaInput): Promise<Read> {
  const source = await loadSource(file)
  assert.ok(source.ok, `${file} loads`)
  const {tree, meta} = parseHtml(source.file, sidecar ?? source.meta)
  const parsed = structuredClone(tree)
  const article = normalize({tree, file: source.file, slug: source.slug, meta})
  return {tree: parsed, meta, article, messages: source.file.messages}
}

function withRole(tree: Root | Element, role: Role): Element[] {
  const found: Element[] = []
  for (const child of tree.children) {
    if (child.type !== 'element') continue
    if (roleOf(child) === role) found.push(child)
    found.push(...withRole(child, role))
  }
  return found
}

function elements(tree: Root | Element, tagName: string): Element[] {
  const found: Element[] = []
  for (const child of tree.children) {
    if (child.type !== 'element') continue
    if (child.tagName === tagName) found.push(child)
    found.push(...elements(child, tagName))
  }
  return found
}

let news: Read
let fragment: Read
let persian: Read

before(async () => {
  news = await read(path.join(FIXTURES, 'news-full.html'))
  fragment = await read(path.join(FIXTURES, 'cms-fragment.html'))
  persian = await read(path.join(FIXTURES, 'persian-rtl.html'))
})

test('a full news page: metadata from JSON-LD, with every author', () => {
  const {meta} = news.article
  assert.equal(meta.title, 'Ferry Line Across Lake Verkhneye Reopens After Two-Year Closure')
  assert.deepEqual(meta.bylines, ['Irina Sokolova', 'Tomas Berg'], 'Readability alone keeps one author')
  assert.equal(meta.date, '2024-05-14T08:30:00+03:00')
  assert.equal(meta.publisher, 'North Shore Daily')
  assert.equal(meta.sourceUrl, 'https://news.example.org/2024/05/ferry-line-reopens')
  assert.equal(meta.rights, '© 2024 North Shore Media Group')
  assert.equal(meta.lang, 'en')
  assert.equal(meta.dir, 'ltr')
})

test('a full news page: the credits line and the notice Readability drops are recovered', () => {
  assert.equal(news.article.credits, 'With reporting by AFP and Interfax')
  assert.deepEqual(news.article.notice, [
    'North Shore Daily reports on the towns around Lake Verkhneye. Its stories may be shared only with this notice and a link to the original.',
    '© 2024 North Shore Media Group. All rights reserved.'
  ])
  // Recovered once: not also left in the body.
  assert.equal(textOf(news.article.body).includes('With reporting by'), false)
  assert.equal(textOf(news.article.body).includes('All rights reserved'), false)
})

test('a full news page: dateline, lead photo and its credit are kept; chrome is not', () => {
  const [dateline] = withRole(news.tree, 'dateline')
  assert.equal(dateline && textOf(dateline), 'OZYORSK, Russia')
  const [first] = elements(news.article.body, 'p')
  assert.ok(first && textOf(first).startsWith('OZYORSK, Russia — The ferry between Ozyorsk and Pristan'))

  const [figure] = elements(news.article.body, 'figure')
  assert.ok(figure, 'the lead photo Readability dropped is back')
  const [image] = elements(figure, 'img')
  assert.equal(image?.properties.alt, 'The ferry Zarya at the Ozyorsk pier')
  const credit = elements(figure, 'span').find((span) => String(span.properties.className) === 'image-credit')
  assert.equal(credit && textOf(credit), 'Photo: Anna Petrova/AFP')

  const body = textOf(news.article.body)
  for (const chrome of ['Advertisement', 'Skip to main content', 'Business', 'Bridge repairs stall again', 'Privacy']) {
    assert.equal(body.includes(chrome), false, chrome)
  }
  assert.ok(news.messages.some((message) => message.ruleId === 'page-chrome' && message.reason.includes('Advertisement')))
  assert.equal(elements(news.article.body, 'p').length, 6)
})

test('the sidecar wins over everything the page says', async () => {
  const read_ = await read(path.join(FIXTURES, 'news-full.html'), {title: 'Ferry Back', byline: 'Desk', lang: 'en-GB'})
  assert.equal(read_.article.meta.title, 'Ferry Back')
  assert.deepEqual(read_.article.meta.bylines, ['Desk'])
  assert.equal(read_.article.meta.lang, 'en-GB')
  assert.equal(read_.article.meta.publisher, 'North Shore Daily', 'fields the sidecar leaves out still come from the page')
})

test('a CMS fragment is taken as it is', () => {
  const {article, tree} = fragment
  assert.equal(article.meta.title, 'Town Library Opens a Reading Room for Children')
  assert.equal(article.meta.subtitle, 'The room on the ground floor holds 3,000 books and a corner for reading aloud.')
  assert.equal(article.credits, 'Reporting by Lena Horn; additional reporting by Piet Mol')
  assert.equal(elements(tree, 'h1').length, 1, 'the fragment\'s own h1 is the headline, not repeated')
  assert.equal(elements(article.body, 'p').length, 3)
  assert.deepEqual(elements(article.body, 'li').map((item) => textOf(item)), ['Open Tuesday to Saturday', 'Free for children under 14'])
  assert.equal(elements(article.body, 'h2').length, 1)
  assert.equal(elements(article.body, 'img')[0]?.properties.src, 'reading-room.jpg')
  // No lang anywhere in a fragment: detected, and said so.
  assert.equal(article.meta.lang, 'en')
  assert.ok(fragment.messages.some((message) => message.ruleId === 'detected-language' && message.fatal === undefined))
})

test('no title: a page without h1, <title> or metadata takes its first lower heading, with a warning', async () => {
  const file = path.join(temp, 'untitled.html')
  await writeFile(file, '<section><p>Filed late.</p><h4>Ferry Fares Rise in Spring</h4><p>' + 'Fares on every route rise by a tenth in April. '.repeat(3) + '</p></section>')
  const {article, messages} = await read(file)
  assert.equal(article.meta.title, 'Ferry Fares Rise in Spring')
  assert.deepEqual(
    messages.filter((message) => message.ruleId === 'no-title').map((message) => message.reason),
    ['no title found; using the first heading, “Ferry Fares Rise in Spring”. Add a headline or a `title` field']
  )
  assert.deepEqual(elements(article.body, 'h4'), [])
})

test('a Persian page: language and direction from <html>, both authors, credits with Latin names', () => {
  const {article} = persian
  assert.equal(article.meta.lang, 'fa-IR')
  assert.equal(article.meta.dir, 'rtl')
  assert.deepEqual(article.meta.bylines, ['مریم احمدی', 'Anna de Wit'])
  assert.equal(article.credits, 'با گزارش Reuters و خبرگزاری ایسنا')
  assert.deepEqual(article.notice, [
    'رادیو نیم‌روز رسانه‌ای مستقل است که اخبار را به زبان فارسی منتشر می‌کند.',
    'بازنشر این مطلب تنها با ذکر منبع مجاز است.'
  ])
  assert.ok(textOf(article.body).includes('Stichting Oude Schriften'))
  assert.equal(persian.messages.some((message) => message.ruleId === 'detected-language'), false)
})

test('a page with no article gets a fatal message naming the file', async () => {
  const {messages} = await read(path.join(FIXTURES, 'no-article.html'))
  const fatal = messages.filter((message) => message.fatal === true)
  assert.equal(fatal.length, 1)
  assert.equal(fatal[0]?.ruleId, 'no-article')
  assert.match(fatal[0]!.reason, /no article found in no-article\.html/)
})

let temp: string
before(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-html-'))
})
after(async () => {
  await rm(temp, {recursive: true, force: true})
})

const PAGE = (head: string, body: string) =>
  `<!DOCTYPE html><html><head>${head}<title>Отчёт о мосте</title></head><body><article><h1>Отчёт о мосте</h1>${body}</article></body></html>`
const RUSSIAN = '<p>' + 'Ремонт моста через реку завершится осенью, сообщили в администрации района. '.repeat(6) + '</p>'

test('charset: a page declaring gb2312 whose bytes are UTF-8 is read as UTF-8, with a note', async () => {
  const file = path.join(temp, 'lies.html')
  await writeFile(file, PAGE('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', RUSSIAN))
  const {article, messages} = await read(file)
  assert.equal(article.meta.title, 'Отчёт о мосте')
  assert.ok(messages.some((message) => message.ruleId === 'charset-mismatch'))
  assert.equal(article.meta.lang, 'ru', 'detected from the text')
})

test('charset: a windows-1251 page is decoded in the charset it declares', async () => {
  const file = path.join(temp, 'cp1251.html')
  const html = PAGE('<meta charset="windows-1251">', RUSSIAN)
  const bytes = Uint8Array.from([...html].map((char) => {
    const code = char.codePointAt(0)!
    if (code < 0x80) return code
    if (char === 'ё') return 0xb8
    return code - 0x410 + 0xc0 // А..я are contiguous in windows-1251
  }))
  await writeFile(file, bytes)
  const {article, messages} = await read(file)
  assert.equal(article.meta.title, 'Отчёт о мосте')
  assert.ok(messages.some((message) => message.ruleId === 'legacy-charset'))
  assert.equal(messages.some((message) => message.ruleId === 'invalid-utf8'), false)
})

test('charset: invalid UTF-8 with no charset declared is an error at the first bad byte, and nothing is read', async () => {
  const file = path.join(temp, 'broken.html')
  const html = Buffer.from(PAGE('', RUSSIAN))
  const offset = html.indexOf('<p>') + 3
  html[offset] = 0xff
  await writeFile(file, html)
  const source = await loadSource(file)
  assert.equal(source.ok, false)
  const [error] = source.file.messages
  assert.equal(error?.ruleId, 'invalid-utf8')
  assert.equal(error?.fatal, true)
  assert.match(error!.reason, new RegExp(`byte offset ${offset}\\b`))
  // Line 1: the column counts characters (Cyrillic is two bytes each), not bytes.
  assert.deepEqual([error?.line, error?.column], [1, [...html.subarray(0, offset).toString('utf8')].length + 1])
  assert.equal(source.file.value, undefined)
})

test('charset: bytes that are neither UTF-8 nor the declared charset are an error that names both', async () => {
  const file = path.join(temp, 'neither.html')
  const html = Buffer.from(PAGE('<meta charset="windows-1253">', RUSSIAN))
  // 0xFF is the one byte windows-1253 leaves undefined, and never UTF-8.
  html[html.indexOf('<p>') + 3] = 0xff
  await writeFile(file, html)
  const source = await loadSource(file)
  assert.equal(source.ok, false)
  assert.match(source.file.messages[0]!.reason, /^invalid UTF-8 at byte offset \d+; save the file as UTF-8 \(nor windows-1253, the charset the page declares\)$/)
})

test('markup browsers forgive but EPUB refuses is repaired, text kept', async () => {
  const file = path.join(temp, 'loose.html')
  await writeFile(
    file,
    '<h1>Loose markup</h1><p>' + 'A paragraph long enough to be prose in any reader. '.repeat(3) + '</p>' +
      '<figure><figcaption><span><p>A caption in a paragraph in a span.</p></span></figcaption></figure>' +
      '<dl><dd>A definition with no term.</dd></dl><dl><dt>A term with no definition</dt></dl>' +
      '<p>A <a href="//example.org/page">link without a scheme</a>.</p>' +
      '<p>See <a href="#gone">section 4</a> and <a href="#here">the note</a>.</p><p id="here">The note.</p>'
  )
  const {article} = await read(file)
  const body = article.body
  const caption = elements(body, 'figcaption')[0]!
  assert.deepEqual(caption.children.filter((child) => child.type === 'element').map((child) => (child as Element).tagName), ['div'])
  assert.equal(elements(body, 'dl').length, 0)
  assert.ok(textOf(body).includes('A definition with no term.'))
  assert.ok(textOf(body).includes('A term with no definition'))
  const links = elements(body, 'a').map((link) => link.properties.href)
  assert.deepEqual(links, ['https://example.org/page', '#here'], 'the link to a missing id became text; // became https://')
  assert.ok(textOf(body).includes('See section 4 and the note.'))
})

test('headings, code blocks and figures keep their element; what may not be inside them changes', async () => {
  const file = path.join(temp, 'blocks.html')
  await writeFile(
    file,
    '<h1>Blocks inside</h1><p>' + 'A paragraph long enough to be prose in any reader. '.repeat(3) + '</p>' +
      '<pre><code><span>int a;</span><p>int b;</p></code></pre>' +
      '<h2><div>A heading in a div</div></h2>' +
      '<figure><div><figcaption>Nested caption</figcaption></div><img src="a.png" alt="A"><figcaption>Middle caption</figcaption><p>After</p></figure>'
  )
  const {article} = await read(file)
  const [pre] = elements(article.body, 'pre')
  assert.equal(elements(pre!, 'p').length, 0)
  assert.equal(textOf(pre!), 'int a;\n\nint b;')
  const [heading] = elements(article.body, 'h2')
  assert.deepEqual(elements(heading!, 'div'), [])
  const [figure] = elements(article.body, 'figure')
  const last = figure!.children.filter((child) => child.type === 'element').at(-1) as Element
  assert.equal(last.tagName, 'figcaption')
  assert.equal(textOf(last), 'Middle caption')
  assert.equal(elements(figure!, 'figcaption').length, 1, 'the nested caption became a div')
})
