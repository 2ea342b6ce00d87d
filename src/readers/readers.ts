/**
 * The readers: one per kind of source, all with one signature, found by the
 * source's extension. A new input format is a file exporting a `Reader` and
 * a row below.
 *
 * A reader's module loads when a source of its kind comes: a build of
 * pasted text alone does without the DOM, Readability and remark.
 */
import {placeLeadImage} from './lead-image.ts'
import type {Reader} from './reader.ts'


export interface ReaderEntry {
  /** What the cache key and the messages call this kind of source. */
  readonly format: string
  readonly extensions: readonly string[]
  /** Whether a front matter block at the top (YAML or TOML) holds metadata, read with the sidecar. */
  readonly frontMatter: boolean
  /** A page declares its charset: a legacy one is honoured when the bytes are not UTF-8. */
  readonly declaresCharset: boolean
  readonly load: () => Promise<Reader>
}

export const READERS = [
  {format: 'text', extensions: ['.txt', '.text'], frontMatter: false, declaresCharset: false, load: async () => (await import('./parse-text.ts')).parseText},
  {format: 'markdown', extensions: ['.md', '.markdown'], frontMatter: true, declaresCharset: false, load: async () => (await import('./parse-markdown.ts')).parseMarkdown},
  {format: 'html', extensions: ['.html', '.htm', '.xhtml'], frontMatter: false, declaresCharset: true, load: async () => (await import('./parse-html.ts')).parseHtml}
] as const satisfies readonly ReaderEntry[]

type Row = (typeof READERS)[number]
export type SourceFormat = Row['format']

/** What a file named on the command line with another extension is read as. */
export const FALLBACK_READER: Row = READERS[0]

const BY_EXTENSION = new Map<string, Row>(READERS.flatMap((entry) => entry.extensions.map((extension) => [extension, entry] as const)))
const BY_FORMAT = new Map<string, Row>(READERS.map((entry) => [entry.format, entry]))

/** The reader of a file by its extension (any case); undefined for a file no reader takes. */
export function readerOf(extension: string): Row | undefined {
  return BY_EXTENSION.get(extension.toLowerCase())
}

/**
 * Load the reader of a format, when a source of its kind comes. Whatever
 * the reader, a lead image the metadata names joins its tree.
 */
export async function loadReader(format: SourceFormat): Promise<Reader> {
  const entry = BY_FORMAT.get(format)
  if (!entry) throw new TypeError(`no reader for \`${format}\``)
  const read = await entry.load()
  return (file, sidecar) => {
    const result = read(file, sidecar)
    placeLeadImage(result.tree, result.meta.image)
    return result
  }
}
