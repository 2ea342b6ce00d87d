/**
 * A request the browser refused becomes a warning on its source, placed at
 * the element that asked for it. The browser only knows the resolved URL, so
 * each URL-bearing attribute in the article is resolved the way the page
 * would resolve it (against the source's folder, or the print document's)
 * and compared.
 */
import type {Element, Root} from 'hast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {pathToFileURL} from 'node:url'
import type {Article} from '../article.ts'

const reported = new WeakMap<VFile, Set<string>>()

/** Warn once per URL and source: a retried page asks again. */
export function reportBlocked(file: VFile, article: Article, url: string, reason: string): void {
  const seen = reported.get(file) ?? new Set<string>()
  reported.set(file, seen)
  if (seen.has(url)) return
  seen.add(url)
  const place = placeOf(article.body, url, pathToFileURL(article.path).href)
  const message = file.message(`blocked a request for ${shorten(url)}: ${reason}`, {
    place,
    ruleId: 'blocked-request',
    source: 'imprint'
  })
  message.fatal = false
}

/** Where in the source the element that names `url` starts, when it can be found. */
export function placeOf(tree: Root | Element, url: string, base: string): Point | undefined {
  const wanted = withoutHash(url)
  for (const child of tree.children) {
    if (child.type !== 'element') continue
    for (const value of Object.values(child.properties)) {
      if (typeof value !== 'string') continue
      if (value === url || resolve(value, base) === wanted) return child.position?.start
    }
    const deeper = placeOf(child, url, base)
    if (deeper) return deeper
  }
  return undefined
}

function resolve(value: string, base: string): string | undefined {
  try {
    return withoutHash(new URL(value, base).href)
  } catch {
    return undefined
  }
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}

/** `data:` URLs and long query strings would drown the message. */
function shorten(url: string): string {
  return url.length > 120 ? url.slice(0, 117) + '…' : url
}
