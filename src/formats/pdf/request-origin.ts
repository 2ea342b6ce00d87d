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
import type {Article} from '../../article.ts'
import {report} from '../../messages.ts'

const reported = new WeakMap<VFile, Set<string>>()

/** Warn once per URL and source: a retried page asks again. */
export function reportBlocked(file: VFile, article: Article, url: string, reason: string, documentPath?: string): void {
  const seen = reported.get(file) ?? new Set<string>()
  reported.set(file, seen)
  if (seen.has(url)) return
  seen.add(url)
  const bases = [article.path, ...(documentPath ? [documentPath] : [])].map((base) => pathToFileURL(base).href)
  const found = bases.map((base) => findRequester(article.body, url, base)).find(Boolean)
  const place = found?.position ?? (found ? locateText(String(file.value ?? ''), found.value) : undefined)
  report(file, 'blocked-request', `blocked a request for ${shorten(url)}: ${reason}`, {place})
}

/** The attribute value in the article that asked for `url`, and where its element starts if the reader kept positions. */
export function findRequester(tree: Root | Element, url: string, base: string): {value: string; position?: Point} | undefined {
  const wanted = withoutHash(url)
  for (const child of tree.children) {
    if (child.type !== 'element') continue
    for (const value of Object.values(child.properties)) {
      if (typeof value !== 'string') continue
      if (value === url || resolve(value, base) === wanted) return {value, position: child.position?.start}
    }
    const deeper = findRequester(child, url, base)
    if (deeper) return deeper
  }
  return undefined
}

/**
 * Readers that go through a DOM (the HTML reader) keep no positions: find the
 * attribute value in the source text instead, at its first `="value"`.
 */
export function locateText(source: string, value: string): Point | undefined {
  let index = -1
  for (const quoted of [`"${value}"`, `'${value}'`, `(${value})`, value]) {
    index = source.indexOf(quoted)
    if (index !== -1) {
      if (quoted !== value) index += 1
      break
    }
  }
  if (index === -1) return undefined
  const before = source.slice(0, index)
  const line = before.split('\n').length
  return {line, column: index - before.lastIndexOf('\n'), offset: index}
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
