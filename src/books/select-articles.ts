/**
 * Which built articles make up a book, in which order. A pattern is a path
 * (a file or a folder), a glob, or a slug; each must find at least one built
 * article, or the book gets an error naming the pattern.
 */
import path from 'node:path'
import picomatch from 'picomatch'
import type {VFile} from 'vfile'
import type {Collected} from './book.ts'
import {report} from '../messages.ts'
import type {BookSpec} from './config.ts'

/** An input of the build, known from loading alone: no parsing needed to plan a book. */
export interface Candidate {
  readonly path: string
  readonly slug: string
  /** False when the source could not be read or its slug is taken. */
  readonly ok: boolean
  /** The newest day its metadata names (title-date.ts), for a `{date}` in a book's title. */
  readonly day?: string
}

/**
 * The book's sources in listed order, or `undefined` after a fatal message
 * on `file` when a pattern finds nothing or names a source that failed.
 * Runs before anything is written.
 */
export function selectArticles(spec: BookSpec, candidates: readonly Candidate[], file: VFile): Candidate[] | undefined {
  const sorted = [...candidates].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  // `--book TITLE` collects every article that builds.
  if (spec.articles.length === 0) return sorted.filter((item) => item.ok)

  const chosen: Candidate[] = []
  let ok = true
  for (const {pattern, place} of spec.articles) {
    const found = sorted.filter(matcher(pattern, spec.base))
    const problem =
      found.length === 0
        ? `book “${spec.title}”: no built article matches \`${pattern}\`; check the path, or add it to the build's inputs`
        : found.filter((item) => !item.ok).map((item) => `book “${spec.title}”: article \`${pattern}\` (${item.path}) failed to build`)[0]
    if (problem) {
      report(file, 'missing-article', problem, {place})
      ok = false
      continue
    }
    for (const item of found) if (!chosen.includes(item)) chosen.push(item)
  }
  return ok ? chosen : undefined
}

function matcher(pattern: string, base: string): (candidate: Candidate) => boolean {
  if (picomatch.scan(pattern).isGlob) {
    const test = picomatch(pattern, {dot: false})
    return (candidate) => test(path.relative(base, candidate.path).split(path.sep).join('/'))
  }
  const absolute = path.resolve(base, pattern)
  return (candidate) =>
    candidate.path === absolute || candidate.path.startsWith(absolute + path.sep) || candidate.slug === pattern
}

/** The book's order: as listed, or by date (undated last) or title. */
export function orderArticles<A extends Collected>(articles: A[], by: BookSpec['order']): A[] {
  switch (by) {
    case 'listed':
      return articles
    case 'date':
      // Undated articles go last, in the order they were listed.
      return articles
        .map((article, index) => ({article, index, time: article.meta.date ? Date.parse(article.meta.date) : Number.POSITIVE_INFINITY}))
        .sort((a, b) => a.time - b.time || a.index - b.index)
        .map((item) => item.article)
    case 'title':
      return [...articles].sort((a, b) => a.meta.title.localeCompare(b.meta.title))
  }
}
