/**
 * A book's title page and generated cover show only the facts it has: a
 * missing subtitle, editor, publisher or date leaves no empty element behind
 * (an empty paragraph still takes its margins on the printed page, and a
 * reader announces an empty paragraph in the EPUB).
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toHtml} from 'hast-util-to-html'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import type {Book} from '../src/books/book.ts'
import {renderCover} from '../src/books/cover.ts'
import {renderBookContents, renderBookTitle, renderColophon, renderTitlePage} from '../src/books/render-book.ts'
import {labelsFor} from '../src/labels.ts'
import {normalize} from '../src/normalize/normalize.ts'

// One article with no metadata of its own: its colophon entry has only a title.
const ARTICLE = normalize({tree: fromHtml('<p>One paragraph.</p>'), file: new VFile({path: 'one.html', value: ''}), slug: 'one', meta: {title: 'One'}})

const FULL: Book = {
  slug: 'full',
  title: 'Full Title',
  subtitle: 'Full Subtitle',
  editors: ['Ada Editor'],
  publisher: 'Full Press',
  lang: 'en',
  dir: 'ltr',
  labels: labelsFor('en'),
  identifier: 'urn:isbn:9780000000000',
  date: '2024-06-01',
  rights: 'Full Rights',
  articles: [ARTICLE]
}
const OPTIONAL = ['subtitle', 'editors', 'publisher', 'date', 'rights', 'identifier'] as const

/** Each optional fact left out in turn, then all of them. */
function books(): Array<[string, Book]> {
  const without = (key: (typeof OPTIONAL)[number]): Book => (key === 'editors' ? {...FULL, editors: []} : {...FULL, [key]: undefined})
  const bare: Book = {slug: 'bare', title: 'Bare Title', editors: [], lang: 'en', dir: 'ltr', labels: labelsFor('en'), articles: [ARTICLE]}
  return [...OPTIONAL.map((key): [string, Book] => [`no ${key}`, without(key)]), ['title only', bare]]
}

/** Elements with neither an element nor any non-blank text inside, apart from those that are empty by nature. */
function emptyElements(tree: Root | Element): string[] {
  const found: string[] = []
  visit(tree, 'element', (node) => {
    if (['img', 'br', 'meta', 'style', 'title', 'head', 'html'].includes(node.tagName)) return
    const blank = node.children.every((child) => child.type === 'text' && child.value.trim() === '')
    if (blank) found.push(toHtml(node))
  })
  return found
}

test('title page: a missing fact leaves no empty element; the facts given are all there', () => {
  for (const [name, book] of books()) assert.deepEqual(emptyElements(renderTitlePage(book)), [], name)
  const html = toHtml(renderTitlePage(FULL))
  for (const fact of ['Full Title', 'Full Subtitle', 'Ada Editor', 'Full Press', 'datetime="2024-06-01"']) assert.ok(html.includes(fact), fact)
})

test('printed front matter and colophon: a missing fact leaves no empty element', () => {
  for (const [name, book] of books()) {
    assert.deepEqual(emptyElements(renderBookTitle(book, 'a4')), [], name)
    assert.deepEqual(emptyElements(renderBookContents(book, {paper: 'a4', pages: [1], colophonPage: 2})), [], name)
    assert.deepEqual(emptyElements(renderColophon(book)), [], name)
  }
})

test('generated cover: a missing fact leaves no empty element; the facts given are all there', () => {
  for (const kind of ['generated', 'photo'] as const) {
    const cover = (book: Book) => renderCover(book, {paper: 'a4', kind, imageUrl: 'file:///tmp/photo.jpg'})
    for (const [name, book] of books()) assert.deepEqual(emptyElements(cover(book)), [], `${kind}, ${name}`)
  }
  const html = toHtml(renderCover(FULL, {paper: 'a4', kind: 'generated'}))
  for (const fact of ['Full Title', 'Full Subtitle', 'Ada Editor', 'Full Press', 'datetime="2024-06-01"']) assert.ok(html.includes(fact), fact)
})
