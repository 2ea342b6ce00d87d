/**
 * A book's cover, drawn by the build's Chromium from the cover the book
 * renders, at the paper's proportions: the image the EPUB and the site
 * carry, and the PDF's first page, printed in vector text from the same
 * document with its text scaled as the image's was.
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {toHtml} from 'hast-util-to-html'
import type {Article} from '../../article.ts'
import type {Book} from '../../books/book.ts'
import {renderCover, type Cover, type CoverArt, type CoverKind} from '../../books/cover.ts'
import {fontRoots} from '../../fonts.ts'
import {labelsFor} from '../../labels.ts'
import {bookFileName} from '../../output-names.ts'
import {paperSize, type Paper} from '../../paper.ts'
import type {PdfPrinter} from './printer.ts'

/** The paper an article's cover is laid out for: only its proportions matter on a screen, and A-series is the nearest to 3:4 the table has. */
const ARTICLE_COVER_PAPER: Paper = 'a4'

/** CSS pixels across the cover; screenshots at 2× give 1200 px, enough for any e-reader's library view. */
const COVER_WIDTH = 600

/**
 * An article's EPUB cover: the book cover's design with the article's
 * title, publisher and date, at 3:4 (the shape of e-reader screens) and
 * 1×: 600 × 800 px, a few dozen KB, what a library view and a catalog's
 * thumbnail need. Without one, readers and Calibre make up their own.
 */
export async function drawArticleCover(printer: PdfPrinter, facts: Book): Promise<Uint8Array> {
  const html = toHtml(renderCover(facts, {paper: ARTICLE_COVER_PAPER, kind: 'generated'}))
  const shot = await printer.screenshot(html, {width: COVER_WIDTH, height: (COVER_WIDTH * 4) / 3, scale: 1, fit: '.cover-text', allowedRoots: fontRoots(), image: 'png'})
  if (!shot.image) throw new Error('Chromium returned no image')
  return shot.image
}

/** All an article's cover shows: an edit to the body leaves these, and so the drawing, as they were. */
export function articleCoverFacts(article: Article): Book {
  const {meta} = article
  return {
    slug: article.slug,
    title: meta.title,
    ...(meta.subtitle ? {subtitle: meta.subtitle} : {}),
    editors: [],
    labels: labelsFor(meta.lang),
    ...(meta.publisher ? {publisher: meta.publisher} : {}),
    lang: meta.lang,
    dir: meta.dir,
    ...(meta.date ? {date: meta.date.slice(0, 10)} : {}),
    articles: []
  }
}

export interface DrawCoverOptions {
  readonly paper: Paper
  /** The one folder the book's print may read a drawn cover from. */
  readonly tempDir: string
  readonly kind: CoverKind
  /** The user's image, for a photo or finished art. */
  readonly art?: CoverArt
  /** What to draw: the image, the PDF page, or both. */
  readonly image: boolean
  readonly pdf: boolean
}

export interface DrawnCover {
  readonly image?: Cover
  readonly pdf?: Uint8Array
}

/**
 * Draw the cover; a photo's cover is a JPEG when the photo is, every other
 * one a PNG. The screenshot finds how far a long title must shrink; every
 * length on the cover is a share of its width, so the print, at the
 * paper's size, takes the same factor.
 */
export async function drawCover(printer: PdfPrinter, book: Book, options: DrawCoverOptions): Promise<DrawnCover> {
  const [width, height] = paperSize(options.paper).mm
  const {art, paper, kind} = options
  const imageUrl = art ? pathToFileURL(art.path).href : undefined
  const allowedRoots = [options.tempDir, ...fontRoots(), ...(art ? [path.dirname(art.path)] : [])]
  const type = art?.mediaType === 'image/jpeg' ? 'jpeg' : 'png'
  const shot = await printer.screenshot(toHtml(renderCover(book, {paper, kind, imageUrl})), {
    width: COVER_WIDTH,
    height: Math.round((COVER_WIDTH * height) / width),
    scale: 2,
    fit: '.cover-text',
    allowedRoots,
    image: options.image ? type : undefined
  })
  const pdf = options.pdf ? await printer.print(toHtml(renderCover(book, {paper, kind, imageUrl, fit: shot.fit})), {allowedRoots}) : undefined
  if (!shot.image) return {pdf}
  const file = path.join(options.tempDir, bookFileName(book.slug, 'cover', art?.path))
  await writeFile(file, shot.image)
  return {image: {path: file, mediaType: type === 'jpeg' ? 'image/jpeg' : 'image/png', data: shot.image}, pdf}
}
