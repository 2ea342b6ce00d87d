/**
 * The output folder as a static download site: `index.html`, a page per
 * book and the OPDS catalog `opds.xml`. It lists the files the folder holds
 * once the build is done, as the build knows them (what it wrote, and what
 * was there before), with each file's size. Returns the documents; the
 * build writes and caches them.
 */
import {toHtml} from 'hast-util-to-html'
import type {Book} from '../books/book.ts'
import type {SiteSpec} from '../books/config.ts'
import {formatSize} from '../load/load.ts'
import {ARTICLE_FILES, articleFileName, bookFileName, bookPageName, CATALOG_FILE, INDEX_FILE, type BookPart} from '../output-names.ts'
import type {Listing} from './listing.ts'
import {renderIndex, type BookEntry, type Download, type IndexEntry} from './render-index.ts'
import {renderBookPage} from './render-book-page.ts'
import {renderCatalogs} from './catalog-feeds.ts'
import type {CatalogEntry} from './render-opds.ts'
import {resolveSite} from './resolve-site.ts'

export interface SiteContent {
  readonly articles: readonly Listing[]
  readonly books: ReadonlyArray<Book<Listing>>
  /** Every file of the output folder the site may link, by name: its size in bytes. */
  readonly files: ReadonlyMap<string, number>
  /** The config's `site:`; what it leaves out is worked out from the articles. */
  readonly site: SiteSpec
}

export interface SiteDocument {
  /** File name in the output folder. */
  readonly name: string
  readonly format: 'index' | 'catalog'
  readonly text: string
}

/** The parts of a book the site offers for download, with the cover the catalog shows. */
const BOOK_DOWNLOADS: readonly BookPart[] = ['epub', 'pdf', 'booklet']

/** The documents in order: the index comes last, once the pages it links exist. */
export function renderSite(content: SiteContent): SiteDocument[] {
  if (content.articles.length === 0 && content.books.length === 0) return []
  const find = (name: string): Download | undefined => {
    const bytes = content.files.get(name)
    return bytes === undefined ? undefined : {href: name, size: formatSize(bytes)}
  }
  const covers = new Map<string, Download>()
  const articles: IndexEntry[] = content.articles.map((article) => {
    const [html, epub, pdf, booklet, cover] = ARTICLE_FILES.map((file) => find(articleFileName(article.slug, file)))
    if (cover) covers.set(article.slug, cover)
    return {article, html: html?.href, epub, pdf, booklet}
  })
  const books: Array<BookEntry & {cover?: Download}> = content.books.map((book) => {
    const [epub, pdf, booklet] = BOOK_DOWNLOADS.map((part) => find(bookFileName(book.slug, part, book.cover)))
    // The cover is a PNG unless the user's is a JPEG; look for both, as a book's cover may have changed kind.
    const cover = find(bookFileName(book.slug, 'cover', undefined)) ?? find(bookFileName(book.slug, 'cover', 'cover.jpg'))
    return {book, page: bookPageName(book.slug), epub, pdf, booklet, cover}
  })

  const site = resolveSite(content)
  const pages = new Map(articles.flatMap((entry) => (entry.html ? [[entry.article.slug, entry.html] as const] : [])))
  const articleEntries = new Map(articles.map((entry) => [entry.article.slug, articleEntry(entry, covers.get(entry.article.slug))]))
  const catalogBooks = books.map((entry) => ({
    slug: entry.book.slug,
    entry: bookEntry(entry),
    articles: entry.book.articles.flatMap((article) => articleEntries.get(article.slug) ?? [])
  }))
  const catalogs = renderCatalogs(catalogBooks, [...articleEntries.values()], site)
  return [
    ...books.map((entry): SiteDocument => ({name: entry.page, format: 'index', text: toHtml(renderBookPage(entry, pages, site))})),
    ...catalogs.map((feed): SiteDocument => ({name: feed.name, format: 'catalog', text: feed.text})),
    {name: INDEX_FILE, format: 'index', text: toHtml(renderIndex(articles, books, {site, opds: true}))}
  ]
}

function articleEntry(entry: IndexEntry, cover: Download | undefined): CatalogEntry {
  const {article} = entry
  const {meta} = article
  return {
    id: meta.identifier ?? `urn:imprint:article:${article.slug}`,
    title: meta.title,
    authors: meta.bylines.length > 0 ? meta.bylines : meta.publisher ? [meta.publisher] : [],
    lang: meta.lang,
    summary: article.description,
    updated: meta.date ?? '1980-01-01',
    publisher: meta.publisher,
    rights: meta.rights ?? (article.notice.length > 0 ? article.notice.join('\n') : undefined),
    epub: entry.epub?.href,
    pdf: entry.pdf?.href,
    page: entry.html,
    cover: cover ? {href: cover.href, type: 'image/png'} : undefined
  }
}

function bookEntry(entry: BookEntry & {cover?: Download}): CatalogEntry {
  const {book} = entry
  return {
    id: book.identifier ?? `urn:imprint:book:${book.slug}`,
    title: book.title,
    authors: book.editors.length > 0 ? book.editors : book.publisher ? [book.publisher] : [],
    lang: book.lang,
    summary: book.subtitle ?? book.articles.map((article) => article.meta.title).join(' · '),
    updated: book.date ?? '1980-01-01',
    publisher: book.publisher,
    rights: book.rights,
    epub: entry.epub?.href,
    pdf: entry.pdf?.href,
    page: entry.page,
    cover: entry.cover ? {href: entry.cover.href, type: entry.cover.href.endsWith('.png') ? 'image/png' : 'image/jpeg'} : undefined
  }
}
