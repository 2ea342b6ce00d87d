/**
 * parse: HTML -> hast, with roles marked, plus the metadata the page carries.
 *
 * A full web page goes through Mozilla Readability (on linkedom, a fast DOM
 * without a browser) to find the article among the page's chrome. What
 * Readability is known to drop, the credits line, the publisher's notice,
 * the dateline and photo credits, is found on the whole page first and put
 * back after (html-recover.ts). A fragment or CMS export, with no page around
 * it, is taken as it is. Both end in the hast shape the text reader emits.
 */
import {Readability} from '@mozilla/readability'
import type {Element, ElementContent, Root} from 'hast'
import {fromDom} from 'hast-util-from-dom'
import {parseHTML} from 'linkedom'
import type {VFile} from 'vfile'
import type {Role} from '../article.ts'
import {report} from '../messages.ts'
import type {MetaInput} from '../schema/meta.ts'
import {readPageMeta} from './html-metadata.ts'
import {markRecoverable, restoreRecovered} from './html-recover.ts'
import {repairHtml} from './html-repair.ts'
import {DEFAULT_LIMITS} from '../limits.ts'
import {assertDepth, elementDepth, htmlDepth} from './depth.ts'
import {siteNamesOf, withoutSiteName} from './html-title.ts'
import type {Reader} from './reader.ts'

// Less text than this outside links is a menu, a login form or an error
// page, not an article: a build would print an empty book.
const MIN_ARTICLE_CHARS = 200

/**
 * The reader of saved web pages and CMS fragments. The page's own metadata
 * (JSON-LD, `<meta>`, Readability's findings) comes back with the sidecar
 * laid over it: the editor's word wins over the page's.
 */
export const parseHtml: Reader = (file, sidecar, limits = DEFAULT_LIMITS) => {
  const html = String(file)
  noteCharset(html, file)
  // linkedom takes minutes over 100,000 levels: the text is measured first.
  assertDepth(htmlDepth(html, limits.depth), limits.depth, 'HTML elements')
  const {document} = parseHTML(wrapFragment(html))
  // Before Readability and the conversion to hast, which recurse once per level.
  assertDepth(elementDepth(document.documentElement), limits.depth, 'HTML elements')
  const page = readPageMeta(document)
  for (const field of page.rejected) {
    report(file, 'page-metadata', `ignored the page's \`${field}\`: not a valid value for that field`)
  }
  const fragment = isFragment(html, document)
  const recoverable = markRecoverable(document)
  const siteNames = siteNamesOf(document, [page.meta.publisher])
  const extracted = fragment ? takeAsIs(document) : extract(document)
  const tree: Root = {type: 'root', children: extracted.children}
  for (const text of restoreRecovered(tree, recoverable)) {
    report(file, 'page-chrome', `Dropped page chrome \`${text}\``, {
      note: 'Paragraphs that are entirely site furniture are removed; prose that merely contains the words is kept.'
    })
  }

  repairHtml(tree)

  // Readability reads the title from JSON-LD, Dublin Core, Open Graph, then
  // <title> with the site's name cut off; a fragment has only its own.
  const found = fragment ? (page.meta.title ?? extracted.title) : (extracted.title ?? page.meta.title)
  const title = found && withoutSiteName(found, siteNames)
  if (title) markHeadline(tree, title)
  checkArticle(tree, file, fragment)

  const byline = page.meta.byline ?? extracted.byline
  const meta: MetaInput = {
    ...page.meta,
    ...(title ? {title} : {}),
    ...(byline ? {byline} : {}),
    ...(page.meta.publisher || !extracted.siteName ? {} : {publisher: extracted.siteName}),
    ...sidecar
  }
  return {tree, meta, baseUrl: meta.source}
}

interface Extracted {
  readonly children: ElementContent[]
  readonly title?: string
  readonly byline?: string
  readonly siteName?: string
}

/** Readability's article, as hast; its title reading follows `<title>` heuristics. */
function extract(document: Document): Extracted {
  // The HTML standard's `document.title` collapses white space; linkedom's
  // does not, and Readability's title heuristics then misread a <title>
  // written over several lines.
  const titleElement = document.querySelector('title')
  if (titleElement) titleElement.textContent = clean(titleElement.textContent) ?? ''
  const fallbackTitle = document.title
  const result = new Readability<Element_>(document, {serializer: (node: Node) => node as Element_}).parse()
  const content = result?.content
  // Readability wraps the article in <div id="readability-page-1">: unwrap it.
  const page = content?.firstElementChild?.id === 'readability-page-1' ? content.firstElementChild : content
  return {
    children: page ? childrenOf(page) : [],
    title: clean(result?.title) ?? clean(fallbackTitle),
    byline: bylineOf(result?.byline),
    siteName: clean(result?.siteName)
  }
}

