/**
 * A fetched page's bytes as text, in the order the build's own loader
 * reads a saved page (load.ts), so a snapshot reads as the saved copy
 * does: a byte order mark; else valid UTF-8 (a page that is valid UTF-8 is
 * UTF-8, whatever its label says: a wrong label is common, a UTF-8 accident
 * is not); else the charset of the Content-Type header; else the one the
 * page declares; else windows-1252, the web's default for unlabelled pages.
 */
import {declaredCharset} from '../load/load.ts'

export interface DecodedPage {
  readonly text: string
  /** The charset the bytes were in. */
  readonly charset: string
}

export function decodePage(bytes: Uint8Array, headerCharset: string | undefined): DecodedPage {
  const bom = bomOf(bytes)
  if (bom) return {text: new TextDecoder(bom).decode(bytes), charset: bom}
  try {
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(bytes), charset: 'utf-8'}
  } catch {
    // Not UTF-8: the labels decide.
  }
  for (const label of [headerCharset, declaredCharset(bytes), 'windows-1252']) {
    if (!label) continue
    try {
      return {text: new TextDecoder(label).decode(bytes), charset: label.toLowerCase()}
    } catch {
      // An unknown label: try the next.
    }
  }
  return {text: new TextDecoder('windows-1252').decode(bytes), charset: 'windows-1252'}
}

function bomOf(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}
