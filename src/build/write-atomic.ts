/**
 * Outputs are written to a temporary name beside their target and renamed
 * into place, so a failed or interrupted build never leaves half a file
 * where a good one stood. Live temporary files are tracked so a signal
 * handler can remove them.
 */
import {randomBytes} from 'node:crypto'
import {rmSync} from 'node:fs'
import {copyFile, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

export const TEMP_PREFIX = '.imprint-tmp-'

const pending = new Set<string>()

export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await replaceAtomic(target, (temp) => writeFile(temp, data))
}

/** Copy `source` over `target` the same way: a restored output is never half a file either. */
export async function copyAtomic(source: string, target: string): Promise<void> {
  await replaceAtomic(target, (temp) => copyFile(source, temp))
}

async function replaceAtomic(target: string, fill: (temp: string) => Promise<void>): Promise<void> {
  // The random part only names a temporary file, which never survives.
  const temp = path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${path.basename(target)}`)
  pending.add(temp)
  try {
    await fill(temp)
    await rename(temp, target)
  } catch (error) {
    await rm(temp, {force: true})
    throw error
  } finally {
    pending.delete(temp)
  }
}

/**
 * Remove temporary files still being written; safe to call from a signal
 * handler, and more than once: a file whose creation was under way in
 * Node's thread pool when the signal came may appear only after the first
 * call, so the handler calls it again on its way out.
 */
export function removePendingSync(): void {
  for (const temp of pending) rmSync(temp, {force: true})
}
