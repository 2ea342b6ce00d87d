/**
 * Split a long chapter into several content documents. Adobe Digital
 * Editions (and the readers built on its RMSDK) refuse or truncate XHTML
 * files over about 300 KB; we keep each under 260 KB, the limit publishers'
 * distributors enforce. The split falls between blocks, never inside a
 * paragraph: every wrapper on the way down (the <article>, its body <div>)
 * is repeated in each part, without its `id`, so styles still apply.
 */
import type {Element, ElementContent} from 'hast'
import {toHtml} from 'hast-util-to-html'

/** The largest content document, in bytes, that every reader we know opens. */
export const CHAPTER_LIMIT = 260 * 1024

/**
 * How much markup one part may hold. Below the limit with room for the
 * document's head and for XHTML's longer forms (`<br/>`, `&#x22;`).
 */
const PART_BUDGET = 200 * 1024

export interface SplittableChapter {
  readonly id: string
  readonly body: Element
}

/**
 * The chapter itself when it is small enough; otherwise parts with ids
 * `<id>`, `<id>-2`, `<id>-3`…, each marked `continued` after the first.
 */
export function splitChapter<T extends SplittableChapter>(chapter: T, budget = PART_BUDGET): Array<T & {continued: boolean}> {
  const parts = splitElement(chapter.body, budget, true).map((body, index) => ({
    ...chapter,
    id: index === 0 ? chapter.id : `${chapter.id}-${index + 1}`,
    body,
    continued: index > 0
  }))
  linkAcrossParts(parts)
  return parts
}

/**
 * A link to `#id` whose target the split put in another part must name that
 * part's document (`<id>-2.xhtml#id`), or EPUBCheck reports the fragment as
 * undefined (RSC-012): a web page's footnotes end up far from their refs.
 */
function linkAcrossParts(parts: ReadonlyArray<{readonly id: string; readonly body: Element}>): void {
  if (parts.length < 2) return
  const home = new Map<string, string>()
  const collect = (node: Element, part: string): void => {
    if (typeof node.properties.id === 'string') home.set(node.properties.id, part)
    for (const child of node.children) if (child.type === 'element') collect(child, part)
  }
  for (const part of parts) collect(part.body, part.id)
  const rewrite = (node: Element, part: string): void => {
    const href = node.properties.href
    if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) {
      const target = home.get(href.slice(1))
      if (target !== undefined && target !== part) node.properties.href = `${target}.xhtml${href}`
    }
    for (const child of node.children) if (child.type === 'element') rewrite(child, part)
  }
  for (const part of parts) rewrite(part.body, part.id)
}

/** Parts of `element`, the first no bigger than `first` (the room left where it starts), the rest `budget`. */
function splitElement(element: Element, budget: number, keepId: boolean, first = budget): Element[] {
  if (size(element) <= first) return [element]
  const parts: Element[] = []
  let current = shell(element, keepId)
  const base = size(current)
  let room = first
  let used = base
  for (const child of element.children) {
    const bytes = size(child)
    const pieces =
      // The first piece of a split element keeps its id: links point at it.
      child.type === 'element' && used + bytes > room ? splitElement(child, budget - base, true, Math.max(0, room - used)) : [child]
    for (const piece of pieces) {
      const length = size(piece)
      if (used + length > room && current.children.length > 0) {
        parts.push(current)
        current = shell(element, false)
        room = budget
        used = base
      }
      current.children.push(piece)
      used += length
    }
  }
  parts.push(current)
  return parts
}

/** The element without its children; the id stays only on the first part, so no two parts claim it. */
function shell(element: Element, keepId: boolean): Element {
  const properties = {...element.properties}
  if (!keepId) delete properties.id
  return {type: 'element', tagName: element.tagName, properties, children: []}
}

function size(node: ElementContent): number {
  return Buffer.byteLength(toHtml(node))
}
