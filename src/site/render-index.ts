/**
 * render index: the download page listing the books and every article, from
 * templates/index.html. Plain HTML, no script, readable on e-ink.
 */
import type {ElementContent, Root} from 'hast'
import type {Book} from '../books/book.ts'
import {INDEX_FILE} from '../output-names.ts'
import {formatDate} from '../render/render-article.ts'
import {assertInert} from '../render/assert-inert.ts'
import {fillTemplate, loadStyle, loadTemplate, takeSlot, type Fill} from '../render/template.ts'
import type {Listing} from './listing.ts'

/** A file of the site: its name relative to the page, and its size for people on slow connections. */
export interface Download {
  readonly href: string
  readonly size: string
}

export interface IndexEntry {
  readonly article: Listing
  /** Output file names present for this article, relative to the index. */
  readonly html?: string
  readonly epub?: Download
  readonly pdf?: Download
  readonly booklet?: Download
}

export interface BookEntry {
  readonly book: Book<Listing>
  /** The book's own page. */
  readonly page: string
  readonly epub?: Download
  readonly pdf?: Download
  readonly booklet?: Download
}

export interface IndexOptions {
  readonly title: string
  readonly lang: string
  /** Whether `opds.xml` sits beside the index. */
  readonly opds: boolean
}

export function renderIndex(entries: readonly IndexEntry[], books: readonly BookEntry[], options: IndexOptions): Root {
  const tree = loadTemplate('index.html')
  const entryTemplate = takeSlot(tree, 'entry')
  const bookTemplate = takeSlot(tree, 'book-entry')

  const items = entries.map((entry): ElementContent => {
    const {meta} = entry.article
    return fillTemplate(structuredClone(entryTemplate), {
      entry: {properties: {lang: meta.lang, dir: meta.dir}},
      read: {children: meta.title, properties: entry.html ? {href: entry.html} : {}},
      'entry-meta': textFill(articleFacts(entry.article)),
      'entry-credits': entry.article.credits ? {children: entry.article.credits} : null,
      epub: downloadFill('EPUB', entry.epub, 'application/epub+zip'),
      pdf: downloadFill('PDF', entry.pdf, 'application/pdf'),
      booklet: downloadFill('Booklet PDF', entry.booklet, 'application/pdf')
    })
  })
  const bookItems = books.map((entry): ElementContent => {
    const {book} = entry
    return fillTemplate(structuredClone(bookTemplate), {
      'book-entry': {properties: {lang: book.lang, dir: book.dir}},
      'book-read': {children: book.title, properties: {href: entry.page}},
      'book-meta': textFill(bookFacts(book)),
      'book-epub': downloadFill('EPUB', entry.epub, 'application/epub+zip'),
      'book-pdf': downloadFill('PDF', entry.pdf, 'application/pdf')
    })
  })

  const filled = fillTemplate(tree, {
    html: {properties: {lang: options.lang}},
    'doc-title': {children: options.title},
    style: {children: loadStyle('site.css')},
    heading: {children: options.title},
    books: bookItems.length > 0 ? {} : null,
    'books-heading': {},
    'book-entries': {children: bookItems},
    'articles-heading': {},
    entries: {children: items},
    opds: options.opds ? {} : null
  })
  assertInert(filled, INDEX_FILE)
  return filled
}

/** A download link: what it is, how big, and its media type for browsers that offer to open it. */
export function downloadFill(label: string, download: Download | undefined, type: string): Fill | null {
  return download ? {children: `${label} (${download.size})`, properties: {href: download.href, type}} : null
}

export function articleFacts(article: Listing): string {
  const {meta} = article
  return [meta.publisher, meta.date ? formatDate(meta.date, meta.lang) : undefined, meta.bylines.join(', ')].filter(Boolean).join(' · ')
}

export function bookFacts(book: Book<Listing>): string {
  const count = `${book.articles.length} ${book.articles.length === 1 ? 'article' : 'articles'}`
  return [book.editors.join(', '), book.publisher, book.date ? formatDate(book.date, book.lang) : undefined, count].filter(Boolean).join(' · ')
}

function textFill(text: string): Fill | null {
  return text ? {children: text} : null
}
