/**
 * The type each file of an output folder is served with. `send` knows the
 * common ones (mime-types); the catalog's are ours: an OPDS client picks
 * what to do with a link by its type, and `application/xml` would not do.
 */
import path from 'node:path'
import {isCatalogFile} from '../output-names.ts'
import {OPDS_TYPE} from '../site/render-opds.ts'

export const OPENSEARCH_TYPE = 'application/opensearchdescription+xml'

const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.epub': 'application/epub+zip',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8'
}

/** The type of a file by its name; undefined leaves it to `send`. */
export function contentTypeOf(file: string): string | undefined {
  const name = path.basename(file)
  if (isCatalogFile(name)) return OPDS_TYPE
  return BY_EXTENSION[path.extname(name).toLowerCase()]
}

/** Only text is worth compressing: HTML and XML. EPUB, PDF and images are compressed already. */
export function isCompressible(type: string | undefined): boolean {
  return type !== undefined && /^(?:text\/html|application\/(?:[\w.+-]+\+)?xml)\b/i.test(type)
}
