/**
 * Which books to build, decided before anything is written: each spec
 * resolved against the build's sources (known from loading alone), with
 * errors for a missing article or a book slug that would overwrite another
 * output. Light on purpose: a no-op build loads this, not the emitters.
 */
import {VFile} from 'vfile'
import type {Article} from '../article.ts'
import type {Output} from '../build/build.ts'
import {report} from '../messages.ts'
import type {BookSpec} from './config.ts'
import {resolveBook, slugOfTitle, type Book} from './book.ts'
import {orderArticles, selectArticles, type Candidate} from './select-articles.ts'

export interface BookResult {
  /** The config file, or a stand-in for `--book`: problems are messages on it. */
  readonly file: VFile
  readonly slug: string
  readonly spec?: BookSpec
  /** The sources the book collects, in listed order; empty when it could not be planned. */
  readonly selected: readonly Candidate[]
  /** Set by `resolveBooks` once the articles are at hand. */
  book?: Book
  readonly outputs: Output[]
}

/**
 * Resolve each spec against the build's sources. Runs before anything is
 * written, from loading alone: a missing article, or a book slug equal to an
 * article's or another book's (its files would overwrite theirs), is a
 * fatal message on the book's file.
 */
export function planBooks(specs: readonly BookSpec[], candidates: readonly Candidate[]): BookResult[] {
  const taken = new Map(candidates.map((candidate) => [candidate.slug, candidate.path]))
  return specs.map((spec) => {
    const file = spec.file ?? new VFile({path: '--book'})
    const slug = slugOfTitle(spec.title)
    const failed: BookResult = {file, slug, selected: [], outputs: []}
    const selected = selectArticles(spec, candidates, file)
    const clash = taken.get(slug) ?? (RESERVED.has(slug) ? 'the download site' : undefined)
    if (clash) {
      report(file, 'duplicate-slug', `book “${spec.title}” would write ${slug}.*, which ${clash} already writes; retitle the book or rename the article`)
      return failed
    }
    taken.set(slug, `book “${spec.title}”`)
    if (!selected) return failed
    if (selected.length === 0) {
      report(file, 'empty-book', `book “${spec.title}” has no articles: no input builds`)
      return failed
    }
    return {file, slug, spec, selected, outputs: []}
  })
}

/** Give each planned book its articles; one that failed to parse is an error naming it. */
export function resolveBooks(results: readonly BookResult[], articles: ReadonlyMap<string, Article>): void {
  for (const result of results) {
    if (!result.spec || result.selected.length === 0) continue
    const missing = result.selected.filter((candidate) => !articles.has(candidate.path))
    for (const candidate of missing) {
      report(result.file, 'missing-article', `book “${result.spec.title}”: article \`${candidate.slug}\` (${candidate.path}) failed to build`)
    }
    if (missing.length > 0) continue
    const ordered = orderArticles(result.selected.map((candidate) => articles.get(candidate.path)!), result.spec.order)
    result.book = resolveBook(result.spec, ordered)
  }
}

/** Names the site itself uses: `index.html`, `opds.xml`. */
const RESERVED = new Set(['index', 'opds'])
