/**
 * `imprint build`: run the build, stop cleanly on a signal, and report
 * what it made and what it found. Loaded by main.ts only for a build.
 *
 * URLs among the paths are fetched first, as `imprint fetch` would, into a
 * temporary folder (into content/ with --keep), and their snapshots built
 * with the rest: the build itself never reaches the network.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {VFile} from 'vfile'
import {build} from '../build/build.ts'
import {removePendingSync} from '../build/write-atomic.ts'
import {cleanUpSync} from '../formats/pdf/interrupt.ts'
import {formatSize} from '../load/load.ts'
import {FETCH_LIMITS} from '../fetch/limits.ts'
import {CONTENT_DIR} from './fetch-options.ts'
import {EXIT, type BuildCommandLine, type Verbosity} from './options.ts'
import {jsonSummary, messageLines, ProgressDisplay, relative} from './report.ts'

export async function runBuild(command: BuildCommandLine): Promise<number> {
  const urls = command.inputs.filter(isUrl)
  if (urls.length === 0) return buildReported(command)
  // The fetching (undici, the feed parser, the page reader) loads only for a build of URLs.
  const {fetchReported, fetchJsonSummary} = await import('./run-fetch.ts')
  const {keep, allowPrivate, ignoreRobots} = command.fetch
  const folder = keep ? CONTENT_DIR : await mkdtemp(path.join(os.tmpdir(), 'imprint-fetch-'))
  try {
    const client = {
      allowPrivate,
      ignoreRobots,
      perHost: FETCH_LIMITS.perHost,
      delayMs: FETCH_LIMITS.delayMs,
      connectTimeoutMs: FETCH_LIMITS.connectTimeoutMs,
      responseTimeoutMs: FETCH_LIMITS.responseTimeoutMs,
      headers: {}
    }
    const fetched = await fetchReported({urls, feeds: [], outDir: folder, feedContent: true, client}, command)
    const snapshots = (fetched?.snapshots ?? []).flatMap((snapshot) => (snapshot.state !== 'failed' && snapshot.folder ? [snapshot.folder] : []))
    const inputs = [...command.inputs.filter((input) => !isUrl(input)), ...snapshots]
    if (inputs.length === 0) return EXIT.failed.code
    const code = await buildReported({...command, inputs}, fetched ? fetchJsonSummary(fetched) : undefined)
    return fetched && !fetched.failed ? code : EXIT.failed.code
  } finally {
    if (!keep) await rm(folder, {recursive: true, force: true})
  }
}

/** `scheme://…`: fetched, or refused with its reason, rather than looked for on disk. */
function isUrl(input: string): boolean {
  return /^[a-z][a-z\d+.-]*:\/\//i.test(input)
}

/** What --json says of the fetching before a build of URLs. */
type FetchSummary = ReturnType<typeof import('./run-fetch.ts').fetchJsonSummary>

async function buildReported(command: BuildCommandLine, fetch?: FetchSummary): Promise<number> {
  const stop = (signal: NodeJS.Signals) => {
    // Half-written outputs, Chromium and its profile, the print documents.
    removePendingSync()
    cleanUpSync()
    // Again: an output file being created in the thread pool when the signal
    // came has appeared by now, while Chromium was being stopped.
    removePendingSync()
    process.stderr.write(`imprint: stopped by ${signal}\n`)
    process.exit(130)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)

  const display = showsProgress(command) ? new ProgressDisplay(process.stderr) : undefined
  let result
  try {
    result = await build({...command, onProgress: display ? (progress) => display.update(progress) : undefined})
  } catch (error) {
    display?.clear()
    process.stderr.write(`imprint: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failed.code
  } finally {
    display?.clear()
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }

  for (const article of result.articles) report(article.file, command.verbosity)
  for (const file of new Set(result.books.map((book) => book.file))) report(file, command.verbosity)
  if (command.json) {
    const summary = jsonSummary(result, relative)
    const shown = fetch ? {...summary, ok: summary.ok && fetch.ok, fetch} : summary
    process.stdout.write(JSON.stringify(shown, null, 2) + '\n')
  } else if (command.verbosity !== 'quiet') {
    for (const item of [...result.articles, ...result.books]) {
      for (const output of item.outputs) {
        process.stdout.write(`${relative(output.path)}  ${formatSize(output.bytes)}\n`)
      }
    }
    for (const output of result.site) process.stdout.write(`${relative(output.path)}  ${formatSize(output.bytes)}\n`)
  }
  if (result.found === 0) {
    process.stderr.write(`imprint: no sources found in ${command.inputs.join(', ')}\n`)
    return EXIT.failed.code
  }
  return result.failed ? EXIT.failed.code : EXIT.built.code
}

/** A progress line only for a person watching: a terminal, not CI, not --quiet or --json. */
function showsProgress(command: BuildCommandLine): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI && command.verbosity !== 'quiet' && !command.json
}

export function report(file: VFile, verbosity: Verbosity): void {
  for (const line of messageLines(file, verbosity)) process.stderr.write(`${line}\n`)
}
