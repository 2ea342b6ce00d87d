/**
 * What the download site and its catalog call themselves: a title, a
 * publisher and a stable id. The one place they are worked out, from the
 * config's `site:` when it gives them, else from what the site lists: one
 * book's title, a publisher every entry shares. A publisher is never
 * guessed from some of the entries (for this publisher that would be a
 * rights error, not a cosmetic one).
 */
export interface SiteConfig {
  readonly title?: string
  readonly publisher?: string
  /** A URI for the catalog's `<id>`; readers use it to tell catalogs apart. */
  readonly id?: string
}

export interface SiteInfo {
  readonly title: string
  readonly publisher?: string
  readonly id: string
}

export function resolveSiteInfo(
  config: SiteConfig | undefined,
  listed: {readonly books: ReadonlyArray<{readonly title: string; readonly publisher?: string}>; readonly articles: ReadonlyArray<{readonly publisher?: string}>}
): SiteInfo {
  const publishers = new Set([...listed.books, ...listed.articles].map((entry) => entry.publisher))
  const shared = publishers.size === 1 ? [...publishers][0] : undefined
  const title = config?.title ?? (listed.books.length === 1 ? listed.books[0]!.title : listed.articles.length === 0 ? 'Books' : 'Articles')
  const publisher = config?.publisher ?? shared
  return {title, ...(publisher ? {publisher} : {}), id: config?.id ?? 'urn:imprint:catalog'}
}
