/**
 * load: content paths -> Source per article.
 *
 * Reads bytes, decodes them, attaches the metadata sidecar, and names the
 * outputs. Problems become messages on the source's VFile; a source that
 * cannot be read at all comes back with a fatal message and no text.
 */
import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import type {SourceFormat} from './article.ts'
import {readFrontMatter} from './front-matter.ts'
import {parseMeta, type MetaInput} from './meta-schema.ts'

export interface Source {
  readonly file: VFile
  readonly format: SourceFormat
  readonly slug: string
  /** The folder the source sits in: the only place its resources may come from. */
  readonly root: string
  /** Metadata from the sidecar (or, for Markdown, the front matter). */
  readonly meta: MetaInput
  /** False when the source could not be read; its messages say why. */
  readonly ok: boolean
}

/** Extensions per reader. */
const FORMATS: Readonly<Record<string, SourceFormat>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html'
}

export const SIDECAR_SUFFIX = '.meta.yaml'

/** Beyond this an article is refused rather than parsed: the largest real page we know is 1.6 MB. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024

/** Expand files and folders into source file paths, sorted for stable output. */
export async function findSources(inputs: readonly string[]): Promise<string[]> {
  const found = new Set<string>()
  for (const input of inputs) {
    const absolute = path.resolve(input)
    const info = await stat(absolute)
    if (info.isDirectory()) {
      for (const entry of await readdir(absolute, {recursive: true, withFileTypes: true})) {
        if (!entry.isFile()) continue
        const file = path.join(entry.parentPath, entry.name)
        if (formatOf(file)) found.add(file)
      }
    } else {
      found.add(absolute)
    }
  }
  return [...found].sort()
}

export function formatOf(file: string): SourceFormat | undefined {
  if (file.endsWith(SIDECAR_SUFFIX)) return undefined
  return FORMATS[path.extname(file).toLowerCase()]
}

/**
 * The slug names every output. `index.html` and `source.html` say nothing,
 * so such files take their folder's name.
 */
export function slugOf(file: string): string {
  const base = path.basename(file, path.extname(file))
  const generic = /^(index|source|article|readme)$/i.test(base)
  const name = generic ? path.basename(path.dirname(file)) : base
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'article'
  )
}

export async function loadSource(filePath: string): Promise<Source> {
  const absolute = path.resolve(filePath)
  const file = new VFile({path: absolute, cwd: process.cwd()})
  const format = formatOf(absolute) ?? 'text'
  const base = {file, format, slug: slugOf(absolute), root: path.dirname(absolute)}

  let bytes: Uint8Array
  try {
    const info = await stat(absolute)
    if (info.size > MAX_SOURCE_BYTES) {
      fail(file, `file is ${formatSize(info.size)}, over the ${formatSize(MAX_SOURCE_BYTES)} limit for one article`, 'too-large')
      return {...base, meta: {}, ok: false}
    }
    bytes = await readFile(absolute)
  } catch (error) {
    fail(file, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'unreadable')
    return {...base, meta: {}, ok: false}
  }

  const text = decode(bytes, file, format === 'html' ? declaredCharset(bytes) : undefined)
  if (text === undefined) return {...base, meta: {}, ok: false}
  file.value = text

  const sidecar = await loadSidecar(absolute, file)
  // Markdown carries its own metadata; its fields win over a sidecar's.
  const own = format === 'markdown' ? readFrontMatter(file) : {}
  const ok = sidecar !== undefined && own !== undefined
  return {...base, meta: {...sidecar, ...own}, ok}
}

/**
 * Decode UTF-8, refusing empty and binary files and flagging bad bytes. A
 * page that is not valid UTF-8 but declares a legacy charset (`legacy`) is
 * read in that charset instead.
 */
function decode(bytes: Uint8Array, file: VFile, legacy?: string): string | undefined {
  if (bytes.length === 0) {
    fail(file, 'file is empty', 'empty-file')
    return undefined
  }
  const nul = bytes.subarray(0, 8192).indexOf(0)
  if (nul !== -1) {
    fail(file, `file looks binary (NUL byte at offset ${nul}); expected UTF-8 text`, 'binary-file')
    return undefined
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    const declared = legacy === undefined ? undefined : decodeLegacy(bytes, legacy)
    if (declared !== undefined) {
      file.info(`not valid UTF-8; decoded as ${legacy}, the charset the page declares`, {ruleId: 'legacy-charset', source: 'imprint'})
      return declared
    }
    const offset = firstInvalidUtf8(bytes)
    file.message(`invalid UTF-8 at byte offset ${offset}; decoded with replacement characters`, {
      place: placeOfByte(bytes, offset),
      ruleId: 'invalid-utf8',
      source: 'imprint'
    })
    text = new TextDecoder('utf-8').decode(bytes)
  }
  if (text.trim() === '') {
    fail(file, 'file holds only whitespace', 'empty-file')
    return undefined
  }
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

/** Read `<name>.meta.yaml` beside the source, when there is one. */
async function loadSidecar(sourcePath: string, file: VFile): Promise<MetaInput | undefined> {
  const sidecar = sourcePath.slice(0, -path.extname(sourcePath).length) + SIDECAR_SUFFIX
  let text: string
  try {
    text = await readFile(sidecar, 'utf8')
  } catch {
    return {}
  }
  const result = parseMeta(text)
  if (result.ok) return result.meta
  for (const problem of result.problems) {
    const message = file.message(problem.reason, {
      place: {line: problem.line, column: problem.column},
      ruleId: 'bad-metadata',
      source: 'imprint'
    })
    // The place is in the sidecar, so the message names the sidecar.
    message.file = sidecar
    message.fatal = true
  }
  return undefined
}

function fail(file: VFile, reason: string, ruleId: string): void {
  const message = file.message(reason, {ruleId, source: 'imprint'})
  message.fatal = true
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
