/**
 * Hyphenation for print. Chromium on Linux ignores `hyphens: auto`, so
 * justified PDF text gets rivers of space; we put soft hyphens (U+00AD) into
 * the print tree at build time with the `hyphen` package's TeX patterns,
 * per language. Only the print render calls this: e-readers and browsers
 * hyphenate themselves, and soft hyphens in HTML or EPUB text break search
 * and text-to-speech.
 */
import {existsSync, readdirSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'

const require = createRequire(import.meta.url)

type Hyphenate = (text: string, options?: {minWordLength?: number}) => string

/** Where the text is justified (`styles/print.css`: `.article-body p`), and so hyphenated. */
const JUSTIFIED = new Set(['p'])

/** Never hyphenated: code, formulas, and text a reader may copy as it is. */
const VERBATIM = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'math', 'svg', 'script', 'style'])

/**
 * Tags whose patterns live under another name in `hyphen`. Serbian, Bosnian
 * and Montenegrin in Latin script share the Serbo-Croatian Latin patterns.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'sr-latn': 'sh-latn',
  bs: 'sh-latn',
  cnr: 'sh-latn',
  'cnr-latn': 'sh-latn',
  'sr-cyrl': 'sr-cyrl',
  'mn': 'mn-cyrl'
}

/**
 * A hyphenated copy of `blocks`: soft hyphens in the text of every justified
 * paragraph, by the nearest `lang` (the article's by default). The input is
 * not touched: the same article also renders the page and the EPUB.
 */
export function hyphenateBlocks(blocks: readonly ElementContent[], lang: string): ElementContent[] {
  return blocks.map((block) => {
    const copy = structuredClone(block)
    walk(copy, lang, false)
    return copy
  })
}

/** The language tags `hyphen` has patterns for, such as `en-us`, `ru`, `hy`, `ka`. */
export function hyphenationLanguages(): string[] {
  const dir = path.dirname(require.resolve('hyphen/package.json'))
  return readdirSync(dir, {withFileTypes: true})
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'index.js')))
    .map((entry) => entry.name)
    .sort()
}

function walk(node: ElementContent | Root, lang: string, justified: boolean): void {
  if (node.type === 'text') {
    if (justified) {
      const hyphenate = hyphenatorFor(lang)
      if (hyphenate) node.value = hyphenate(node.value)
    }
    return
  }
  if (node.type !== 'element' && node.type !== 'root') return
  let inner = lang
  let inside = justified
  if (node.type === 'element') {
    if (VERBATIM.has(node.tagName)) return
    const own = (node as Element).properties.lang
    if (typeof own === 'string' && own !== '') inner = own
    if (JUSTIFIED.has(node.tagName)) inside = true
  }
  for (const child of node.children) walk(child as ElementContent, inner, inside)
}

const cache = new Map<string, Hyphenate | undefined>()

/** The hyphenator for a BCP 47 tag: `en-GB` → en-gb, `de-AT` → de, `fa` → none. */
function hyphenatorFor(lang: string): Hyphenate | undefined {
  const tag = lang.toLowerCase()
  if (cache.has(tag)) return cache.get(tag)
  const available = new Set(hyphenationLanguages())
  let found: Hyphenate | undefined
  const parts = tag.split('-')
  for (let length = parts.length; length > 0 && !found; length--) {
    const candidate = parts.slice(0, length).join('-')
    const name = ALIASES[candidate] ?? candidate
    if (available.has(name)) {
      const module = require(`hyphen/${name}`) as {hyphenateSync: Hyphenate}
      // Words under six letters gain little and look fussy when broken.
      found = (text) => module.hyphenateSync(text, {minWordLength: 6})
    }
  }
  cache.set(tag, found)
  return found
}
