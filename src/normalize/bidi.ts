/**
 * Bidi isolation at the tree level: a run of text in the other direction
 * (a Latin name in Persian prose, an Arabic title in English) is wrapped in
 * <bdi>, so its neutral neighbours (commas, parentheses, numbers) stay on the
 * side the reader expects (Unicode Bidirectional Algorithm, UAX #9, §2.7).
 *
 * It has to be markup, not CSS: the EPUB emitter refuses `direction` and
 * `unicode-bidi` in stylesheets (reading systems may ignore them, EPUB 3.3
 * §6.3.2), and <bdi> isolates in every HTML renderer, the PDF's included.
 */
import type {Element, ElementContent, Root, Text} from 'hast'
import type {Direction} from '../article.ts'

// Letters of the right-to-left scripts; every other letter is left to right.
const RTL_LETTER = '[\\p{Script=Arabic}\\p{Script=Hebrew}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}\\p{Script=Samaritan}\\p{Script=Mandaic}\\p{Script=Adlam}]'
const LTR_LETTER = `(?:(?!${RTL_LETTER})\\p{L})`

/**
 * A foreign run starts at a letter of the other direction and goes on over
 * anything that is not a letter of the base direction; neutral characters
 * at its end (spaces, commas, closing brackets) belong to the base text.
 */
const RUNS: Readonly<Record<Direction, RegExp>> = {
  // A number right before a Latin word goes with it: "600 dpi", "10 Downing Street".
  rtl: new RegExp(`(?:\\p{N}[\\p{N}.,]*\\s)?${LTR_LETTER}(?:(?!${RTL_LETTER})[^])*?(?=[\\s\\p{P}\\p{S}]*(?:${RTL_LETTER}|$))`, 'gu'),
  ltr: new RegExp(`${RTL_LETTER}(?:(?!${LTR_LETTER})[^])*?(?=[\\s\\p{P}\\p{S}]*(?:${LTR_LETTER}|$))`, 'gu')
}
const HAS_FOREIGN: Readonly<Record<Direction, RegExp>> = {
  rtl: new RegExp(LTR_LETTER, 'u'),
  ltr: new RegExp(RTL_LETTER, 'u')
}

// Code keeps its characters as typed; an element with `dir` already says
// what it is.
const SKIPPED = new Set(['pre', 'code', 'kbd', 'samp', 'var', 'bdi', 'bdo', 'script', 'style', 'math', 'svg'])

export function isolateBidi(tree: Root, dir: Direction): void {
  const visit = (parent: Root | Element): void => {
    const children: ElementContent[] = []
    for (const child of parent.children as ElementContent[]) {
      if (child.type === 'text') children.push(...isolate(child, dir))
      else {
        if (child.type === 'element' && !SKIPPED.has(child.tagName) && child.properties.dir === undefined) visit(child)
        children.push(child)
      }
    }
    parent.children = children as typeof parent.children
  }
  visit(tree)
}

/** Split one text node around its foreign runs. */
function isolate(node: Text, dir: Direction): ElementContent[] {
  const {value} = node
  if (!HAS_FOREIGN[dir].test(value)) return [node]
  const parts: ElementContent[] = []
  let last = 0
  for (const match of value.matchAll(RUNS[dir])) {
    const start = match.index
    if (start > last) parts.push({type: 'text', value: value.slice(last, start)})
    parts.push({type: 'element', tagName: 'bdi', properties: {}, children: [{type: 'text', value: match[0]}]})
    last = start + match[0].length
  }
  if (last < value.length) parts.push({type: 'text', value: value.slice(last)})
  return parts
}
