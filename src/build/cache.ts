/**
 * The build cache: what lets a rebuild skip work, and a no-op rebuild skip
 * the browser altogether.
 *
 * Every output has a key: a hash of what it is made from (the source's text
 * and metadata, its path, the format and the options that format reads)
 * and of imprint itself (its code, templates, styles, bundled fonts and
 * locked dependencies). A change to any of them changes the key, so it
 * invalidates exactly what it touches and nothing else. Outputs are kept in
 * the cache under their key, so an output folder that was wiped is restored
 * by a copy, without Chromium.
 *
 * The cache lives outside the output folder, because the output folder is
 * what gets published: in an npm project, `node_modules/.cache/imprint/`
 * (where build tools keep their caches); elsewhere, the user's cache folder
 * (see defaultCacheDir), so a folder of articles gains no node_modules.
 *
 *   objects/<key>            output bytes, content-addressed
 *   articles/<key>.json      a parsed Article and its messages
 *   outputs/<folder>.json    what imprint last wrote into an output folder
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {mkdir, readFile, stat} from 'node:fs/promises'
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {DEFAULT_LIMITS} from '../limits.ts'
import {readBounded} from '../load/read-bounded.ts'
import type {Article} from '../article.ts'
import type {Listing} from '../site/listing.ts'
import {copyAtomic, writeAtomic} from './write-atomic.ts'

/** The default as `--help` and docs/cli.md show it. */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/imprint in an npm project, else $XDG_CACHE_HOME/imprint or ~/.cache/imprint'

/**
 * Where the cache goes when `--cache-dir` does not say: the npm project's
 * `node_modules/.cache/imprint` when the working folder is in one (found as
 * npm finds its project: the nearest folder above with a package.json or a
 * node_modules), else the XDG Base Directory convention's user cache,
 * `$XDG_CACHE_HOME/imprint`, or `~/.cache/imprint` when that is unset or
 * not absolute (the spec says to ignore a relative one).
 */
export function defaultCacheDir(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json')) || existsSync(path.join(folder, 'node_modules'))) {
      return path.join(folder, 'node_modules', '.cache', 'imprint')
    }
    if (path.dirname(folder) === folder) break
  }
  const xdg = env.XDG_CACHE_HOME
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache')
  return path.join(base, 'imprint')
}

export type OutputState = 'unchanged' | 'restored' | 'built'

export interface CacheOptions {
  /** `--cache-dir DIR`; relative to the working directory. */
  readonly dir?: string
  /** `--no-cache`: read nothing, write nothing, build everything. */
  readonly disabled?: boolean
  /** The output folder whose files the cache keeps track of. */
  readonly outDir: string
}

/** What the cache knows of a parsed source without loading the article itself. */
export interface ArticleEntry {
  /** Messages the parse left on the source, to show again. */
  readonly messages: readonly StoredMessage[]
  /** Files the outputs read besides the source (see articleDependencies). */
  readonly dependencies: readonly string[]
  /** Their paths and bytes' hashes when the article was parsed (see dependencyParts): if they changed, the parse is stale. */
  readonly parts: readonly string[]
  /** What the download site shows of the article. */
  readonly listing: Listing
}

/** A freshly parsed article, as the cache keeps it. */
export interface ParsedArticle {
  readonly article: Article
  /** Messages the parse left on the source. */
  readonly messages: readonly VFileMessage[]
  /** `dependencyParts` of the article's dependencies, read once by the caller. */
  readonly parts: readonly string[]
  readonly listing: Listing
}

/**
 * Files an article's outputs read besides its source: the local images the
 * resources pass read or looked for (a missing one too, so it is picked up
 * once it appears). Their bytes go into the output keys, so a new photo
 * rebuilds the article.
 */
export function articleDependencies(article: Article): string[] {
  return [...new Set(article.dependencies ?? [])].sort()
}

/**
 * The bytes of each dependency (or that it is missing or refused), for an
 * output key; read as the resources pass reads images, within `limit`.
 */
export async function dependencyParts(files: readonly string[], limit = DEFAULT_LIMITS['image-size']): Promise<string[]> {
  const parts: string[] = []
  for (const file of files) {
    const bytes = await readBounded(file, {limit: 'image-size', value: limit, what: 'an image'})
    parts.push(file, bytes instanceof Uint8Array ? hash([bytes]) : bytes.ruleId === 'unreadable' ? 'missing' : 'refused')
  }
  return parts
}

