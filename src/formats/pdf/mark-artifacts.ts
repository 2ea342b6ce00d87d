/**
 * Chromium's tagged PDF leaves some of what it draws outside any marked
 * content: the page margins (running head and page number), the page's
 * background and an image with `alt=""`. A reader of tagged PDF cannot tell
 * that from content it should read. PDF 32000-1 §14.8.2.2 says what such
 * drawing is: an artifact. This wraps every run of drawing that lies outside
 * marked content in `/Artifact BMC … EMC`, and leaves the rest of each
 * page's content stream byte for byte as it was (finish-pdf.ts runs it
 * over every page, with the other rewrites of content-stream.ts).
 *
 * The scanner knows the content-stream syntax it needs (strings, names,
 * arrays, dictionaries, comments, inline images) and no more. Where a
 * stream does something it does not expect, such as marked content opened
 * inside a text object it would have to split, it leaves that stream alone.
 */
import {inlineImageEnd, mayBeOperator, skipSpace, tokenEnd} from './content-stream.ts'

const OPEN = '/Artifact BMC\n'
const CLOSE = '\nEMC\n'

/** Operators that start drawing: a path, an XObject, a shading, an inline image, a text object. */
const STARTS_DRAWING = new Set(['m', 're', 'Do', 'sh', 'BI', 'BT'])

/**
 * The content stream with its unmarked drawing wrapped as artifacts, or
 * undefined when it cannot be done safely (see above).
 */
export function wrapUnmarked(source: string): string | undefined {
  const inserts: Array<[number, string]> = []
  let depth = 0
  let inText = false
  let artifact = false
  // Where the current operator's operands began: an inserted operator goes there.
  let operands = -1
  let at = 0
  while (at < source.length) {
    const start = skipSpace(source, at)
    if (start >= source.length) break
    const end = tokenEnd(source, start)
    if (end === undefined) return undefined
    at = end
    const token = mayBeOperator(source.charCodeAt(start)) ? source.slice(start, end) : ''
    if (token === '' || token === 'true' || token === 'false' || token === 'null') {
      if (operands === -1) operands = start
      continue
    }
    const before = operands === -1 ? start : operands
    operands = -1
    if (token === 'BDC' || token === 'BMC') {
      if (artifact && depth === 0) {
        // Our artifact would have to end inside a text object it began outside of.
        if (inText) return undefined
        inserts.push([before, CLOSE])
        artifact = false
      }
      depth++
    } else if (token === 'EMC') {
      if (--depth < 0) return undefined
    } else if (depth === 0 && !artifact && STARTS_DRAWING.has(token)) {
      inserts.push([before, OPEN])
      artifact = true
    }
    if (token === 'BT') inText = true
    else if (token === 'ET') inText = false
    else if (token === 'BI') {
      const after = inlineImageEnd(source, at)
      if (after === undefined) return undefined
      at = after
    }
  }
  if (depth !== 0 || inText) return undefined
  if (artifact) inserts.push([source.length, CLOSE])
  if (inserts.length === 0) return source
  let out = ''
  let from = 0
  for (const [position, text] of inserts) {
    out += source.slice(from, position) + text
    from = position
  }
  return out + source.slice(from)
}
