/**
 * The resource policy: which images an article may show, read once here so
 * every output carries the same ones.
 *
 * Sources come from the web and from other people's folders, so a path in a
 * source is a request to read a file, and is treated as one:
 * - a local path is resolved from the source's folder and must stay inside it,
 *   also after symbolic links are followed: `../../etc/passwd`, `/etc/hostname`
 *   and `file:` URLs are refused;
 * - remote images are fetched only with `allowRemote` (`--allow-remote`):
 *   a build is offline by default;
 * - `data:` URIs, local files and downloads alike must hold a PNG, JPEG or GIF,
 *   checked by their bytes, not their name: the image types every browser and
 *   every EPUB reading system shows (SVG could carry scripts; WebP is not an
 *   EPUB core type).
 *
 * A refused or missing image is a warning at its line and column and is left
 * out (its caption stays); the build goes on. An image without alt text is kept with a warning:
 * alt text is the author's to write, never invented here. Links to local files
 * cannot be followed from the outputs, so they become plain text: with a warning
 * when they reach outside the folder, with a note otherwise. A page saved from
 * the web resolves its relative links against its own URL instead.
 *
 * Each image kept gets `src="images/<sha256-12>.<ext>"`; the renderer points
 * that at a data: URI, a file:// URL or an EPUB resource per output.
 */
import {createHash} from 'node:crypto'
import {realpath} from 'node:fs/promises'
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import type {ImageAsset, ImageType} from '../article.ts'
import {DEFAULT_LIMITS, formatBytes, raiseHint, showLimit, type Limits} from '../limits.ts'
import {readBounded} from '../load/read-bounded.ts'
import {report} from '../messages.ts'
import {declaredDimensions} from './image-header.ts'

export interface ResourceOptions {
  /** The source's content root (its folder): local files must lie inside it. */
  readonly root: string
  /** Fetch `http(s)` images; otherwise they are left out with a warning. */
  readonly allowRemote?: boolean
  /**
   * The page's own URL, for a page saved from the web: its relative links
   * (`/news/world`, `story.html`) point into that site, not at local files,
   * so they are resolved against it and kept.
   */
  readonly baseUrl?: string
  /** `image-size` and `image-pixels` bound each image. */
  readonly limits?: Limits
}
const REMOTE_TIMEOUT_MS = 20_000

export interface Resources {
  /** The images kept, sorted by href, each once. */
  readonly images: readonly ImageAsset[]
  /** Every local file looked for, found or not: the article must be rebuilt when one changes or appears. */
  readonly dependencies: readonly string[]
}

