/**
 * Footnotes the EPUB 3 way (EPUB 3 Structural Semantics, `footnote` and
 * `noteref`): each note of the list at the end becomes an
 * `<aside epub:type="footnote" role="doc-footnote">`, which reading systems
 * can show as a pop-up, and each reference gets `epub:type="noteref"`.
 *
 * Done at render time, after sanitize: `epub:type` is EPUB vocabulary that
 * the article schema (shared with the web page) does not carry.
 */
import type {Element, ElementContent, Root} from 'hast'
import {visit} from 'unist-util-visit'

export function epubFootnotes(tree: Root): void {
  visit(tree, 'element', (node) => {
    const {properties} = node
    if (node.tagName === 'a' && properties.role === 'doc-noteref') properties['epub:type'] = 'noteref'
    if (node.tagName === 'section' && [properties.className].flat().includes('footnotes')) asAsides(node)
  })
}

/**
 * `<section class="footnotes"><h2/><ol><li id="fn-1">…</li></ol></section>`
 * becomes `<section class="footnotes"><h2/><aside id="fn-1" …>…</aside></section>`.
 * An aside has no list number, so the backlink moves to the front and shows it.
 */
function asAsides(section: Element): void {
  // Endnotes hold endnotes; these are footnotes now, so the section is plain.
  delete section.properties.role
  const children: ElementContent[] = []
  for (const child of section.children) {
    if (child.type !== 'element' || child.tagName !== 'ol') {
      children.push(child)
      continue
    }
    const items = child.children.filter((item): item is Element => item.type === 'element' && item.tagName === 'li')
    items.forEach((item, index) => children.push(asAside(item, index + 1)))
  }
  section.children = children
}

function asAside(item: Element, number: number): Element {
  const id = String(item.properties.id ?? `fn-${number}`)
  let backref: string | undefined
  // The trailing "↩" links go; one numbered link at the front replaces them.
  visit(item, 'element', (node, index, parent) => {
    if (node.tagName !== 'a' || node.properties.role !== 'doc-backlink' || !parent || index === undefined) return undefined
    backref ??= String(node.properties.href ?? '')
    parent.children.splice(index, 1)
    return index
  })
  const content = item.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  const label: ElementContent = backref
    ? {type: 'element', tagName: 'a', properties: {href: backref, role: 'doc-backlink'}, children: [{type: 'text', value: `${number}.`}]}
    : {type: 'text', value: `${number}.`}
  const [first] = content
  if (first?.type === 'element' && first.tagName === 'p') {
    first.children.unshift(label, {type: 'text', value: ' '})
  } else {
    content.unshift({type: 'element', tagName: 'p', properties: {}, children: [label]})
  }
  trimTrailingSpace(content)
  return {
    type: 'element',
    tagName: 'aside',
    properties: {id, className: ['footnote'], 'epub:type': 'footnote', role: 'doc-footnote'},
    children: content
  }
}

/** The space that stood before a removed backlink. */
function trimTrailingSpace(content: ElementContent[]): void {
  const last = content.at(-1)
  if (last?.type !== 'element') return
  const text = last.children.at(-1)
  if (text?.type === 'text') text.value = text.value.replace(/\s+$/, '')
}
