/**
 * render: Book -> hast documents for print and the elements the EPUB shares
 * with them (title page, colophon). Every part is a section of
 * templates/book-parts.html filled at the tree level.
 *
 * A printed book is several documents, one per part: the front matter,
 * each article, the colophon. Each opens on a recto because it is a
 * document of its own, whose first page Chromium sets as a right-hand page
 * (book-pdf.ts puts a blank verso after one that ends on a recto); Chromium
 * cannot do it within one document (no `break-before: recto`). Each knows
 * its first folio, so the numbers run on through the book.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {Article, Direction} from '../article.ts'
import {counterStyle, fillLabel} from '../labels.ts'
import type {Paper} from '../paper.ts'
import {fontFaceCss} from '../fonts.ts'
import {assertInert} from '../render/assert-inert.ts'
import {pageCss, pageLayout} from '../render/page-layout.ts'
import {articleElement, formatDate, renderArticle} from '../render/render-article.ts'
import {fillTemplate, loadStyle, loadTemplate, takeSlot} from '../render/template.ts'
import type {Book} from './book.ts'
import {editorsLine} from './cover.ts'

/** The id an article's section carries in the book, and its EPUB chapter id. */
export function bookArticleId(article: Article): string {
  return /^[A-Za-z]/.test(article.slug) && !RESERVED_IDS.has(article.slug) ? article.slug : `article-${article.slug}`
}
const RESERVED_IDS = new Set(['toc', 'title-page', 'colophon', 'cover'])

export interface PartOptions {
  readonly paper: Paper
  /** The folio of the part's first page. */
  readonly firstFolio: number
}

/**
 * One article as the book prints it: its own text, its dates in the book's
 * language, the book's title over the versos and its headline over the
 * rectos, none over its opening page.
 */
export function renderBookArticle(book: Book, article: Article, options: PartOptions): Root {
  const element = articleElement(renderArticle(article, {target: 'print', paper: options.paper, dateLang: book.lang}))
  element.properties.id = bookArticleId(article)
  element.properties.className = [...classes(element), 'book-article']
  return bookDocument(book, [element], partCss(book, article.meta.title, options))
}

/** The colophon, as the book's last part. */
export function renderBookColophon(book: Book, options: PartOptions): Root {
  return bookDocument(book, [renderColophon(book)], partCss(book, book.labels.colophon, options))
}

/** The title page and its verso (rights and identifier, when the book has them): no folio of their own. */
export function renderBookTitle(book: Book, paper: Paper): Root {
  const verso = renderTitleVerso(book)
  return bookDocument(book, [renderTitlePage(book), ...(verso ? [verso] : [])], frontCss(book, paper))
}

export interface ContentsOptions {
  readonly paper: Paper
  /** The folio each article starts on, in book order. */
  readonly pages: readonly number[]
  /** The colophon's folio. */
  readonly colophonPage: number
}

/** The printed contents, with the folios of the printed body; no folio of their own. */
export function renderBookContents(book: Book, options: ContentsOptions): Root {
  return bookDocument(book, [renderContents(book, options.pages, options.colophonPage)], frontCss(book, options.paper))
}

export function renderTitlePage(book: Book): Element {
  const parts = loadTemplate('book-parts.html')
  return fillTemplate(takeSlot(parts, 'title-page'), {
    'title-page': {properties: {lang: book.lang, dir: book.dir}},
    'book-title': {children: book.title},
    'book-subtitle': book.subtitle ? {children: book.subtitle} : null,
    'book-editors': book.editors.length > 0 ? {children: editorsLine(book)} : null,
    'book-publisher': book.publisher ? {children: book.publisher} : null,
    'book-date': book.date ? {children: formatDate(book.date, book.lang), properties: {dateTime: book.date}} : null
  })
}

/** The back of the title page: the book's rights and identifier, at its foot; none when it has neither. */
function renderTitleVerso(book: Book): Element | undefined {
  if (!book.rights && !book.identifier) return undefined
  const parts = loadTemplate('book-parts.html')
  return fillTemplate(takeSlot(parts, 'title-verso'), {
    'title-verso': {properties: {lang: book.lang, dir: book.dir}},
    'verso-rights': book.rights ? {children: book.rights} : null,
    'verso-identifier': book.identifier ? {children: book.identifier} : null
  })
}

/**
 * Where the printed contents' entry `index` links (the colophon's is the
 * last): a placeholder, since the front matter is printed apart from the
 * pages it points to. formats/pdf/book-pdf.ts turns each into a jump to its page.
 * `.invalid` never resolves (RFC 2606), should one ever be left.
 */
export const CONTENTS_LINK = 'https://contents.invalid/entry/'

