/**
 * prepare: the articles the plan names -> one Article each, in plan order,
 * as a stream the emit phase reads. The one place an Article is made: read
 * back from the cache when it has the parse, else prepared (read, parsed,
 * normalized) in place or in a worker thread, and the parse kept in the
 * cache for the next build.
 *
 * Memory stays flat: the stream takes one of IN_FLIGHT slots before it
 * starts on an article, and the emit phase gives it back (`release`) once
 * the article's files are written. An article a book collects is held for
 * the book anyway, and takes no slot.
 */
import type {Article} from '../article.ts'
import {limitReason} from '../readers/depth.ts'
import {errorReason, hasFatal, report} from '../messages.ts'
import {listArticle, type Listing} from '../site/listing.ts'
import {articleDependencies, dependencyParts, type BuildCache} from './cache.ts'
import {Slots} from '../concurrency.ts'
import {hasWork, type ArticlePlan, type BuildPlan} from './plan.ts'
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

/**
 * Articles prepared and not yet written, books aside: enough to keep the
 * emit phase's queues fed, few enough that a thousand articles take no
 * more memory than a dozen.
 */
const IN_FLIGHT = 16

export interface PrepareContext {
  readonly cache: BuildCache
  readonly workers: Workers
  /** Adds the time spent making each Article. */
  readonly time: <T>(work: () => Promise<T>) => Promise<T>
}

/**
 * The prepared articles in plan order. Two at a time, or one per worker
 * thread; an article that cannot be made is an error on its file, and is
 * left out.
 */
export async function* prepareArticles(plan: BuildPlan, context: PrepareContext): AsyncGenerator<Prepared> {
  const wanted = plan.articles.filter((article) => article.prepare)
  const collected = new Set(plan.books.filter(hasWork).flatMap((book) => book.planned.selected.map((candidate) => candidate.path)))
  const window = new Slots(IN_FLIGHT)
  const admit = async (article: ArticlePlan): Promise<() => void> => {
    if (collected.has(article.source.file.path)) return () => {}
    await window.take()
    return () => window.give()
  }
  const options = {allowRemote: plan.settings.allowRemote, limits: plan.settings.limits}
  const ahead = Math.max(2, context.workers.count)
  let next = 0
  const start = async (): Promise<Prepared | undefined> => {
    const article = wanted[next++]!
    const release = await admit(article)
    const prepared = await context.time(() => prepareOne(article, release, options, context))
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

async function prepareOne(plan: ArticlePlan, release: () => void, options: PrepareOptions, context: PrepareContext): Promise<Prepared | undefined> {
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
    article = await context.workers.prepare(plan.source, options)
  } catch (error) {
    // A parser or a walk that recursed past the stack: no JavaScript internals reach the editor.
    const overLimit = limitReason(errorReason(error))
    if (overLimit !== undefined) {
      report(file, overLimit.rule, overLimit.reason)
    } else if (/Maximum call stack size exceeded/.test(errorReason(error))) {
      report(file, 'too-deep', 'the file nests elements or blocks too deeply to be read (thousands of levels); it is refused')
    } else {
      report(file, 'parse-failed', errorReason(error))
    }
    return undefined
  }
  if (hasFatal(file)) return undefined
  const parts = await dependencyParts(articleDependencies(article), options.limits?.['image-size'])
  const listing = listArticle(article)
  await cache.saveArticle(plan.key, {article, messages: file.messages.slice(before), parts, listing})
  return {plan, article, parts, contentKey: cache.key(plan.key, ...parts), listing, release}
}
