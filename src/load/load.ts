/**
 * load: content paths -> Source per article.
 *
 * Reads bytes, decodes them, attaches the metadata sidecar, and names the
 * outputs. Problems become messages on the source's VFile; a source that
 * cannot be read at all comes back with a fatal message and no text.
 */
import {realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {DEFAULT_LIMITS, type Limits} from '../limits.ts'
import {report, type RuleId} from '../messages.ts'
import {readFrontMatter} from '../readers/front-matter.ts'
import {FALLBACK_READER, readerOf, type SourceFormat} from '../readers/readers.ts'
import {parseMeta, type MetaInput} from '../schema/meta.ts'
import {readBounded, type Bound, type Refusal} from './read-bounded.ts'

export type {Refusal} from './read-bounded.ts'
export {formatBytes as formatSize} from '../limits.ts'

export interface Source {
  readonly file: VFile
  readonly format: SourceFormat
  readonly slug: string
  /** The folder the source sits in: the only place its resources may come from. */
  readonly root: string
  /** Metadata from the sidecar (or, for Markdown, the front matter). */
  readonly meta: MetaInput
  /** False when the source could not be read, or is not to be built; its messages say why. */
  readonly ok: boolean
  /** Found but not read as an article at all (a linked file, a document of another kind): it does not count as a source found. */
  readonly skipped?: boolean
}

export interface LoadOptions {
  /** `--strict`: a metadata field imprint does not read is an error, not a warning. */
  readonly strict?: boolean
  /** Limits on the inputs (src/limits.ts); the defaults when unset. */
  readonly limits?: Limits
}

export const SIDECAR_SUFFIX = '.meta.yaml'


export function formatOf(file: string): SourceFormat | undefined {
  if (file.endsWith(SIDECAR_SUFFIX)) return undefined
  return readerOf(path.extname(file))?.format
}

/**
 * The slug names every output. `index.html` and `source.html` say nothing,
 * so such files take their folder's name.
 */
export function slugOf(file: string): string {
  const base = path.basename(file, path.extname(file))
  const generic = /^(index|source|article|readme)$/i.test(base)
  const name = generic ? path.basename(path.dirname(file)) : base
  return slugify(name, 'article')
}

/**
 * A name for files: lower case, accents dropped, letters and digits of any
 * script joined by `-`, at most MAX_SLUG_BYTES; `fallback` when nothing is left.
 */
export function slugify(text: string, fallback: string): string {
  return fitSlug(
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || fallback
  )
}

/** Bytes a slug may take: file names stop at 255 bytes, and outputs add `-booklet.pdf` and the like. */
const MAX_SLUG_BYTES = 160

/**
 * Shorten a slug to MAX_SLUG_BYTES of UTF-8, at the last hyphen that fits
 * when there is one: a Persian title of 90 letters is already 160 bytes.
 */
function fitSlug(slug: string): string {
  if (Buffer.byteLength(slug) <= MAX_SLUG_BYTES) return slug
  let fitted = ''
  for (const char of slug) {
    if (Buffer.byteLength(fitted + char) > MAX_SLUG_BYTES) break
    fitted += char
  }
  const hyphen = fitted.lastIndexOf('-')
  return hyphen > MAX_SLUG_BYTES / 4 ? fitted.slice(0, hyphen) : fitted.replace(/-+$/, '')
}

/**
 * Jekyll names a post `_posts/2024-05-03-pier-solar-roof.md`: the date and
 * the slug are in the file name, and the front matter may leave them out.
 * Only inside a `_posts` folder, where the name means that.
 */
function postDefaults(file: string): {date?: string; slug?: string} {
  if (path.basename(path.dirname(file)) !== '_posts') return {}
  const match = /^(\d{4}-\d{2}-\d{2})-(.+)$/.exec(path.basename(file, path.extname(file)))
  if (!match || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) return {}
  // A day past the month's end (`2024-02-30`) is a slug, not a date.
  return new Date(`${match[1]}T00:00:00Z`).toISOString().startsWith(match[1]!) ? {date: match[1], slug: match[2]} : {slug: match[2]}
}

export async function loadSource(filePath: string, options: LoadOptions = {}): Promise<Source> {
  const absolute = path.resolve(filePath)
  const file = new VFile({path: absolute, cwd: process.cwd()})
  const reader = readerOf(path.extname(absolute)) ?? FALLBACK_READER
  const base = {file, format: reader.format, slug: slugOf(absolute), root: path.dirname(absolute)}

  const limits = options.limits ?? DEFAULT_LIMITS
  const bytes = await readBounded(absolute, {limit: 'source-size', value: limits['source-size'], what: 'one article'})
  if (!(bytes instanceof Uint8Array)) {
    report(file, bytes.ruleId, bytes.reason)
    return {...base, meta: {}, ok: false}
  }

  const text = decode(bytes, file, reader.declaresCharset ? declaredCharset(bytes) : undefined)
  if (text === undefined) return {...base, meta: {}, ok: false}
  file.value = text

  const sidecar = await loadSidecar(absolute, file, options)
  // Front matter is the source's own metadata; its fields win over a sidecar's.
  const own = reader.frontMatter ? readFrontMatter(file, {strict: options.strict, maxAliases: limits['yaml-aliases']}) : {}
  const meta = {...postDefaults(absolute), ...sidecar, ...own}
  // A slug in the metadata names the outputs, made safe for a file name like any other.
  const named = meta.slug === undefined ? base : {...base, slug: slugify(meta.slug, base.slug)}
  if (sidecar === undefined || own === undefined) return {...named, meta, ok: false}
  if (meta.draft === true) {
    report(file, 'draft', 'not built: the article is marked as a draft')
    return {...named, meta, ok: false}
  }
  return {...named, meta, ok: true}
}

/**
 * Read a small file the editor writes beside the articles (a sidecar, the
 * book configuration) as sources are read: within `limit`, and as strict
 * UTF-8, refused at the first bad byte.
 */
export async function readUtf8(file: string, bound: Bound): Promise<string | Refusal> {
  const bytes = await readBounded(file, bound)
  if (!(bytes instanceof Uint8Array)) return bytes
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    return {reason: invalidUtf8Reason(bytes), ruleId: 'invalid-utf8', place: placeOfByte(bytes, firstInvalidUtf8(bytes))}
  }
}

