/**
 * Take the soft hyphens out of a PDF's text layer.
 *
 * Print text is justified, so the print render puts a soft hyphen (U+00AD)
 * at every place a word may break (render/hyphenate.ts): Chromium on Linux
 * has no hyphenation dictionaries of its own (`hyphens: auto` does nothing
 * in a headless print; the dictionaries come with the component updater,
 * into a browser profile a print never has). Chromium draws each soft
 * hyphen as an invisible, zero-width glyph inside
 * `/Span <</ActualText <FEFF00AD>>> BDC … EMC`, so every extractor that
 * honours ActualText (pdftotext, pdf.js, Acrobat, screen readers) reads
 * "Pres­i­dent", and search, copy and text-to-speech break on it. Where a
 * line does break at one, Chromium draws the visible hyphen as a glyph of
 * its own, outside that span.
 *
 * This pass removes each such span with the invisible glyph it shows, and
 * takes U+00AD out of any other ActualText (a ligature drawn across a
 * break point: "ef­fort" as the ﬀ glyph). Positions are set by the text
 * operators around the glyph (Chromium moves to every glyph with `Td`,
 * from the line's start), so nothing on the page moves: an unbroken word
 * reads whole, and a broken one reads as the word with the hyphen at the
 * break, which extractors join across the line.
 */
import {rewriteStream, type ContentEdit, type ContentPass, type Operation, type Verdict} from './content-stream.ts'

const SOFT_HYPHEN = '\u00ad'

/** Operators that show text; `'` and `"` also move to the next line, so they keep that and show nothing. */
const SHOWS_TEXT = new Set(['Tj', 'TJ', "'", '"'])

/** The pass: each soft hyphen's span dropped with what it shows, and U+00AD taken out of any other ActualText. */
export const dropSoftHyphenSpans: ContentPass = (source) => {
  // A soft hyphen is only ever in an ActualText: a page without one is left at once.
  if (!source.includes('/ActualText')) return undefined
  const edits: ContentEdit[] = []
  /** Open marked content: whether it is a soft hyphen's span, to drop with what it shows. */
  const open: boolean[] = []
  return {
    operation({operator, from, start, end, operands}: Operation): Verdict {
      if (operator === 'BDC') {
        const actual = actualText(source, operands)
        const kept = actual?.text.replaceAll(SOFT_HYPHEN, '')
        const drop = actual !== undefined && kept === ''
        open.push(drop)
        if (drop) {
          edits.push({start: from, end, text: ''})
          return 'hide'
        }
        if (actual && kept !== actual.text) edits.push({start: actual.start, end: actual.end, text: hexText(kept!)})
      } else if (operator === 'BMC') {
        open.push(false)
      } else if (operator === 'EMC') {
        if (open.length === 0) return 'fail'
        if (open.pop()) {
          edits.push({start, end, text: ''})
          return 'hide'
        }
      } else if (SHOWS_TEXT.has(operator) && open.includes(true)) {
        // What a soft hyphen's span shows is the invisible glyph: show nothing instead.
        if (operator === 'Tj' || operator === 'TJ') {
          edits.push({start: from, end, text: ''})
          return 'hide'
        }
        const [last, lastEnd] = operands.at(-1)!
        edits.push({start: last, end: lastEnd, text: '()'})
      }
      return 'keep'
    },
    edits(): ContentEdit[] | undefined {
      return open.length > 0 || edits.length === 0 ? undefined : edits
    }
  }
}

/** One content stream without soft hyphens in its text, or undefined when it has none or cannot be read. */
export function dropSoftHyphens(source: string): string | undefined {
  return rewriteStream(source, [dropSoftHyphenSpans])
}

/** The `/ActualText` string among a BDC's property-list operands: its place and its text. */
function actualText(source: string, operands: ReadonlyArray<readonly [number, number]>): {start: number; end: number; text: string} | undefined {
  const key = operands.findIndex(([start, end]) => source.slice(start, end) === '/ActualText')
  const value = key === -1 ? undefined : operands[key + 1]
  if (!value) return undefined
  const text = decodeTextString(source.slice(value[0], value[1]))
  return text === undefined ? undefined : {start: value[0], end: value[1], text}
}

/**
 * A PDF text string (§7.9.2.2), hex `<…>` or literal `(…)`: UTF-16BE after a
 * byte-order mark, else one byte a character (PDFDocEncoding agrees with
 * Latin-1 on U+00AD, the only character looked for).
 */
function decodeTextString(token: string): string | undefined {
  let bytes: string
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '')
    if (!/^[\da-f]*$/i.test(hex)) return undefined
    bytes = (hex.length % 2 === 0 ? hex : hex + '0').replace(/../g, (pair) => String.fromCharCode(Number.parseInt(pair, 16)))
  } else if (token.startsWith('(')) {
    bytes = unescapeLiteral(token.slice(1, -1))
  } else {
    return undefined
  }
  if (!bytes.startsWith('\u00fe\u00ff')) return bytes
  let text = ''
  for (let at = 2; at + 1 < bytes.length; at += 2) text += String.fromCharCode((bytes.charCodeAt(at) << 8) | bytes.charCodeAt(at + 1))
  return text
}

const ESCAPES: Readonly<Record<string, string>> = {n: '\n', r: '\r', t: '\t', b: '\b', f: '\f'}

function unescapeLiteral(body: string): string {
  return body.replace(/\\(?:([0-7]{1,3})|(\r\n|[\r\n])|(.))/gs, (_, octal: string | undefined, newline: string | undefined, char: string | undefined) =>
    octal ? String.fromCharCode(Number.parseInt(octal, 8) & 0xff) : newline ? '' : (ESCAPES[char!] ?? char!)
  )
}

/** A text string as UTF-16BE hex with its byte-order mark, as Chromium writes ActualText. */
function hexText(text: string): string {
  let hex = 'feff'
  for (let at = 0; at < text.length; at++) hex += text.charCodeAt(at).toString(16).padStart(4, '0')
  return `<${hex}>`
}
