/**
 * render index: the download page listing every article, from
 * templates/index.html. Plain HTML, no script, readable on e-ink.
 */
import type {ElementContent, Root} from 'hast'
import type {Article} from '../article.ts'
import {formatDate} from './render-article.ts'
import {assertInert} from './assert-inert.ts'
import {fillTemplate, loadStyle, loadTemplate, takeSlot} from './template.ts'

export interface IndexEntry {
  readonly article: Article
  /** Output file names present for this article, relative to the index. */
  readonly html?: string
  readonly epub?: {readonly href: string; readonly size: string}
  readonly pdf?: {readonly href: string; readonly size: string}
}

export interface IndexOptions {
  readonly title: string
  readonly lang: string
}

export function renderIndex(entries: readonly IndexEntry[], options: IndexOptions): Root {
  const tree = loadTemplate('index.html')
  const entryTemplate = takeSlot(tree, 'entry')

  const items = entries.map((entry): ElementContent => {
    const {meta} = entry.article
    const facts = [meta.publisher, meta.date ? formatDate(meta.date, meta.lang) : undefined, meta.bylines.join(', ')]
      .filter(Boolean)
      .join(' · ')
    return fillTemplate(structuredClone(entryTemplate), {
      entry: {properties: {lang: meta.lang, dir: meta.dir}},
      read: {
        children: meta.title,
        properties: entry.html ? {href: entry.html} : {}
      },
      'entry-meta': facts ? {children: facts} : null,
      'entry-credits': entry.article.credits ? {children: entry.article.credits} : null,
      epub: entry.epub
        ? {children: `EPUB (${entry.epub.size})`, properties: {href: entry.epub.href, type: 'application/epub+zip', download: ''}}
        : null,
      pdf: entry.pdf
        ? {children: `PDF (${entry.pdf.size})`, properties: {href: entry.pdf.href, type: 'application/pdf', download: ''}}
        : null
    })
  })

  const filled = fillTemplate(tree, {
    html: {properties: {lang: options.lang}},
    'doc-title': {children: options.title},
    style: {children: loadStyle('site.css')},
    heading: {children: options.title},
    entries: {children: items}
  })
  assertInert(filled, 'index.html')
  return filled
}
