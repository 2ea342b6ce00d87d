/**
 * A book's generated cover, drawn by the build's Chromium to PNG from the
 * cover the book renders, at the paper's proportions: the same image is the
 * EPUB's cover and the PDF's first page.
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import type {Article} from '../../article.ts'
import type {Book} from '../../books/book.ts'
import {renderCover, type Cover} from '../../books/cover.ts'
import {fontRoots} from '../../fonts.ts'
import {bookFileName} from '../../output-names.ts'
import {PAPER_SIZES, type Paper} from '../../paper.ts'
import type {PdfPrinter} from './printer.ts'

/** CSS pixels across the cover; screenshots at 2× give 1200 px, enough for any e-reader's library view. */
const COVER_WIDTH = 600

/**
 * An article's EPUB cover: the book cover's design with the article's
 * title, publisher and date, at 3:4 (the shape of e-reader screens) and
 * 1×: 600 × 800 px, a few dozen KB, what a library view and a catalog's
 * thumbnail need. Without one, readers and Calibre make up their own.
 */
export async function drawArticleCover(printer: PdfPrinter, facts: Book): Promise<Uint8Array> {
  return printer.screenshot(toHtml(renderCover(facts)), {width: COVER_WIDTH, height: (COVER_WIDTH * 4) / 3, scale: 1, fit: '.cover', allowedRoots: fontRoots()})
}

/** All an article's cover shows: an edit to the body leaves these, and so the drawing, as they were. */
export function articleCoverFacts(article: Article): Book {
  const {meta} = article
  return {
    slug: article.slug,
    title: meta.title,
    ...(meta.subtitle ? {subtitle: meta.subtitle} : {}),
    editors: [],
    ...(meta.publisher ? {publisher: meta.publisher} : {}),
    lang: meta.lang,
    dir: meta.dir,
    ...(meta.date ? {date: meta.date.slice(0, 10)} : {}),
    articles: []
  }
}

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
