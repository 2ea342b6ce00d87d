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
import {francAll} from 'franc'
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

/**
 * Letters of other Cyrillic alphabets that a language's own never has.
 * Trigrams confuse the languages written in Cyrillic on short texts (a
 * Ukrainian news item of 200 characters came out Serbian, Bosnian and
 * Bulgarian before Ukrainian), while their alphabets tell them apart at once.
 */
const FOREIGN_LETTERS: Readonly<Record<string, string>> = {
  rus: 'іїєґўјљњћђџѓќѕ',
  ukr: 'ыэъёўјљњћђџѓќѕ',
  bel: 'ищъїєґјљњћђџѓќѕ',
  bul: 'ыэёіїєґўјљњћђџѓќѕ',
  srp: 'яюёщъыьэйіїєґўѓќѕ',
  bos: 'яюёщъыьэйіїєґўѓќѕ',
  mkd: 'яюёщъыьэйіїєґўћђ'
}

/** A language's foreign letters must be this share of the text's letters to rule it out: a quoted name (“Київ” in Russian) does not. */
const FOREIGN_SHARE = 0.01

/** How far below the best a candidate's score may be and still be taken when the better ones are ruled out. */
const CLOSE_SCORE = 0.9

/** A BCP 47 tag, or `undefined` when the text is too short or unclear. */
export function detectLanguage(tree: Root): string | undefined {
  const sample = sampleText(tree)
  if (sample.length < MIN_CHARS) return undefined
  const ranked = francAll(sample, {minLength: MIN_CHARS, only: CANDIDATES})
  const [best, bestScore] = ranked[0] ?? ['und', 0]
  if (best === 'und') return undefined
  const code = ranked.find(([candidate, score]) => score >= bestScore * CLOSE_SCORE && !ruledOut(candidate, sample))?.[0] ?? best
  return MACROLANGUAGE[code] ?? iso6393To1[code] ?? code
}

/** Whether the text holds enough letters its alphabet lacks to say it is not in `code`. */
function ruledOut(code: string, sample: string): boolean {
  const foreign = FOREIGN_LETTERS[code]
  if (!foreign) return false
  let letters = 0
  let strange = 0
  for (const char of sample.toLowerCase()) {
    if (!/\p{L}/u.test(char)) continue
    letters++
    if (foreign.includes(char)) strange++
  }
  return letters > 0 && strange >= letters * FOREIGN_SHARE
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
