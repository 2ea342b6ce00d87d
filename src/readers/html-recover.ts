/**
 * What content extraction throws away and imprint must keep.
 *
 * Readability drops datelines (its byline pattern matches `dateline`), strips
 * photo credits with other short captions, and never sees a credits line or a
 * publisher's notice that sits outside the block it scores highest. Before
 * extraction, `markRecoverable` finds them on the whole page (running the
 * language table's credits rules on every paragraph) and marks them with
 * data attributes that survive extraction. After it, `restoreRecovered`
 * turns the survivors into roles and puts back what was dropped.
 */
import type {Element, ElementContent, Root} from 'hast'
import {fromDom} from 'hast-util-from-dom'
import type {Role} from '../article.ts'
import {isChromeLine, isCreditsLine} from '../languages.ts'
import {isPlace, markDateline} from './parse-text.ts'

/** What the page held, as text, whether or not extraction keeps it. */
export interface Recoverable {
  readonly credits?: string
  readonly notice: readonly string[]
  readonly dateline?: string
  /** Photo credits by the figure's mark. */
  readonly imageCredits: ReadonlyMap<string, string>
  /** The article's lead photo as the page had it, for when extraction drops it. */
  readonly lead?: globalThis.Element
}

type Keep = 'credits' | 'notice' | 'dateline' | 'image-credit' | 'lead'

const KEEP = 'data-imprint-keep'
const FIGURE = 'data-imprint-figure'

// Beyond these a block is prose, not an attribution line or a photo credit.
const MAX_CREDITS_WORDS = 30
const MAX_IMAGE_CREDIT_CHARS = 160
// A notice is a few paragraphs of boilerplate, never the rest of the page.
const MAX_NOTICE_BLOCKS = 6
// Body text above a credits line that makes it the article's end.
const MIN_TEXT_BEFORE_NOTICE = 200

