/**
 * `imprint fetch`: bring pages and feeds in as snapshots, stop cleanly on a
 * signal, and report each URL: one line per snapshot on stdout, one line
 * per problem on stderr, or the whole as JSON. Loaded by main.ts only for
 * a fetch (and by run-build.ts for `imprint build URL…`).
 */
import {fetchSnapshots, type FetchRequest, type FetchResult, type SnapshotResult} from '../fetch/fetch.ts'
import {removePendingSnapshotsSync} from '../fetch/snapshot.ts'
import {formatSize} from '../load/load.ts'
import {EXIT, type FetchCommandLine, type Verbosity} from './options.ts'
import {messageLines, messagesOf, ProgressDisplay, relative, type JsonMessage} from './report.ts'

export async function runFetch(command: FetchCommandLine): Promise<number> {
  const result = await fetchReported(command, command)
  if (!result) return EXIT.failed.code
  if (command.json) process.stdout.write(JSON.stringify(fetchJsonSummary(result), null, 2) + '\n')
  else if (command.verbosity !== 'quiet') for (const line of snapshotLines(result)) process.stdout.write(`${line}\n`)
  return result.failed ? EXIT.failed.code : EXIT.built.code
}

/**
 * Fetch with a progress line and the problems printed on stderr, as both
 * `imprint fetch` and `imprint build URL…` do; undefined when fetching
 * could not start at all (the reason is printed).
 */
export async function fetchReported(request: FetchRequest, how: {readonly json: boolean; readonly verbosity: Verbosity}): Promise<FetchResult | undefined> {
  const stop = (signal: NodeJS.Signals) => {
    removePendingSnapshotsSync()
    process.stderr.write(`imprint: stopped by ${signal}\n`)
    process.exit(130)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const display = Boolean(process.stderr.isTTY) && !process.env.CI && how.verbosity !== 'quiet' && !how.json ? new ProgressDisplay(process.stderr, 'pages') : undefined
  let result: FetchResult
  try {
    result = await fetchSnapshots({...request, onProgress: display ? (progress) => display.update(progress) : undefined})
  } catch (error) {
    display?.clear()
    process.stderr.write(`imprint: ${error instanceof Error ? error.message : String(error)}\n`)
    return undefined
  } finally {
    display?.clear()
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
  for (const item of [...result.feeds, ...result.snapshots]) {
    for (const line of messageLines(item.file, how.verbosity)) process.stderr.write(`${line}\n`)
  }
  return result
}

/** `content/harbour-strike/  new  212.4 KB, 3 images, from the page`, and a line per feed. */
function snapshotLines(result: FetchResult): string[] {
  const feeds = result.feeds.filter((feed) => feed.ok).map((feed) => `${feed.url}  ${feed.selected} of ${feed.items} items`)
  const pages = result.snapshots.flatMap((snapshot) => {
    if (snapshot.state === 'failed' || !snapshot.folder) return []
    const size = snapshot.bytes === undefined ? [] : [`${formatSize(snapshot.bytes)}, ${snapshot.images} image${snapshot.images === 1 ? '' : 's'}`]
    const from = snapshot.from ? [`from the ${snapshot.from}`] : []
    return [`${relative(snapshot.folder)}/  ${[snapshot.state, ...size, ...from].join(', ')}`]
  })
  return [...feeds, ...pages]
}

export interface FetchJsonSummary {
  readonly ok: boolean
  readonly snapshots: ReadonlyArray<{
    readonly url: string
    readonly state: SnapshotResult['state']
    readonly folder?: string
    readonly from?: SnapshotResult['from']
    readonly feed?: string
    readonly bytes?: number
    readonly images?: number
    readonly messages: readonly JsonMessage[]
  }>
  readonly feeds: ReadonlyArray<{readonly url: string; readonly ok: boolean; readonly items: number; readonly selected: number; readonly messages: readonly JsonMessage[]}>
  readonly timings: FetchResult['timings']
  readonly messages: readonly JsonMessage[]
}

/** The fetch as data for scripts. */
export function fetchJsonSummary(result: FetchResult): FetchJsonSummary {
  const snapshots = result.snapshots.map(({file, folder, ...snapshot}) => ({
    ...snapshot,
    ...(folder ? {folder: relative(folder)} : {}),
    messages: messagesOf(file, relative)
  }))
  const feeds = result.feeds.map(({file, ...feed}) => ({...feed, messages: messagesOf(file, relative)}))
  return {
    ok: !result.failed,
    snapshots,
    feeds,
    timings: result.timings,
    messages: [...feeds, ...snapshots].flatMap((item) => item.messages)
  }
}