export interface BuildCache {
  readonly enabled: boolean
  /** The cache's folder (absolute); unset when the cache is off. */
  readonly dir?: string
  /** imprint's code, templates, styles, fonts and dependencies, as one hash. */
  readonly fingerprint: string
  /** A key from the fingerprint and the given parts. */
  key(...parts: ReadonlyArray<string | Uint8Array>): string
  /**
   * Is `target` already the output for `key`? `unchanged` when the file
   * imprint last wrote there is still in place (nothing is written),
   * `restored` when it was copied back from the cache, `miss` otherwise.
   */
  check(key: string, target: string): Promise<OutputState | 'miss'>
  /** Keep a freshly written output under its key. */
  store(key: string, target: string, data: string | Uint8Array): Promise<void>
  /** A parsed source's messages and dependencies: small, read on every build. */
  loadEntry(key: string): Promise<ArticleEntry | undefined>
  /** The parsed article itself: read only when something must be made from it. */
  loadArticle(key: string): Promise<Article | undefined>
  saveArticle(key: string, parsed: ParsedArticle): Promise<void>
  /** Bytes kept under a key of their own, tied to no output file: a drawing that outputs with different keys share. */
  loadObject(key: string): Promise<Uint8Array | undefined>
  keepObject(key: string, data: Uint8Array): Promise<void>
  /** Write down what the output folder now holds; writes nothing when nothing changed. */
  save(): Promise<void>
}

export interface StoredMessage {
  readonly reason: string
  readonly line?: number
  readonly column?: number
  /** Where the place ends, when it is a span. */
  readonly endLine?: number
  readonly endColumn?: number
  readonly ruleId?: string
  readonly fatal?: boolean | null
  readonly file?: string
}

interface OutputRecord {
  readonly key: string
  readonly size: number
  readonly mtimeMs: number
}

export async function openCache(options: CacheOptions): Promise<BuildCache> {
  const fingerprint = imprintFingerprint()
  const key = (...parts: ReadonlyArray<string | Uint8Array>) => hash([fingerprint, ...parts])
  if (options.disabled) return disabledCache(fingerprint, key)

  const dir = path.resolve(options.dir ?? defaultCacheDir())
  const recordFile = path.join(dir, 'outputs', hash([path.resolve(options.outDir)]) + '.json')
  const records = await readJson<Record<string, OutputRecord>>(recordFile) ?? {}
  let dirty = false
  const objectPath = (k: string) => path.join(dir, 'objects', k.slice(0, 2), k)

  return {
    enabled: true,
    dir,
    fingerprint,
    key,
    async check(k, target) {
      const name = path.basename(target)
      const record = records[name]
      if (record?.key === k) {
        const info = await stat(target).catch(() => undefined)
        if (info && info.size === record.size && info.mtimeMs === record.mtimeMs) return 'unchanged'
      }
      const object = objectPath(k)
      if (!(await stat(object).catch(() => undefined))) return 'miss'
      // Copy to a temporary name and rename, like every output.
      await copyAtomic(object, target)
      await remember(name, k, target)
      return 'restored'
    },
    async store(k, target, data) {
      const object = objectPath(k)
      await mkdir(path.dirname(object), {recursive: true})
      await writeAtomic(object, data)
      await remember(path.basename(target), k, target)
    },
    async loadEntry(k) {
      return readJson<ArticleEntry>(path.join(dir, 'articles', k + '.json'))
    },
    async loadArticle(k) {
      return readJson<Article>(path.join(dir, 'articles', k + '.article.json'))
    },
    async saveArticle(k, {article, messages, parts, listing}) {
      await mkdir(path.join(dir, 'articles'), {recursive: true})
      const entry: ArticleEntry = {messages: storedMessages(messages, article.path), dependencies: articleDependencies(article), parts, listing}
      // The article first: an entry is only ever found beside its article.
      await writeAtomic(path.join(dir, 'articles', k + '.article.json'), JSON.stringify(article))
      await writeAtomic(path.join(dir, 'articles', k + '.json'), JSON.stringify(entry))
    },
    async loadObject(k) {
      return readFile(objectPath(k)).catch(() => undefined)
    },
    async keepObject(k, data) {
      await mkdir(path.dirname(objectPath(k)), {recursive: true})
      await writeAtomic(objectPath(k), data)
    },
    async save() {
      if (!dirty) return
      await mkdir(path.dirname(recordFile), {recursive: true})
      await writeAtomic(recordFile, JSON.stringify(records))
      dirty = false
    }
  }

  async function remember(name: string, k: string, target: string): Promise<void> {
    const info = await stat(target)
    records[name] = {key: k, size: info.size, mtimeMs: info.mtimeMs}
    dirty = true
  }
}

