/**
 * `imprint dev` without the printing: build once, then again after each
 * change, through the same `build()` and cache as `imprint build`, in one
 * Chromium kept warm for the whole session. A change that comes during a
 * build waits for it and is built next, together with any other that came.
 */
import {statSync} from 'node:fs'
import path from 'node:path'
import {build, type BuildOptions, type BuildResult} from '../build/build.ts'
import {DEFAULT_CACHE_DIR, forgetFingerprint} from '../build/cache.ts'
import {CONFIG_NAMES} from '../books/config-file.ts'
import {openPrinter, type PdfPrinter} from '../formats/pdf/printer.ts'
import {forgetTemplates, STYLES_DIR, TEMPLATES_DIR} from '../render/template.ts'
import {watchInputs, type Watcher} from './watch.ts'

export interface BuildReport {
  /** Files that changed since the last build; empty for the first. */
  readonly changed: readonly string[]
  readonly result?: BuildResult
  /** A build that threw (the browser would not start, the disk is full). */
  readonly error?: unknown
  readonly ms: number
  /** Whether any file of the output folder was written. */
  readonly wrote: boolean
}

export interface DevSession {
  /** What is watched, for the terminal. */
  readonly watched: readonly string[]
  /** Resolves when the build now running, if any, is done. */
  idle(): Promise<void>
  /** Whether a build is running. */
  readonly busy: boolean
  close(): Promise<void>
}

export interface DevHooks {
  readonly onBuildStart?: (changed: readonly string[]) => void
  readonly onBuild: (report: BuildReport) => void
}

/** Start the session: the first build, then the watcher. Resolves once the first build is done and the watcher is ready. */
export async function startDev(options: BuildOptions, hooks: DevHooks): Promise<DevSession> {
  const books = options.books?.config !== undefined || (options.books?.titles?.length ?? 0) > 0
  // A printer only for what needs one: PDFs, and the covers of EPUBs and books.
  const printer: PdfPrinter | undefined =
    options.formats.includes('pdf') || options.formats.includes('epub') || books
      ? openPrinter({
          executablePath: options.browserPath,
          wsEndpoint: options.wsEndpoint,
          allowRemote: options.allowRemote,
          timeoutMs: options.timeoutMs,
          onBrowser: options.onBrowser
        })
      : undefined

  let running: Promise<void> | undefined
  let queued: Set<string> | undefined
  const run = (changed: readonly string[]): Promise<void> => {
    const started = performance.now()
    hooks.onBuildStart?.(changed)
    return build({...options, printer})
      .then((result) => ({result, wrote: wroteAny(result)}), (error: unknown) => ({error, wrote: false}))
      .then((outcome) => hooks.onBuild({changed, ...outcome, ms: Math.round(performance.now() - started)}))
  }
  const schedule = (changed: ReadonlySet<string>) => {
    if (running) {
      queued ??= new Set()
      for (const file of changed) queued.add(file)
      return
    }
    if ([...changed].some((file) => inside(file, TEMPLATES_DIR) || inside(file, STYLES_DIR))) {
      // Templates and styles are read once per process, and are part of every key.
      forgetTemplates()
      forgetFingerprint()
    }
    running = run([...changed]).finally(() => {
      running = undefined
      const next = queued
      queued = undefined
      if (next) schedule(next)
    })
  }

  await run([])
  const watched = watchedPaths(options)
  const watcher: Watcher = watchInputs({
    paths: watched,
    ignore: [options.outDir, options.cacheDir ?? DEFAULT_CACHE_DIR],
    onChange: schedule
  })
  await watcher.ready

  return {
    watched,
    get busy() {
      return running !== undefined
    },
    idle: async () => {
      while (running) await running
    },
    async close() {
      await watcher.close()
      while (running) await running.catch(() => {})
      await printer?.close()
    }
  }
}

/**
 * The sources' folders (a file named on the command line: its folder, for
 * its sidecar and images), the book config, and imprint's templates and
 * styles.
 */
function watchedPaths(options: BuildOptions): string[] {
  const inputs = options.inputs.map((input) => (statSync(input, {throwIfNoEntry: false})?.isFile() ? path.dirname(path.resolve(input)) : path.resolve(input)))
  const config = options.books?.config ? [path.resolve(options.books.config)] : CONFIG_NAMES.map((name) => path.resolve(name))
  return [...new Set([...inputs, ...config, TEMPLATES_DIR.replace(/[\\/]$/, ''), STYLES_DIR.replace(/[\\/]$/, '')])]
}

function wroteAny(result: BuildResult): boolean {
  const outputs = [...result.articles.flatMap((article) => article.outputs), ...result.books.flatMap((book) => book.outputs), ...result.site]
  return outputs.some((output) => output.state !== 'unchanged')
}

function inside(file: string, folder: string): boolean {
  return file.startsWith(folder.replace(/[\\/]$/, '') + path.sep)
}
