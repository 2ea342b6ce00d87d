/**
 * Metadata a saved web page carries about its article, in the order the
 * page's own publisher is most careful with:
 *
 *   1. JSON-LD `NewsArticle` (or another CreativeWork): headline, every
 *      author, datePublished, publisher, copyrightHolder;
 *   2. Open Graph, Dublin Core and plain `<meta>` tags;
 *   3. `<html lang dir>`.
 *
 * Every value is checked against the one metadata schema, field by field, so
 * a page with a bad date still gives its title; the sidecar (applied by the
 * caller) wins over all of it.
 */
import * as v from 'valibot'
import {MetaSchema, type MetaInput} from '../schema/meta.ts'

/** What the page says, before the sidecar is laid over it. */
export interface PageMeta {
  readonly meta: MetaInput
  /** Fields that were present but invalid, for a note to the editor. */
  readonly rejected: readonly string[]
}

export function readPageMeta(document: Document): PageMeta {
  const ld = readJsonLd(document)
  const tags = readMetaTags(document)
  const root = document.documentElement
  const body = document.body

  const candidate: Record<string, unknown> = {
    title: ld?.headline ?? tags.get('og:title') ?? tags.get('dc.title') ?? tags.get('twitter:title'),
    subtitle: ld?.alternativeHeadline,
    byline: authorsOf(ld, tags),
    date: isoDate(
      ld?.datePublished ??
        tags.get('article:published_time') ??
        tags.get('dc.date') ??
        tags.get('dcterms.created') ??
        tags.get('date') ??
        tags.get('pubdate')
    ),
    lang: languageTag(
      ld?.inLanguage ?? tags.get('og:locale') ?? tags.get('content-language') ?? tags.get('dc.language') ?? root?.getAttribute('lang') ?? root?.getAttribute('xml:lang')
    ),
    dir: direction(root?.getAttribute('dir') ?? body?.getAttribute('dir')),
    publisher: ld?.publisher ?? tags.get('og:site_name') ?? tags.get('application-name'),
    source: ld?.url ?? canonicalUrl(document) ?? tags.get('og:url'),
    rights: ld?.rights ?? tags.get('copyright') ?? tags.get('dc.rights') ?? tags.get('dcterms.rights')
  }

  const meta: Record<string, unknown> = {}
  const rejected: string[] = []
  for (const [key, value] of Object.entries(candidate)) {
    if (value === undefined) continue
    const schema = MetaSchema.entries[key as keyof typeof MetaSchema.entries]
    const result = v.safeParse(schema, value)
    if (result.success) meta[key] = result.output
    else rejected.push(key)
  }
  return {meta: meta as MetaInput, rejected}
}

/** The facts imprint takes from a JSON-LD item, as plain strings. */
interface LdArticle {
  readonly headline?: string
  readonly alternativeHeadline?: string
  readonly authors: readonly string[]
  readonly datePublished?: string
  readonly inLanguage?: string
  readonly publisher?: string
  readonly url?: string
  readonly rights?: string
}

// Types that describe the article itself, not the site or a breadcrumb.
const ARTICLE_TYPES =
  /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|SocialMediaPosting|LiveBlogPosting|TechArticle|ScholarlyArticle|Report|WebPage|CreativeWork)$/

/**
 * The most specific article item among the page's JSON-LD scripts. Pages
 * nest items in `@graph` and arrays, and a broken script is skipped, not
 * fatal: it is the site's mistake, and the other sources still speak.
 */
