/**
 * The second check on active content, after render. Sanitize cleans the
 * article body, but a rendered document also holds what templates, render
 * code and emitters add around it: the lead photo, the source link, the head.
 * This walks the whole document and throws when anything could run, submit,
 * redirect or load on its own, so a template or a later stage can never
 * reintroduce what sanitize took out. A throw is a bug in imprint, not in
 * the content, hence a TypeError.
 */
import type {Element, Root} from 'hast'

/** Elements that run code, embed other documents, submit, or rebase URLs. */
const ACTIVE_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal',
  'form', 'input', 'button', 'select', 'textarea', 'keygen', 'isindex',
  'base', 'link', 'foreignObject', 'noscript', 'template'
])

/** Attributes that fetch or act on their own and that imprint never writes. */
const ACTIVE_PROPERTIES = new Set([
  'srcSet', 'imageSrcSet', 'ping', 'background', 'poster', 'action', 'formAction', 'data', 'codeBase',
  'archive', 'manifest', 'longDesc', 'lowsrc', 'dynsrc', 'xLinkHref'
])

/** Attributes holding a URL that a click or a load would follow. */
const URL_PROPERTIES = new Set(['href', 'src', 'cite'])

/** Raster `data:` images are the only `data:` URLs an output may hold. */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/

/** Throw a TypeError naming the first piece of active content in `tree`. */
export function assertInert(tree: Root | Element, where: string): void {
  const problem = findActive(tree)
  if (problem) throw new TypeError(`${where}: rendered document holds ${problem}; imprint's outputs must stay inert`)
}

/** Describe the first piece of active content in `tree`, or `undefined`. */
export function findActive(node: Root | Element): string | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const found = activeIn(child) ?? findActive(child)
    if (found) return found
  }
  return undefined
}

function activeIn(element: Element): string | undefined {
  const name = element.tagName
  if (ACTIVE_ELEMENTS.has(name) && !isInertCheckbox(element)) return `<${name}>`
  // A style sheet is serialized unescaped (raw text), so text that closes it
  // would become markup; page CSS quotes titles with cssString for this.
  if (name === 'style' && element.children.some((child) => child.type === 'text' && /<\/style/i.test(child.value))) {
    return 'a style sheet that closes its own <style>'
  }
  for (const [key, value] of Object.entries(element.properties)) {
    if (value === undefined || value === null || value === false) continue
    if (/^on/i.test(key)) return `an event handler (\`${key}\`) on <${name}>`
    if (ACTIVE_PROPERTIES.has(key)) return `\`${key}\` on <${name}>`
    const text = Array.isArray(value) ? value.join(' ') : String(value)
    // `refresh` redirects and `set-cookie` writes; only turning DNS prefetching off is ours.
    if (key === 'httpEquiv' && text.toLowerCase() !== 'x-dns-prefetch-control') return `<meta http-equiv="${text}">`
    if (key === 'style' && /url\s*\(|expression\s*\(|@import|\\/i.test(text)) return `a style attribute that loads or escapes on <${name}>`
    if (URL_PROPERTIES.has(key) && !safeUrl(key, text)) return `\`${key}="${text}"\` on <${name}>`
  }
  return undefined
}

/** A task list's box: disabled, so nothing can be ticked or submitted. */
function isInertCheckbox(element: Element): boolean {
  const {type, disabled} = element.properties
  return element.tagName === 'input' && type === 'checkbox' && disabled === true
}

/**
 * What a browser would see as the scheme: it drops tabs and newlines anywhere
 * and leading control characters and spaces (WHATWG URL parsing), and
 * schemes are case-insensitive.
 */
function safeUrl(key: string, url: string): boolean {
  const seen = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '').toLowerCase()
  if (/^(?:javascript|vbscript|livescript):/.test(seen)) return false
  if (seen.startsWith('data:')) return key === 'src' && DATA_IMAGE.test(seen)
  return true
}
