/**
 * Name the checkboxes of task lists. GFM renders `- [x] Rewire the tower` as
 * a bare `<input type="checkbox" disabled checked>` before the text; a
 * screen reader then announces "checkbox, checked" with no name, and Ace by
 * DAISY (axe's `label` rule) rejects the EPUB. The item's own text is the
 * name, as a `<label>` around both would give.
 */
import type {Element, ElementContent, Root} from 'hast'
import {visit} from 'unist-util-visit'

export function labelTaskItems(tree: Root): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'li') return
    const box = node.children.find(
      (child): child is Element => child.type === 'element' && child.tagName === 'input' && child.properties.type === 'checkbox'
    )
    // A <p> holds the text in a loose list; the checkbox sits inside it then.
    const inner = box ?? firstParagraphCheckbox(node)
    if (!inner || (typeof inner.properties.ariaLabel === 'string' && inner.properties.ariaLabel !== '')) return
    const name = ownText(node).replace(/\s+/g, ' ').trim()
    if (name !== '') inner.properties.ariaLabel = name
  })
}

function firstParagraphCheckbox(item: Element): Element | undefined {
  const paragraph = item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'p')
  return paragraph?.children.find(
    (child): child is Element => child.type === 'element' && child.tagName === 'input' && child.properties.type === 'checkbox'
  )
}

/** The item's text without its nested lists, which are items of their own. */
function ownText(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element' || node.tagName === 'ul' || node.tagName === 'ol') return ''
  return node.children.map(ownText).join('')
}
