/**
 * The article's language when neither the metadata nor the source names it:
 * detected from the text with franc-min (trigrams for the 82 languages
 * spoken by 8 million people or more, script ranges for Chinese, Japanese,
 * Korean and others) and given as the shortest BCP 47 tag.
 */
import type {Root} from 'hast'
import {franc} from 'franc-min'
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

// Enough text to tell languages apart reliably; the rest only costs time.
const SAMPLE_CHARS = 4000
const MIN_CHARS = 40

/** A BCP 47 tag, or `undefined` when the text is too short or unclear. */
export function detectLanguage(tree: Root): string | undefined {
  const sample = sampleText(tree)
  if (sample.length < MIN_CHARS) return undefined
  const code = franc(sample, {minLength: MIN_CHARS})
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
