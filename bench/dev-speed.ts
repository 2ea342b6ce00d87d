/**
 * `imprint dev`'s turnaround: from the write of one article's source to the
 * preview's reload event (the event stream a preview page listens to), in
 * a session of one article, its HTML, EPUB and PDF rebuilt in the session's
 * warm Chromium; and the same for a session that previews the HTML only.
 * The first edit of a session warms it up and is not counted.
 */
import {spawn} from 'node:child_process'
import http from 'node:http'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {generateCorpus, touchArticle} from './corpus.ts'
import {treeCpuMs} from './proc-tree.ts'

/** One edit: wall time from the write to the reload event, and the CPU time the session (Chromium included) spent on it. */
export interface Edit {
  readonly ms: number
  readonly cpuMs: number
}

export interface DevFigures {
  /** Every format. */
  readonly all: readonly Edit[]
  /** `--format html`. */
  readonly html: readonly Edit[]
}

export async function benchDev(cli: string, edits: number): Promise<DevFigures> {
  return {all: await session(cli, edits, []), html: await session(cli, edits, ['--format', 'html'])}
}

async function session(cli: string, edits: number, flags: readonly string[]): Promise<Edit[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-bench-dev-'))
  const [file] = await generateCorpus(path.join(dir, 'content'), 1)
  const child = spawn(process.execPath, [cli, 'dev', 'content', '--port', '0', '--out', 'out', '--cache-dir', 'cache', ...flags], {
    cwd: dir,
    env: {...process.env, CI: '1'},
    stdio: ['ignore', 'pipe', 'pipe']
  })
  try {
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    await until(() => /^http:\/\/\S+\n/.test(stdout) && /Watching /.test(stderr), () => `dev did not start:\n${stderr}`)
    const url = stdout.split('\n')[0]!
    const reloads = listen(new URL('/__imprint/events', url))
    // The stream says the build's state first: from then on no reload is missed.
    await withDeadline(reloads.connected, 'the preview\'s event stream did not answer')
    const times: Edit[] = []
    for (let round = 0; round <= edits; round++) {
      const next = reloads.next()
      const cpu = treeCpuMs(child.pid!)
      const started = performance.now()
      await touchArticle(file!, round)
      await withDeadline(next, `no reload after edit ${round + 1}:\n${stderr}`)
      const ms = Math.round(performance.now() - started)
      if (round > 0) times.push({ms, cpuMs: Math.round(treeCpuMs(child.pid!) - cpu)})
      // Let the editor's next save come after this rebuild, as a person's would.
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    reloads.close()
    return times
  } finally {
    child.kill('SIGINT')
    await new Promise((resolve) => child.once('exit', resolve))
    await rm(dir, {recursive: true, force: true})
  }
}

/** The preview's event stream: `connected` once it speaks, `next()` at the next reload event. */
function listen(url: URL): {connected: Promise<void>; next(): Promise<void>; close(): void} {
  let waiting: (() => void) | undefined
  let buffer = ''
  let opened: () => void = () => {}
  const connected = new Promise<void>((resolve) => (opened = resolve))
  const request = http.get(url, (response) => {
    response.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk
      let end
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const event = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (/^event: problems$/m.test(event)) opened()
        if (/^event: reload$/m.test(event)) {
          const resolve = waiting
          waiting = undefined
          resolve?.()
        }
      }
    })
  })
  request.on('error', () => {})
  return {
    connected,
    next: () => new Promise<void>((resolve) => (waiting = resolve)),
    close: () => request.destroy()
  }
}

/** A benchmark that stops by itself: a wait that never ends is an error. */
async function withDeadline<T>(work: Promise<T>, explain: string, ms = 120_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(explain)), ms)))
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}

async function until(check: () => boolean, explain: () => string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(explain())
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
