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
 * Bottom up, so a repair inside can cause one outside: a phrasing element
 * holding a block becomes a `div`; a heading's blocks become spans; a `dl`
 * that opens with `dd` becomes a `div` of `div`s.
 */
function repairContentModels(node: Root | Element): boolean {
  let hasBlock = false
  for (const child of node.children) {
    if (child.type !== 'element') continue
    repairContentModels(child)
    if (BLOCKS.has(child.tagName)) hasBlock = true
  }
  if (node.type === 'root') return hasBlock
  if (hasBlock && HEADINGS.has(node.tagName)) {
    for (const child of node.children) if (child.type === 'element' && BLOCKS.has(child.tagName)) child.tagName = 'span'
  } else if (hasBlock && PHRASING_ONLY.has(node.tagName)) {
    node.tagName = 'div'
  } else if (node.tagName === 'dl' && !isValidList(node)) {
    node.tagName = 'div'
    for (const child of node.children) if (child.type === 'element' && (child.tagName === 'dt' || child.tagName === 'dd')) child.tagName = 'div'
  }
  return BLOCKS.has(node.tagName)
}

/** Every `dd` after a `dt`, and nothing but `dt`, `dd` and `div` inside. */
function isValidList(list: Element): boolean {
  let term = false
  for (const child of list.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'dt') term = true
    else if (child.tagName === 'dd' && !term) return false
    else if (child.tagName !== 'dd' && child.tagName !== 'div') return false
  }
  return true
}

/** A link to `#id` whose element extraction dropped becomes its text. */
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
