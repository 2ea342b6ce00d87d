/**
 * A snapshot on disk: `<out>/<slug>/` holding `source.html`, the sidecar
 * `source.meta.yaml` and `images/`. The build reads it as any saved page
 * (load.ts names it by its folder).
 *
 * A snapshot is written whole into a temporary folder beside its place and
 * renamed into it, so no one ever sees half of one: a new one appears at
 * once; a changed one is swapped (the old folder renamed aside, the new one
 * renamed in, the old one removed). Two fetches racing for one folder each
 * leave a whole snapshot, and the last rename wins. An unchanged page is
 * not written at all, so its files keep their times and the build cache
 * keeps its outputs.
 */
import {createHash, randomBytes} from 'node:crypto'
import {rmSync} from 'node:fs'
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {stringify} from 'yaml'
import {TEMP_PREFIX} from '../build/write-atomic.ts'
import {DEFAULT_LIMITS} from '../limits.ts'
import {readUtf8, SIDECAR_SUFFIX, slugify} from '../load/load.ts'
import {RESERVED_SLUGS} from '../output-names.ts'
import {parseMeta, type MetaInput} from '../schema/meta.ts'
import {IMAGES_FOLDER} from './page-images.ts'

export const PAGE_FILE = 'source.html'
export const SIDECAR_FILE = `source${SIDECAR_SUFFIX}`

/** The sidecar's `fetched` block: imprint's record of where and when, for refetching. */
export type FetchRecord = NonNullable<MetaInput['fetched']>

/** What a snapshot is made of, before it is written. */
export interface SnapshotContent {
  readonly html: string
  readonly images: ReadonlyMap<string, Uint8Array>
  /** The sidecar's fields imprint writes: `source`, `canonical`, `fetched`. */
  readonly meta: Pick<MetaInput, 'source' | 'canonical'> & {readonly fetched: FetchRecord}
}

/** A snapshot already on disk. */
export interface StoredSnapshot {
  readonly folder: string
  /** The whole sidecar, the editor's own fields included. */
  readonly meta: MetaInput & {readonly fetched: FetchRecord}
}

export type WriteState = 'new' | 'updated' | 'unchanged'

/** Temporary folders being written, for a signal handler to remove. */
const pending = new Set<string>()

/**
 * The folder of `url`'s snapshot in `outDir`: the one already holding it,
 * else a free one named from the URL (with a short hash of the URL when
 * that name is taken by another page or by the editor's own folder).
 * `claimed` holds folders other URLs of this run took.
 */
export async function placeSnapshot(outDir: string, url: string, claimed: ReadonlySet<string>): Promise<{folder: string; stored?: StoredSnapshot}> {
  const slug = slugOfUrl(url)
  const hash = createHash('sha256').update(url).digest('hex')
  for (const name of [slug, `${slug}-${hash.slice(0, 6)}`, `${slug}-${hash.slice(0, 16)}`]) {
    const folder = path.join(outDir, name)
    if (claimed.has(folder)) continue
    const stored = await readSnapshot(folder)
    if (stored === 'absent') return {folder}
    if (stored !== 'other' && stored.meta.fetched.url === url) return {folder, stored}
  }
  throw new Error(`no free folder for ${url} in ${outDir}`)
}

/** The snapshot in `folder`; `absent` when there is no such folder, `other` when it holds something else. */
export async function readSnapshot(folder: string): Promise<StoredSnapshot | 'absent' | 'other'> {
  const text = await readUtf8(path.join(folder, SIDECAR_FILE), {limit: 'meta-size', value: DEFAULT_LIMITS['meta-size'], what: 'a metadata file'})
  if (typeof text !== 'string') {
    const exists = await readdir(folder).then(
      () => true,
      () => false
    )
    return exists ? 'other' : 'absent'
  }
  const parsed = parseMeta(text)
  if (!parsed.meta?.fetched) return 'other'
  return {folder, meta: {...parsed.meta, fetched: parsed.meta.fetched}}
}

/** Every snapshot of a page directly under `outDir`, for a refetch of them all. */
export async function listSnapshots(outDir: string): Promise<StoredSnapshot[]> {
  const entries = await readdir(outDir, {withFileTypes: true}).catch(() => [])
  const found = await Promise.all(
    entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith(TEMP_PREFIX)).map((entry) => readSnapshot(path.join(outDir, entry.name)))
  )
  return found.filter((stored): stored is StoredSnapshot => typeof stored !== 'string').sort((a, b) => (a.folder < b.folder ? -1 : 1))
}

