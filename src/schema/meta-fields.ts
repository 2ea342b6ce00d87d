/**
 * The one table of metadata field names: imprint's own, and the names the
 * static-site world writes for the same facts (Hugo, Jekyll, Eleventy,
 * Astro, pandoc), each mapped to one of imprint's fields and read into the
 * shape that field takes. docs/content.md shows the same table.
 *
 * Where several names give one field, the first in the table wins
 * (`subtitle` over `description` over `summary`); keywords gather from all
 * of theirs. Fields that only steer a site generator are ignored quietly;
 * any other field is the caller's to report, with the closest known name.
 */
import {readDate} from './meta-dates.ts'

/** imprint's fields, as the schema (meta.ts) checks them. */
export type FieldName =
  | 'title' | 'subtitle' | 'byline' | 'date' | 'lang' | 'dir' | 'publisher' | 'source' | 'credits'
  | 'notice' | 'rights' | 'image' | 'keywords' | 'identifier' | 'slug' | 'draft' | 'canonical' | 'fetched'

/** What a name gives: the field and the value read into its shape (or left as written, for the schema to refuse). */
interface Alias {
  readonly field: FieldName
  readonly read?: (value: unknown) => unknown
}

const same = (value: unknown): unknown => value

/** Names by field, in the order they win. */
export const ALIASES: Readonly<Record<string, Alias>> = {
  title: {field: 'title'},
  subtitle: {field: 'subtitle'},
  description: {field: 'subtitle'},
  summary: {field: 'subtitle'},
  excerpt: {field: 'subtitle'},
  abstract: {field: 'subtitle'},
  byline: {field: 'byline', read: readPeople},
  author: {field: 'byline', read: readPeople},
  authors: {field: 'byline', read: readPeople},
  date: {field: 'date', read: readDate},
  pubDate: {field: 'date', read: readDate},
  published: {field: 'date', read: readDate},
  publishDate: {field: 'date', read: readDate},
  // The last change names the article only when nothing says when it came out.
  lastmod: {field: 'date', read: readDate},
  updated: {field: 'date', read: readDate},
  lang: {field: 'lang', read: readLanguage},
  language: {field: 'lang', read: readLanguage},
  locale: {field: 'lang', read: readLanguage},
  dir: {field: 'dir'},
  publisher: {field: 'publisher'},
  source: {field: 'source'},
  credits: {field: 'credits'},
  notice: {field: 'notice'},
  rights: {field: 'rights'},
  copyright: {field: 'rights'},
  image: {field: 'image', read: readImage},
  cover: {field: 'image', read: readImage},
  featured_image: {field: 'image', read: readImage},
  featuredImage: {field: 'image', read: readImage},
  heroImage: {field: 'image', read: readImage},
  'cover-image': {field: 'image', read: readImage},
  keywords: {field: 'keywords', read: same},
  tags: {field: 'keywords', read: readTaxonomy},
  categories: {field: 'keywords', read: readTaxonomy},
  category: {field: 'keywords', read: same},
  subject: {field: 'keywords', read: same},
  identifier: {field: 'identifier'},
  // What `imprint fetch` writes in a snapshot's sidecar.
  canonical: {field: 'canonical'},
  fetched: {field: 'fetched', read: same},
  slug: {field: 'slug'},
  draft: {field: 'draft'}
}

/** Fields whose values from every name gather into one list. */
const GATHERED: ReadonlySet<FieldName> = new Set(['keywords'])

/**
 * Fields that steer a site generator's templates, URLs, menus and feeds,
 * and say nothing about the article as a book shows it.
 */
