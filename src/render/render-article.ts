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
import {counterStyle, fillLabel, labelsFor} from '../labels.ts'
import type {Paper} from '../paper.ts'
import {fontFaceCss} from '../fonts.ts'
import {pageCss, pageLayout, pageOfContent} from './page-layout.ts'
import {qrCodeSvg} from './qr-code.ts'
import {hyphenateBlocks} from './hyphenate.ts'
import {bindImages} from './bind-images.ts'
import {epubFootnotes} from './epub-notes.ts'
import {assertInert} from './assert-inert.ts'
import type {Target} from './target.ts'
import {fillTemplate, loadStyle, loadTemplate, type Slots} from './template.ts'

export type {Target} from './target.ts'

export {cssString} from './page-layout.ts'

export interface RenderOptions {
  readonly target: Target
  /** Print: the paper, A4 unless given. */
  readonly paper?: Paper
  /** Print: a handout (one side, "page k of n") or a booklet's pages (facing, mirrored). */
  readonly pages?: 'handout' | 'booklet'
  /** The language dates are written in: in a book, the book's; else the article's own. */
  readonly dateLang?: string
}

export function renderArticle(article: Article, options: RenderOptions): Root {
  const {meta} = article
  const tree = loadTemplate('article.html')
  const authors = meta.bylines.length > 0 ? meta.bylines.join(', ') : meta.publisher
  // The article's own words (the notice's heading, the source's label) are in its language.
  const labels = labelsFor(meta.lang)
  const dateLang = options.dateLang ?? meta.lang

  const slots: Slots = {
    html: {properties: {lang: meta.lang, dir: meta.dir}},
    'doc-title': {children: meta.title},
    author: authors ? {properties: {content: authors}} : null,
    description: {properties: {content: describeArticle(article)}},
    style: {children: stylesFor(options.target)},
    'page-style': options.target === 'print' ? {children: pageStyle(article, options.paper ?? 'a4', options.pages ?? 'handout')} : null,
    article: {properties: {lang: meta.lang, dir: meta.dir}},
    publisher: meta.publisher ? {children: meta.publisher} : null,
    // In the text itself, so the kicker reads "Publisher · date" without a stylesheet too.
    'kicker-separator': meta.publisher && meta.date ? {} : null,
    date: meta.date
      ? {children: formatDate(meta.date, dateLang), properties: {dateTime: meta.date, lang: dateLang === meta.lang ? undefined : dateLang}}
      : null,
    headline: {children: meta.title},
    subtitle: meta.subtitle ? {children: meta.subtitle} : null,
    byline: meta.bylines.length > 0 ? {children: meta.bylines.join(', ')} : null,
    lead: article.lead && (article.lead.src || article.lead.caption) ? {children: leadFigure(article)} : null,
    body: {children: bodyFor(article, options.target)},
    credits: article.credits ? {children: article.credits} : null,
    // A heading names the notice for those who hear the page and those who read it without styles.
    notice: article.notice.length > 0 ? {children: [h('h2.notice-heading', {id: 'notice-heading'}, labels.notice), ...article.notice.map((text) => h('p', text))]} : null,
    source: meta.sourceUrl ? {children: sourceLine(meta.sourceUrl, options.target, labels.source, fillLabel(labels.qrCode, {url: meta.sourceUrl}))} : null
  }
  const filled = fillTemplate(tree, slots)
  if (options.target === 'print') keepEnding(articleElement(filled))
  alignCells(filled)
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

/** The longest last block (in characters, some five lines) that goes to a new page with the article's footer rather than stay behind. */
const ENDING_CHARACTERS = 360

/**
 * On paper the credits, the notice and the source never stand on a page
 * of their own: the article's last block goes with them, in a box that
 * does not break (print.css). Chromium's `break-before: avoid`, which
 * print.css sets too, is not enough: where the last page break falls
 * after a paragraph that began on the page before, Chromium left the
 * footer alone on the last page (A5 booklet of the seed). A longer last
 * block stays where it is, so no page is left half empty for it.
 */
function keepEnding(article: Element): void {
  const at = (name: string) => article.children.findIndex((child) => child.type === 'element' && classesOf(child).includes(name))
  const body = article.children[at('article-body')] as Element | undefined
  const footer = article.children[at('article-footer')] as Element | undefined
  const blocks = body?.children.filter((child): child is Element => child.type === 'element') ?? []
  const last = blocks.at(-1)
  if (!body || !footer || !last || textOf(last).length > ENDING_CHARACTERS) return
  body.children.splice(body.children.indexOf(last), 1)
  const ending = h('div.article-end', [h('div', {className: classesOf(body)}, [last]), footer])
  article.children.splice(at('article-footer'), 1, ending)
}

function classesOf(element: Element): string[] {
  return Array.isArray(element.properties.className) ? element.properties.className.map(String) : []
}

/**
 * A table column's alignment is a class (see sanitize.ts); a reader that
 * drops the stylesheets, as many e-readers let their readers do, would lose
 * it. The cell's own style attribute says it as well, and travels with it.
 */
function alignCells(tree: Root): void {
  const walk = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (child.tagName === 'td' || child.tagName === 'th') {
        const classes = Array.isArray(child.properties.className) ? child.properties.className.map(String) : []
        const align = classes.find((name) => /^align-(left|center|right)$/.test(name))
        if (align) child.properties.style = `text-align: ${align.slice('align-'.length)}`
      }
      walk(child)
    }
  }
  walk(tree)
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
 * The article's own @page rules: the paper, the type size that gives it a
 * readable measure, and what the margins show (page-layout.ts). A handout
 * heads its pages with the headline from the second on and counts "page k
 * of n"; a booklet's facing pages carry the publisher over the verso, the
 * headline over the recto, and the folio at the outer edge.
 */
