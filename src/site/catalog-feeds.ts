/**
 * The catalog as e-reader apps browse it: `opds.xml` with every book and
 * article, and a facet feed per language and per book (OPDS 1.2 facets),
 * so a reader can narrow the list to the books in Russian, or to the
 * articles one book collects. Static files: any web server serves them.
 * The search is `imprint serve`'s (src/serve/catalog-search.ts).
 */
import {CATALOG_FILE, catalogFacetName} from '../output-names.ts'
import {renderOpds, type CatalogEntry, type Facet} from './render-opds.ts'
import type {Site} from './resolve-site.ts'

export interface CatalogBook {
  readonly slug: string
  readonly entry: CatalogEntry
  /** The catalog entries of the articles it collects. */
  readonly articles: readonly CatalogEntry[]
}

export interface CatalogFeed {
  readonly name: string
  readonly text: string
}

/** Every feed: the catalog first, then its facets. */
export function renderCatalogs(books: readonly CatalogBook[], articles: readonly CatalogEntry[], site: Site): CatalogFeed[] {
  const all = [...books.map((book) => book.entry), ...articles]
  const views: Array<{name: string; entries: readonly CatalogEntry[]; title: string; group?: string}> = [{name: CATALOG_FILE, entries: all, title: site.title}]
  // A facet narrows the list: a language only when there are two, a book whenever there is one.
  const languages = [...new Set(all.map((entry) => entry.lang.toLowerCase()))].sort()
  if (languages.length > 1) {
    for (const language of languages) {
      views.push({
        name: catalogFacetName({language}),
        entries: all.filter((entry) => entry.lang.toLowerCase() === language),
        title: languageName(language),
        group: 'Language'
      })
    }
  }
  for (const book of books) {
    views.push({name: catalogFacetName({book: book.slug}), entries: [book.entry, ...book.articles], title: book.entry.title, group: 'Book'})
  }
  const facetsFor = (current: string): Facet[] =>
    views
      .filter((view) => view.group !== undefined)
      .map((view) => ({href: view.name, title: view.title, group: view.group!, count: view.entries.length, active: view.name === current}))

  return views.map((view) => ({
    name: view.name,
    text: renderOpds(view.entries, {
      id: view.name === CATALOG_FILE ? site.id : `${site.id}:${view.name.replace(/\.xml$/, '')}`,
      title: view.name === CATALOG_FILE ? site.title : `${site.title}: ${view.title}`,
      lang: site.lang,
      self: view.name,
      publisher: site.publisher,
      facets: facetsFor(view.name)
    })
  }))
}

/** The language's name in itself (`русский`), as a reader of it looks for it. */
function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], {type: 'language'}).of(tag)
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag
  } catch {
    return tag
  }
}
