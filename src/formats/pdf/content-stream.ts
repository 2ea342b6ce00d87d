/**
 * Just enough of the content-stream syntax (PDF 32000-1 §7.8.2) to walk a
 * page's operators: white space and comments, strings, names, arrays,
 * dictionaries and inline images; and the one loop that rewrites every
 * page's content with the passes finish-pdf.ts gives it (soft-hyphens.ts,
 * mark-artifacts.ts), inflating and deflating each stream once for all.
 */
import {deflateSync, inflateSync} from 'node:zlib'
import {PDFArray, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFDocument} from 'pdf-lib'

/** A rewrite of one content stream: the new text, or undefined to leave it as it was. */
export type ContentPass = (source: string) => string | undefined

/**
 * Run `passes` in turn over every content stream Chromium wrote; a pass
 * that declines (undefined) hands on the text it was given.
 */
export function rewriteContent(pdf: PDFDocument, passes: readonly ContentPass[]): void {
  for (const page of pdf.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue
      const stream = pdf.context.lookup(ref)
      // Chromium's pages, as pdf-lib reads them; a stream pdf-lib made itself is left alone.
      if (!(stream instanceof PDFRawStream)) continue
      const source = contentText(stream)
      const rewritten = passes.reduce((text, pass) => pass(text) ?? text, source)
      if (rewritten === source) continue
      // Node's zlib: pdf-lib's own deflate took 1.3 s for a 232-page book's 13 MB of content.
      pdf.context.assign(ref, pdf.context.stream(deflateSync(Buffer.from(rewritten, 'latin1')), {Filter: 'FlateDecode'}))
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

/** Character classes by code: 1 white space, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256)
for (const char of '\0\t\n\f\r ') CLASS[char.charCodeAt(0)] = 1
for (const char of '()<>[]{}/%') CLASS[char.charCodeAt(0)] = 2

export function skipSpace(source: string, at: number): number {
  while (at < source.length) {
    const code = source.charCodeAt(at)
    if (CLASS[code] === 1) at++
    else if (code === 0x25 /* % */) while (at < source.length && source.charCodeAt(at) !== 0x0a && source.charCodeAt(at) !== 0x0d) at++
    else break
  }
  return at
}

/** The end of the token at `start`; undefined for an unterminated string. */
export function tokenEnd(source: string, start: number): number | undefined {
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
export function mayBeOperator(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x27 || code === 0x22
}

/** After `BI`: the end of its `EI`, past the image's data. */
export function inlineImageEnd(source: string, at: number): number | undefined {
  const data = source.indexOf('ID', at)
  if (data === -1) return undefined
  const match = /\sEI(?=[\s]|$)/g
  match.lastIndex = data + 3
  const found = match.exec(source)
  return found ? found.index + found[0].length : undefined
}