/** Messages as the cache keeps them (and a worker thread sends them): plain data, the source's own path left out. */
export function storedMessages(messages: readonly VFileMessage[], sourcePath: string): StoredMessage[] {
  return messages.map((message) => ({
    reason: message.reason,
    line: message.line,
    column: message.column,
    ...(message.place && 'end' in message.place ? {endLine: message.place.end.line, endColumn: message.place.end.column} : {}),
    ruleId: message.ruleId,
    fatal: message.fatal ?? null,
    file: message.file === sourcePath ? undefined : message.file
  }))
}

/** Put stored messages back on a source's VFile, as the parse first made them. */
export function replayMessages(file: VFile, messages: readonly StoredMessage[]): void {
  for (const stored of messages) {
    const start = stored.line ? {line: stored.line, column: stored.column ?? 1} : undefined
    const place = start && stored.endLine ? {start, end: {line: stored.endLine, column: stored.endColumn ?? 1}} : start
    const message = file.message(stored.reason, {place, ruleId: stored.ruleId, source: 'imprint'})
    // Errors are fatal, warnings false, notes unset (stored as null: JSON drops undefined).
    message.fatal = stored.fatal ?? undefined
    if (stored.file) message.file = stored.file
  }
}

function disabledCache(fingerprint: string, key: BuildCache['key']): BuildCache {
  return {
    enabled: false,
    fingerprint,
    key,
    check: async () => 'miss',
    store: async () => {},
    loadEntry: async () => undefined,
    loadArticle: async () => undefined,
    saveArticle: async () => {},
    loadObject: async () => undefined,
    keepObject: async () => {},
    save: async () => {}
  }
}

let fingerprintMemo: string | undefined

/**
 * Read imprint's own files again at the next build: `imprint dev` calls it
 * when a template or a stylesheet changed, so the keys of what they make
 * change with them.
 */
export function forgetFingerprint(): void {
  fingerprintMemo = undefined
}

/**
 * imprint's own inputs: its version and code, templates, styles, the font
 * packages and the lockfile. Read once per process; a few hundred KB. The
 * code is the folder this module runs from: lib/ when compiled, src/ when
 * the sources run under tsx.
 */
export function imprintFingerprint(): string {
  if (fingerprintMemo) return fingerprintMemo
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const code = fileURLToPath(new URL('..', import.meta.url))
  const parts: Array<string | Uint8Array> = []
  for (const folder of [code, path.join(root, 'templates'), path.join(root, 'styles')]) {
    for (const file of listFiles(folder)) parts.push(path.relative(root, file), readFileSync(file))
  }
  for (const file of ['package.json', 'package-lock.json']) {
    try {
      parts.push(file, readFileSync(path.join(root, file)))
    } catch {
      // An installed package has no lockfile; its dependencies are pinned by the installer's.
    }
  }
  // The bundled fonts, by their packages' manifests (the lockfile says as
  // much when there is one; an installed imprint has none).
  const require = createRequire(import.meta.url)
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>}
  for (const pkg of Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@fontsource/')).sort()) {
    try {
      parts.push(pkg, readFileSync(require.resolve(`${pkg}/package.json`)))
    } catch {
      parts.push(pkg, 'missing')
    }
  }
  fingerprintMemo = hash(parts)
  return fingerprintMemo
}

function listFiles(dir: string): string[] {
  let entries
  try {
    entries = readdirSync(dir, {recursive: true, withFileTypes: true})
  } catch {
    return []
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

function hash(parts: ReadonlyArray<string | Uint8Array>): string {
  const digest = createHash('sha256')
  for (const part of parts) {
    // Length-prefixed, so ['ab', 'c'] and ['a', 'bc'] differ.
    const bytes = typeof part === 'string' ? Buffer.from(part) : part
    digest.update(`${bytes.byteLength}:`)
    digest.update(bytes)
  }
  return digest.digest('hex').slice(0, 40)
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T
  } catch {
    return undefined
  }
}
