/**
 * A feed, read with feedsmith (RSS 2.0, RSS 1.0/RDF, Atom and JSON Feed),
 * as the one list of items `imprint fetch --feed` works from: each item's
 * page, title, date and authors, and its full text when the feed carries
 * it (`content:encoded`, Atom `content`, JSON Feed `content_html`).
 *
 * feedsmith reads XML with entities off (no DOCTYPE expansion, no
 * external entities), so a hostile feed cannot make the parser fetch
 * anything or blow up in memory.
 */
import {parseFeed, type AnyFeed} from 'feedsmith'
import {fromHtml} from 'hast-util-from-html'
import {toHtml} from 'hast-util-to-html'
import {toText} from 'hast-util-to-text'
import {h} from 'hastscript'
import {FetchFailure} from './fetch-failure.ts'

export interface FeedItem {
  /** The item's web page, absolute. */
  readonly url?: string
  readonly title?: string
  /** ISO 8601, when the feed gives a date that can be read. */
  readonly date?: string
  readonly authors: readonly string[]
  /** The item's full text as HTML, when the feed carries more than a summary. */
  readonly content?: string
}

export interface Feed {
  readonly title?: string
  readonly lang?: string
  /** In the feed's order. */
  readonly items: readonly FeedItem[]
}

/** Read a feed's bytes; `feedUrl` resolves the items' relative links. Throws a FetchFailure when it is no feed. */
export function readFeed(bytes: Uint8Array, feedUrl: string): Feed {
  const text = new TextDecoder().decode(bytes)
  let parsed: AnyFeed<string>
  try {
    parsed = parseFeed(text)
  } catch (error) {
    throw new FetchFailure('feed', `not a feed imprint can read (RSS, Atom or JSON Feed): ${error instanceof Error ? error.message : String(error)}`)
  }
  const link = (value: string | undefined) => absolute(value, feedUrl)
  switch (parsed.format) {
    case 'rss': {
      const {feed} = parsed
      return {
        title: plain(feed.title),
        lang: feed.language,
        items: (feed.items ?? []).map((item) => ({
          url: link(item.link) ?? (item.guid?.isPermaLink !== false ? link(item.guid?.value) : undefined),
          title: plain(item.title),
          date: isoDate(item.pubDate ?? item.dc?.dates?.[0]),
          authors: [...(item.dc?.creators ?? []), ...(item.authors ?? []).flatMap((person) => (person.name ? [person.name] : []))],
          content: item.content?.encoded
        }))
      }
    }
    case 'rdf': {
      const {feed} = parsed
      return {
        title: plain(feed.title),
        items: (feed.items ?? []).map((item) => ({
          url: link(item.link),
          title: plain(item.title),
          date: isoDate(item.dc?.dates?.[0]),
          authors: item.dc?.creators ?? [],
          content: item.content?.encoded
        }))
      }
    }
    case 'atom': {
      const {feed} = parsed
      return {
        title: plain(feed.title?.value, feed.title?.type),
        items: (feed.entries ?? []).map((entry) => {
          const alternate = entry.links?.find((candidate) => (candidate.rel ?? 'alternate') === 'alternate') ?? entry.links?.[0]
          return {
            url: link(alternate?.href),
            title: plain(entry.title?.value, entry.title?.type),
            date: isoDate(entry.published ?? entry.updated),
            authors: (entry.authors ?? []).flatMap((person) => (person.name ? [person.name] : [])),
            content: atomContent(entry.content)
          }
        })
      }
    }
    case 'json': {
      const {feed} = parsed
      return {
        title: feed.title,
        lang: feed.language,
        items: (feed.items ?? []).map((item) => ({
          url: link(item.url ?? item.external_url),
          title: item.title,
          date: isoDate(item.date_published ?? item.date_modified),
          authors: (item.authors ?? feed.authors ?? []).flatMap((author) => (author.name ? [author.name] : [])),
          content: item.content_html ?? (item.content_text ? paragraphs(item.content_text) : undefined)
        }))
      }
    }
  }
}