/** A fragment keeps every block; only what sanitize refuses goes, later. */
function takeAsIs(document: Document): Extracted {
  const root = document.body ?? document.documentElement
  const heading = root?.querySelector('h1')
  return {
    children: root ? childrenOf(root) : [],
    title: clean(document.querySelector('head > title')?.textContent) ?? clean(heading?.textContent)
  }
}

type Element_ = globalThis.Element

function childrenOf(node: Node): ElementContent[] {
  const converted = fromDom(node)
  return converted.type === 'element' || converted.type === 'root' ? (converted.children as ElementContent[]) : []
}

/**
 * A fragment has no `<html>`, `<head>` or `<body>`, or it has the wrapper
 * but nothing a site puts around an article: no title, no navigation, no
 * scripts. Readability would only throw parts of such a document away.
 */
function isFragment(html: string, document: Document): boolean {
  const head = html.slice(0, 4096)
  if (!/<(?:html|head|body)[\s>]/i.test(head)) return true
  return document.querySelector('title, meta[name], meta[property], nav, header, footer, aside, script, form, iframe') === null
}

/** linkedom does not imply `<html><body>` around a fragment as browsers do. */
function wrapFragment(html: string): string {
  return /<(?:html|body)[\s>]/i.test(html.slice(0, 4096)) ? html : `<!DOCTYPE html><html><body>${html}</body></html>`
}

/**
 * The bytes were decoded as UTF-8 by load (or, when they were not UTF-8, in
 * the charset the page declares). A page that declares another charset but
 * is valid UTF-8 was saved by a browser that re-encoded it: say so.
 */
function noteCharset(html: string, file: VFile): void {
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(html.slice(0, 4096))?.[1]?.toLowerCase()
  if (declared && !/^(?:utf-?8|unicode-1-1-utf-8)$/.test(declared) && !file.messages.some((message) => message.ruleId === 'legacy-charset')) {
    report(file, 'charset-mismatch', `the page declares charset ${declared}, but its bytes are valid UTF-8; read as UTF-8`)
  }
}

/** Say when nothing is left that a reader would call an article. */
function checkArticle(tree: Root, file: VFile, fragment: boolean): void {
  const chars = proseLength(tree)
  if (chars >= (fragment ? 1 : MIN_ARTICLE_CHARS)) return
  report(file, 'no-article', `no article found in ${file.basename ?? 'this page'}: ${chars} characters of text outside links and headings`, {
    note: 'The page looks like a menu, a front page or an error page. Save the article\'s own page, or paste its text into a .txt file.'
  })
}

function proseLength(node: Root | ElementContent): number {
  if (node.type === 'text') return node.value.replace(/\s+/g, '').length
  if (node.type === 'element' && (node.tagName === 'a' || /^h[1-6]$/.test(node.tagName))) return 0
  if (node.type === 'element' || node.type === 'root') {
    return node.children.reduce((sum, child) => sum + proseLength(child as ElementContent), 0)
  }
  return 0
}

/**
 * The page's own h1 becomes the headline when it says the title; otherwise
 * the title goes on top, as extraction removes the heading it repeats.
 */
function markHeadline(tree: Root, title: string): void {
  const heading = findElement(tree, (node) => node.tagName === 'h1')
  if (heading && clean(textOf(heading)) === title) {
    heading.properties.dataImprint = 'headline' satisfies Role
    const next = nextElement(tree, heading)
    if (next?.tagName === 'p' && STANDFIRST.test(String(next.properties.className ?? ''))) next.properties.dataImprint = 'subtitle' satisfies Role
    return
  }
  tree.children.unshift({type: 'element', tagName: 'h1', properties: {dataImprint: 'headline' satisfies Role}, children: [{type: 'text', value: title}]})
}

// Classes CMSs give the standfirst under a headline.
const STANDFIRST = /\b(?:standfirst|subtitle|subheadline|sub-headline|dek|deck|summary|lede|lead-in)\b/i

function findElement(node: Root | Element, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (test(child)) return child
    const deeper = findElement(child, test)
    if (deeper) return deeper
  }
  return undefined
}

/** The element after `target` among its siblings. */
function nextElement(node: Root | Element, target: Element): Element | undefined {
  const index = node.children.indexOf(target)
  if (index !== -1) return node.children.slice(index + 1).find((child): child is Element => child.type === 'element')
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const found = nextElement(child, target)
    if (found) return found
  }
  return undefined
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  return node.type === 'element' ? node.children.map(textOf).join('') : ''
}

/** Readability's byline may hold "By", a date on a second line, or a whole sentence. */
function bylineOf(value: string | null | undefined): string | undefined {
  const line = clean(value?.split('\n')[0])?.replace(/^by\s+/i, '')
  return line && line.length <= 100 ? line : undefined
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim()
  return text ? text : undefined
}
