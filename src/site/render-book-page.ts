/**
 * A book's download page, from templates/book-page.html: its files with
 * their sizes and the articles it collects, each linking to its own page.
 */
import type {ElementContent, Root} from 'hast'
import {assertInert} from '../render/assert-inert.ts'
import {articleFacts, bookFacts, downloadFill, type BookEntry} from './render-index.ts'
import {fillTemplate, loadStyle, loadTemplate, takeSlot} from '../render/template.ts'

/** `pages` maps an article's slug to its web page, when one was built. */
export function renderBookPage(entry: BookEntry, pages: ReadonlyMap<string, string>): Root {
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
  const filled = fillTemplate(tree, {
    // The page's own words are English, like the index; the book's title is in its language.
    html: {properties: {lang: 'en'}},
    'doc-title': {children: book.title},
    style: {children: loadStyle('site.css')},
    home: {},
    title: {children: book.title, properties: {lang: book.lang, dir: book.dir}},
    subtitle: book.subtitle ? {children: book.subtitle, properties: {lang: book.lang, dir: book.dir}} : null,
    meta: facts ? {children: facts} : null,
    epub: downloadFill('EPUB', entry.epub, 'application/epub+zip'),
    pdf: downloadFill('PDF', entry.pdf, 'application/pdf'),
    booklet: downloadFill('Booklet PDF', entry.booklet, 'application/pdf'),
    rights: book.rights ? {children: book.rights} : null,
    'contents-heading': {children: 'Contents'},
    contents: {children: items}
  })
  assertInert(filled, entry.page)
  return filled
}
