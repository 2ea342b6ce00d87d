/**
 * The images of a fetched page that its article shows, brought in beside
 * it. Which images those are is the HTML reader's decision (parse-html.ts:
 * Readability, lazy-image fixes and all), so the page is read here exactly
 * as the build will read it, and only the images left in the article are
 * fetched: not the logos, avatars and advertisements around it.
 *
 * The page's own bytes are kept: only the attribute values that named a
 * fetched image are rewritten to its relative path (`images/…`), in place,
 * at the positions parse5 reports. Everything else of the server's HTML
 * stays as it was, and is never executed: the build sanitizes it as it does
 * any saved page.
 */
import {createHash} from 'node:crypto'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {slugify} from '../load/load.ts'
import {hasFatal, report} from '../messages.ts'
import {sniff} from '../normalize/resources.ts'
import {loadReader} from '../readers/readers.ts'
import type {WebClient} from './client.ts'
import {FetchFailure} from './fetch-failure.ts'

/** The folder of a snapshot that its images go in. */
export const IMAGES_FOLDER = 'images'

export interface PageImages {
  /** The page with each fetched image's attributes pointing at its file. */
  readonly html: string
  /** Relative path (`images/…`) -> bytes. */
  readonly images: ReadonlyMap<string, Uint8Array>
  /** `<link rel="canonical">`, absolute, when the page has an http(s) one. */
  readonly canonical?: string
}

/**
 * Read `html` (fetched from `pageUrl`) as the build will, fetch the images
 * its article shows, and point the page at them. A page with no article
 * throws a FetchFailure; an image that cannot be had is a warning on `file`.
 */
export async function bringImagesIn(html: string, pageUrl: string, client: WebClient, file: VFile): Promise<PageImages> {
  // The head alone says where links point; the whole page is parsed again only to rewrite it.
  const head = fromHtml(headOf(html))
  const base = baseOf(head, pageUrl)
  const canonical = canonicalOf(head, base)
  const used = await imagesOfArticle(html, canonical ?? pageUrl, base)
  const targets = new Map<string, string>()
  const images = new Map<string, Uint8Array>()
  await Promise.all(
    [...used].map(async (url) => {
      const image = await fetchImage(url, client, file)
      if (!image) return
      targets.set(url, image.name)
      images.set(image.name, image.data)
    })
  )
  // An image not fetched keeps its web address, written whole: a path relative to the
  // page would name a file beside the snapshot, or on the builder's disk, that is not there.
  for (const url of used) if (!targets.has(url)) targets.set(url, url)
  const rewritten = used.size === 0 ? html : rewriteImages(html, fromHtml(html, {verbose: true}), base, targets)
  return {html: rewritten, images, ...(canonical ? {canonical} : {})}
}

/** The page up to the end of its head, where `<base>` and `<link rel="canonical">` belong. */
function headOf(html: string): string {
  const end = html.search(/<\/head\s*>|<body[\s>]/i)
  return end === -1 ? html : html.slice(0, end)
}

/** The absolute http(s) URLs of the images the reader keeps in the article. */
async function imagesOfArticle(html: string, source: string, base: URL): Promise<Set<string>> {
  const reading = new VFile({path: 'source.html', value: html})
  const parseHtml = await loadReader('html')
  const {tree} = parseHtml(reading, {source})
  if (hasFatal(reading)) {
    const reason = reading.messages.find((message) => message.fatal)?.reason ?? 'no article found'
    throw new FetchFailure('not-article', `not an article: ${reason.replace(/^no article found in source\.html: /, '')}`)
  }
  const used = new Set<string>()
  visit(tree as Root, 'element', (node: Element) => {
    if (node.tagName !== 'img') return
    const url = absolute(node.properties.src, base)
    if (url) used.add(url)
  })
  return used
}

async function fetchImage(url: string, client: WebClient, file: VFile): Promise<{name: string; data: Uint8Array} | undefined> {
  const shown = url.length > 80 ? `${url.slice(0, 77)}…` : url
  try {
    const response = await client.get(url, 'image')
    if (response.status !== 'ok') return undefined
    const type = sniff(response.body)
    if (!type) {
      report(file, 'image-not-fetched', `image ${shown} is not a PNG, JPEG or GIF (the server says \`${response.mediaType}\`); it keeps its web address`)
      return undefined
    }
    return {name: imageName(url, response.body, type), data: response.body}
  } catch (error) {
    if (!(error instanceof FetchFailure)) throw error
    report(file, 'image-not-fetched', `image ${shown} was not fetched (${error.message}); it keeps its web address`)
    return undefined
  }
}

const EXTENSIONS = {'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif'} as const

/** `images/<name from the URL>-<hash of the bytes>.<ext>`: readable, and the same bytes keep the same name. */
function imageName(url: string, data: Uint8Array, type: keyof typeof EXTENSIONS): string {
  const last = decodeURIComponentSafe(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '')
  const stem = slugify(last.replace(/\.[a-z0-9]{2,5}$/i, ''), 'image').slice(0, 40).replace(/-+$/, '')
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 10)
  return `${IMAGES_FOLDER}/${stem}-${hash}.${EXTENSIONS[type]}`
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The base URL of the page's relative links: its `<base href>`, else its own address. */
function baseOf(page: Root, pageUrl: string): URL {
  let base = new URL(pageUrl)
  visit(page, 'element', (node: Element) => {
    if (node.tagName !== 'base' || typeof node.properties.href !== 'string') return
    const href = absolute(node.properties.href, base)
    if (href) base = new URL(href)
    return false
  })
  return base
}

function canonicalOf(page: Root, base: URL): string | undefined {
  let canonical: string | undefined
  visit(page, 'element', (node: Element) => {
    if (canonical || node.tagName !== 'link') return
    const rel = node.properties.rel
    if (Array.isArray(rel) && rel.some((value) => String(value).toLowerCase() === 'canonical')) canonical = absolute(node.properties.href, base)
  })
  return canonical
}

/** `value` resolved against `base`, when it is an http(s) URL. */
function absolute(value: unknown, base: URL): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  try {
    const url = new URL(value.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

/**
 * Rewrite, in the page's own text, every attribute of an image element
 * whose value names an image of the article: to its file when it was
 * fetched, else to its absolute address. Readability copies `data-src` and the
 * like into `src`, and unwraps `<noscript>` images, so any attribute of an
 * `img`, `picture`, `source` or `figure` may be the one it used.
 */
function rewriteImages(html: string, page: Root, base: URL, targets: ReadonlyMap<string, string>): string {
  const edits: Array<{start: number; end: number; text: string}> = []
  visit(page, 'element', (node: Element) => {
    if (!IMAGE_ELEMENTS.has(node.tagName)) return
    const places = (node.data as {position?: {properties?: Record<string, {start: {offset?: number}; end: {offset?: number}} | undefined>}} | undefined)?.position?.properties
    for (const [property, value] of Object.entries(node.properties)) {
      const target = targets.get(absolute(value, base) ?? '')
      const place = places?.[property]
      if (!target || place?.start.offset === undefined || place.end.offset === undefined) continue
      const written = html.slice(place.start.offset, place.end.offset)
      const attribute = written.split('=')[0]!.trim()
      edits.push({start: place.start.offset, end: place.end.offset, text: `${attribute}="${target.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`})
    }
  })
  edits.sort((a, b) => b.start - a.start)
  let text = html
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
  return text
}

const IMAGE_ELEMENTS = new Set(['img', 'picture', 'source', 'figure'])