/**
 * Decode UTF-8, refusing empty and binary files and bad bytes: a file with
 * replacement characters where its letters were would print as a good
 * output, so it is an error at the first bad byte. A page that is not valid
 * UTF-8 but declares a legacy charset (`legacy`) is read in that charset
 * instead.
 */
function decode(bytes: Uint8Array, file: VFile, legacy?: string): string | undefined {
  if (bytes.length === 0) {
    report(file, 'empty-file', 'file is empty')
    return undefined
  }
  const text = decodeText(bytes, file, legacy)
  if (text !== undefined && text.trim() === '') {
    report(file, 'empty-file', 'file holds only whitespace')
    return undefined
  }
  return text
}

/** UTF-16 by its byte order mark, else UTF-8, else the declared legacy charset. */
function decodeText(bytes: Uint8Array, file: VFile, legacy?: string): string | undefined {
  // Windows' Notepad saves "Unicode" as UTF-16 with a byte order mark: read it as such.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined
  if (utf16) return decodeUtf16(bytes, utf16, file)
  const nul = bytes.subarray(0, 8192).indexOf(0)
  if (nul !== -1) {
    report(file, 'binary-file', `file looks binary (NUL byte at offset ${nul}); expected UTF-8 text`)
    return undefined
  }
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    const declared = legacy === undefined ? undefined : decodeLegacy(bytes, legacy)
    if (declared !== undefined) {
      report(file, 'legacy-charset', `not valid UTF-8; decoded as ${legacy}, the charset the page declares`)
      return declared
    }
    const either = legacy === undefined ? '' : ` (nor ${legacy}, the charset the page declares)`
    report(file, 'invalid-utf8', invalidUtf8Reason(bytes) + either, {place: placeOfByte(bytes, firstInvalidUtf8(bytes))})
    return undefined
  }
}