/**
 * Write `content` as the snapshot in `folder`. The editor's own fields of
 * a stored sidecar are kept; a snapshot whose page and images are the ones
 * already there is left untouched.
 */
export async function writeSnapshot(folder: string, content: SnapshotContent, stored?: StoredSnapshot): Promise<WriteState> {
  if (stored && (await sameFiles(folder, content))) return 'unchanged'
  const {source: _source, canonical: _canonical, fetched: _fetched, ...editors} = stored?.meta ?? {}
  const sidecar = {...(content.meta.source ? {source: content.meta.source} : {}), ...(content.meta.canonical ? {canonical: content.meta.canonical} : {}), ...editors, fetched: content.meta.fetched}
  const temp = path.join(path.dirname(folder), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${path.basename(folder)}`)
  pending.add(temp)
  try {
    await mkdir(content.images.size > 0 ? path.join(temp, IMAGES_FOLDER) : temp, {recursive: true})
    await Promise.all([
      writeFile(path.join(temp, PAGE_FILE), content.html),
      writeFile(path.join(temp, SIDECAR_FILE), SIDECAR_HEADER + stringify(sidecar, {lineWidth: 0})),
      ...[...content.images].map(([name, data]) => writeFile(path.join(temp, name), data))
    ])
    return await moveIntoPlace(temp, folder)
  } finally {
    await rm(temp, {recursive: true, force: true})
    pending.delete(temp)
  }
}

const SIDECAR_HEADER = '# Written by `imprint fetch`. Fields you add are kept when it fetches the page again;\n# `source`, `canonical` and `fetched` are its own.\n'

/** Rename `temp` to `folder`, swapping out the folder there; `new` or `updated`. */
async function moveIntoPlace(temp: string, folder: string): Promise<WriteState> {
  try {
    await rename(temp, folder)
    return 'new'
  } catch (error) {
    if (!isOccupied(error)) throw error
  }
  const old = `${temp}-old`
  pending.add(old)
  try {
    await rename(folder, old).catch((error: NodeJS.ErrnoException) => {
      // Another fetch swapped it out first: its snapshot or ours goes in next.
      if (error.code !== 'ENOENT') throw error
    })
    await rename(temp, folder).catch((error: unknown) => {
      // Another fetch's whole snapshot went in between the two renames: it stands.
      if (!isOccupied(error)) throw error
    })
    return 'updated'
  } finally {
    await rm(old, {recursive: true, force: true})
    pending.delete(old)
  }
}

function isOccupied(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOTEMPTY' || code === 'EEXIST'
}

/** Whether the stored snapshot's page is byte for byte this one, with these images (named by their bytes' hash). */
async function sameFiles(folder: string, content: SnapshotContent): Promise<boolean> {
  const html = await readFile(path.join(folder, PAGE_FILE), 'utf8').catch(() => undefined)
  if (html !== content.html) return false
  const present = await readdir(path.join(folder, IMAGES_FOLDER)).catch(() => [] as string[])
  const names = [...content.images.keys()].map((name) => path.basename(name))
  return names.length === present.length && names.every((name) => present.includes(name))
}

/**
 * Remove the temporary folders of snapshots being written; safe in a
 * signal handler, and more than once.
 */
export function removePendingSnapshotsSync(): void {
  for (const temp of pending) rmSync(temp, {recursive: true, force: true})
}

/**
 * A folder name for a URL: its last path segments that say something
 * (`/2024/06/harbour-strike.html` -> `harbour-strike`; `/a/31245.html` ->
 * `a-31245`), else its host.
 */
export function slugOfUrl(url: string): string {
  const {hostname, pathname} = new URL(url)
  const segments = pathname
    .split('/')
    .map((segment) => decodeSegment(segment).replace(/\.(?:s?html?|php\d?|aspx?|jsp|cgi)$/i, ''))
    .filter((segment) => segment !== '' && !/^(?:index|default|article|story|amp)$/i.test(segment))
  const last = segments.at(-1)
  // A bare number or date part says little alone: take the segment before it too.
  const words = last !== undefined && /^[\d-]+$/.test(last) && segments.length > 1 ? segments.slice(-2).join('-') : last
  const slug = slugify(words ?? hostname.replace(/^www\./, ''), 'page')
  return RESERVED_SLUGS.has(slug) ? `${slug}-page` : slug
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
