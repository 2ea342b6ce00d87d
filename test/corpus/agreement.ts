/**
 * How far imprint's reading of a web page agrees with Mozilla Readability's
 * reading of the same page: the words of the article's page (headline,
 * standfirst, lead photo, body, credits and notice) against the words of
 * Readability's `textContent`, counted as multisets of word tokens.
 *
 * Readability runs here on its own, on the untouched page, so what imprint
 * adds (the credits line and notice it recovers) costs precision and what
 * it drops (page chrome, a stray menu) costs recall. Neither is wrong in
 * itself; the figures are there to show a change that moves them.
 */
import {Readability} from '@mozilla/readability'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'
import {parseHTML} from 'linkedom'
import {segmentable} from '../../src/readers/text-lines.ts'

export interface Agreement {
  /** Share of imprint's words that Readability has too. */
  readonly precision: number
  /** Share of Readability's words that imprint has too. */
  readonly recall: number
}

/** The article's words in imprint's HTML page: everything inside `<article>`, the source line aside. */
export function imprintText(html: string): string {
  const article = findElement(fromHtml(html), (node) => node.tagName === 'article')
  if (!article) return ''
  const source = findElement(article, (node) => [node.properties.className].flat().includes('source'))
  if (source) source.children = []
  return toText(article)
}

function findElement(node: Root | Element, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (test(child)) return child
    const found = findElement(child, test)
    if (found) return found
  }
  return undefined
}

/** Readability's text of the page, as its own test suite reads it (title aside). */
export function readabilityText(html: string): string {
  const {document} = parseHTML(html)
  const result = new Readability(document).parse()
  return [result?.title ?? '', result?.textContent ?? ''].join('\n')
}

export function agreement(ours: string, theirs: string): Agreement {
  const mine = countWords(ours)
  const reference = countWords(theirs)
  let shared = 0
  for (const [word, count] of mine) shared += Math.min(count, reference.get(word) ?? 0)
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0)
  const size = total(mine)
  const referenceSize = total(reference)
  return {precision: size === 0 ? 0 : shared / size, recall: referenceSize === 0 ? 1 : shared / referenceSize}
}

/** Word tokens by Unicode's word boundaries (so Chinese and Japanese count too), case-folded. */
function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const segmenter = new Intl.Segmenter('und', {granularity: 'word'})
  // In pieces: ICU's segmenter slows with the square of a string's length (src/readers/text-lines.ts).
  for (const piece of segmentable(text.normalize('NFKC'))) {
    for (const segment of segmenter.segment(piece)) {
      if (!segment.isWordLike) continue
      const word = segment.segment.toLocaleLowerCase('und')
      counts.set(word, (counts.get(word) ?? 0) + 1)
    }
  }
  return counts
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
