/**
 * Output records, and the one way an output reaches the output folder:
 * kept or restored by the cache under its key, or made, written atomically
 * and stored under that key.
 */
import {stat} from 'node:fs/promises'
import path from 'node:path'
import type {Format} from '../article.ts'
import type {BookPart} from '../output-names.ts'
import type {BuildCache, OutputState} from './cache.ts'
import {writeAtomic} from './write-atomic.ts'

export interface Output {
  /** `index` is a page of the site, `catalog` its OPDS feed, `image` a book's cover. */
  readonly format: Format | 'index' | 'catalog' | 'image'
  readonly path: string
  readonly bytes: number
  /** `built` now, `restored` from the cache, or `unchanged` (not written at all). */
  readonly state: OutputState
}

/** One file an output may be, with its cache key. */
export interface Target<Part extends string> {
  readonly part: Part
  readonly name: string
  readonly key: string
}

export interface Settled<Part extends string> {
  /** What the cache vouched for: in place, or copied back. */
  readonly kept: Output[]
  /** What is still to make, with its key. */
  readonly todo: Map<Part, Target<Part>>
}

/**
 * Ask the cache for each target in turn; those it has are kept, the others
 * are to make. A target listed in `madeWith` is made with another when that
 * one is to make (a booklet with its PDF), so it is not asked for.
 */
export async function settle<Part extends string>(
  cache: BuildCache,
  outDir: string,
  targets: readonly Target<Part>[],
  formatOf: (part: Part) => Output['format'],
  madeWith: Partial<Record<Part, Part>> = {}
): Promise<Settled<Part>> {
  const kept: Output[] = []
  const todo = new Map<Part, Target<Part>>()
  for (const target of targets) {
    const base = madeWith[target.part]
    if (base !== undefined && todo.has(base)) {
      todo.set(target.part, target)
      continue
    }
    const file = path.join(outDir, target.name)
    const state = await cache.check(target.key, file)
    if (state === 'miss') todo.set(target.part, target)
    else kept.push(await record(formatOf(target.part), file, state))
  }
  return {kept, todo}
}

/** Write a made output atomically and keep it in the cache under its key. */
export async function writeOutput(format: Output['format'], file: string, data: string | Uint8Array, key: string, cache: BuildCache): Promise<Output> {
  await writeAtomic(file, data)
  await cache.store(key, file, data)
  return {format, path: file, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, state: 'built'}
}

async function record(format: Output['format'], file: string, state: OutputState): Promise<Output> {
  return {format, path: file, bytes: (await stat(file)).size, state}
}

/** How the build's report names a book part's format. */
export function bookPartFormat(part: BookPart): Output['format'] {
  return part === 'cover' ? 'image' : part === 'booklet' ? 'pdf' : part
}
