/**
 * fetch: URLs and feeds -> snapshot folders in `outDir`, one per page.
 *
 *   place   each URL gets its folder (the one holding its snapshot, or a free one)
 *   get     the page, conditionally when a snapshot holds its ETag or Last-Modified;
 *           or, for a feed item that carries its whole text, the feed's content
 *   read    the HTML reader finds the article and the images it shows (page-images.ts)
 *   write   page, images and sidecar, whole or not at all (snapshot.ts)
 *
 * Fetching is its own step: a build never reaches the network, and reads a
 * snapshot as it reads any saved page. Every URL succeeds or fails on its
 * own, with one message on its VFile; library code, so nothing here prints.
 */
import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {runLimited} from '../concurrency.ts'
import {WebClient, type ClientOptions, type WebResponse} from './client.ts'
import {decodePage} from './decode-page.ts'
import {carriesFullText, itemDocument, readFeed, selectItems, type Feed, type FeedItem} from './feed.ts'
import {FetchFailure, reportFailure} from './fetch-failure.ts'
import {bringImagesIn} from './page-images.ts'
import {listSnapshots, placeSnapshot, writeSnapshot, type FetchRecord, type StoredSnapshot, type WriteState} from './snapshot.ts'

/** `--since`: a time ago, or a point in time (milliseconds since the epoch). */
export type Since = {readonly kind: 'ago'; readonly ms: number} | {readonly kind: 'date'; readonly time: number}

export interface FetchRequest {
  /** Pages to fetch; with no URLs and no feeds, every page snapshot in `outDir` is fetched again. */
  readonly urls: readonly string[]
  readonly feeds: readonly string[]
  readonly outDir: string
  readonly since?: Since
  /** At most this many items of each feed. */
  readonly limit?: number
  /** Use a feed item's full text, when it carries one, instead of fetching its page. */
  readonly feedContent: boolean
  /** How to fetch; the user's headers go to the origins of `urls` and `feeds` only. */
  readonly client: Omit<ClientOptions, 'headerOrigins'>
  readonly onProgress?: (progress: {readonly done: number; readonly total: number; readonly current?: string}) => void
}

export interface SnapshotResult {
  readonly url: string
  /** Named by the URL; its messages say what went wrong, or what was left out. */
  readonly file: VFile
  readonly state: WriteState | 'failed'
  /** The snapshot's folder, absolute. */
  readonly folder?: string
  /** Where the article's text came from. */
  readonly from?: FetchRecord['from']
  /** The feed the URL came from. */
  readonly feed?: string
  /** The page's and its images' bytes, as written. */
  readonly bytes?: number
  readonly images?: number
}

export interface FeedResult {
  readonly url: string
  readonly file: VFile
  readonly ok: boolean
  /** Items in the feed, and those chosen by --since and --limit. */
  readonly items: number
  readonly selected: number
}

export interface FetchResult {
  readonly snapshots: readonly SnapshotResult[]
  readonly feeds: readonly FeedResult[]
  /** True when any URL or feed failed. */
  readonly failed: boolean
  readonly timings: {readonly total: number}
}

/** A page to bring in: a URL, or a feed's item. */
interface Job {
  readonly url: string
  readonly item?: {readonly item: FeedItem; readonly feed: Feed; readonly feedUrl: string}
}

/** URLs worked on at once; the per-host limits decide how many requests each site sees. */
const PARALLEL = 8

export async function fetchSnapshots(request: FetchRequest): Promise<FetchResult> {
  const start = performance.now()
  const outDir = path.resolve(request.outDir)
  await mkdir(outDir, {recursive: true})
  const origins = new Set([...request.urls, ...request.feeds].flatMap((url) => originOf(url) ?? []))
  const client = new WebClient({...request.client, headerOrigins: origins})
  try {
    const feeds = await Promise.all(request.feeds.map((url) => readOneFeed(url, client, request)))
    const jobs = dedupe([
      ...(request.urls.length + request.feeds.length === 0 ? await refetchAll(outDir) : request.urls.map((url) => ({url}))),
      ...feeds.flatMap((feed) => feed.jobs)
    ])
    // Folders are chosen one after another, so two URLs of one name never pick the same.
    const claimed = new Set<string>()
    const placed: Array<{job: Job; folder: string; stored?: StoredSnapshot} | {job: Job; failure: FetchFailure}> = []
    for (const job of jobs) {
      if (!URL.canParse(job.url)) {
        placed.push({job, failure: new FetchFailure('refused', `not a URL: \`${job.url}\`; give an http or https address`)})
        continue
      }
      const place = await placeSnapshot(outDir, job.url, claimed)
      claimed.add(place.folder)
      placed.push({job, ...place})
    }
    const snapshots = new Array<SnapshotResult>(placed.length)
    let done = 0
    request.onProgress?.({done, total: placed.length})
    await runLimited([...placed.keys()], PARALLEL, async (at) => {
      const place = placed[at]!
      snapshots[at] = 'failure' in place ? failed(place.job, place.failure) : await fetchOne(place.job, place.folder, place.stored, client, request)
      request.onProgress?.({done: ++done, total: placed.length, current: place.job.url})
    })
    const feedResults = feeds.map((feed) => feed.result)
    return {
      snapshots,
      feeds: feedResults,
      failed: snapshots.some((snapshot) => snapshot.state === 'failed') || feedResults.some((feed) => !feed.ok),
      timings: {total: Math.round(performance.now() - start)}
    }
  } finally {
    await client.close()
  }
}

