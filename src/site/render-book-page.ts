/**
 * A book's download page, from templates/book-page.html: its files with
 * their sizes and the articles it collects, each linking to its own page.
 */
import type {ElementContent, Root} from 'hast'
import {assertInert} from '../render/assert-inert.ts'
import {articleFacts, bookFacts, downloadFills, type BookEntry} from './render-index.ts'
import {fillTemplate, loadStyle, loadTemplate, takeSlot} from '../render/template.ts'
import type {Site} from './resolve-site.ts'

/** `pages` maps an article's slug to its web page, when one was built. The page's own words are the site's. */
export function renderBookPage(entry: BookEntry, pages: ReadonlyMap<string, string>, site: Site): Root {
  const {book} = entry
  const tree = loadTemplate('book-page.html')
  const itemTemplate = takeSlot(tree, 'item')
  const items = book.articles.map((article): ElementContent => {
    const href = pages.get(article.slug)
    const facts = articleFacts(article)
    return fillTemplate(structuredClone(itemTemplate), {
      item: {properties: {lang: article.meta.lang, dir: article.meta.dir}},
      'item-title': {children: article.meta.title, properties: href ? {href} : {}},
      'item-meta': facts ? {children: facts} : null
    })
  })
  const facts = bookFacts(book)
  const {labels} = site
  const filled = fillTemplate(tree, {
    // The page's own words are the site's, in its language; the book's title and facts are in the book's.
    html: {properties: {lang: site.lang}},
    'doc-title': {children: `${book.title} · ${site.title}`},
    style: {children: loadStyle('site.css')},
    home: {children: labels.allDownloads},
    title: {children: book.title, properties: {lang: book.lang, dir: book.dir}},
    subtitle: book.subtitle ? {children: book.subtitle, properties: {lang: book.lang, dir: book.dir}} : null,
    meta: facts ? {children: facts, properties: {lang: book.lang, dir: book.dir}} : null,
    ...downloadFills(entry, labels, site),
    rights: book.rights ? {children: book.rights, properties: {lang: book.lang, dir: book.dir}} : null,
    'contents-heading': {children: labels.contents},
    contents: {children: items}
  })
  assertInert(filled, entry.page)
  return filled
}
