/**
 * Finding a build's Chromium from the outside, through /proc: every process
 * of it names its profile folder, which imprint makes under os.tmpdir(), so
 * a test that points TMPDIR at a folder of its own can tell its browsers
 * from anyone else's.
 */
import {readdir, readFile} from 'node:fs/promises'

/** PIDs of live processes whose command line mentions `text`. Zombies have an empty one. */
export async function processesMentioning(text: string): Promise<number[]> {
  const found: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')
    if (cmdline.includes(text)) found.push(Number(entry))
  }
  return found
}

/** Poll until `check` holds or `ms` pass; returns its last answer. A wait, not a timing assertion. */
export async function waitFor<T>(check: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  let value = await check()
  while (!done(value) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    value = await check()
  }
  return value
}
