/**
 * What the download site shows of an article: its facts, one line about it,
 * its credits and notice. Small enough to keep for every article of a
 * build, and kept in the cache with the parse, so a site is rendered
 * without loading one article.
 */
import type {Article, ArticleMeta} from '../article.ts'
import {describeArticle} from '../render/render-article.ts'

export interface Listing {
  readonly slug: string
  readonly meta: ArticleMeta
  /** One line: the subtitle, or the start of the first paragraph. */
  readonly description: string
  readonly credits?: string
  readonly notice: readonly string[]
}

export function listArticle(article: Article): Listing {
  return {
    slug: article.slug,
    meta: article.meta,
    description: describeArticle(article),
    ...(article.credits === undefined ? {} : {credits: article.credits}),
    notice: article.notice
  }
}
