/**
 * Sanitize and the post-render guard, on the hostile fixture page: every
 * active-content trick goes in, inert text and structure come out.
 */
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import {fromHtml} from 'hast-util-from-html'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {resolveBook, type Book} from '../src/books/book.ts'
import {renderCover} from '../src/books/cover.ts'
import {renderBookArticle, renderBookColophon, renderBookContents, renderBookTitle} from '../src/books/render-book.ts'
import {normalize, textOf} from '../src/normalize/normalize.ts'
import {safeImageSrc, sanitize} from '../src/normalize/sanitize.ts'
import {assertInert, findActive} from '../src/render/assert-inert.ts'
import {renderArticle} from '../src/render/render-article.ts'
import {FORBIDDEN} from './helpers/hostile.ts'

const PAGE = new URL('fixtures/hostile/content/active-content.html', import.meta.url)

function hostileArticle() {
  const html = readFileSync(PAGE, 'utf8')
  const file = new VFile({path: PAGE.pathname, value: html})
  // The HTML reader's stand-in: the parsed page, <body> content only.
  const tree = fromHtml(html)
  return normalize({tree, file, slug: 'active-content', meta: {}})
}

test('sanitize: every trick on the hostile page comes out inert', () => {
  const body = toHtml(hostileArticle().body)
  for (const pattern of FORBIDDEN) assert.doesNotMatch(body, pattern)
  assert.ok(!body.includes('Harbour Board Approves'), 'the <title> and the h1 are not body text')
  // Typography made the quotes curly: it is text.
  assert.match(body, /Escaped markup is text: &#x3C;script>alert\(.INERT-TEXT.\)&#x3C;\/script>/)
  for (const kept of ['The board chair called it overdue.', 'Work starts in spring.', 'Styled paragraph stays as text.', 'We have waited long enough.']) {
    assert.ok(body.includes(kept), kept)
  }
  // Links keep their text and lose the script.
  assert.match(body, /<a>Tab entity link<\/a>/)
  assert.match(body, /<a href="http:\/\/example.org\/timetable">The timetable<\/a>/)
})

test('sanitize: obfuscated javascript: URLs fail the scheme check after decoding', () => {
  const links = ['javascript:x', 'JaVaScRiPt:x', 'jav\tascript:x', ' javascript:x', 'java\nscript:x', '\u0001javascript:x', 'vbscript:x', 'data:text/html,x']
  for (const href of links) {
    const tree = sanitize({type: 'root', children: [h('a', {href}, 'x')]})
    assert.equal(toHtml(tree), '<a>x</a>', JSON.stringify(href))
  }
})

test('sanitize: images keep relative, http(s) and raster data: sources only', () => {
  assert.equal(safeImageSrc('photos/boat.jpg'), 'photos/boat.jpg')
  assert.equal(safeImageSrc('https://example.org/a.png'), 'https://example.org/a.png')
  assert.equal(safeImageSrc('data:image/png;base64,iVBORw0KGgo='), 'data:image/png;base64,iVBORw0KGgo=')
  for (const src of ['data:text/html,<script>x</script>', 'data:image/svg+xml,<svg onload=x>', '//evil.example/a.png', '\\\\evil\\share\\a.png', 'javascript:x', 'file:///etc/hostname', 'ftp://x/a.png', 'blob:x']) {
    assert.equal(safeImageSrc(src), undefined, src)
  }
})

test('the lead photo, lifted out before sanitize, is checked on its own', () => {
  const file = new VFile({path: '/x/lead.html', value: ''})
  const tree = fromHtml(
    '<h1>Title</h1><figure data-imprint="lead"><img src="data:text/html,x" alt="a"><figcaption>Cap</figcaption></figure><p>Body.</p>',
    {fragment: true}
  )
  const article = normalize({tree, file, slug: 'lead', meta: {}})
  assert.equal(article.lead?.src, undefined)
  assert.equal(article.lead?.caption, 'Cap')
  assert.doesNotMatch(toHtml(renderArticle(article, {target: 'page'})), /data:text/)
})

test('assert-inert: what a template or a later stage adds is refused', () => {
  const rendered = renderArticle(hostileArticle(), {target: 'print', paper: 'a4'})
  assert.equal(findActive(rendered), undefined)
  const cases: Array<[string, ReturnType<typeof h>]> = [
    ['<script>', h('div', [h('script', 'x')])],
    ['event handler', h('p', {onClick: 'x'})],
    ['javascript:', h('a', {href: 'jav\tascript:x'})],
    ['javascript:', h('a', {href: '  JAVASCRIPT:x'})],
    ['http-equiv="refresh"', h('meta', {httpEquiv: 'refresh', content: '0;url=http://x'})],
    ['<base>', h('base', {href: 'http://x/'})],
    ['<link>', h('link', {rel: 'stylesheet', href: 'http://x/a.css'})],
    ['data:text/html', h('img', {src: 'data:text/html,x'})],
    ['style attribute', h('p', {style: 'background:url(http://x)'})],
    ['srcSet', h('img', {srcSet: 'http://x 1x'})],
    ['<foreignObject>', h('div', [{type: 'element', tagName: 'foreignObject', properties: {}, children: []}])],
    ['<input>', h('input', {type: 'text'})],
    ['closes its own <style>', h('style', 'p { color: red } </STYLE ><script>x</script>')]
  ]
  for (const [what, element] of cases) {
    assert.throws(() => assertInert({type: 'root', children: [element]}, 'case'), TypeError, what)
  }
  // A task list's disabled checkbox and our own prefetch switch are inert.
  assert.doesNotThrow(() =>
    assertInert({type: 'root', children: [h('input', {type: 'checkbox', disabled: true}), h('meta', {httpEquiv: 'x-dns-prefetch-control', content: 'off'})]}, 'ok')
  )
})

/**
 * Markup where a book's words go: its title and subtitle (config or command
 * line) and an article's metadata (from the web page). Each must print as
 * text, since `</style>` or `<script>` read as markup would run in Chromium.
 */
const MARKUP = '</style></title><script>alert(1)</script><img src=x onerror=alert(1)>'

function hostileBook(article = hostileArticle()): Book {
  const meta = {...article.meta, title: `Berth ${MARKUP}`, bylines: [`Ada ${MARKUP}`], publisher: `Herald ${MARKUP}`, rights: MARKUP}
  return {
    ...resolveBook(
      {title: `Ferry ${MARKUP} Reader`, subtitle: MARKUP, editors: [MARKUP], publisher: MARKUP, rights: MARKUP, date: '2024-01-02', order: 'listed', articles: [], base: '/'},
      [{...article, meta, credits: MARKUP, notice: [MARKUP]}]
    )
  }
}

test('assert-inert: a book\'s print documents and cover keep hostile titles and metadata as text', () => {
  const book = hostileBook()
  const documents = {
    article: renderBookArticle(book, book.articles[0]!, {paper: 'a4', firstFolio: 1}),
    colophon: renderBookColophon(book, {paper: 'a4', firstFolio: 3}),
    title: renderBookTitle(book, 'a4'),
    contents: renderBookContents(book, {paper: 'a4', pages: [1], colophonPage: 3}),
    cover: renderCover(book, {paper: 'a4', kind: 'photo', imageUrl: 'file:///tmp/cover.png'})
  }
  for (const [name, tree] of Object.entries(documents)) {
    // Parsed again as Chromium parses what it is sent: the markup stayed text.
    const parsed = fromHtml(toHtml(tree))
    assert.equal(findActive(parsed), undefined, name)
    const made: string[] = []
    visit(parsed, 'element', (node) => {
      if (node.tagName === 'script' || (node.tagName === 'img' && node.properties.src === 'x')) made.push(node.tagName)
    })
    assert.deepEqual(made, [], name)
    assert.ok(textOf(parsed).includes(`Ferry ${MARKUP} Reader`), `${name}: the title is text`)
  }
  // The running head quotes the title in the page's CSS, where `<` is escaped.
  assert.match(toHtml(documents.article), /content: "Ferry \\3c \/style>\\3c \/title>\\3c script>/)
})

test('assert-inert: what a book\'s documents could gain past sanitize is refused before Chromium', () => {
  const article = hostileArticle()
  // A source URL the schema would refuse, as if a later change let it through.
  const book = hostileBook({...article, meta: {...article.meta, sourceUrl: 'javascript:alert(1)'}})
  assert.throws(() => renderBookColophon(book, {paper: 'a4', firstFolio: 1}), /rendered document holds `href="javascript:alert\(1\)"` on <a>/)
  // The cover's photo comes from the config, as a file the build read; any other URL is refused too.
  assert.throws(
    () => renderCover(hostileBook(), {paper: 'a4', kind: 'photo', imageUrl: 'javascript:alert(1)'}),
    /^TypeError: book `ferry-style-title-script-alert-1-script-img-src-x-onerror-alert-1-reader` \(cover\): rendered document holds `src="javascript:alert\(1\)"` on <img>/
  )
})
