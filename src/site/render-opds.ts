/**
 * One OPDS 1.2 acquisition feed as XML: the catalog (`opds.xml`) or one of
 * its facets (catalog-feeds.ts decides which entries and facets each
 * holds), so e-reader apps (KOReader, Thorium, Calibre…) can browse the
 * folder and download the files. Built as an xast tree, so it is
 * well-formed by construction. Dates come from the content, never the clock.
 *
 * What a device is offered: the EPUB and the PDF of each entry. A booklet
 * is imposed for folding paper, two pages to a sheet side: no e-reader
 * wants it, so it is left to the HTML site.
 */
import type {Root} from 'xast'
import {x} from 'xastscript'
import {toXml} from 'xast-util-to-xml'
import {CATALOG_FILE, INDEX_FILE} from '../output-names.ts'

export const OPDS_TYPE = 'application/atom+xml;profile=opds-catalog;kind=acquisition'

export interface CatalogEntry {
  /** A stable URI: the content's identifier, or one derived from its slug. */
  readonly id: string
  readonly title: string
  readonly authors: readonly string[]
  readonly lang: string
  readonly summary: string
  /** `YYYY-MM-DD` or an ISO 8601 timestamp, from the content. */
  readonly updated: string
  readonly publisher?: string
  readonly rights?: string
  /** Files relative to the catalog. */
  readonly epub?: string
  readonly pdf?: string
  readonly page?: string
  readonly cover?: {readonly href: string; readonly type: string}
}

/** A link to another feed of the catalog that shows part of it (OPDS 1.2 §4.3). */
export interface Facet {
  readonly href: string
  readonly title: string
  /** The facets of one group are alternatives: `Language`, `Book`. */
  readonly group: string
  readonly count: number
  /** The feed this facet leads to is the one being rendered. */
  readonly active: boolean
}

export interface CatalogOptions {
  readonly id: string
  readonly title: string
  readonly lang: string
  /** Who publishes the site; the feed's author. */
  readonly publisher?: string
  /** The feed's own file name. */
  readonly self: string
  readonly facets?: readonly Facet[]
}

export function renderOpds(entries: readonly CatalogEntry[], options: CatalogOptions): string {
  const updated = entries.map((entry) => atomDate(entry.updated)).sort().at(-1) ?? '1980-01-01T00:00:00Z'
  const feed = x(
    'feed',
    {
      xmlns: 'http://www.w3.org/2005/Atom',
      'xmlns:dc': 'http://purl.org/dc/terms/',
      'xmlns:opds': 'http://opds-spec.org/2010/catalog',
      'xmlns:thr': 'http://purl.org/syndication/thread/1.0',
      'xml:lang': options.lang
    },
    [
      x('id', options.id),
      x('title', options.title),
      x('updated', updated),
      // Atom (RFC 4287 §4.1.1) wants an author on the feed unless every entry has one: the publisher, else the site itself.
      x('author', [x('name', options.publisher ?? options.title)]),
      x('link', {rel: 'self', href: options.self, type: OPDS_TYPE}),
      x('link', {rel: 'start', href: CATALOG_FILE, type: OPDS_TYPE}),
      options.self === CATALOG_FILE ? undefined : x('link', {rel: 'up', href: CATALOG_FILE, type: OPDS_TYPE}),
      x('link', {rel: 'alternate', href: INDEX_FILE, type: 'text/html'}),
      options.publisher ? x('dc:publisher', options.publisher) : undefined,
      ...(options.facets ?? []).map((facet) =>
        x('link', {
          rel: 'http://opds-spec.org/facet',
          href: facet.href,
          type: OPDS_TYPE,
          title: facet.title,
          'opds:facetGroup': facet.group,
          ...(facet.active ? {'opds:activeFacet': 'true'} : {}),
          'thr:count': String(facet.count)
        })
      ),
      ...entries.map((entry) => renderEntry(entry))
    ]
  )
  const tree: Root = {
    type: 'root',
    children: [{type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'}, {type: 'text', value: '\n'}, feed, {type: 'text', value: '\n'}]
  }
  // XML 1.0 §2.4 forbids `]]>` in text; see formats/epub/xml.ts.
  return toXml(tree, {closeEmptyElements: true}).replaceAll(']]>', ']]&#62;')
}

function renderEntry(entry: CatalogEntry) {
  const acquisition = 'http://opds-spec.org/acquisition'
  return x('entry', [
    x('title', entry.title),
    x('id', entry.id),
    x('updated', atomDate(entry.updated)),
    ...entry.authors.map((name) => x('author', [x('name', name)])),
    x('dc:language', entry.lang),
    x('dc:issued', entry.updated.slice(0, 10)),
    entry.publisher ? x('dc:publisher', entry.publisher) : undefined,
    entry.rights ? x('rights', entry.rights) : undefined,
    x('summary', {type: 'text'}, entry.summary),
    // One image serves as both: the covers are small PNGs, and a reader scales its thumbnails itself.
    entry.cover ? x('link', {rel: 'http://opds-spec.org/image', href: entry.cover.href, type: entry.cover.type}) : undefined,
    entry.cover ? x('link', {rel: 'http://opds-spec.org/image/thumbnail', href: entry.cover.href, type: entry.cover.type}) : undefined,
    entry.epub ? x('link', {rel: acquisition, href: entry.epub, type: 'application/epub+zip'}) : undefined,
    entry.pdf ? x('link', {rel: acquisition, href: entry.pdf, type: 'application/pdf'}) : undefined,
    entry.page ? x('link', {rel: 'alternate', href: entry.page, type: 'text/html'}) : undefined
  ])
}

/** Atom wants a full RFC 3339 timestamp; a bare date is midnight UTC. */
function atomDate(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return `${date}T00:00:00Z`
  const parsed = new Date(date.replace(' ', 'T'))
  return Number.isNaN(parsed.getTime()) ? '1980-01-01T00:00:00Z' : parsed.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