function pageStyle(article: Article, paper: Paper, pages: 'handout' | 'booklet'): string {
  const {meta} = article
  const style = counterStyle(meta.lang)
  if (pages === 'handout') {
    const folio = pageOfContent(labelsFor(meta.lang).pageOf, style)
    return pageCss(pageLayout(paper, false, meta.lang), {dir: meta.dir, kind: 'handout', verso: meta.title, folio})
  }
  return pageCss(pageLayout(paper, true, meta.lang), {dir: meta.dir, kind: 'facing', verso: meta.publisher ?? meta.title, recto: meta.title, folio: `counter(page, ${style})`})
}

/**
 * "Source: URL". On paper a link cannot be followed: the handout prints the
 * URL as text and as a QR code a phone can read. Screens and e-readers get
 * the link alone.
 */
function sourceLine(url: string, target: Target, label: string, qrLabel: string): ElementContent[] {
  if (target !== 'print') return [h('span.source-label', `${label}: `), h('a', {href: url}, url)]
  return [qrCodeSvg(url, qrLabel), h('span.source-url', [h('span.source-label', `${label}: `), h('a', {href: url}, unbrokenHyphens(url))])]
}

/**
 * A long URL must wrap on paper, but never right after one of its own
 * hyphens: text extraction (poppler, search, copy) takes a hyphen at a line
 * end for a word break and drops it, and the URL read back is wrong. Each
 * hyphen is kept with the character after it (print.css: `.url-keep`).
 */
function unbrokenHyphens(url: string): ElementContent[] {
  return url.split(/(-+[^-]?)/).flatMap((part, at): ElementContent[] => {
    if (part === '') return []
    return at % 2 === 1 ? [h('span.url-keep', part)] : [{type: 'text', value: part}]
  })
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

/** The headline, the body's section headings and the notice's, in order: the PDF outline. */
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
  if (article.notice.length > 0) headings.push(labelsFor(article.meta.lang).notice)
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
