/**
 * One source to one Article: read by its reader, its images resolved,
 * normalized. What the prepare phase runs for each source, in place or in
 * a worker thread; it touches no cache and writes nothing.
 */
import type {Article} from '../article.ts'
import {DEFAULT_LIMITS, type Limits} from '../limits.ts'
import type {Source} from '../load/load.ts'
import {normalize} from '../normalize/normalize.ts'
import {resolveResources} from '../normalize/resources.ts'
import {assertBlocks} from '../readers/blocks.ts'
import {loadReader} from '../readers/readers.ts'

export interface PrepareOptions {
  /** `--allow-remote`: fetch the http(s) images a source names. */
  readonly allowRemote?: boolean
  /** `--limit`: the defaults when unset. */
  readonly limits?: Limits
}

/** Throws when the source cannot be read as an article; its problems are messages on `source.file`. */
export async function prepareArticle(source: Source, options: PrepareOptions): Promise<Article> {
  const limits = options.limits ?? DEFAULT_LIMITS
  assertBlocks(String(source.file.value), source.format, limits)
  const read = await loadReader(source.format)
  const {tree, meta, baseUrl} = read(source.file, source.meta, limits)
  const {images, dependencies} = await resolveResources(tree, source.file, {root: source.root, allowRemote: options.allowRemote, baseUrl, limits: options.limits})
  return {...normalize({tree, file: source.file, slug: source.slug, meta, images}), dependencies}
}
