/**
 * A book's files in the output folder, and their cache keys. A book is
 * content-addressed like an article, so a no-op rebuild finds it in place
 * without loading one article or starting Chromium.
 *
 * The keys chain: the book's key (its spec, the fixed date, the user's
 * cover image and each selected article's content key, in order) gives the
 * cover's and the booklet's (printed on pages of its own); the cover's
 * gives the EPUB's and the PDF's (both carry it). A change invalidates what
 * lies downstream of it and nothing else: `--booklet` alone adds one file,
 * and a paper of the same family leaves the booklet alone.
 *
 * Light on purpose: a no-op build loads this, not the book emitters.
 */
import type {Format} from '../article.ts'
import type {BookPart} from '../output-names.ts'
import {bookletOf, type Paper} from '../paper.ts'
import type {BookSpec} from './config.ts'

/**
 * The files a build writes for a book. The cover goes with the EPUB or PDF
 * that carries it: an HTML-only build writes nothing for a book, so it
 * needs no browser.
 */
export function bookParts(formats: readonly Format[], booklet: boolean | undefined): BookPart[] {
  const parts: BookPart[] = []
  if (formats.includes('epub')) parts.push('epub')
  if (formats.includes('pdf')) parts.push('pdf')
  if (formats.includes('pdf') && booklet) parts.push('booklet')
  return parts.length > 0 ? ['cover', ...parts] : []
}

export interface BookKeyInputs {
  readonly spec: BookSpec
  /** Each selected article's content key (its source and the files it reads), in listed order. */
  readonly articles: readonly string[]
  /** The user's cover image as `dependencyParts` gives it (path and bytes' hash); empty for a generated cover. */
  readonly cover: readonly string[]
  readonly paper: Paper
  /** SOURCE_DATE_EPOCH, which stamps every file; null when the book's own date does. */
  readonly epoch: number | null
}

/** Every part's key, from `key` (the cache's: it adds imprint's own fingerprint). */
export function bookKeys(key: (...parts: string[]) => string, inputs: BookKeyInputs): Record<BookPart, string> {
  // The patterns and their folder only select the articles, whose keys are
  // below; the config file is where messages go. The rest is what the book shows.
  const {file: _file, base: _base, articles: _articles, ...shown} = inputs.spec
  const book = key('book', JSON.stringify(shown), JSON.stringify(inputs.epoch), ...inputs.cover, ...inputs.articles)
  // A cover is drawn at the paper's proportions, and whether a user's image is finished art or a photo depends on them.
  const cover = key(book, 'cover', inputs.paper)
  const pdf = key(cover, 'pdf', inputs.paper)
  // The booklet is printed on the page its paper's family folds to: A4 and B5 make the same one.
  return {cover, epub: key(cover, 'epub'), pdf, booklet: key(book, 'booklet', bookletOf(inputs.paper).page)}
}