const BLOCKS = new Set(['p', 'div', 'section', 'aside', 'footer', 'li', 'dd', 'dt', 'blockquote', 'address', 'td', 'th', 'figcaption', 'figure', 'article', 'main', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre'])
// Subtrees that are never the article's prose.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'form', 'select', 'button', 'head', 'iframe', 'object'])
const CREDIT_CLASS = /credit|copyright|photographer|courtesy|(?:^|[-_\s])source(?:$|[-_\s])/i
const CREDIT_PREFIX = /^(?:©|\(c\)|photo(?:graph)?s?\s*:|image\s*:|picture\s*:|bild\s*:|foto\s*:|фото\s*:|عکس\s*:)/i
const DATELINE_CLASS = /dateline/i

export function markRecoverable(document: Document): Recoverable {
  const leaves = leafBlocks(document.body ?? document.documentElement)
  const imageCredits = markImageCredits(document)
  const index = leaves.findIndex((leaf) => !leaf.inFigure && isCredits(leaf.text))
  const credits = leaves[index]
  credits?.element.setAttribute(KEEP, 'credits' satisfies Keep)

  const notice: string[] = []
  const before = leaves.slice(0, Math.max(0, index)).reduce((sum, leaf) => sum + leaf.text.length, 0)
  if (credits && before >= MIN_TEXT_BEFORE_NOTICE) {
    for (const leaf of leaves.slice(index + 1)) {
      if (leaf.text === '' || isChromeLine(leaf.text)) continue
      if (leaf.heading || leaf.listItem || leaf.linkDensity > 0.5 || notice.length >= MAX_NOTICE_BLOCKS) break
      leaf.element.setAttribute(KEEP, 'notice' satisfies Keep)
      notice.push(leaf.text)
    }
  }

  const lead = leadFigure(document, leaves)
  return {credits: credits?.text, notice, dateline: markDatelineElement(document), imageCredits, lead}
}

/** Returns the texts of the chrome paragraphs it dropped, for notes. */
export function restoreRecovered(tree: Root, found: Recoverable): string[] {
  const kept = new Set<Keep>()
  const chrome: string[] = []
  const visit = (parent: Root | Element): void => {
    const children: ElementContent[] = []
    for (const child of parent.children as ElementContent[]) {
      if (child.type !== 'element') {
        children.push(child)
        continue
      }
      const keep = child.properties[toProperty(KEEP)] as Keep | undefined
      delete child.properties[toProperty(KEEP)]
      if (keep) kept.add(keep)
      // The notice is rebuilt at the end from its texts.
      if (keep === 'notice') continue
      if (keep === 'credits' || keep === 'dateline') child.properties.dataImprint = keep satisfies Role
      if (isChrome(child)) {
        chrome.push(squash(textOf(child)))
        continue
      }
      if (keep === 'image-credit') child.properties.className = ['image-credit']
      if (child.tagName === 'figure') restoreImageCredit(child, found)
      visit(child)
      children.push(child)
    }
    parent.children = children as typeof parent.children
  }
  visit(tree)

  if (found.lead && !kept.has('lead')) restoreLead(tree, found.lead)
  const first = firstParagraph(tree)
  if (first && found.dateline && !kept.has('dateline')) {
    const [text] = first.children
    const dash = text?.type === 'text' && /^\s*(?:--|—|–)/.test(text.value)
    const label = found.dateline + (dash || /(?:--|—|–)$/.test(found.dateline) ? ' ' : ' — ')
    first.children.unshift({type: 'element', tagName: 'span', properties: {dataImprint: 'dateline' satisfies Role}, children: [{type: 'text', value: label}]})
  } else if (first) {
    markDateline(first)
  }
  if (found.credits && !kept.has('credits')) {
    tree.children.push({type: 'element', tagName: 'p', properties: {dataImprint: 'credits' satisfies Role}, children: [{type: 'text', value: found.credits}]})
  }
  if (found.notice.length > 0) {
    const paragraphs: Element[] = found.notice.map((text) => ({type: 'element', tagName: 'p', properties: {}, children: [{type: 'text', value: text}]}))
    tree.children.push({type: 'element', tagName: 'section', properties: {dataImprint: 'notice' satisfies Role}, children: paragraphs})
  }
  return chrome
}

/**
 * The lead photo: the first figure with an image in the page's <article>
 * (or main element) that comes before the article's first paragraph.
 */
function leadFigure(document: Document, leaves: readonly Leaf[]): globalThis.Element | undefined {
  const scope = document.querySelector('article') ?? document.querySelector('main, [role="main"]')
  const figure = scope?.querySelector('figure')
  if (!scope || !figure?.querySelector('img')) return undefined
  const first = leaves.find((leaf) => scope.contains(leaf.element) && !leaf.inFigure && !leaf.heading && leaf.text.length >= 80)
  // DOCUMENT_POSITION_FOLLOWING: the paragraph comes after the figure.
  if (first && !(figure.compareDocumentPosition(first.element) & 4)) return undefined
  figure.setAttribute(KEEP, 'lead' satisfies Keep)
  return figure.cloneNode(true) as globalThis.Element
}

/** Put the lead photo back above the first paragraph, as the page showed it. */
function restoreLead(tree: Root, lead: globalThis.Element): void {
  const figure = fromDom(lead)
  if (figure.type !== 'element') return
  cleanFigure(figure)
  const container = firstParagraphParent(tree) ?? tree
  const index = container.children.findIndex((child) => child.type === 'element' && child.tagName === 'p')
  container.children.splice(index === -1 ? 0 : index, 0, figure)
}

/**
 * The clone was taken before extraction: give it what Readability gives its
 * content (no classes), keeping the photo credit's mark as its class.
 */
function cleanFigure(node: Element): void {
  const keep = node.properties[toProperty(KEEP)]
  delete node.properties[toProperty(KEEP)]
  delete node.properties[toProperty(FIGURE)]
  node.properties.className = keep === 'image-credit' ? ['image-credit'] : undefined
  for (const child of node.children) {
    if (child.type === 'element') cleanFigure(child)
  }
}

/**
 * A paragraph that is nothing but site furniture ("Advertisement", "Share")
 * and that extraction kept. The same table as the text reader decides.
 */
function isChrome(element: Element): boolean {
  if (!/^(?:p|div|span)$/.test(element.tagName)) return false
  if (element.children.some((child) => child.type === 'element' && child.tagName === 'img')) return false
  const text = squash(textOf(element))
  return text !== '' && text.length <= 40 && isChromeLine(text)
}

/** A block with no block inside it: one paragraph of the page. */
interface Leaf {
  readonly element: Element_
  readonly text: string
  readonly heading: boolean
  readonly listItem: boolean
  readonly inFigure: boolean
  readonly linkDensity: number
}

type Element_ = globalThis.Element

/** Leaf blocks in document order, in one walk (pages nest 38 levels deep). */
function leafBlocks(root: Element_ | null): Leaf[] {
  const leaves: Leaf[] = []
  const walk = (element: Element_, inFigure: boolean, inList: boolean): boolean => {
    const tag = element.localName
    let hasBlock = false
    const figure = inFigure || tag === 'figure' || tag === 'table'
    const list = inList || tag === 'li'
    for (const child of element.children) {
      if (SKIPPED.has(child.localName)) continue
      if (walk(child, figure, list) || BLOCKS.has(child.localName)) hasBlock = true
    }
    if (BLOCKS.has(tag) && !hasBlock) {
      const text = squash(element.textContent ?? '')
      if (text !== '') {
        let linked = 0
        for (const link of element.querySelectorAll('a')) linked += squash(link.textContent ?? '').length
        leaves.push({
          element,
          text,
          heading: /^h[1-6]$/.test(tag),
          listItem: list,
          inFigure: figure,
          linkDensity: linked / text.length
        })
      }
    }
    return hasBlock
  }
  if (root) walk(root, false, false)
  return leaves
}

function isCredits(text: string): boolean {
  return text.split(' ').length <= MAX_CREDITS_WORDS && isCreditsLine(text)
}

/** Mark each figure, and its photo credit when it has one. */
function markImageCredits(document: Document): Map<string, string> {
  const credits = new Map<string, string>()
  let count = 0
  for (const figure of document.querySelectorAll('figure')) {
    const mark = String(count++)
    figure.setAttribute(FIGURE, mark)
    for (const candidate of figure.querySelectorAll('*')) {
      const text = squash(candidate.textContent ?? '')
      if (text === '' || text.length > MAX_IMAGE_CREDIT_CHARS) continue
      const named = CREDIT_CLASS.test(`${candidate.getAttribute('class') ?? ''} ${candidate.id} ${candidate.getAttribute('itemprop') ?? ''}`)
      if (named || (candidate.localName !== 'figcaption' && CREDIT_PREFIX.test(text))) {
        candidate.setAttribute(KEEP, 'image-credit' satisfies Keep)
        credits.set(mark, text)
        break
      }
    }
  }
  return credits
}

/** The first element a page calls its dateline, when it names a place ("MOSCOW"). */
function markDatelineElement(document: Document): string | undefined {
  for (const element of document.querySelectorAll('[class], [id], [itemprop]')) {
    const names = `${element.getAttribute('class') ?? ''} ${element.id} ${element.getAttribute('itemprop') ?? ''}`
    if (!DATELINE_CLASS.test(names)) continue
    const text = squash(element.textContent ?? '')
    const place = text.replace(/\s*(?:--|—|–|-)\s*$/, '')
    if (place !== '' && place.length <= 60 && isPlace(place)) {
      element.setAttribute(KEEP, 'dateline' satisfies Keep)
      return text
    }
  }
  return undefined
}

function restoreImageCredit(figure: Element, found: Recoverable): void {
  const mark = figure.properties[toProperty(FIGURE)]
  delete figure.properties[toProperty(FIGURE)]
  const credit = typeof mark === 'string' ? found.imageCredits.get(mark) : undefined
  if (credit === undefined || hasClass(figure, 'image-credit')) return
  let caption = figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption')
  if (!caption) {
    caption = {type: 'element', tagName: 'figcaption', properties: {}, children: []}
    figure.children.push(caption)
  }
  const gap = caption.children.length > 0 ? ' ' : ''
  caption.children.push({type: 'element', tagName: 'span', properties: {className: ['image-credit']}, children: [{type: 'text', value: gap + credit}]})
}

function hasClass(node: Element, name: string): boolean {
  const className = node.properties.className
  if (Array.isArray(className) && className.includes(name)) return true
  return node.children.some((child) => child.type === 'element' && hasClass(child, name))
}

function firstParagraphParent(node: Root | Element): Root | Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'p' && squash(textOf(child)) !== '') return node
    if (child.tagName === 'figure' || child.tagName === 'table') continue
    const deeper = firstParagraphParent(child)
    if (deeper) return deeper
  }
  return undefined
}

function firstParagraph(node: Root | Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'p' && squash(textOf(child)) !== '') return child
    if (child.tagName === 'figure' || child.tagName === 'table') continue
    const deeper = firstParagraph(child)
    if (deeper) return deeper
  }
  return undefined
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  return node.type === 'element' ? node.children.map(textOf).join('') : ''
}

/** `data-imprint-keep` as hast names it: `dataImprintKeep`. */
function toProperty(attribute: string): string {
  return attribute.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
