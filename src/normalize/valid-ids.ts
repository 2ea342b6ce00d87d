/**
 * Ids an EPUB accepts. A web page may carry `id=""`, the same id twice (22
 * times on one saved page; Wikipedia repeats its citation ids when a source
 * is cited twice) or ids with spaces. Browsers shrug, jumping to the first
 * element with the id; EPUBCheck refuses each (RSC-005).
 *
 * So an empty id goes; an id with white space has it made `_`; a repeated
 * id keeps its first element and the later ones get `-2`, `-3`… Links and
 * the attributes that name ids (`headers`, `aria-*`) follow a renamed id,
 * and keep pointing at the first of repeated ones, as a browser would.
 */
import type {Element, Root} from 'hast'

/** Attributes (hast names) that hold a list of ids. */
const ID_LISTS = ['headers', 'ariaDescribedBy', 'ariaLabelledBy', 'ariaControls', 'ariaOwns', 'ariaFlowTo']

export function repairIds(tree: Root): void {
  const taken = new Set<string>()
  // Every id as written -> the id its first element now has.
  const renamed = new Map<string, string>()
  const elements: Element[] = []
  collect(tree, elements)

  // Ids that need no change are claimed first, so a renamed one never takes them.
  for (const element of elements) {
    const id = idOf(element)
    if (id !== undefined && id === validId(id)) taken.add(id)
  }
  const seen = new Set<string>()
  for (const element of elements) {
    const id = idOf(element)
    if (id === undefined) continue
    const valid = validId(id)
    if (valid === '') {
      delete element.properties.id
      continue
    }
    if (seen.has(id)) {
      element.properties.id = unused(valid, taken)
      continue
    }
    seen.add(id)
    const own = valid === id ? id : unused(valid, taken)
    element.properties.id = own
    renamed.set(id, own)
  }

  for (const element of elements) retarget(element, renamed)
}

function collect(node: Root | Element, into: Element[]): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    into.push(child)
    collect(child, into)
  }
}

function idOf(element: Element): string | undefined {
  const id = element.properties.id
  if (id === undefined || id === null) return undefined
  return String(id)
}

/** The id with white space made `_` (HTML forbids it in ids), or '' when nothing is left. */
function validId(id: string): string {
  const trimmed = id.trim()
  return trimmed === '' ? '' : trimmed.replace(/\s+/g, '_')
}

/** `base`, or `base-2`, `base-3`… whichever is free; claims it. */
function unused(base: string, taken: Set<string>): string {
  let candidate = base
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`
  taken.add(candidate)
  return candidate
}

/** Links to a renamed id follow it; id lists lose the ids that are gone. */
function retarget(element: Element, renamed: ReadonlyMap<string, string>): void {
  const href = element.properties.href
  if (element.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) {
    const written = decodeFragment(href.slice(1))
    const target = renamed.get(written)
    if (target !== undefined && target !== written) element.properties.href = `#${encodeURIComponent(target)}`
  }
  for (const name of ID_LISTS) {
    const value = element.properties[name]
    if (value === undefined || value === null) continue
    const ids = (Array.isArray(value) ? value : String(value).split(/\s+/))
      .map((id) => renamed.get(String(id)))
      .filter((id): id is string => id !== undefined)
    if (ids.length > 0) element.properties[name] = ids
    else delete element.properties[name]
  }
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}
