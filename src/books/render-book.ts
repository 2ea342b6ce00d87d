/**
 * render: Book -> hast documents for print (body and front matter) and the
 * elements the EPUB shares with them (title page, colophon). Every part is a
 * section of templates/book-parts.html filled at the tree level.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {Article, Direction} from '../article.ts'
import {PAPER_SIZES, type Paper} from '../paper.ts'
import {fontFaceCss} from '../fonts.ts'
import {assertInert} from '../render/assert-inert.ts'
import {articleElement, cssString, formatDate, renderArticle} from '../render/render-article.ts'
import {fillTemplate, loadStyle, loadTemplate, takeSlot} from '../render/template.ts'
import type {Book} from './book.ts'
import {bookLabels} from './labels.ts'


/** The id an article's section carries in the book, and its EPUB chapter id. */
export function bookArticleId(article: Article): string {
  return /^[A-Za-z]/.test(article.slug) && !RESERVED_IDS.has(article.slug) ? article.slug : `article-${article.slug}`
}
const RESERVED_IDS = new Set(['toc', 'title-page', 'colophon', 'cover'])

/** The book's body: every article as printed on its own, then the colophon. Folios start at 1. */
export function renderBookBody(book: Book, paper: Paper): Root {
  const articles = book.articles.map((article) => {
    const element = articleElement(renderArticle(article, {target: 'print', paper}))
    element.properties.id = bookArticleId(article)
    element.properties.className = [...classes(element), 'book-article']
    return element
  })
  const page = `@page { size: ${PAPER_SIZES[paper].css}; @top-center { content: ${cssString(book.title)}; } }`
  return bookDocument(book, [...articles, renderColophon(book)], [fontFaceCss(), loadStyle('base.css'), loadStyle('print.css'), loadStyle('book.css'), page])
}

export interface FrontOptions {
  readonly paper: Paper
  /** `file:` URL of the cover image. */
  readonly coverUrl: string
  /** The folio each article starts on in the printed body, in book order. */
  readonly pages: readonly number[]
  /** The colophon's folio. */
  readonly colophonPage: number
}

/** Cover, title page and contents, with the page numbers of the printed body. */
export function renderBookFront(book: Book, options: FrontOptions): Root {
  const [width, height] = PAPER_SIZES[options.paper].mm
  const page = [
    // No running head and no folio (print.css puts it bottom right): the body's numbers start at 1 after these pages.
    `@page { size: ${PAPER_SIZES[options.paper].css}; @top-center { content: none; } @bottom-center { content: none; } @bottom-right { content: none; } }`,
    // The cover fills its page: no margins, no margin boxes.
    `@page cover { margin: 0; }`,
    `.book-cover { width: ${width}mm; height: ${height}mm; }`
  ].join('\n')
  const parts = loadTemplate('book-parts.html')
  const cover = fillTemplate(takeSlot(parts, 'cover'), {cover: {}, 'cover-image': {properties: {src: options.coverUrl}}})
  return bookDocument(
    book,
    [cover, renderTitlePage(book), renderContents(book, options.pages, options.colophonPage)],
    [fontFaceCss(), loadStyle('base.css'), loadStyle('print.css'), loadStyle('book.css'), page]
  )
}

export function renderTitlePage(book: Book): Element {
  const labels = bookLabels(book.lang)
  const parts = loadTemplate('book-parts.html')
  return fillTemplate(takeSlot(parts, 'title-page'), {
    'title-page': {properties: {lang: book.lang, dir: book.dir}},
    'book-title': {children: book.title},
    'book-subtitle': book.subtitle ? {children: book.subtitle} : null,
    'book-editors': book.editors.length > 0 ? {children: labels.editedBy(book.editors.join(', '))} : null,
    'book-publisher': book.publisher ? {children: book.publisher} : null,
    'book-date': book.date ? {children: formatDate(book.date, book.lang), properties: {dateTime: book.date}} : null
  })
}

/**
 * Where the printed contents' entry `index` links (the colophon's is the
 * last): a placeholder, since the front matter is printed apart from the
 * pages it points to. formats/pdf/book-pdf.ts turns each into a jump to its page.
 * `.invalid` never resolves (RFC 2606), should one ever be left.
 */
