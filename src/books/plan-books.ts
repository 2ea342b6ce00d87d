/**
 * Which books to build, decided before anything is written: each spec
 * resolved against the build's sources (known from loading alone), with
 * errors for a missing article or a book slug that would overwrite another
 * output. Light on purpose: a no-op build loads this, not the emitters.
 */
import {VFile} from 'vfile'
import {report} from '../messages.ts'
import {RESERVED_SLUGS} from '../output-names.ts'
import type {BookSpec} from './config.ts'
import {resolveBook, slugOfTitle, type Book, type Collected} from './book.ts'
import {orderArticles, selectArticles, type Candidate} from './select-articles.ts'
import {fillTitleDate} from './title-date.ts'

export interface PlannedBook {
  /** The config file, or a stand-in for `--book`: problems are messages on it. */
  readonly file: VFile
  readonly slug: string
  /** Unset when the book cannot be built; its messages say why. */
  readonly spec?: BookSpec
  /** The sources the book collects, in listed order; empty when it could not be planned. */
  readonly selected: readonly Candidate[]
}

/**
 * Resolve each spec against the build's sources (a `{date}` in its title
 * too, title-date.ts). Runs before anything is
 * written, from loading alone: a missing article, or a book slug equal to an
 * article's or another book's (its files would overwrite theirs), is a
 * fatal message on the book's file.
 */
export function planBooks(specs: readonly BookSpec[], candidates: readonly Candidate[], epoch?: number): PlannedBook[] {
  const taken = new Map(candidates.map((candidate) => [candidate.slug, candidate.path]))
  return specs.map((configured) => {
    const file = configured.file ?? new VFile({path: '--book'})
    const selected = selectArticles(configured, candidates, file)
    const spec = fillTitleDate(configured, (selected ?? []).map((candidate) => candidate.day), epoch)
    const slug = slugOfTitle(spec.title)
    const failed: PlannedBook = {file, slug, selected: []}
    const clash = taken.get(slug) ?? (RESERVED_SLUGS.has(slug) ? 'the download site' : undefined)
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
    return {file, slug, spec, selected}
  })
}

/**
 * The book over its articles (whole ones for the formats, listings for the
 * site), ordered as its spec says; undefined after an error on the book's
 * file naming each article that failed.
 */
export function collectBook<A extends Collected>(planned: PlannedBook, articles: ReadonlyMap<string, A>): Book<A> | undefined {
  if (!planned.spec || planned.selected.length === 0) return undefined
  const missing = planned.selected.filter((candidate) => !articles.has(candidate.path))
  for (const candidate of missing) {
    report(planned.file, 'missing-article', `book “${planned.spec.title}”: article \`${candidate.slug}\` (${candidate.path}) failed to build`)
  }
  if (missing.length > 0) return undefined
  return resolveBook(planned.spec, orderArticles(planned.selected.map((candidate) => articles.get(candidate.path)!), planned.spec.order))
}
