/**
 * XML as an EPUB's documents need it, from xast trees: serialized with its
 * declaration, indented for diffs, and built without joining strings.
 */
import type {Element, ElementContent, Root} from 'xast'
import {toXml} from 'xast-util-to-xml'

/**
 * Serialize a document element with the XML declaration (and, for XHTML, the
 * HTML doctype). Empty elements are self-closed: EPUB reading systems parse
 * content documents as XML, where `<br/>` is the only unambiguous form.
 *
 * xast-util-to-xml 4.0 escapes `<` and `&` but leaves `]]>` in text, which
 * XML 1.0 §2.4 forbids outside CDATA; we write no CDATA, so every `]]>` is
 * text or an attribute value and `]]&#62;` means the same characters.
 */
export function serialize(element: Element, xhtml: boolean): string {
  const root: Root = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'},
      {type: 'text', value: '\n'},
      ...(xhtml ? [{type: 'doctype', name: 'html'} as const, {type: 'text', value: '\n'} as const] : []),
      element,
      {type: 'text', value: '\n'}
    ]
  }
  return toXml(root, {closeEmptyElements: true, tightClose: true}).replaceAll(']]>', ']]&#62;')
}

/** Line breaks between element-only children, so the OPF and NCX read well in a diff. */
export function indent(node: Element, depth = 0): Element {
  if (node.children.length === 0 || node.children.some((child) => child.type !== 'element')) return node
  const inner = '\n' + '  '.repeat(depth + 1)
  const children: ElementContent[] = []
  for (const child of node.children) {
    children.push({type: 'text', value: inner}, child.type === 'element' ? indent(child, depth + 1) : child)
  }
  children.push({type: 'text', value: '\n' + '  '.repeat(depth)})
  return {...node, children}
}

/** A xast element; `undefined` attributes are left out, strings become text. */
export function x(
  name: string,
  attributes: Readonly<Record<string, string | undefined>>,
  children: ReadonlyArray<Element | string> = []
): Element {
  const defined: Record<string, string> = {}
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) defined[key] = value
  return {
    type: 'element',
    name,
    attributes: defined,
    children: children.map((child) => (typeof child === 'string' ? {type: 'text', value: child} : child))
  }
}
