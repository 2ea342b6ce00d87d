/**
 * Chromium's tagged PDF leaves some of what it draws outside any marked
 * content: the page margins (running head and page number), the page's
 * background and an image with `alt=""`. A reader of tagged PDF cannot tell
 * that from content it should read. PDF 32000-1 §14.8.2.2 says what such
 * drawing is: an artifact. This wraps every run of drawing that lies outside
 * marked content in `/Artifact BMC … EMC`, and leaves the rest of each
 * page's content stream byte for byte as it was.
 *
 * The scanner knows the content-stream syntax it needs (strings, names,
 * arrays, dictionaries, comments, inline images) and no more. Where a
 * stream does something it does not expect, such as marked content opened
 * inside a text object it would have to split, it leaves that stream alone.
 */
import {deflateSync, inflateSync} from 'node:zlib'
import {PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream} from 'pdf-lib'

const OPEN = '/Artifact BMC\n'
const CLOSE = '\nEMC\n'

/** Operators that start drawing: a path, an XObject, a shading, an inline image, a text object. */
const STARTS_DRAWING = new Set(['m', 're', 'Do', 'sh', 'BI', 'BT'])

export function markArtifacts(pdf: PDFDocument): void {
  for (const page of pdf.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue
      const stream = pdf.context.lookup(ref)
      // Chromium's pages, as pdf-lib reads them; a stream pdf-lib made itself is left alone.
      if (!(stream instanceof PDFRawStream)) continue
      const source = contentText(stream)
      const marked = wrapUnmarked(source)
      if (marked === undefined || marked === source) continue
      // Node's zlib: pdf-lib's own deflate took 1.3 s for a 232-page book's 13 MB of content.
      pdf.context.assign(ref, pdf.context.stream(deflateSync(Buffer.from(marked, 'latin1')), {Filter: 'FlateDecode'}))
    }
  }
}

/**
 * A content stream's operators, one character a byte, as Chromium wrote
 * them: Flate-encoded, inflated by Node's zlib (pdf-lib's own inflate is
 * several times slower), or any other filter pdf-lib can decode.
 */
function contentText(stream: PDFRawStream): string {
  const filter = stream.dict.get(PDFName.of('Filter'))
  const plainFlate = filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))
  const bytes = plainFlate ? inflateSync(stream.getContents()) : decodePDFRawStream(stream).decode()
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}

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

/** Character classes by code: 1 white space, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256)
for (const char of '\0\t\n\f\r ') CLASS[char.charCodeAt(0)] = 1
for (const char of '()<>[]{}/%') CLASS[char.charCodeAt(0)] = 2

function skipSpace(source: string, at: number): number {
  while (at < source.length) {
    const code = source.charCodeAt(at)
    if (CLASS[code] === 1) at++
    else if (code === 0x25 /* % */) while (at < source.length && source.charCodeAt(at) !== 0x0a && source.charCodeAt(at) !== 0x0d) at++
    else break
  }
  return at
}

/** The end of the token at `start`; undefined for an unterminated string. */
function tokenEnd(source: string, start: number): number | undefined {
  const code = source.charCodeAt(start)
  if (code === 0x28 /* ( */) {
    let nesting = 0
    for (let at = start; at < source.length; at++) {
      const c = source.charCodeAt(at)
      if (c === 0x5c /* \ */) at++
      else if (c === 0x28) nesting++
      else if (c === 0x29 && --nesting === 0) return at + 1
    }
    return undefined
  }
  if (code === 0x3c /* < */) {
    if (source.charCodeAt(start + 1) === 0x3c) return start + 2
    const close = source.indexOf('>', start)
    return close === -1 ? undefined : close + 1
  }
  if (code === 0x3e /* > */) return source.charCodeAt(start + 1) === 0x3e ? start + 2 : start + 1
  if (code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d) return start + 1
  let at = start + 1
  while (at < source.length && CLASS[source.charCodeAt(at)] === 0) at++
  return at
}

/** Whether a token may be an operator, by its first character: a letter, ' or ". */
function mayBeOperator(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x27 || code === 0x22
}

/** After `BI`: the end of its `EI`, past the image's data. */
function inlineImageEnd(source: string, at: number): number | undefined {
  const data = source.indexOf('ID', at)
  if (data === -1) return undefined
  const match = /\sEI(?=[\s]|$)/g
  match.lastIndex = data + 3
  const found = match.exec(source)
  return found ? found.index + found[0].length : undefined
}
