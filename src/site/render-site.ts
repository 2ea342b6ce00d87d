/**
 * The output folder as a static download site: `index.html`, a page per
 * book and the OPDS catalog `opds.xml`. It lists what is in the folder (so
 * it also serves a books-only build over earlier per-article outputs), with
 * each file's size. Returns the documents; build.ts writes and caches them.
 */
import {stat} from 'node:fs/promises'
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import type {Article} from '../article.ts'
import type {Book} from '../books/book.ts'
import {formatSize} from '../load/load.ts'
import {describeArticle} from '../render/render-article.ts'
import {renderIndex, type BookEntry, type Download, type IndexEntry} from './render-index.ts'
import {renderBookPage} from './render-book-page.ts'
import {renderOpds, type CatalogEntry} from './render-opds.ts'
import {ARTICLE_FILES, BOOK_FILES} from '../output-names.ts'

export interface SiteContent {
  readonly articles: readonly Article[]
  readonly books: readonly Book[]
}

export interface SiteDocument {
  /** File name in the output folder. */
  readonly name: string
  readonly format: 'index' | 'catalog'
  readonly text: string
}

export async function renderSite(outDir: string, content: SiteContent): Promise<SiteDocument[]> {
  if (content.articles.length === 0 && content.books.length === 0) return []
  const find = async (name: string): Promise<Download | undefined> => {
    try {
      return {href: name, size: formatSize((await stat(path.join(outDir, name))).size)}
    } catch {
      return undefined
    }
  }
  const articles: IndexEntry[] = await Promise.all(
    content.articles.map(async (article) => {
      const [html, epub, pdf, booklet] = await Promise.all(ARTICLE_FILES.map((suffix) => find(article.slug + suffix)))
      return {article, html: html?.href, epub, pdf, booklet}
    })
  )
  const books: Array<BookEntry & {cover?: Download}> = await Promise.all(
    content.books.map(async (book) => {
      const [epub, pdf, booklet, png, jpg] = await Promise.all(
        BOOK_FILES.map((suffix) => find(book.slug + suffix))
      )
      return {book, page: `${book.slug}.html`, epub, pdf, booklet, cover: png ?? jpg}
    })
  )

  const title = content.books.length > 0 && content.articles.length === 0 ? 'Books' : 'Articles'
  // The site's own words (“Articles”, “Download”) are English; each entry carries its language.
  const lang = 'en'
  const pages = new Map(articles.flatMap((entry) => (entry.html ? [[entry.article.slug, entry.html] as const] : [])))
  return [
    ...books.map((entry): SiteDocument => ({name: entry.page, format: 'index', text: toHtml(renderBookPage(entry, pages))})),
    {
      name: 'opds.xml',
      format: 'catalog',
      text: renderOpds([...books.map(bookEntry), ...articles.map(articleEntry)], {id: 'urn:imprint:catalog', title, lang})
    },
    {name: 'index.html', format: 'index', text: toHtml(renderIndex(articles, books, {title, lang, opds: true}))}
  ]
}

function articleEntry(entry: IndexEntry): CatalogEntry {
  const {article} = entry
  const {meta} = article
  return {
    id: meta.identifier ?? `urn:imprint:article:${article.slug}`,
    title: meta.title,
    authors: meta.bylines.length > 0 ? meta.bylines : meta.publisher ? [meta.publisher] : [],
    lang: meta.lang,
    summary: describeArticle(article),
    updated: meta.date ?? '1980-01-01',
    publisher: meta.publisher,
    rights: meta.rights ?? (article.notice.length > 0 ? article.notice.join('\n') : undefined),
    epub: entry.epub?.href,
    pdf: entry.pdf?.href,
    booklet: entry.booklet?.href,
    page: entry.html
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
    booklet: entry.booklet?.href,
    page: entry.page,
    cover: entry.cover ? {href: entry.cover.href, type: entry.cover.href.endsWith('.png') ? 'image/png' : 'image/jpeg'} : undefined
  }
}