export const GENERATOR_FIELDS: ReadonlySet<string> = new Set([
  // Hugo
  'aliases', 'build', 'cascade', 'expiryDate', 'headless', 'isCJKLanguage', 'layout', 'linkTitle',
  'markup', 'menu', 'menus', 'outputs', 'resources', 'series', 'sitemap', 'translationKey', 'type', 'url', 'weight',
  'showToc', 'TocOpen', 'hidemeta', 'hideSummary', 'ShowReadingTime', 'ShowBreadCrumbs', 'ShowPostNavLinks', 'ShowWordCount',
  'disableShare', 'searchHidden', 'math', 'katex', 'mermaid', 'editPost', 'canonicalURL', 'images', 'audio', 'videos',
  // Jekyll
  'permalink', 'excerpt_separator', 'render_with_liquid', 'redirect_from', 'redirect_to', 'sidebar', 'nav_order',
  'parent', 'has_children', 'classes', 'header', 'author_profile', 'share', 'related', 'read_time', 'pin', 'last_modified_at',
  // Eleventy
  'eleventyNavigation', 'eleventyExcludeFromCollections', 'eleventyComputed', 'eleventyImport', 'pagination',
  'templateEngineOverride', 'dynamicPermalink', 'eleventyDataSchema',
  // Astro, Starlight and other themes
  'updatedDate', 'minutesRead', 'hero', 'head', 'template', 'prev', 'next', 'banner', 'editUrl', 'lastUpdated',
  'featured', 'hidden', 'order', 'search', 'comments', 'toc', 'tableOfContents',
  // pandoc and LaTeX
  'bibliography', 'csl', 'documentclass', 'classoption', 'geometry', 'fontsize', 'mainfont', 'sansfont', 'monofont',
  'header-includes', 'include-before', 'include-after', 'numbersections', 'papersize', 'linkcolor', 'urlcolor',
  'toc-depth', 'toc-title', 'link-citations', 'nocite', 'institute', 'thanks', 'css', 'margin-left', 'margin-right',
  'margin-top', 'margin-bottom', 'epub-cover-image', 'ibooks',
  // Shared by many
  'id', 'uuid', 'guid', 'sidebar_position', 'draft_reason', 'robots', 'noindex', 'og_image', 'twitter', 'seo'
])

/** Fields of an image mapping (PaperMod's `cover`, Astro's `image`, jekyll-seo-tag's `image`) that only size or place it on a site. */
const IMAGE_SITE_FIELDS = new Set(['width', 'height', 'relative', 'hidden', 'hiddenInList', 'hiddenInSingle', 'responsiveImages', 'linkFullImages', 'type'])

/** A field the table does not know, where it stands. */
export interface UnknownField {
  readonly path: readonly string[]
  /** The known name it most likely misspells, if any is close: asked only of the fields reported. */
  readonly suggest: () => string | undefined
}

export interface MappedFields {
  /** imprint's fields, read into their shapes, for the schema to check. */
  readonly fields: Record<string, unknown>
  /** Where each field came from, by imprint's name: the path to check and report at. */
  readonly origins: Readonly<Record<string, readonly string[]>>
  readonly unknown: readonly UnknownField[]
}

/**
 * Map a metadata mapping onto imprint's fields. Hugo's `params` mapping
 * holds the same fields a page's top level does (a theme's own params are
 * its business, so they are not reported).
 */
export function mapFields(data: Readonly<Record<string, unknown>>): MappedFields {
  const fields: Record<string, unknown> = {}
  const origins: Record<string, readonly string[]> = {}
  const unknown: UnknownField[] = []
  const take = (mapping: Readonly<Record<string, unknown>>, prefix: readonly string[], quiet: boolean) => {
    for (const [name, alias] of Object.entries(ALIASES)) {
      // An archetype's empty `description: ""` or `tags: []` says nothing.
      if (isBlank(mapping[name])) continue
      const value = (alias.read ?? same)(mapping[name])
      // `published: false` is Jekyll's way of keeping a post a draft.
      if (name === 'published' && typeof value === 'boolean') {
        if (!('draft' in fields)) {
          fields.draft = !value
          origins.draft = [...prefix, name]
        }
        continue
      }
      if (value === undefined) continue
      if (GATHERED.has(alias.field) && alias.field in fields) {
        fields[alias.field] = [...new Set([fields[alias.field], value].flat())]
        continue
      }
      if (alias.field in fields) continue
      fields[alias.field] = value
      origins[alias.field] = [...prefix, name]
    }
    if (quiet) return
    for (const [name, value] of Object.entries(mapping)) {
      if (name in ALIASES) {
        if (ALIASES[name]!.read === readImage) unknown.push(...unknownImageFields(value, [...prefix, name]))
        continue
      }
      if (GENERATOR_FIELDS.has(name) || (name === 'params' && prefix.length === 0)) continue
      unknown.push({path: [...prefix, name], suggest: () => closestName(name)})
    }
  }
  take(data, [], false)
  const params = data.params
  if (isMapping(params)) take(params, ['params'], true)
  return {fields, origins, unknown}
}