/** A file that starts with a UTF-16 byte order mark; a lone surrogate is an error at its place. */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: VFile): string | undefined {
  let text: string
  try {
    text = new TextDecoder(encoding, {fatal: true}).decode(bytes)
  } catch {
    const units = new TextDecoder(encoding).decode(bytes)
    const bad = units.indexOf('\ufffd')
    const lines = units.slice(0, Math.max(0, bad)).split('\n')
    report(file, 'invalid-utf16', `invalid ${encoding.toUpperCase()}: a broken character; save the file as UTF-8`, {
      place: {line: lines.length, column: [...lines.at(-1)!].length + 1}
    })
    return undefined
  }
  report(file, 'utf-16', `decoded as ${encoding.toUpperCase()}, as its byte order mark says`)
  return text
}

/**
 * The charset an HTML page declares in its first 1024 bytes, as the HTML
 * standard's prescan reads it (`<meta charset>` or `http-equiv`), simplified.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  const label = /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head)?.[1]?.toLowerCase()
  return label === undefined || /^utf-?8$/.test(label) ? undefined : label
}

function decodeLegacy(bytes: Uint8Array, label: string): string | undefined {
  try {
    return new TextDecoder(label, {fatal: true}).decode(bytes)
  } catch {
    // An unknown label, or bytes that are not that charset either.
    return undefined
  }
}

function invalidUtf8Reason(bytes: Uint8Array): string {
  return `invalid UTF-8 at byte offset ${firstInvalidUtf8(bytes)}; save the file as UTF-8`
}

/** Line and column (in characters) of a byte offset: the bytes before it are valid UTF-8. */
function placeOfByte(bytes: Uint8Array, offset: number): {line: number; column: number} {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset))
  const lines = before.split('\n')
  return {line: lines.length, column: [...lines.at(-1)!].length + 1}
}

/** Offset of the first byte sequence that is not valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index]!
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0
    if (length === 0) return index
    if (index + length > bytes.length) return index
    const sequence = bytes.subarray(index, index + length)
    try {
      new TextDecoder('utf-8', {fatal: true}).decode(sequence)
    } catch {
      return index
    }
    index += length
  }
  return bytes.length
}

/**
 * Read `<name>.meta.yaml` beside the source, when there is one. It is read
 * like the source: within a size limit, as strict UTF-8, and only from the
 * source's folder, since a sidecar linked to a file elsewhere would put that
 * file's text into the outputs (or into a message quoting it).
 */
async function loadSidecar(sourcePath: string, file: VFile, options: LoadOptions): Promise<MetaInput | undefined> {
  const limits = options.limits ?? DEFAULT_LIMITS
  const sidecar = sourcePath.slice(0, -path.extname(sourcePath).length) + SIDECAR_SUFFIX
  let real: string
  try {
    real = await realpath(sidecar)
  } catch {
    return {}
  }
  // The place is in the sidecar, so its messages name the sidecar.
  const folder = await realpath(path.dirname(sourcePath))
  const relative = path.relative(folder, real)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    report(file, 'outside-root', 'the metadata file is a link to a file outside the article\'s folder; refused', {file: sidecar})
    return undefined
  }
  const text = await readUtf8(real, {limit: 'meta-size', value: limits['meta-size'], what: 'a metadata file'})
  if (typeof text !== 'string') {
    report(file, text.ruleId, text.reason, {place: text.place, file: sidecar})
    return undefined
  }
  const result = parseMeta(text, {strict: options.strict, maxAliases: limits['yaml-aliases']})
  for (const problem of result.problems) report(file, problem.ruleId, problem.reason, {place: {line: problem.line, column: problem.column}, file: sidecar})
  return result.meta
}
