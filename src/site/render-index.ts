/**
 * render index: the download page listing the books and every article, from
 * templates/index.html. Plain HTML, no script, readable on e-ink.
 */
import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {Book} from '../books/book.ts'
import {fillLabel, pluralLabel, type Labels} from '../labels.ts'
import {CATALOG_FILE, INDEX_FILE} from '../output-names.ts'
import {formatDate} from '../render/render-article.ts'
import {assertInert} from '../render/assert-inert.ts'
import {fillTemplate, loadStyle, loadTemplate, takeSlot, type Fill} from '../render/template.ts'
import type {Listing} from './listing.ts'
import {OPDS_TYPE} from './render-opds.ts'
import type {Site} from './resolve-site.ts'

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
  readonly site: Site
  /** Whether `opds.xml` sits beside the index. */
  readonly opds: boolean
}

export function renderIndex(entries: readonly IndexEntry[], books: readonly BookEntry[], options: IndexOptions): Root {
  const tree = loadTemplate('index.html')
  const entryTemplate = takeSlot(tree, 'entry')
  const bookTemplate = takeSlot(tree, 'book-entry')

  const {site} = options
  const {labels} = site
  const items = entries.map((entry): ElementContent => {
    const {meta} = entry.article
    return fillTemplate(structuredClone(entryTemplate), {
      entry: {properties: {lang: meta.lang, dir: meta.dir}},
      read: {children: meta.title, properties: entry.html ? {href: entry.html} : {}},
      'entry-meta': textFill(articleFacts(entry.article)),
      'entry-credits': entry.article.credits ? {children: entry.article.credits} : null,
      ...downloadFills(entry, labels, site)
    })
  })
  const bookItems = books.map((entry): ElementContent => {
    const {book} = entry
    const downloads = downloadFills(entry, labels, site)
    return fillTemplate(structuredClone(bookTemplate), {
      'book-entry': {properties: {lang: book.lang, dir: book.dir}},
      'book-read': {children: book.title, properties: {href: entry.page}},
      'book-meta': textFill(bookFacts(book)),
      'book-epub': downloads.epub,
      'book-pdf': downloads.pdf,
      'book-booklet': downloads.booklet
    })
  })

  const filled = fillTemplate(tree, {
    html: {properties: {lang: site.lang}},
    'doc-title': {children: site.title},
    style: {children: loadStyle('site.css')},
    heading: {children: site.title},
    publisher: site.publisher ? {children: fillLabel(labels.publishedBy, {publisher: site.publisher}, site.lang)} : null,
    books: bookItems.length > 0 ? {} : null,
    'books-heading': {children: labels.books},
    'book-entries': {children: bookItems},
    articles: items.length > 0 ? {} : null,
    'articles-heading': {children: labels.articles},
    entries: {children: items},
    opds: options.opds ? {children: catalogLine(labels, site.lang)} : null
  })
  assertInert(filled, INDEX_FILE)
  return filled
}

/** An entry's download links, labelled in the site's language: what each is, how big, and its media type for browsers that offer to open it. */
export function downloadFills(entry: Pick<IndexEntry, 'epub' | 'pdf' | 'booklet'>, labels: Labels, site: Pick<Site, 'lang'>): Record<'epub' | 'pdf' | 'booklet', Fill | null> {
  const fill = (label: string, download: Download | undefined, type: string): Fill | null =>
    download ? {children: `${label} (${download.size})`, properties: {href: download.href, type, lang: site.lang}} : null
  return {
    epub: fill('EPUB', entry.epub, 'application/epub+zip'),
    pdf: fill('PDF', entry.pdf, 'application/pdf'),
    booklet: fill(labels.bookletPdf, entry.booklet, 'application/pdf')
  }
}

/** "For e-reader apps (…): OPDS catalog", the label's `{catalog}` being the link. */
function catalogLine(labels: Labels, lang: string): ElementContent[] {
  return fillLabel(labels.apps, {}, lang)
    .split(/(\{catalog\})/)
    .filter((part) => part !== '')
    .map((part): ElementContent => (part === '{catalog}' ? h('a', {href: CATALOG_FILE, type: OPDS_TYPE}, labels.catalog) : {type: 'text', value: part}))
}

export function articleFacts(article: Listing): string {
  const {meta} = article
  return [meta.publisher, meta.date ? formatDate(meta.date, meta.lang) : undefined, meta.bylines.join(', ')].filter(Boolean).join(' · ')
}

/** A book's facts in its own language, as its entry is marked: editors, publisher, date, how many articles. */
export function bookFacts(book: Book<Listing>): string {
  const count = pluralLabel(book.labels.articleCount, book.articles.length, book.lang)
  return [book.editors.join(', '), book.publisher, book.date ? formatDate(book.date, book.lang) : undefined, count].filter(Boolean).join(' · ')
}

function textFill(text: string): Fill | null {
  return text ? {children: text} : null
}
