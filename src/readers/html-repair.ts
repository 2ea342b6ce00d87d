/**
 * Repairs that make a web page's markup valid XHTML for the EPUB.
 *
 * Browsers render `<span><p>…</p></span>`, a `<dd>` with no `<dt>`, and
 * links to ids that extraction removed; EPUBCheck refuses all three (the
 * HTML content models, and RSC-012 for a fragment that is not defined). The
 * page's text is kept: only the wrapping element changes, or a dead link
 * becomes its text.
 */
import type {Element, ElementContent, Root} from 'hast'

// Elements whose content is phrasing only (HTML §3.2.5.2.5); `a`, `ins` and
// `del` are transparent and take their parent's model, so they are left.
const PHRASING_ONLY = new Set([
  'p', 'span', 'b', 'i', 'u', 's', 'em', 'strong', 'small', 'sub', 'sup', 'code', 'kbd', 'samp', 'var',
  'cite', 'q', 'abbr', 'dfn', 'mark', 'time', 'bdi', 'bdo', 'label', 'font', 'big', 'tt', 'strike', 'nobr', 'center'
])
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
// Flow content that may not sit inside phrasing content.
const BLOCKS = new Set([
  'p', 'div', 'ul', 'ol', 'dl', 'table', 'blockquote', 'figure', 'section', 'article', 'aside', 'header', 'footer',
  'nav', 'main', 'address', 'pre', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'details', 'fieldset', 'form', 'menu', 'hgroup'
])

export function repairHtml(tree: Root): void {
  repairContentModels(tree)
  unlinkMissingTargets(tree)
}

/**
 * `//host/path` means "the page's own scheme" on the web; in an EPUB it is a
 * path inside the book. Pages are served over HTTPS, so say so.
 */
function absoluteSchemeless(href: string): string {
  return href.startsWith('//') ? `https:${href}` : href
}

/**
 * Bottom up, so a repair inside can cause one outside: a phrasing element
 * holding a block becomes a `div`; a `dl` that opens with `dd` becomes a
 * `div` of `div`s; a caption outside its figure becomes a `div`. Headings
 * and preformatted text keep their element and lose the blocks inside.
 */
function repairContentModels(node: Root | Element): boolean {
  if (node.type === 'element' && (HEADINGS.has(node.tagName) || node.tagName === 'pre')) {
    inlineBlocks(node, node.tagName === 'pre')
    return true
  }
  let hasBlock = false
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'figcaption' && node.type === 'element' && node.tagName !== 'figure') child.tagName = 'div'
    if (repairContentModels(child) || BLOCKS.has(child.tagName)) hasBlock = true
  }
  if (node.type === 'root') return hasBlock
  if (hasBlock && PHRASING_ONLY.has(node.tagName)) {
    node.tagName = 'div'
  } else if (node.tagName === 'dl' && !isValidList(node)) {
    node.tagName = 'div'
    for (const child of node.children) if (child.type === 'element' && (child.tagName === 'dt' || child.tagName === 'dd')) child.tagName = 'div'
  } else if (node.tagName === 'figure') {
    placeCaption(node)
  }
  return BLOCKS.has(node.tagName)
}

// Inside a heading or `pre`, these become spans.
const INLINED = new Set([...BLOCKS, 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'figcaption'])

/**
 * Blocks inside a heading or `pre` become spans. In `pre`, Readability made
 * its paragraphs from runs of `<br><br>`: the blank line comes back as text.
 */
function inlineBlocks(node: Element, pre: boolean): void {
  const children: ElementContent[] = []
  for (const child of node.children) {
    if (child.type === 'element' && INLINED.has(child.tagName)) {
      if (pre && child.tagName === 'p') children.push({type: 'text', value: '\n\n'})
      child.tagName = 'span'
    }
    if (child.type === 'element') inlineBlocks(child, pre)
    children.push(child)
  }
  node.children = children
}

/** A figure's caption must be its first or last child: the first one goes last. */
function placeCaption(figure: Element): void {
  const elements = figure.children.filter((child): child is Element => child.type === 'element')
  const captions = elements.filter((child) => child.tagName === 'figcaption')
  for (const extra of captions.slice(1)) extra.tagName = 'div'
  const [caption] = captions
  if (!caption || caption === elements[0] || caption === elements.at(-1)) return
  figure.children = [...figure.children.filter((child) => child !== caption), caption]
}

/** Groups of one or more `dt` followed by one or more `dd` (divs may group them). */
function isValidList(list: Element): boolean {
  let sequence = ''
  for (const child of list.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'dt') sequence += 't'
    else if (child.tagName === 'dd') sequence += 'd'
    else if (child.tagName !== 'div') return false
  }
  return /^(?:t+d+)*$/.test(sequence)
}

/**
 * A link to `#id` whose element extraction dropped becomes its text; a
 * link without a scheme gets one.
 */
function unlinkMissingTargets(tree: Root): void {
  const ids = new Set<string>()
  const collect = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      const id = child.properties.id
      if (typeof id === 'string') ids.add(id)
      // `<a name>` is an old way to set a target, and the sanitizer drops it.
      collect(child)
    }
  }
  collect(tree)
  const visit = (node: Root | Element): void => {
    const children: ElementContent[] = []
    for (const child of node.children as ElementContent[]) {
      if (child.type !== 'element') {
        children.push(child)
        continue
      }
      visit(child)
      if (child.tagName === 'a' && typeof child.properties.href === 'string') child.properties.href = absoluteSchemeless(child.properties.href)
      if (child.tagName === 'img' && typeof child.properties.src === 'string') child.properties.src = absoluteSchemeless(child.properties.src)
      const href = child.tagName === 'a' ? child.properties.href : undefined
      if (typeof href === 'string' && href.startsWith('#') && !ids.has(decodeFragment(href.slice(1)))) {
        children.push(...child.children)
      } else {
        children.push(child)
      }
    }
    node.children = children as typeof node.children
  }
  visit(tree)
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}
