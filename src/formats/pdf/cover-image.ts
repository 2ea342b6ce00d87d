/**
 * A book's generated cover, drawn by the build's Chromium to PNG from the
 * cover the book renders, at the paper's proportions: the same image is the
 * EPUB's cover and the PDF's first page.
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import type {Book} from '../../books/book.ts'
import {renderCover, type Cover} from '../../books/cover.ts'
import {fontRoots} from '../../fonts.ts'
import {bookFileName} from '../../output-names.ts'
import {PAPER_SIZES, type Paper} from '../../paper.ts'
import type {PdfPrinter} from './printer.ts'

/** CSS pixels across the cover; screenshots at 2× give 1200 px, enough for any e-reader's library view. */
const COVER_WIDTH = 600

/** Draw the cover into `tempDir`, the one folder the book's print may read it from. */
export async function drawCover(printer: PdfPrinter, book: Book, options: {paper: Paper; tempDir: string}): Promise<Cover> {
  const [width, height] = PAPER_SIZES[options.paper].mm
  const data = await printer.screenshot(toHtml(renderCover(book)), {
    width: COVER_WIDTH,
    height: Math.round((COVER_WIDTH * height) / width),
    scale: 2,
    fit: '.cover',
    allowedRoots: [options.tempDir, ...fontRoots()]
  })
  const pngPath = path.join(options.tempDir, bookFileName(book.slug, 'cover', undefined))
  await writeFile(pngPath, data)
  return {path: pngPath, mediaType: 'image/png', data}
}