function readJsonLd(document: Document): LdArticle | undefined {
  let best: {item: Record<string, unknown>; rank: number} | undefined
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    let data: unknown
    try {
      data = JSON.parse(
        (script.textContent ?? '')
          .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)/, '')
          .replace(/(?:-->|\/\/\s*\]\]>)\s*$/, '')
      )
    } catch {
      continue
    }
    for (const item of flattenItems(data)) {
      const types = [item['@type']].flat().filter((type): type is string => typeof type === 'string')
      const rank = Math.min(...types.map((type) => rankOf(type)))
      if (rank < (best?.rank ?? Number.POSITIVE_INFINITY)) best = {item, rank}
    }
  }
  if (!best) return undefined
  const item = best.item
  const holder = nameOf(item.copyrightHolder)
  const year = textOf(item.copyrightYear)
  return {
    headline: textOf(item.headline) ?? textOf(item.name),
    alternativeHeadline: textOf(item.alternativeHeadline),
    authors: [item.author, item.creator].flatMap((value) => namesOf(value)),
    datePublished: textOf(item.datePublished) ?? textOf(item.dateCreated),
    inLanguage: textOf(item.inLanguage) ?? nameOf(item.inLanguage),
    publisher: nameOf(item.publisher) ?? nameOf(item.sourceOrganization),
    url: textOf(item.url) ?? idOf(item.mainEntityOfPage),
    rights: textOf(item.copyrightNotice) ?? (holder ? `© ${year ? year + ' ' : ''}${holder}` : undefined)
  }
}

/** NewsArticle and its kin before Article, before WebPage and CreativeWork. */
function rankOf(type: string): number {
  if (!ARTICLE_TYPES.test(type)) return Number.POSITIVE_INFINITY
  if (/NewsArticle$/.test(type)) return 0
  if (type === 'WebPage' || type === 'CreativeWork') return 2
  return 1
}

function flattenItems(data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data)) return data.flatMap((item) => flattenItems(item))
  if (!isRecord(data)) return []
  const graph = data['@graph']
  return [data, ...(graph === undefined ? [] : flattenItems(graph))]
}

/** Every author's name: `author` may be a text, a Person, or a list of either. */
function namesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => namesOf(item))
  const name = nameOf(value)
  return name === undefined || /^https?:\/\//i.test(name) ? [] : [name]
}

function nameOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return nameOf(value[0])
  if (isRecord(value)) return textOf(value.name)
  return textOf(value)
}

function idOf(value: unknown): string | undefined {
  return isRecord(value) ? (textOf(value['@id']) ?? textOf(value.url)) : textOf(value)
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') return undefined
  const text = decodeEntities(value).replace(/\s+/g, ' ').trim()
  return text === '' ? undefined : text
}

/** JSON-LD written by templates sometimes keeps HTML entities in its strings. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, (entity, dec, hex, name) => {
    if (dec) return String.fromCodePoint(Number(dec))
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16))
    return {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'}[String(name).toLowerCase()] ?? entity
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * `<meta>` values by lower-cased `property`, `name` or `http-equiv`; the
 * first of each wins, as sites put the article's own tags first.
 */
function readMetaTags(document: Document): Map<string, string> {
  const tags = new Map<string, string>()
  for (const element of document.querySelectorAll('meta[content]')) {
    const key = (element.getAttribute('property') ?? element.getAttribute('name') ?? element.getAttribute('http-equiv'))?.trim().toLowerCase()
    const value = textOf(element.getAttribute('content'))
    if (key && value && !tags.has(key)) tags.set(key, value)
  }
  return tags
}

/** JSON-LD's authors, else `<meta name="author">` or `article:author` (when not a profile URL). */
function authorsOf(ld: LdArticle | undefined, tags: ReadonlyMap<string, string>): string[] | undefined {
  if (ld && ld.authors.length > 0) return [...new Set(ld.authors)]
  const names = [tags.get('author'), tags.get('article:author'), tags.get('dc.creator')].flatMap((value) => namesOf(value))
  return names.length > 0 ? [names[0]!] : undefined
}

function canonicalUrl(document: Document): string | undefined {
  return textOf(document.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href'))
}

/** Any date the page gives, as ISO 8601 when it can be read. */
function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return value
  const parsed = new Date(value)
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString()
}

/** `en_US` (Open Graph's form) becomes `en-US`; `en-us, fr` takes the first. */
function languageTag(value: string | null | undefined): string | undefined {
  const tag = value?.split(/[,;\s]/)[0]?.replace(/_/g, '-').trim()
  return tag === '' ? undefined : tag
}

function direction(value: string | null | undefined): string | undefined {
  const dir = value?.trim().toLowerCase()
  return dir === 'ltr' || dir === 'rtl' ? dir : undefined
}
