/**
 * The book's cover, from templates/cover.html, which the PDF format's
 * printer draws (formats/pdf/cover-image.ts): the title alone; a photo from
 * the config's `cover:`, cropped to fill the top with the title below it;
 * or, when the image already has a cover's proportions, the finished cover
 * art, shown whole. The EPUB takes finished art as it is.
 */
import type {Root} from 'hast'
import {fontFaceCss} from '../fonts.ts'
import {pluralLabel} from '../labels.ts'
import {paperSize, type Paper} from '../paper.ts'
import {assertInert} from '../render/assert-inert.ts'
import {formatDate} from '../render/render-article.ts'
import {fillTemplate, loadStyle, loadTemplate} from '../render/template.ts'
import type {Book} from './book.ts'

export interface Cover {
  /** Where the image is on disk: the user's file, or the drawn one in the book's temporary folder. */
  readonly path: string
  readonly mediaType: 'image/png' | 'image/jpeg'
  readonly data: Uint8Array
}

/** The user's `cover:` image, read, with its size in pixels. */
export interface CoverArt extends Cover {
  readonly width: number
  readonly height: number
}

export type CoverKind = 'generated' | 'photo' | 'artwork'

/**
 * How much a finished cover's proportions may differ from the page's: A4
 * art on Letter (1.41 against 1.29) is still a cover, a landscape photo
 * is not.
 */
const ARTWORK_TOLERANCE = 0.12

/** Whether a user's image is finished cover art (page-shaped) or a photo for the generated cover. */
export function coverKind(art: Pick<CoverArt, 'width' | 'height'> | undefined, paper: Paper): CoverKind {
  if (!art) return 'generated'
  const [width, height] = paperSize(paper).mm
  const ratio = art.height / art.width / (height / width)
  return Math.abs(ratio - 1) <= ARTWORK_TOLERANCE ? 'artwork' : 'photo'
}

export interface CoverOptions {
  readonly paper: Paper
  readonly kind: CoverKind
  /** The user's image, as a `file:` URL. */
  readonly imageUrl?: string
  /** How far the text is scaled to fit (the printer finds it on a screenshot); 1 by default. */
  readonly fit?: number
}

export function renderCover(book: Book, options: CoverOptions): Root {
  const {kind} = options
  const [width, height] = paperSize(options.paper).mm
  const filled = fillTemplate(loadTemplate('cover.html'), {
    html: {properties: {lang: book.lang, dir: book.dir, style: options.fit === undefined ? undefined : `--fit: ${options.fit}`}},
    'doc-title': {children: book.title},
    style: {children: [fontFaceCss(), loadStyle('cover.css')].join('\n')},
    'page-style': {children: `@page { size: ${width}mm ${height}mm; }`},
    cover: {properties: {className: ['cover', `cover-${kind}`]}},
    // Finished art carries the title itself: it is the cover's text alternative.
    image: kind === 'generated' || !options.imageUrl ? null : {properties: {src: options.imageUrl, alt: kind === 'artwork' ? book.title : ''}},
    text: kind === 'artwork' ? null : {},
    publisher: book.publisher ? {children: book.publisher} : null,
    title: {children: book.title},
    subtitle: book.subtitle ? {children: book.subtitle} : null,
    editors: book.editors.length > 0 ? {children: editorsLine(book)} : null,
    date: book.date ? {children: formatDate(book.date, book.lang), properties: {dateTime: book.date}} : null
  })
  // Chromium renders it, so it passes the guard every rendered document passes.
  assertInert(filled, `book \`${book.slug}\` (cover)`)
  return filled
}

/** The pixel size of a PNG or JPEG, from its header; undefined for anything else. */
export function imageSize(data: Uint8Array): {width: number; height: number} | undefined {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  // PNG: the IHDR chunk comes first (PNG spec §11.2.2).
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return {width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20)}
  }
  // JPEG: walk the markers to the first start-of-frame (ITU T.81 §B.2).
  if (bytes.length < 4 || bytes.readUInt16BE(0) !== 0xffd8) return undefined
  for (let at = 2; at + 9 < bytes.length; ) {
    if (bytes[at] !== 0xff) return undefined
    const marker = bytes[at + 1]!
    if (marker === 0xff) {
      at++
      continue
    }
    const length = bytes.readUInt16BE(at + 2)
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5)}
    }
    at += 2 + length
  }
  return undefined
}

/** "Edited by …" in the book's language, by how many editors there are: the cover's and the title page's. */
export function editorsLine(book: Book): string {
  return pluralLabel(book.labels.editedBy, book.editors.length, book.lang, {names: book.editors.join(', ')})
}
