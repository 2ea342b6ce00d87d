/**
 * A collected book: a configured `BookSpec` resolved against the articles it
 * selects. Pure data; everything after this receives it read-only.
 */
import {slugify} from '../load/load.ts'
import type {Article, ArticleMeta, Direction} from '../article.ts'
import {labelsFor, type Labels} from '../labels.ts'
import {languageRules} from '../languages.ts'
import type {BookSpec} from './config.ts'

/** What a book needs of each article it collects: the formats give it whole articles, the site listings. */
export interface Collected {
  readonly slug: string
  readonly meta: ArticleMeta
}

export interface Book<A extends Collected = Article> {
  /** Names the outputs: `<slug>.epub`, `<slug>.pdf`, `<slug>-booklet.pdf`, the book page. */
  readonly slug: string
  readonly title: string
  readonly subtitle?: string
  readonly editors: readonly string[]
  readonly publisher?: string
  /** The book's own language (its title page, contents, colophon); each article keeps its own. */
  readonly lang: string
  readonly dir: Direction
  /** The words the book prints of its own, in its language, with the config's own over them. */
  readonly labels: Labels
  readonly identifier?: string
  /** `YYYY-MM-DD`: the configured date, else the newest article's. Never the clock. */
  readonly date?: string
  /** A user-supplied cover image; otherwise one is generated. */
  readonly cover?: string
  readonly rights?: string
  readonly articles: readonly A[]
}

export function resolveBook<A extends Collected>(spec: BookSpec, articles: readonly A[]): Book<A> {
  const first = mostCommonLanguage(articles)
  const lang = spec.lang ?? first?.meta.lang ?? 'en'
  // Undefined counts: a book of one publisher's articles and of others that name none is not that publisher's.
  const publishers = new Set(articles.map((article) => article.meta.publisher))
  return {
    slug: slugOfTitle(spec.title),
    title: spec.title,
    subtitle: spec.subtitle,
    editors: spec.editors,
    // The config names the publisher; else a book is a publisher's only when every article says it is.
    publisher: spec.publisher ?? (publishers.size === 1 ? [...publishers][0] : undefined),
    lang,
    dir: spec.lang === undefined && first ? first.meta.dir : languageRules(lang).dir,
    labels: labelsFor(lang, spec.labels),
    identifier: spec.identifier,
    date: spec.date ?? newestDate(articles),
    cover: spec.cover,
    rights: spec.rights,
    articles
  }
}

/** Each publisher the articles name, once, in book order. */
export function articlePublishers(book: Book<Collected>): string[] {
  return [...new Set(book.articles.flatMap((article) => (article.meta.publisher ? [article.meta.publisher] : [])))]
}

/** The same shape of slug as an article's: lower case, letters and digits joined by `-`. */
export function slugOfTitle(title: string): string {
  return slugify(title, 'book')
}

/** The article whose language most articles share (the first of them): the book speaks it when the config does not say. */
function mostCommonLanguage<A extends Collected>(articles: readonly A[]): A | undefined {
  const counts = new Map<string, number>()
  for (const article of articles) counts.set(article.meta.lang, (counts.get(article.meta.lang) ?? 0) + 1)
  const top = Math.max(0, ...counts.values())
  return articles.find((article) => counts.get(article.meta.lang) === top)
}

function newestDate(articles: readonly Collected[]): string | undefined {
  const dates = articles.flatMap((article) => (article.meta.date ? [article.meta.date.slice(0, 10)] : [])).sort()
  return dates.at(-1)
}
