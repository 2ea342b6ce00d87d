/**
 * render: Article -> hast document, by filling templates/article.html.
 *
 * One template, three targets: the web page (styles inlined, works offline),
 * the print document (page size, running head, bundled fonts) and the EPUB
 * chapter (its <article> becomes the chapter body).
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {Article} from '../article.ts'
import {PAPER_SIZES, type Paper} from '../paper.ts'
import {fontFaceCss} from '../fonts.ts'
import {qrCodeSvg} from './qr-code.ts'
import {hyphenateBlocks} from './hyphenate.ts'
import {bindImages} from './bind-images.ts'
import {epubFootnotes} from './epub-notes.ts'
import {assertInert} from './assert-inert.ts'
import type {Target} from './target.ts'
import {fillTemplate, loadStyle, loadTemplate, type Slots} from './template.ts'

export type {Target} from './target.ts'

export interface RenderOptions {
  readonly target: Target
  readonly paper?: Paper
}

export function renderArticle(article: Article, options: RenderOptions): Root {
  const {meta} = article
  const tree = loadTemplate('article.html')
  const authors = meta.bylines.length > 0 ? meta.bylines.join(', ') : meta.publisher

  const slots: Slots = {
    html: {properties: {lang: meta.lang, dir: meta.dir}},
    'doc-title': {children: meta.title},
    author: authors ? {properties: {content: authors}} : null,
    description: {properties: {content: describeArticle(article)}},
    style: {children: stylesFor(options.target)},
    'page-style': options.target === 'print' ? {children: pageStyle(article, options.paper)} : null,
    article: {properties: {lang: meta.lang, dir: meta.dir}},
    publisher: meta.publisher ? {children: meta.publisher} : null,
    date: meta.date ? {children: formatDate(meta.date, meta.lang), properties: {dateTime: meta.date}} : null,
    headline: {children: meta.title},
    subtitle: meta.subtitle ? {children: meta.subtitle} : null,
    byline: meta.bylines.length > 0 ? {children: meta.bylines.join(', ')} : null,
    lead: article.lead && (article.lead.src || article.lead.caption) ? {children: leadFigure(article)} : null,
    body: {children: bodyFor(article, options.target)},
    credits: article.credits ? {children: article.credits} : null,
    notice:
      article.notice.length > 0
        ? {
            children: article.notice.map((text) => h('p', text)),
            properties: {ariaLabel: meta.publisher ? `${meta.publisher} notice` : 'Publisher notice'}
          }
        : null,
    source: meta.sourceUrl ? {children: sourceLine(meta.sourceUrl, options.target)} : null
  }
  const filled = fillTemplate(tree, slots)
  bindImages(filled, article.images ?? [], options.target)
  if (options.target === 'epub') epubFootnotes(filled)
  assertInert(filled, `${article.slug} (${options.target})`)
  return filled
}

/** Print justifies the body, so it alone gets soft hyphens (see hyphenate.ts). */
function bodyFor(article: Article, target: Target): ElementContent[] {
  // A copy: each target rebinds images and notes, and the three render one Article concurrently.
  const blocks = structuredClone(article.body.children) as ElementContent[]
  return target === 'print' ? hyphenateBlocks(blocks, article.meta.lang) : blocks
}

/** The <article> element of a rendered document: the EPUB chapter body. */
export function articleElement(tree: Root): Element {
  const found = findElement(tree, (node) => node.tagName === 'article')
  if (!found) throw new TypeError('rendered document has no <article>')
  return found
}

/**
 * The stylesheets of a target. Those of print are the same for every
 * article, so that a tab that printed one article keeps them, and its fonts,
 * for the next (see formats/pdf/tab.ts); what differs goes into `pageStyle`.
 */
function stylesFor(target: Target): string {
  const base = loadStyle('base.css')
  switch (target) {
    case 'page':
      return base
    case 'epub':
      return base + '\n' + loadStyle('epub.css')
    case 'print':
      return [fontFaceCss(), base, loadStyle('print.css')].join('\n')
  }
}

/**
 * The article's own @page rule. The running head is the headline; Chromium
 * has no string-set(), so the text goes into the rule itself, as an escaped
 * CSS string. The head sits where a line starts, the page number where it
 * ends: print.css puts the number at the bottom right; right to left, it
 * moves left.
 */
function pageStyle(article: Article, paper: Paper = 'a4'): string {
  const head = article.meta.dir === 'rtl' ? 'top-right' : 'top-left'
  const folio = article.meta.dir === 'rtl' ? '@bottom-right { content: none; } @bottom-left { content: counter(page) " / " counter(pages); }' : ''
  // The first page has the headline itself: no head. print.css says so too, but
  // Chromium lets a later stylesheet's @page win over an earlier :first.
  return `@page { size: ${PAPER_SIZES[paper].css}; @${head} { content: ${cssString(article.meta.title)}; } ${folio} } @page :first { @${head} { content: none; } }`
}

/**
 * On paper a link cannot be followed: the handout prints the URL as text and
 * as a QR code a phone can read. Screens and e-readers get the link alone.
 */
function sourceLine(url: string, target: Target): ElementContent[] {
  const link = h('a', {href: url}, url)
  if (target !== 'print') return [link]
  return [qrCodeSvg(url, `QR code for ${url}`), h('span.source-url', [link])]
}

function leadFigure(article: Article): ElementContent[] {
  const lead = article.lead!
  const children: ElementContent[] = []
  if (lead.src) children.push(h('img', {src: lead.src, alt: lead.alt ?? ''}))
  if (lead.caption || lead.credit) {
    children.push(
      h('figcaption', [
        lead.caption ?? '',
        lead.credit ? h('span.image-credit', [lead.caption ? ' ' : '', lead.credit]) : ''
      ])
    )
  }
  return children
}

/** One line about the article: its subtitle, or the start of its first paragraph. */
export function describeArticle(article: Article): string {
  if (article.meta.subtitle) return article.meta.subtitle
  const first = article.body.children.find(
    (node): node is Element => node.type === 'element' && node.tagName === 'p'
  )
  const text = first ? textOf(first) : article.meta.title
  return text.length > 300 ? text.slice(0, 297).trimEnd() + '…' : text
}

/** One formatter per language: making one costs more than formatting with it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function dateFormat(lang: string): Intl.DateTimeFormat {
  let format = dateFormats.get(lang)
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeZone: 'UTC'})
    dateFormats.set(lang, format)
  }
  return format
}

export function formatDate(date: string, lang: string): string {
  const parsed = new Date(date.length === 10 ? date + 'T00:00:00Z' : date)
  if (Number.isNaN(parsed.getTime())) return date
  try {
    return dateFormat(lang).format(parsed)
  } catch {
    return date
  }
}

/** A CSS string literal; `<` is escaped so the text can never close <style>. */
export function cssString(text: string): string {
  return '"' + text.replace(/[\\"<\n\r]/g, (char) => '\\' + char.codePointAt(0)!.toString(16) + ' ') + '"'
}

/** The headline and the body's section headings, in order: the PDF outline. */
export function headingsOf(article: Article): string[] {
  const headings = [article.meta.title]
  const walk = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (/^h[1-6]$/.test(child.tagName)) headings.push(textOf(child))
      else walk(child)
    }
  }
  walk(article.body)
  return headings
}

function textOf(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' || node.type === 'root') return node.children.map((child) => textOf(child as ElementContent)).join('')
  return ''
}

function findElement(node: Root | Element, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (test(child)) return child
    const deeper = findElement(child, test)
    if (deeper) return deeper
  }
  return undefined
}