export interface ItemSelection {
  /** Only items dated at or after this time (milliseconds since the epoch). */
  readonly since?: number
  /** At most this many, the newest first when the items are dated. */
  readonly limit?: number
}

/**
 * The items to fetch: those with something to fetch, dated since `since`
 * (an undated item cannot be shown to be older, so it stays), the newest
 * `limit` of them, in the feed's order.
 */
export function selectItems(items: readonly FeedItem[], selection: ItemSelection): FeedItem[] {
  const since = selection.since
  const kept = items.filter((item) => (item.url || item.content) && (since === undefined || item.date === undefined || Date.parse(item.date) >= since))
  if (selection.limit === undefined || kept.length <= selection.limit) return kept
  const newest = [...kept].sort((a, b) => timeOf(b) - timeOf(a)).slice(0, selection.limit)
  return kept.filter((item) => newest.includes(item))
}

function timeOf(item: FeedItem): number {
  return item.date ? Date.parse(item.date) : Number.NEGATIVE_INFINITY
}

/** Below this much text a feed's content is a teaser, not the article. */
const MIN_FULL_TEXT = 500

/** A teaser's last words: "Read more", "Continue reading", an ellipsis, `[…]`. */
const TRUNCATED = /(?:\[(?:…|\.\.\.)\]|…|\.\.\.|read more|continue reading|lire la suite|weiterlesen|leer más|читать далее)\W*$/i

/** Whether an item's content is the whole article, to be used instead of its page. */
export function carriesFullText(item: FeedItem): boolean {
  if (!item.content) return false
  const text = toText(fromHtml(item.content, {fragment: true})).replace(/\s+/g, ' ').trim()
  return text.length >= MIN_FULL_TEXT && !TRUNCATED.test(text)
}

function atomContent(content: {value?: string; type?: string; src?: string} | undefined): string | undefined {
  if (!content?.value || content.src) return undefined
  const type = content.type ?? 'text'
  if (type === 'html' || type === 'xhtml') return content.value
  return type === 'text' ? paragraphs(content.value) : undefined
}

/** Plain text as HTML paragraphs, one per blank-line-separated block. */
function paragraphs(text: string): string {
  const blocks = text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
  return toHtml(blocks.map((block) => h('p', block)))
}

/** A title as text: Atom's `type="html"` titles carry markup, escaped once more. */
function plain(value: string | undefined, type?: string): string | undefined {
  if (!value) return undefined
  const text = type === 'html' || type === 'xhtml' ? toText(fromHtml(value, {fragment: true})) : value
  return text.replace(/\s+/g, ' ').trim() || undefined
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined
  const time = Date.parse(value.trim())
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

function absolute(value: string | undefined, base: string): string | undefined {
  if (!value?.trim()) return undefined
  try {
    const url = new URL(value.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

/**
 * The page of an item whose full text the feed carries, as a snapshot's
 * `source.html`: the item's content under its title, with its date,
 * authors and link in the head where the HTML reader looks for them.
 * Built as a tree, so no value from the feed can break out of its place.
 */
export function itemDocument(item: FeedItem, feed: Feed): string {
  const content = fromHtml(item.content ?? '', {fragment: true})
  const head = [
    h('meta', {charset: 'utf-8'}),
    item.title ? h('title', item.title) : undefined,
    item.url ? h('link', {rel: 'canonical', href: item.url}) : undefined,
    item.authors.length > 0 ? h('meta', {name: 'author', content: item.authors.join(', ')}) : undefined,
    item.date ? h('meta', {property: 'article:published_time', content: item.date}) : undefined,
    feed.title ? h('meta', {property: 'og:site_name', content: feed.title}) : undefined
  ].filter((node) => node !== undefined)
  const article = h('article', [...(item.title ? [h('h1', item.title)] : []), ...content.children])
  return `<!DOCTYPE html>\n${toHtml(h('html', feed.lang ? {lang: feed.lang} : {}, [h('head', head), h('body', [article])]))}\n`
}