/**
 * The printed contents: title, author and folio of each article, and of
 * the colophon, each a link to its page, with dot leaders drawn as a
 * border (a path, not text: no reader reads the dots).
 */
function renderContents(book: Book, pages: readonly number[], colophonPage: number): Element {
  const {labels} = book
  const parts = loadTemplate('book-parts.html')
  const toc = takeSlot(parts, 'toc')
  const entry = takeSlot(toc, 'toc-entry')
  const digits = new Intl.NumberFormat(book.lang, {useGrouping: false})
  const fill = (index: number, title: string, author: string | undefined, page: number, lang: string, dir: Direction): ElementContent =>
    fillTemplate(structuredClone(entry), {
      'toc-entry': {properties: {lang, dir}},
      'toc-title': {children: title, properties: {href: CONTENTS_LINK + index}},
      'toc-author': author ? {children: author} : null,
      // The folio is heard as "page 12", in the book's language and digits.
      'toc-page': {
        children: digits.format(page),
        properties: {href: CONTENTS_LINK + index, lang: book.lang, dir: book.dir, ariaLabel: fillLabel(labels.page, {page}, book.lang)}
      }
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
 * The colophon gathers, for every article, where it comes from, its
 * publisher, credits and notice, word for word; each article also keeps
 * them in place. A book of several publishers names each here, article by
 * article, and claims none for itself.
 */
export function renderColophon(book: Book): Element {
  const {labels} = book
  const parts = loadTemplate('book-parts.html')
  const colophon = takeSlot(parts, 'colophon')
  const entry = takeSlot(colophon, 'colophon-entry')
  const items = book.articles.map((article): ElementContent => {
    const {meta} = article
    const facts = [meta.date ? formatDate(meta.date, book.lang) : undefined, meta.bylines.join(', ')].filter(Boolean).join(' · ')
    return fillTemplate(structuredClone(entry), {
      'colophon-entry': {properties: {lang: meta.lang, dir: meta.dir}},
      'colophon-title': {children: meta.title},
      'colophon-publisher': meta.publisher
        ? {children: [h('span.colophon-label', {lang: book.lang, dir: book.dir}, `${labels.publisher}: `), {type: 'text', value: meta.publisher}]}
        : null,
      'colophon-facts': facts ? {children: facts} : null,
      'colophon-source': meta.sourceUrl ? {children: [h('a', {href: meta.sourceUrl}, meta.sourceUrl)]} : null,
      'colophon-credits': article.credits ? {children: article.credits} : null,
      'colophon-notice': article.notice.length > 0 ? {children: article.notice.map((text) => h('p', text))} : null
    })
  })
  return fillTemplate(colophon, {
    colophon: {properties: {id: 'colophon', lang: book.lang, dir: book.dir}},
    'colophon-heading': {children: labels.colophon},
    'colophon-book': {children: fillLabel(labels.collected, {title: book.title}, book.lang)},
    'colophon-rights': book.rights ? {children: book.rights} : null,
    'colophon-entries': {children: items}
  })
}

export function authorOf(article: Article): string | undefined {
  return article.meta.bylines.length > 0 ? article.meta.bylines.join(', ') : article.meta.publisher
}

/** A part's pages: the book's title over the versos, `head` over the rectos, the folio at the outer edge from `firstFolio`. */
function partCss(book: Book, head: string, options: PartOptions): string {
  return pageCss(pageLayout(options.paper, true, book.lang), {
    dir: book.dir,
    kind: 'facing',
    verso: book.title,
    recto: head,
    folio: `counter(page, ${counterStyle(book.lang)})`,
    firstFolio: options.firstFolio
  })
}

/** The front matter's pages: mirrored like the rest, with neither running head nor folio. */
function frontCss(book: Book, paper: Paper): string {
  return pageCss(pageLayout(paper, true, book.lang), {dir: book.dir, kind: 'facing', folio: 'none'})
}

/**
 * The printed book's documents go to Chromium like an article's page, so
 * they pass the same guard: the title, subtitle and every article's
 * metadata (from the web, the config or the command line) fill them. The
 * first stylesheet is the same for all of them, so a tab keeps it parsed
 * from one to the next; what differs is in the second.
 */
function bookDocument(book: Book, content: Element[], page: string): Root {
  const filled = fillTemplate(loadTemplate('book.html'), {
    html: {properties: {lang: book.lang, dir: book.dir}},
    'doc-title': {children: book.title},
    style: {children: [fontFaceCss(), loadStyle('base.css'), loadStyle('print.css'), loadStyle('book.css')].join('\n')},
    'page-style': {children: page},
    content: {children: content}
  })
  assertInert(filled, `book \`${book.slug}\` (print)`)
  return filled
}

function classes(element: Element): string[] {
  const value = element.properties.className
  return Array.isArray(value) ? value.map(String) : []
}