export const CONTENTS_LINK = 'https://contents.invalid/entry/'

/** The printed contents: title, author and folio of each article, and of the colophon, each a link to its page. */
function renderContents(book: Book, pages: readonly number[], colophonPage: number): Element {
  const labels = bookLabels(book.lang)
  const parts = loadTemplate('book-parts.html')
  const toc = takeSlot(parts, 'toc')
  const entry = takeSlot(toc, 'toc-entry')
  const fill = (index: number, title: string, author: string | undefined, page: number, lang: string, dir: Direction): ElementContent =>
    fillTemplate(structuredClone(entry), {
      'toc-entry': {properties: {lang, dir}},
      'toc-title': {children: title, properties: {href: CONTENTS_LINK + index}},
      'toc-author': author ? {children: author} : null,
      'toc-page': {children: String(page), properties: {href: CONTENTS_LINK + index}}
    })
  const items = book.articles.map((article, index) =>
    fill(index, article.meta.title, authorOf(article), pages[index] ?? 0, article.meta.lang, article.meta.dir)
  )
  items.push(fill(book.articles.length, labels.colophon, undefined, colophonPage, book.lang, book.dir))
  return fillTemplate(toc, {
    toc: {properties: {lang: book.lang, dir: book.dir, ariaLabelledBy: ['book-toc-heading']}},
    'toc-heading': {children: labels.contents, properties: {id: 'book-toc-heading'}},
    'toc-entries': {children: items}
  })
}

/**
 * The colophon gathers, for every article, where it comes from, its credits
 * and its notice, word for word; each article also keeps them in place.
 */
export function renderColophon(book: Book): Element {
  const labels = bookLabels(book.lang)
  const parts = loadTemplate('book-parts.html')
  const colophon = takeSlot(parts, 'colophon')
  const entry = takeSlot(colophon, 'colophon-entry')
  const items = book.articles.map((article): ElementContent => {
    const {meta} = article
    const facts = [meta.publisher, meta.date ? formatDate(meta.date, meta.lang) : undefined, meta.bylines.join(', ')]
      .filter(Boolean)
      .join(' · ')
    return fillTemplate(structuredClone(entry), {
      'colophon-entry': {properties: {lang: meta.lang, dir: meta.dir}},
      'colophon-title': {children: meta.title},
      'colophon-facts': facts ? {children: facts} : null,
      'colophon-source': meta.sourceUrl ? {children: [h('a', {href: meta.sourceUrl}, meta.sourceUrl)]} : null,
      'colophon-credits': article.credits ? {children: article.credits} : null,
      'colophon-notice': article.notice.length > 0 ? {children: article.notice.map((text) => h('p', text))} : null
    })
  })
  return fillTemplate(colophon, {
    colophon: {properties: {id: 'colophon', lang: book.lang, dir: book.dir}},
    'colophon-heading': {children: labels.colophon},
    'colophon-book': {children: labels.collected(book.title, book.articles.length)},
    'colophon-rights': book.rights ? {children: book.rights} : null,
    'colophon-entries': {children: items}
  })
}

export function authorOf(article: Article): string | undefined {
  return article.meta.bylines.length > 0 ? article.meta.bylines.join(', ') : article.meta.publisher
}

/**
 * The printed book's documents go to Chromium like an article's page, so
 * they pass the same guard: the title, subtitle and every article's
 * metadata (from the web, the config or the command line) fill them.
 */
function bookDocument(book: Book, content: Element[], styles: string[]): Root {
  const filled = fillTemplate(loadTemplate('book.html'), {
    html: {properties: {lang: book.lang, dir: book.dir}},
    'doc-title': {children: book.title},
    style: {children: styles.join('\n')},
    content: {children: content}
  })
  assertInert(filled, `book \`${book.slug}\` (print)`)
  return filled
}

function classes(element: Element): string[] {
  const value = element.properties.className
  return Array.isArray(value) ? value.map(String) : []
}
