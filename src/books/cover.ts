/**
 * The book's cover: a user-supplied image, or one generated from
 * templates/cover.html (title, subtitle, publisher, editors, date), which
 * the PDF format's printer draws (formats/pdf/cover-image.ts).
 */
import type {Root} from 'hast'
import {fontFaceCss} from '../fonts.ts'
import {assertInert} from '../render/assert-inert.ts'
import {formatDate} from '../render/render-article.ts'
import {fillTemplate, loadStyle, loadTemplate} from '../render/template.ts'
import type {Book} from './book.ts'
import {bookLabels} from './labels.ts'

export interface Cover {
  /** Where the image is on disk: the user's file, or the generated PNG in `tempDir`. */
  readonly path: string
  readonly mediaType: 'image/png' | 'image/jpeg'
  readonly data: Uint8Array
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
