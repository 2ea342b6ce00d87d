/**
 * Just enough of the content-stream syntax (PDF 32000-1 §7.8.2) to walk a
 * page's operators: white space and comments, strings, names, arrays,
 * dictionaries and inline images; and the one loop that rewrites every
 * page's content with the passes finish-pdf.ts gives it (soft-hyphens.ts,
 * mark-artifacts.ts): one walk over each stream's operators for all of
 * them, and one inflate and one deflate.
 */
import {deflateSync, inflateSync} from 'node:zlib'
import {PDFArray, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFDocument} from 'pdf-lib'

/** One operator of a content stream, by place: its operands' spans and its own. Valid only during the call it is passed to. */
export interface Operation {
  readonly operator: string
  /** Where the operator's first operand starts, or the operator when it has none. */
  readonly from: number
  readonly start: number
  readonly end: number
  readonly operands: ReadonlyArray<readonly [start: number, end: number]>
}

/** Replace `source.slice(start, end)` with `text`; an insertion when start equals end. */
export interface ContentEdit {
  readonly start: number
  readonly end: number
  readonly text: string
}

/**
 * What a pass answers for one operation: keep it; hide it (the pass
 * removes it, so the passes after it do not see it); or fail (the stream
 * holds something the pass cannot handle safely, and it edits nothing).
 */
export type Verdict = 'keep' | 'hide' | 'fail'

export interface ContentVisitor {
  operation(operation: Operation): Verdict
  /** Once every operation has been seen: the pass's edits, or undefined to leave the stream as it was. */
  edits(): ContentEdit[] | undefined
}

/** A rewrite of content streams: a visitor for one stream's text, or undefined when it has nothing to do there. */
export type ContentPass = (source: string) => ContentVisitor | undefined

/**
 * Run `passes` over every content stream Chromium wrote, as if each ran on
 * the text the ones before it left.
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
      const rewritten = rewriteStream(contentText(stream), passes)
      if (rewritten === undefined) continue
      // Node's zlib: pdf-lib's own deflate took 1.3 s for a 232-page book's 13 MB of content.
      pdf.context.assign(ref, pdf.context.stream(deflateSync(Buffer.from(rewritten, 'latin1')), {Filter: 'FlateDecode'}))
    }
  }
}

/**
 * One content stream rewritten by `passes` in a single walk, or undefined
 * when none of them changes it. A pass sees the operations the passes
 * before it keep; when one of those fails after hiding some, the passes
 * after it walk again without it, so the result is always that of running
 * them one after the other.
 */
export function rewriteStream(source: string, passes: readonly ContentPass[]): string | undefined {
  const visitors = passes.map((pass) => pass(source))
  const failed = visitors.map((visitor) => visitor === undefined)
  const hid = visitors.map(() => false)
  const walked = walkOperations(source, (operation) => {
    for (const [index, visitor] of visitors.entries()) {
      if (failed[index]) continue
      const verdict = visitor!.operation(operation)
      if (verdict === 'fail') failed[index] = true
      else if (verdict === 'hide') {
        hid[index] = true
        return
      }
    }
  })
  if (!walked) return undefined
  const edits: ContentEdit[] = []
  for (const [index, visitor] of visitors.entries()) {
    const made = failed[index] ? undefined : visitor!.edits()
    // It hid operations from the passes after it, and edits nothing after all: walk again without it.
    if (made === undefined && hid[index]) return rewriteStream(source, [...passes.slice(0, index), ...passes.slice(index + 1)])
    if (made) edits.push(...made)
  }
  return edits.length === 0 ? undefined : applyEdits(source, edits)
}

/** `source` with `edits` made, each at its place (insertions before a replacement that starts there). */
function applyEdits(source: string, edits: readonly ContentEdit[]): string {
  const sorted = edits.map((edit, order) => ({edit, order})).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
  let out = ''
  let from = 0
  for (const {edit} of sorted) {
    out += source.slice(from, edit.start) + edit.text
    from = edit.end
  }
  return out + source.slice(from)
}

/**
 * Call `visit` for each operator in `source`, in order, with its operands'
 * places; an inline image's data is stepped over. False when the stream
 * cannot be read (an unterminated string or inline image).
 */
export function walkOperations(source: string, visit: (operation: Operation) => void): boolean {
  const operands: Array<[number, number]> = []
  let at = 0
  while (at < source.length) {
    const start = skipSpace(source, at)
    if (start >= source.length) break
    const end = tokenEnd(source, start)
    if (end === undefined) return false
    at = end
    const operator = mayBeOperator(source.charCodeAt(start)) ? source.slice(start, end) : ''
    if (operator === '' || operator === 'true' || operator === 'false' || operator === 'null') {
      operands.push([start, end])
      continue
    }
    visit({operator, from: operands[0]?.[0] ?? start, start, end, operands})
    operands.length = 0
    if (operator === 'BI') {
      const after = inlineImageEnd(source, at)
      if (after === undefined) return false
      at = after
    }
  }
  return true
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
