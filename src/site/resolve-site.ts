/**
 * The download site as it is shown: its title, publisher, OPDS feed id,
 * language and words, from the config's `site:` and, where it says
 * nothing, from what the site lists.
 */
import type {Book} from '../books/book.ts'
import type {SiteSpec} from '../books/config.ts'
import {labelsFor, type Labels} from '../labels.ts'
import {slugify} from '../load/load.ts'
import type {Listing} from './listing.ts'

/** The site as it is shown: every field settled. */
export interface Site {
  readonly title: string
  /** Named when the config names it, or every article names the same one; never guessed from some. */
  readonly publisher?: string
  readonly id: string
  readonly lang: string
  readonly labels: Labels
}

/** What the site is worked out from. */
export interface SiteSource {
  readonly articles: readonly Listing[]
  readonly books: ReadonlyArray<Book<Listing>>
  readonly site: SiteSpec
}

/**
 * The site's title, publisher, feed id and language: the config's, else
 * worked out from what it lists. Its own words are in its language, the
 * one most of its articles share when the config names none; each entry
 * keeps its own.
 */
export function resolveSite(content: SiteSource): Site {
  const {site} = content
  const metas = [...content.articles.map((article) => article.meta), ...content.books.flatMap((book) => book.articles.map((article) => article.meta))]
  // Each article once, though a book lists it too.
  const counts = new Map<string, number>()
  for (const meta of new Set(metas)) counts.set(meta.lang, (counts.get(meta.lang) ?? 0) + 1)
  // A tie goes to English, the labels' fallback and the likeliest second language of a mixed readership.
  const common = [...counts].sort((a, b) => b[1] - a[1] || Number(b[0] === 'en') - Number(a[0] === 'en'))[0]?.[0]
  const lang = site.lang ?? common ?? 'en'
  const labels = labelsFor(lang, site.labels)
  // Undefined counts: a site of one publisher's articles and of others that name none is not that publisher's.
  const publishers = new Set(metas.map((meta) => meta.publisher))
  const publisher = site.publisher ?? (publishers.size === 1 ? [...publishers][0] : undefined)
  const title = site.title ?? labels.downloads
  return {title, publisher, lang, labels, id: site.id ?? `urn:imprint:catalog:${encodeURIComponent(slugify(publisher ?? title, 'site'))}`}
}
