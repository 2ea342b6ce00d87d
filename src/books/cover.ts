/**
 * The book's cover: a user-supplied image, or one generated from
 * templates/cover.html (title, subtitle, publisher, editors, date) and
 * rendered by the build's Chromium to PNG, at the paper's proportions so the
 * same image is the EPUB's cover and the PDF's first page.
 */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import type {Paper} from '../article.ts'
import type {PdfPrinter} from '../formats/pdf/printer.ts'
import {fontFaceCss, fontRoots} from '../fonts.ts'
import {assertInert} from '../render/assert-inert.ts'
import {formatDate} from '../render/render-article.ts'
import {fillTemplate, loadStyle, loadTemplate} from '../render/template.ts'
import type {Book} from './book.ts'
import {bookLabels} from './labels.ts'
import {PAPER_SIZES} from '../paper.ts'

export interface Cover {
  /** Where the image is on disk: the user's file, or the generated PNG in `tempDir`. */
  readonly path: string
  readonly mediaType: 'image/png' | 'image/jpeg'
  readonly data: Uint8Array
}

/** CSS pixels across the cover; screenshots at 2× give 1200 px, enough for any e-reader's library view. */
const COVER_WIDTH = 600

export async function makeCover(printer: PdfPrinter | undefined, book: Book, options: {paper: Paper; tempDir: string}): Promise<Cover> {
  if (book.cover) {
    const mediaType = /\.png$/i.test(book.cover) ? 'image/png' : 'image/jpeg'
    return {path: book.cover, mediaType, data: await readFile(book.cover)}
  }
  if (!printer) throw new Error('a generated cover needs Chromium; give the book a `cover:` image or let the build print')
  const [width, height] = PAPER_SIZES[options.paper].mm
  const data = await printer.screenshot(toHtml(renderCover(book)), {
    width: COVER_WIDTH,
    height: Math.round((COVER_WIDTH * height) / width),
    scale: 2,
    fit: '.cover',
    allowedRoots: [options.tempDir, ...fontRoots()]
  })
  const pngPath = path.join(options.tempDir, `${book.slug}-cover.png`)
  await writeFile(pngPath, data)
  return {path: pngPath, mediaType: 'image/png', data}
}

export function renderCover(book: Book): Root {
  const filled = fillTemplate(loadTemplate('cover.html'), {
    html: {properties: {lang: book.lang, dir: book.dir}},
    'doc-title': {children: book.title},
    style: {children: [fontFaceCss(), loadStyle('cover.css')].join('\n')},
    publisher: book.publisher ? {children: book.publisher} : null,
    title: {children: book.title},
    subtitle: book.subtitle ? {children: book.subtitle} : null,
    editors: book.editors.length > 0 ? {children: bookLabels(book.lang).editedBy(book.editors.join(', '))} : null,
    date: book.date ? {children: formatDate(book.date, book.lang), properties: {dateTime: book.date}} : null
  })
  // Chromium renders it, so it passes the guard every rendered document passes.
  assertInert(filled, `book \`${book.slug}\` (cover)`)
  return filled
}
