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
  const parts = splitElement(chapter.body, budget, true)
  return parts.map((body, index) => ({
    ...chapter,
    id: index === 0 ? chapter.id : `${chapter.id}-${index + 1}`,
    body,
    continued: index > 0
  }))
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
      child.type === 'element' && used + bytes > room ? splitElement(child, budget - base, false, Math.max(0, room - used)) : [child]
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
