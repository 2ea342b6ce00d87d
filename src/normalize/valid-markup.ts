/**
 * Markup an EPUB accepts, whatever the page held. Browsers render a list
 * holding bare text or a list inside a list, `colspan="0"`, `width="100%"`
 * and `<time datetime="last spring">`; EPUBCheck refuses each (RSC-005).
 * This pass runs after sanitize, on every source, so it sees only the
 * elements and attributes the schema keeps, and leaves the text alone:
 *
 * - a list's stray content becomes an item of its own, and a list placed
 *   directly in a list joins the item before it (what its writer meant);
 * - an attribute whose value the format refuses is dropped, since the
 *   element reads the same without it; a time stamp with more than
 *   milliseconds is cut to milliseconds rather than lost;
 * - a link inside a link becomes its text;
 * - ids are made unique and valid (valid-ids.ts).
 */
import type {Element, ElementContent, Root} from 'hast'
import {repairIds} from './valid-ids.ts'

export function repairMarkup(tree: Root): void {
  repairElements(tree, false)
  repairIds(tree)
}

const LISTS = new Set(['ul', 'ol'])

function repairElements(node: Root | Element, inLink: boolean): void {
  if (node.type === 'element' && LISTS.has(node.tagName)) repairList(node)
  const children: ElementContent[] = []
  for (const child of node.children as ElementContent[]) {
    if (child.type !== 'element') {
      children.push(child)
      continue
    }
    if (child.tagName === 'li' && !(node.type === 'element' && LISTS.has(node.tagName))) child.tagName = 'div'
    repairAttributes(child)
    repairElements(child, inLink || child.tagName === 'a')
    if (inLink && child.tagName === 'a') children.push(...child.children)
    else children.push(child)
  }
  node.children = children as typeof node.children
}

/**
 * Only `li` in a list. A wrapper around items (`<div><li>…`) gives them up;
 * a run of anything else that holds text becomes an item; white space stays.
 */
function repairList(list: Element): void {
  const items: ElementContent[] = []
  let run: ElementContent[] = []
  // The last item that is not white space, kept as items are added rather than searched for: lists of 100,000 items.
  let previous: ElementContent | undefined
  const flush = () => {
    if (run.some((child) => !isWhiteSpace(child))) {
      previous = {type: 'element', tagName: 'li', properties: {}, children: run}
      items.push(previous)
    } else {
      items.push(...run)
    }
    run = []
  }
  for (const child of unwrapItems(list.children as ElementContent[])) {
    if (child.type === 'element' && child.tagName === 'li') {
      flush()
      items.push(child)
      previous = child
      continue
    }
    if (child.type === 'element' && LISTS.has(child.tagName) && run.every(isWhiteSpace) && previous?.type === 'element' && previous.tagName === 'li') {
      run = []
      previous.children.push(child)
      continue
    }
    run.push(child)
  }
  flush()
  list.children = items
}

/** Elements around a list's items, taken away so the items stand in the list. */
function unwrapItems(children: readonly ElementContent[]): ElementContent[] {
  return children.flatMap((child) =>
    child.type === 'element' && !LISTS.has(child.tagName) && child.tagName !== 'li' && child.children.some((inner) => inner.type === 'element' && inner.tagName === 'li')
      ? unwrapItems(child.children)
      : [child]
  )
}

function isWhiteSpace(node: ElementContent): boolean {
  return node.type === 'comment' || (node.type === 'text' && node.value.trim() === '')
}

type Check = (value: string) => boolean

const integer: Check = (value) => /^-?\d+$/.test(value)
const positive: Check = (value) => /^\d+$/.test(value) && Number(value) > 0
const nonNegative: Check = (value) => /^\d+$/.test(value)
const oneOf =
  (...values: string[]): Check =>
  (value) =>
    values.includes(value)
const languageTag: Check = (value) => value === '' || /^[a-z]{1,8}(?:-[a-z\d]{1,8})*$/i.test(value)

/** The attributes sanitize keeps whose values the format constrains, by element ('*' for all). */
const CHECKS: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  '*': {dir: oneOf('ltr', 'rtl', 'auto'), lang: languageTag, ariaHidden: oneOf('true', 'false')},
  ol: {start: integer, type: oneOf('1', 'a', 'A', 'i', 'I')},
  li: {value: integer},
  td: {colSpan: positive, rowSpan: nonNegative},
  th: {colSpan: positive, rowSpan: nonNegative, scope: oneOf('row', 'col', 'rowgroup', 'colgroup')},
  col: {span: positive},
  colgroup: {span: positive},
  img: {width: nonNegative, height: nonNegative},
  bdo: {dir: oneOf('ltr', 'rtl')},
  time: {dateTime: isDateTime},
  del: {dateTime: isDateTime},
  ins: {dateTime: isDateTime}
}

function repairAttributes(element: Element): void {
  const properties = element.properties
  const dateTime = properties.dateTime
  if (typeof dateTime === 'string') properties.dateTime = dateTime.trim().replace(/(\.\d{3})\d+/, '$1')
  for (const checks of [CHECKS['*'], CHECKS[element.tagName]]) {
    for (const [name, check] of Object.entries(checks ?? {})) {
      const value = properties[name]
      if (value === undefined || value === null || typeof value === 'boolean') continue
      if (!check(String(value).trim())) delete properties[name]
    }
  }
  // `bdo` means nothing without its direction.
  if (element.tagName === 'bdo' && properties.dir === undefined) element.tagName = 'span'
}

const DATE = String.raw`(\d{4,})-(\d\d)-(\d\d)`
const TIME = String.raw`(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?`
const ZONE = String.raw`(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)`

const DATE_TIME_FORMS: readonly RegExp[] = [
  /^\d{4,}$/,
  new RegExp(`^${DATE}(?:[T ]${TIME}${ZONE}?)?$`),
  new RegExp(`^${TIME}$`),
  new RegExp(`^${ZONE}$`),
  /^\d{4,}-(?:0[1-9]|1[0-2])$/,
  /^(?:--)?(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  /^\d{4,}-W(?:0[1-9]|[1-4]\d|5[0-3])$/,
  /^P(?!$)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,3})?S)?)?$/,
  /^(?:\s*\d+(?:\.\d{1,3})?\s*[WDHMS])+\s*$/i
]

/** A value `datetime` may hold (HTML §4.5.14): a date, time, zone, month, week, year or duration, with real days. */
export function isDateTime(value: string): boolean {
  if (!DATE_TIME_FORMS.some((form) => form.test(value))) return false
  const date = new RegExp(`^${DATE}`).exec(value)
  if (!date) return true
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])]
  return year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}
