/**
 * prepare: the articles the plan names -> one Article each, in plan order,
 * as a stream the emit phase reads. The one place an Article is made: read
 * back from the cache when it has the parse, else prepared (read, parsed,
 * normalized) in place or in a worker thread, and the parse kept in the
 * cache for the next build.
 *
 * Memory stays flat: the stream takes a slot from `admit` before it starts
 * on an article, and the emit phase gives the slot back once the article's
 * files are written. An article a book collects is held for the book
 * anyway, and takes no slot.
 */
import type {Article} from '../article.ts'
import {errorReason, hasFatal, report} from '../messages.ts'
import {listArticle, type Listing} from '../site/listing.ts'
import {articleDependencies, dependencyParts, type BuildCache} from './cache.ts'
import type {ArticlePlan} from './plan.ts'
import type {PrepareOptions} from './prepare-article.ts'
import type {Workers} from './workers.ts'

export interface Prepared {
  readonly plan: ArticlePlan
  readonly article: Article
  /** The paths and hashes of the files the article reads, for its files' keys. */
  readonly parts: readonly string[]
  /** The source key with those bytes: what a book holds of the article. */
  readonly contentKey: string
  readonly listing: Listing
  /** Give back the article's slot, once its files are written. */
  readonly release: () => void
}

export interface PrepareContext {
  readonly cache: BuildCache
  readonly workers: Workers
  readonly options: PrepareOptions
  /** Wait for room for one more article in flight; resolves with the function that gives the room back. */
  readonly admit: (plan: ArticlePlan) => Promise<() => void>
  /** Adds the time spent making each Article. */
  readonly time: <T>(work: () => Promise<T>) => Promise<T>
}

/**
 * The prepared articles in plan order. Up to `ahead` are made at once, so
 * that worker threads each have one; an article that cannot be made is an
 * error on its file, and is left out.
 */
export async function* prepareArticles(plans: readonly ArticlePlan[], context: PrepareContext, ahead: number): AsyncGenerator<Prepared> {
  const wanted = plans.filter((plan) => plan.prepare)
  let next = 0
  const start = async (): Promise<Prepared | undefined> => {
    const plan = wanted[next++]!
    const release = await context.admit(plan)
    const prepared = await context.time(() => prepareOne(plan, release, context))
    if (!prepared) release()
    return prepared
  }
  const started: Array<Promise<Prepared | undefined>> = []
  while (next < wanted.length && started.length < ahead) started.push(start())
  while (started.length > 0) {
    const prepared = await started.shift()!
    if (next < wanted.length) started.push(start())
    if (prepared) yield prepared
  }
}

async function prepareOne(plan: ArticlePlan, release: () => void, context: PrepareContext): Promise<Prepared | undefined> {
  const {cache} = context
  const {file} = plan.source
  if (plan.cached) {
    const article = await cache.loadArticle(plan.key)
    // The cache lost it (pruned by hand): prepare it again below.
    if (article) return {plan, article, parts: plan.cached.parts, contentKey: plan.cached.contentKey, listing: plan.cached.entry.listing, release}
  }
  const before = file.messages.length
  let article: Article
  try {
    article = await context.workers.prepare(plan.source, context.options)
  } catch (error) {
    report(file, 'parse-failed', errorReason(error))
    return undefined
  }
  if (hasFatal(file)) return undefined
  const parts = await dependencyParts(articleDependencies(article))
  const listing = listArticle(article)
  await cache.saveArticle(plan.key, {article, messages: file.messages.slice(before), parts, listing})
  return {plan, article, parts, contentKey: cache.key(plan.key, ...parts), listing, release}
}
