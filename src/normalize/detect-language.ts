/**
 * The article's language when neither the metadata nor the source names it:
 * detected from the text with franc (trigrams, and script ranges for
 * Chinese, Japanese, Korean, Georgian, Armenian…) and given as the shortest
 * BCP 47 tag.
 *
 * franc, not franc-min: the smaller build knows only languages of 8 million
 * speakers or more and calls Georgian and Armenian undetermined and Tajik
 * Uzbek, all languages our publisher reports in.
 */
import type {Root} from 'hast'
import {franc} from 'franc'
import {iso6393To1} from 'iso-639-3'

// franc names individual languages; BCP 47 writes these with the two-letter
// code of their macrolanguage, which is what readers, fonts and hyphenation
// dictionaries know (`fa`, not `pes`).
const MACROLANGUAGE: Readonly<Record<string, string>> = {
  arb: 'ar',
  azj: 'az',
  cmn: 'zh',
  npi: 'ne',
  pbu: 'ps',
  pes: 'fa',
  plt: 'mg',
  swh: 'sw',
  uzn: 'uz',
  zlm: 'ms'
}

// Candidates: languages with a two-letter code, and the individual languages
// above. The rest of franc's 187 (Scots, Pidgin…) mostly steal short texts
// from their neighbours.
const CANDIDATES = [...Object.keys(iso6393To1), ...Object.keys(MACROLANGUAGE)]

// Enough text to tell languages apart reliably; the rest only costs time.
const SAMPLE_CHARS = 2000
const MIN_CHARS = 40

/** A BCP 47 tag, or `undefined` when the text is too short or unclear. */
export function detectLanguage(tree: Root): string | undefined {
  const sample = sampleText(tree)
  if (sample.length < MIN_CHARS) return undefined
  const code = franc(sample, {minLength: MIN_CHARS, only: CANDIDATES})
  if (code === 'und') return undefined
  return MACROLANGUAGE[code] ?? iso6393To1[code] ?? code
}

/** The first few thousand characters of prose, skipping code and tables. */
function sampleText(tree: Root): string {
  const parts: string[] = []
  let length = 0
  const walk = (node: Root | Root['children'][number]): void => {
    if (length >= SAMPLE_CHARS) return
    if (node.type === 'text') {
      parts.push(node.value)
      length += node.value.length
    } else if (node.type === 'element' || node.type === 'root') {
      if (node.type === 'element' && /^(?:pre|code|script|style|table|nav|math|svg)$/.test(node.tagName)) return
      for (const child of node.children) walk(child)
    }
  }
  walk(tree)
  return parts.join(' ').replace(/\s+/g, ' ').slice(0, SAMPLE_CHARS)
}
