/**
 * The one way a file from the user's folder is read (sources, sidecars, the
 * book configuration, images, a cover): opened without blocking and checked
 * on the open descriptor to be a regular file, so a FIFO, a device or a
 * socket is refused instead of hanging the build or filling its memory; and
 * read in chunks that stop one byte past the limit, so a file that grows
 * after it was looked at (or a size that lies) costs no more than the limit.
 */
import {constants, type Stats} from 'node:fs'
import {open, type FileHandle} from 'node:fs/promises'
import {formatBytes, raiseHint, type LimitName} from '../limits.ts'
import type {RuleId} from '../messages.ts'

export interface Refusal {
  readonly reason: string
  readonly ruleId: RuleId
  readonly place?: {line: number; column: number}
}

/** What is read and under which limit: `{limit: 'source-size', value: 20971520, what: 'one article'}`. */
export interface Bound {
  readonly limit: LimitName
  readonly value: number
  /** The kind of file, for the message: `one article`, `a metadata file`. */
  readonly what: string
}

const CHUNK = 64 * 1024

export async function readBounded(file: string, bound: Bound): Promise<Uint8Array | Refusal> {
  let handle
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    return {reason: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, ruleId: 'unreadable'}
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return {reason: `not a regular file (${kindOf(info)}); refused`, ruleId: 'unreadable'}
    if (info.size > bound.value) return tooLarge(info.size, bound)
    return await readUpTo(handle, info.size, bound)
  } catch (error) {
    return {reason: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, ruleId: 'unreadable'}
  } finally {
    await handle.close()
  }
}

/**
 * Read to the end or to one byte past the limit. The buffer is sized from
 * the file's size, and grows once, to the limit, for a file that grew.
 */
async function readUpTo(handle: FileHandle, expected: number, bound: Bound): Promise<Uint8Array | Refusal> {
  let buffer = Buffer.allocUnsafe(Math.min(expected, bound.value) + 1)
  let filled = 0
  for (;;) {
    if (filled === buffer.length) {
      if (buffer.length > bound.value) return tooLarge(filled, bound, 'at least ')
      const larger = Buffer.allocUnsafe(bound.value + 1)
      buffer.copy(larger)
      buffer = larger
    }
    const {bytesRead} = await handle.read(buffer, filled, Math.min(CHUNK, buffer.length - filled), null)
    if (bytesRead === 0) return new Uint8Array(buffer.buffer, buffer.byteOffset, filled)
    filled += bytesRead
  }
}

function tooLarge(size: number, bound: Bound, prefix = ''): Refusal {
  const reason = `file is ${prefix}${formatBytes(size)}, over the ${formatBytes(bound.value)} limit for ${bound.what}; ${raiseHint(bound.limit)}`
  return {reason, ruleId: 'too-large'}
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a pipe'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  return 'not a file'
}
