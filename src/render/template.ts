/**
 * Templates are HTML files whose elements carry `data-slot="name"`. They are
 * parsed once into hast and filled at the tree level: a slot gets text, child
 * nodes or attributes, or is removed when it has no value. Nothing is ever
 * joined as a string, so escaping is correct by construction.
 */
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import type {Element, ElementContent, Properties, Root, RootContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url))
export const STYLES_DIR = fileURLToPath(new URL('../../styles/', import.meta.url))

/** What a slot receives. `null` or `undefined` removes the slotted element. */
export interface Fill {
  /** Replaces the children: a string becomes one text node. */
  readonly children?: string | readonly ElementContent[]
  /** Merged into the element's properties (hast names: `dateTime`, `className`). */
  readonly properties?: Properties
}

export type Slots = Readonly<Record<string, Fill | null | undefined>>

const cache = new Map<string, Root>()

/** Parse `templates/<name>` once per process; callers get a fresh copy. */
export function loadTemplate(name: string): Root {
  let tree = cache.get(name)
  if (!tree) {
    tree = fromHtml(readFileSync(TEMPLATES_DIR + name, 'utf8'))
    stripComments(tree)
    cache.set(name, tree)
  }
  return structuredClone(tree)
}

/** Drop the parsed templates and stylesheets: `imprint dev` calls it when one of them changed. */
export function forgetTemplates(): void {
  cache.clear()
}

/** Read a stylesheet from `styles/`, cached. */
export function loadStyle(name: string): string {
  const key = 'style:' + name
  let tree = cache.get(key)
  if (!tree) {
    tree = {type: 'root', children: [{type: 'text', value: readFileSync(STYLES_DIR + name, 'utf8')}]}
    cache.set(key, tree)
  }
  return (tree.children[0] as {value: string}).value
}

/**
 * Fill every `data-slot` element under `tree` from `slots`. Slots missing
 * from `slots` are removed too, so a template never leaks an empty shell:
 * nor does the plain element around them (`<p><time data-slot>`) once every
 * slot in it is gone and nothing but white space is left.
 */
export function fillTemplate<T extends Root | Element>(tree: T, slots: Slots): T {
  // A sub-template from takeSlot is itself a slot element: fill it in place.
  const name = tree.type === 'element' ? tree.properties.dataSlot : undefined
  if (tree.type === 'element' && typeof name === 'string') {
    const fill = slots[name]
    if (fill) applyFill(tree, fill, slots)
    else delete tree.properties.dataSlot
    return tree
  }
  fillChildren(tree, slots)
  return tree
}

/** Detach a slot element to use it as a repeatable sub-template. */
export function takeSlot(tree: Root | Element, name: string): Element {
  const found = findSlot(tree, name)
  if (!found) throw new TypeError(`template has no data-slot="${name}"`)
  const {parent, index, element} = found
  parent.children.splice(index, 1)
  return element
}

/** Fill the slots below `parent`; true when it lost any (so it may now be an empty shell). */
function fillChildren(parent: Root | Element, slots: Slots): boolean {
  const kept: RootContent[] = []
  let removed = false
  for (const child of parent.children) {
    if (child.type !== 'element') {
      kept.push(child)
      continue
    }
    const name = child.properties.dataSlot
    if (typeof name !== 'string') {
      // A wrapper is dropped only when its emptiness is the slots' doing: an
      // element the template left empty on purpose (`<br>`, `<img>`) stays.
      const lost = fillChildren(child, slots)
      if (lost && isBlank(child)) removed = true
      else kept.push(child)
      continue
    }
    const fill = slots[name]
    if (!fill) {
      removed = true
      continue
    }
    applyFill(child, fill, slots)
    kept.push(child)
  }
  parent.children = kept as typeof parent.children
  return removed
}

function isBlank(element: Element): boolean {
  return element.children.every((child) => child.type === 'text' && child.value.trim() === '')
}

function applyFill(element: Element, fill: Fill, slots: Slots): void {
  delete element.properties.dataSlot
  if (fill.properties) Object.assign(element.properties, fill.properties)
  if (fill.children === undefined) {
    fillChildren(element, slots)
  } else {
    element.children = typeof fill.children === 'string' ? [{type: 'text', value: fill.children}] : [...fill.children]
  }
}

function findSlot(
  parent: Root | Element,
  name: string
): {parent: Root | Element; index: number; element: Element} | undefined {
  for (const [index, child] of parent.children.entries()) {
    if (child.type !== 'element') continue
    if (child.properties.dataSlot === name) return {parent, index, element: child}
    const deeper = findSlot(child, name)
    if (deeper) return deeper
  }
  return undefined
}

function stripComments(parent: Root | Element): void {
  parent.children = parent.children.filter((child) => child.type !== 'comment') as typeof parent.children
  for (const child of parent.children) if (child.type === 'element') stripComments(child)
}