export async function resolveResources(tree: Root, file: VFile, options: ResourceOptions): Promise<Resources> {
  if (typeof options?.root !== 'string' || !path.isAbsolute(options.root)) {
    throw new TypeError('resolveResources: `options.root` must be an absolute folder path')
  }
  const base = file.path ? path.dirname(file.path) : options.root
  const images: Element[] = []
  const links: Element[] = []
  visit(tree, 'element', (node) => {
    if (node.tagName === 'img') images.push(node)
    else if (node.tagName === 'a' && isLocalLink(node.properties.href)) links.push(node)
  })

  const assets = new Map<string, ImageAsset>()
  const dropped = new Set<Element>()
  // Read in parallel, report in document order.
  const looked = new Set<string>()
  const outcomes = await Promise.all(images.map((image) => loadImage(String(image.properties.src ?? ''), base, options, looked)))
  // An image refused is reported once, where it is first shown: a page that shows one bomb twenty times gets one line.
  const refusals = new Map<string, number>()
  images.forEach((image, index) => {
    const src = String(image.properties.src ?? '')
    if ('ruleId' in outcomes[index]! && src.trim() !== '') refusals.set(src, (refusals.get(src) ?? 0) + 1)
  })
  images.forEach((image, index) => {
    const outcome = outcomes[index]!
    const src = String(image.properties.src ?? '')
    if ('ruleId' in outcome) {
      const shown = refusals.get(src) ?? 1
      if (shown > 0) {
        const times = shown > 1 ? ` (shown ${shown} times: each is left out)` : ''
        report(file, outcome.ruleId, outcome.reason.replace('%s', src.trim() === '' ? 'without a source' : `\`${shorten(src)}\``) + times, {place: image.position})
      }
      if (refusals.has(src)) refusals.set(src, 0)
      dropped.add(image)
      return
    }
    assets.set(outcome.href, outcome)
    image.properties.src = outcome.href
    const alt = image.properties.alt
    if (typeof alt !== 'string' || alt.trim() === '') {
      report(file, 'missing-alt', `image \`${shorten(src)}\` has no alt text`, {
        place: image.position,
        note: 'Describe what the image shows in the source (![a fishing boat at dawn](boat.jpg)); imprint never invents one.'
      })
      image.properties.alt = ''
    }
  })
  const unlinked = new Set<Element>()
  for (const link of links) {
    const href = String(link.properties.href)
    const absolute = /^file:/i.test(href.trim()) ? undefined : onSite(href, options.baseUrl)
    if (absolute) {
      link.properties.href = absolute
      continue
    }
    const {reason, refused} = refuseLink(href, base, options.root)
    // A refusal is a warning; a harmless relative link made plain text is a note (--verbose).
    report(file, 'local-link', reason, {place: link.position, as: refused ? undefined : 'note'})
    unlinked.add(link)
  }
  removeDropped(tree, dropped, unlinked)
  const kept = [...assets.values()].sort((a, b) => (a.href < b.href ? -1 : a.href > b.href ? 1 : 0))
  return {images: kept, dependencies: [...looked].sort()}
}

/** Why an image is left out; `%s` in the reason stands for its `src`. */
interface Refusal {
  readonly reason: string
  readonly ruleId: 'refused-resource' | 'remote-image' | 'missing-image' | 'unsupported-image' | 'image-over-limit'
}

/** Read one image under the policy: the asset, or why it is left out. */
async function loadImage(src: string, base: string, options: ResourceOptions, looked: Set<string>): Promise<ImageAsset | Refusal> {
  const limits = options.limits ?? DEFAULT_LIMITS
  const target = locate(src, base, options.root, limits)
  switch (target.kind) {
    case 'refused':
      return target
    case 'data':
      return asAsset(target.data, undefined, limits) ?? unsupported('image %s: a data: URI must hold a PNG, JPEG or GIF image; it is left out')
    case 'remote': {
      if (!options.allowRemote) {
        return {ruleId: 'remote-image', reason: 'remote image %s was not fetched: builds are offline; pass --allow-remote to fetch it. It is left out'}
      }
      const data = await fetchImage(target.url, limits['image-size'])
      if (typeof data === 'string') return {ruleId: 'remote-image', reason: `remote image %s could not be fetched (${data}); it is left out`}
      return asAsset(data, undefined, limits) ?? unsupported('remote image %s is not a PNG, JPEG or GIF image; it is left out')
    }
    case 'local': {
      looked.add(target.path)
      const data = await readLocal(target.path, options.root, limits)
      if ('ruleId' in data) return data
      return asAsset(data, target.path, limits) ?? unsupported('image %s is not a PNG, JPEG or GIF image; it is left out')
    }
  }
}

type Target =
  | ({readonly kind: 'refused'} & Refusal)
  | {readonly kind: 'data'; readonly data: Uint8Array}
  | {readonly kind: 'remote'; readonly url: URL}
  | {readonly kind: 'local'; readonly path: string}