async function readOneFeed(url: string, client: WebClient, request: FetchRequest): Promise<{result: FeedResult; jobs: Job[]}> {
  const file = new VFile({path: url})
  try {
    const response = await client.get(url, 'feed')
    if (response.status !== 'ok') throw new FetchFailure('feed', 'the feed answered 304 Not Modified to a request that was not conditional')
    const feed = readFeed(response.body, response.url)
    const since = request.since === undefined ? undefined : request.since.kind === 'ago' ? Date.now() - request.since.ms : request.since.time
    const items = selectItems(feed.items, {since, limit: request.limit})
    if (feed.items.length > 0 && feed.items.every((item) => !item.url && !item.content)) throw new FetchFailure('feed', 'no item of the feed has a link or content')
    const jobs = items.map((item) => ({url: item.url ?? `${response.url}#${encodeURIComponent(item.title ?? String(feed.items.indexOf(item)))}`, item: {item, feed, feedUrl: url}}))
    return {result: {url, file, ok: true, items: feed.items.length, selected: items.length}, jobs}
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error
    reportFailure(file, error)
    return {result: {url, file, ok: false, items: 0, selected: 0}, jobs: []}
  }
}

/** With nothing named: every snapshot of a page, asked again at the URL it was fetched from. */
async function refetchAll(outDir: string): Promise<Job[]> {
  return (await listSnapshots(outDir)).filter((stored) => stored.meta.fetched.from === 'page').map((stored) => ({url: stored.meta.fetched.url}))
}

function dedupe(jobs: readonly Job[]): Job[] {
  const seen = new Set<string>()
  return jobs.filter((job) => !seen.has(job.url) && Boolean(seen.add(job.url)))
}

async function fetchOne(job: Job, folder: string, stored: StoredSnapshot | undefined, client: WebClient, request: FetchRequest): Promise<SnapshotResult> {
  const file = new VFile({path: job.url})
  const feed = job.item?.feedUrl
  try {
    const fromFeed = job.item !== undefined && request.feedContent && (carriesFullText(job.item.item) || !job.item.item.url)
    let page: {html: string; url: string; etag?: string; lastModified?: string}
    if (fromFeed) {
      page = {html: itemDocument(job.item!.item, job.item!.feed), url: job.url}
    } else {
      const fetched = stored?.meta.fetched
      const response: WebResponse = await client.get(job.url, 'page', {etag: fetched?.etag, lastModified: fetched?.['last-modified']})
      if (response.status === 'not-modified') return {url: job.url, file, state: 'unchanged', folder, from: 'page', ...(feed ? {feed} : {})}
      page = {html: decodePage(response.body, response.charset).text, url: response.url, etag: response.etag, lastModified: response.lastModified}
    }
    const {html, images, canonical} = await bringImagesIn(page.html, page.url, client, file)
    const record: FetchRecord = {
      url: job.url,
      at: localTimestamp(new Date()),
      ...(page.etag ? {etag: page.etag} : {}),
      ...(page.lastModified ? {'last-modified': page.lastModified} : {}),
      from: fromFeed ? 'feed' : 'page',
      ...(feed ? {feed} : {})
    }
    const meta = {source: canonical ?? page.url, ...(canonical ? {canonical} : {}), fetched: record}
    const state = await writeSnapshot(folder, {html, images, meta}, stored)
    const bytes = Buffer.byteLength(html) + [...images.values()].reduce((sum, data) => sum + data.byteLength, 0)
    return {url: job.url, file, state, folder, from: record.from, bytes, images: images.size, ...(feed ? {feed} : {})}
  } catch (error) {
    return failed(job, error instanceof FetchFailure ? error : new FetchFailure('failed', error instanceof Error ? error.message : String(error)), file)
  }
}

function failed(job: Job, failure: FetchFailure, file = new VFile({path: job.url})): SnapshotResult {
  reportFailure(file, failure)
  return {url: job.url, file, state: 'failed', ...(job.item ? {feed: job.item.feedUrl} : {})}
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/**
 * The time with the machine's UTC offset, `2025-06-02T08:00:00+10:00`:
 * its date is the local one, which a book's `{date}` takes.
 */
export function localTimestamp(date: Date): string {
  const pad = (value: number) => String(Math.trunc(Math.abs(value))).padStart(2, '0')
  const offset = -date.getTimezoneOffset()
  const sign = offset < 0 ? '-' : '+'
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  )
}
