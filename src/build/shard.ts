/**
 * `--shard i/n`: split a large build across machines. An article belongs to
 * a shard by a hash of its slug, not by its place in the list, so adding or
 * removing one article moves no other article to another shard, and every
 * machine agrees on the split without talking to the others.
 */
import {createHash} from 'node:crypto'

/** Shard `index` of `count`, counted from 1 like a CI matrix: 1/3, 2/3, 3/3. */
export interface Shard {
  readonly index: number
  readonly count: number
}

/** Read `i/n`; throws a TypeError that says what is wrong. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  if (!match) throw new TypeError(`--shard takes i/n, such as 1/4; got \`${text}\``)
  const index = Number(match[1])
  const count = Number(match[2])
  if (count < 1 || index < 1 || index > count) throw new TypeError(`--shard ${text}: i must be between 1 and n`)
  return {index, count}
}

export function inShard(slug: string, shard: Shard): boolean {
  const digest = createHash('sha256').update(slug).digest()
  return digest.readUInt32BE(0) % shard.count === shard.index - 1
}