/** Classify a `src` and, for a local one, resolve it inside the root. */
function locate(src: string, base: string, root: string, limits: Limits): Target {
  const value = src.trim()
  if (value === '') return refused('an image %s is left out')
  if (/^data:/i.test(value)) {
    // Base64 holds 3 bytes in 4 characters: the size is known before decoding.
    const bytes = Math.floor((value.length - value.indexOf(',') - 1) * 3 / 4)
    if (bytes > limits['image-size']) return {kind: 'refused', ...overSize('data: image %s', bytes, limits)}
    const data = decodeDataUri(value)
    return data ? {kind: 'data', data} : {kind: 'refused', ...unsupported('image %s: a data: URI must be a base64 PNG, JPEG or GIF; it is left out')}
  }
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(value)?.[1]?.toLowerCase()
  if (scheme === 'http' || scheme === 'https' || value.startsWith('//')) {
    try {
      return {kind: 'remote', url: new URL(value, 'https://invalid/')}
    } catch {
      return refused('image %s is not a valid URL; it is left out')
    }
  }
  if (scheme === 'file') return refused('image %s refused: file: URLs may name any file on the machine; put the image beside the source and link it by a relative path')
  if (scheme !== undefined) return refused(`image %s refused: \`${scheme}:\` URLs are not images imprint can carry`)
  if (value.startsWith('/') || value.startsWith('\\')) {
    return refused('image %s refused: absolute paths may name any file on the machine; put the image beside the source and link it by a relative path')
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(value.replace(/[?#].*$/s, ''))
  } catch {
    return refused('image %s has a malformed %-escape; it is left out')
  }
  if (decoded.includes('\0')) return refused('image %s refused: the path holds a NUL byte')
  const resolved = path.resolve(base, decoded)
  if (!isInside(resolved, root)) {
    return refused(`image %s refused: it lies outside the source's folder (${root}); images must sit beside the source or below it`)
  }
  return {kind: 'local', path: resolved}
}

/** Read a local image; symbolic links must not lead out of the root either. */
async function readLocal(file: string, root: string, limits: Limits): Promise<Uint8Array | Refusal> {
  let real: string
  try {
    real = await realpath(file)
  } catch {
    return {ruleId: 'missing-image', reason: 'image %s not found; it is left out'}
  }
  if (!isInside(real, await realpath(root))) {
    return {ruleId: 'refused-resource', reason: `image %s refused: it is a link to ${real}, outside the source's folder`}
  }
  const read = await readBounded(real, {limit: 'image-size', value: limits['image-size'], what: 'an image'})
  if (read instanceof Uint8Array) return read
  if (read.ruleId === 'too-large') return {ruleId: 'image-over-limit', reason: `image %s: ${read.reason}; it is left out`}
  return unsupported(`image %s: ${read.reason}; it is left out`)
}

function overSize(what: string, bytes: number, limits: Limits): Refusal {
  return {ruleId: 'image-over-limit', reason: `${what} is ${formatBytes(bytes)}, over the ${showLimit('image-size', limits['image-size'])} limit; it is left out (${raiseHint('image-size')})`}
}

function refused(reason: string): Target {
  return {kind: 'refused', ruleId: 'refused-resource', reason}
}

function unsupported(reason: string): Refusal {
  return {ruleId: 'unsupported-image', reason}
}

async function fetchImage(url: URL, limit: number): Promise<Uint8Array | string> {
  try {
    const response = await fetch(url, {signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS), redirect: 'follow'})
    if (!response.ok) return `HTTP ${response.status}`
    if (Number(response.headers.get('content-length') ?? 0) > limit) return `over the image-size limit; ${raiseHint('image-size')}`
    // Streamed, and stopped at the limit: a server may send more than it announced.
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength
      if (size > limit) return `over the image-size limit; ${raiseHint('image-size')}`
      chunks.push(chunk)
    }
    return new Uint8Array(Buffer.concat(chunks))
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/**
 * The asset for some bytes; `undefined` when they are not a PNG, JPEG or
 * GIF; a refusal when the header declares more pixels than the limit.
 */
function asAsset(data: Uint8Array, file: string | undefined, limits: Limits): ImageAsset | Refusal | undefined {
  const type = sniff(data)
  if (!type) return undefined
  const size = declaredDimensions(data, type)
  if (!size) return undefined
  const pixels = size.width * size.height
  if (pixels > limits['image-pixels']) {
    const reason = `image %s declares ${size.width} × ${size.height} = ${pixels.toLocaleString('en')} pixels, over the ${showLimit('image-pixels', limits['image-pixels'])} limit; it is left out (${raiseHint('image-pixels')})`
    return {ruleId: 'image-over-limit', reason}
  }
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 12)
  const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')
  return {href: `images/${hash}.${EXTENSIONS[type]}`, mediaType: type, base64, ...(file ? {path: file} : {})}
}

const EXTENSIONS: Readonly<Record<ImageType, string>> = {'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif'}

/** The type by magic number: the name and the declared type may lie. */
export function sniff(data: Uint8Array): ImageType | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => data[index] === byte)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38) && (data[4] === 0x37 || data[4] === 0x39) && data[5] === 0x61) return 'image/gif'
  return undefined
}