/** Fields of an image mapping that the table does not know. */
function unknownImageFields(value: unknown, path: readonly string[]): UnknownField[] {
  if (!isMapping(value)) return []
  return Object.keys(value)
    .filter((key) => !IMAGE_FIELDS.has(key) && !IMAGE_SITE_FIELDS.has(key))
    .map((key) => ({path: [...path, key], suggest: () => closest(key, [...IMAGE_FIELDS])}))
}

// The image's file, under the names tools give it; then what imprint shows with it.
const IMAGE_SOURCES = ['src', 'url', 'path', 'image', 'file', 'filename']
const IMAGE_FIELDS = new Set([...IMAGE_SOURCES, 'alt', 'caption', 'title', 'credit'])

/**
 * The lead image: a path or URL, or a mapping that names one (`src`,
 * `url`, `path`, `image`) with its `alt`, `caption` and `credit`.
 */
function readImage(value: unknown): unknown {
  if (typeof value === 'string') return {src: value}
  if (!isMapping(value)) return value
  const src = IMAGE_SOURCES.map((key) => value[key]).find((item) => typeof item === 'string')
  const caption = value.caption ?? value.title
  const image: Record<string, unknown> = {}
  if (src !== undefined) image.src = src
  for (const [key, item] of [['alt', value.alt], ['caption', caption], ['credit', value.credit]] as const) {
    if (item !== undefined && item !== null) image[key] = item
  }
  return image
}

/**
 * People as names: a text, a mapping with a `name` (Hugo, Eleventy and
 * pandoc write `{name: …, email: …}`), or a list of either.
 */
function readPeople(value: unknown): unknown {
  if (Array.isArray(value)) {
    const names = value.map((item) => readPeople(item))
    return names.length === 1 ? names[0] : names
  }
  if (isMapping(value)) return typeof value.name === 'string' ? value.name : value
  return value
}

/** Jekyll reads a text of tags or categories as words split at spaces; the other tools write lists. */
function readTaxonomy(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const words = value.split(/\s+/).filter((word) => word !== '')
  return words.length === 1 ? words[0] : words
}

/** A locale as generators write it (`en_US`) is the BCP 47 tag `en-US`. */
function readLanguage(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().replace(/_/g, '-') : value
}

const KNOWN_NAMES = [...Object.keys(ALIASES), ...GENERATOR_FIELDS]

/** The known name closest to `name`, when it is a likely misspelling of it. */
export function closestName(name: string): string | undefined {
  return closest(name, Object.keys(ALIASES)) ?? closest(name, KNOWN_NAMES)
}

/** A near miss: at most a third of the name's letters off (and at most 3). */
function closest(name: string, candidates: readonly string[]): string | undefined {
  const folded = name.toLowerCase()
  let best: {name: string; distance: number} | undefined
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a long key is no near miss, and is not compared letter by letter.
    if (Math.abs(candidate.length - folded.length) > 3) continue
    const distance = editDistance(folded, candidate.toLowerCase())
    if (distance < (best?.distance ?? Number.POSITIVE_INFINITY)) best = {name: candidate, distance}
  }
  const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)))
  return best && best.distance <= allowed ? best.name : undefined
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({length: a.length + 1}, (_, i) => [i, ...new Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = value
    }
  }
  return rows[a.length]![b.length]!
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  return Array.isArray(value) && value.length === 0
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}