function decodeDataUri(value: string): Uint8Array | undefined {
  const match = /^data:(image\/(?:png|jpeg|gif));base64,([A-Za-z\d+/=\s]*)$/is.exec(value)
  if (!match?.[2]) return undefined
  return new Uint8Array(Buffer.from(match[2].replace(/\s+/g, ''), 'base64'))
}

/** A link that names a file on this machine rather than a page or a place in this one. */
function isLocalLink(href: unknown): href is string {
  if (typeof href !== 'string') return false
  const value = href.trim()
  if (value === '' || value.startsWith('#') || value.startsWith('//')) return false
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(value)?.[1]?.toLowerCase()
  return scheme === undefined || scheme === 'file'
}

function refuseLink(href: string, base: string, root: string): {reason: string; refused: boolean} {
  const shown = `\`${shorten(href)}\``
  const value = href.trim()
  if (/^file:/i.test(value) || value.startsWith('/') || value.startsWith('\\')) {
    return {reason: `link ${shown} refused: it names a file anywhere on the machine; the link text stays`, refused: true}
  }
  let resolved: string
  try {
    resolved = path.resolve(base, decodeURIComponent(value.replace(/[?#].*$/s, '')))
  } catch {
    return {reason: `link ${shown} has a malformed %-escape; the link text stays`, refused: true}
  }
  if (!isInside(resolved, root)) {
    return {reason: `link ${shown} refused: it lies outside the source's folder; the link text stays`, refused: true}
  }
  return {reason: `link ${shown} to a local file cannot be followed from the outputs; the link text stays`, refused: false}
}

/** A relative link resolved against the page's own http(s) URL, or `undefined` without one. */
function onSite(href: string, baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined
  try {
    const url = new URL(href.trim(), baseUrl)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

/**
 * Take out refused images and unwrap local links, keeping their text. A
 * figure keeps its caption without its image: the caption and photo credit
 * are the source's words (the pasted-text reader makes such figures too);
 * a figure with nothing else goes.
 */
function removeDropped(tree: Root, images: ReadonlySet<Element>, links: ReadonlySet<Element>): void {
  if (images.size === 0 && links.size === 0) return
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return undefined
    if (node.tagName === 'figure' && node.children.some((child) => child.type === 'element' && images.has(child))) {
      node.children = node.children.filter((child) => !(child.type === 'element' && images.has(child)))
      const caption = node.children.some((child) => child.type === 'element' && child.tagName === 'figcaption')
      if (caption) return undefined
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    if (images.has(node)) {
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    if (links.has(node)) {
      parent.children.splice(index, 1, ...(node.children as ElementContent[]))
      return [SKIP, index]
    }
    return undefined
  })
}

function shorten(value: string): string {
  return value.length > 60 ? value.slice(0, 57) + '…' : value
}
