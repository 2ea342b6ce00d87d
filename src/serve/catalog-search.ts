/**
 * Searching the catalog, for e-reader apps (KOReader, Thorium): what only a
 * running server can do. The feeds the build writes carry no search link,
 * since a plain static host could not answer it; `imprint serve` adds one
 * to each feed it serves, pointing at an OpenSearch description whose
 * template asks the server for the entries of `opds.xml` that match.
 */
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Element, ElementContent, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {toXml} from 'xast-util-to-xml'
import {x} from 'xastscript'
import {CATALOG_FILE} from '../output-names.ts'
import {OPDS_TYPE} from '../site/render-opds.ts'
import {OPENSEARCH_TYPE} from './content-type.ts'
import {plain, sendDocument, type Route, type ServedRequest} from './site-server.ts'

export const OPENSEARCH_PATH = '/__imprint/opensearch.xml'
export const SEARCH_PATH = '/__imprint/search.xml'

/** A transform for served feeds: the search link after the feed's own links. */
export function addSearchLink(xml: string): string {
  const tree = fromXml(xml)
  const feed = feedOf(tree)
  if (!feed) return xml
  const link = x('link', {rel: 'search', type: OPENSEARCH_TYPE, href: OPENSEARCH_PATH, title: 'Search'})
  let after = -1
  feed.children.forEach((child, at) => {
    if (child.type === 'element' && child.name === 'link') after = at
  })
  feed.children.splice(after + 1, 0, link)
  return serialize(tree)
}

/** The routes: the OpenSearch description, and the search itself. */
export function searchRoutes(root: string): Map<string, Route> {
  const catalog = path.join(root, CATALOG_FILE)
  return new Map<string, Route>([
    [OPENSEARCH_PATH, async (request, response) => sendDocument(request, response, await describeSearch(request, catalog), `${OPENSEARCH_TYPE}; charset=utf-8`)],
    [SEARCH_PATH, (request, response, served) => search(request, response, served, catalog)]
  ])
}

async function describeSearch(request: IncomingMessage, catalog: string): Promise<string> {
  // The template must be absolute (OpenSearch 1.1); the host is the one the client used.
  const host = /^[\w.:[\]-]{1,255}$/.test(request.headers.host ?? '') ? request.headers.host! : 'localhost'
  const xml = await readFile(catalog, 'utf8').catch(() => undefined)
  const feed = xml === undefined ? undefined : feedOf(fromXml(xml))
  const title = feed ? textOf(childNamed(feed, 'title')) || undefined : undefined
  const template = `http://${host}${SEARCH_PATH}?q={searchTerms}`
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'},
      x('OpenSearchDescription', {xmlns: 'http://a9.com/-/spec/opensearch/1.1/'}, [
        // ShortName: at most 16 characters, says the spec.
        x('ShortName', [...(title ?? 'Catalog')].slice(0, 16).join('')),
        x('Description', `Search ${title ?? 'the catalog'} by title, author, summary or language`),
        x('InputEncoding', 'UTF-8'),
        x('OutputEncoding', 'UTF-8'),
        x('Url', {type: OPDS_TYPE, template}),
        x('Url', {type: 'application/atom+xml', template})
      ])
    ]
  }
  return serialize(tree)
}

async function search(request: IncomingMessage, response: ServerResponse, served: ServedRequest, catalog: string): Promise<void> {
  const xml = await readFile(catalog, 'utf8').catch(() => undefined)
  if (xml === undefined) return plain(response, 404, `no ${CATALOG_FILE} in the folder`)
  const modified = (await stat(catalog)).mtime
  const tree = fromXml(xml)
  const feed = feedOf(tree)
  if (!feed) return plain(response, 500, `${CATALOG_FILE} is not an Atom feed`)
  const title = textOf(childNamed(feed, 'title'))
  const query = served.url.searchParams.get('q') ?? ''
  const words = fold(query).split(/\s+/).filter(Boolean)
  const feedId = textOf(childNamed(feed, 'id')) || 'urn:imprint:catalog'

  const children: ElementContent[] = []
  for (const child of feed.children) {
    if (child.type !== 'element') continue
    if (child.name === 'entry') {
      const haystack = fold(searchableText(child))
      if (words.length > 0 && words.every((word) => haystack.includes(word))) children.push(absoluteLinks(child))
    } else if (child.name === 'id') {
      children.push(x('id', `${feedId}:search:${encodeURIComponent(query)}`))
    } else if (child.name === 'title') {
      children.push(x('title', `${title || 'Catalog'}: ${query}`))
    } else if (child.name === 'link') {
      const rel = child.attributes.rel
      // The facets and `self` describe the whole catalog, not this answer.
      if (rel === 'start' || rel === 'alternate') children.push(absoluteLinks(child))
    } else {
      children.push(child)
    }
  }
  children.splice(3, 0, x('link', {rel: 'self', type: OPDS_TYPE, href: `${SEARCH_PATH}?q=${encodeURIComponent(query)}`}))
  const answer: Root = {
    type: 'root',
    children: [{type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'}, {...feed, children}]
  }
  sendDocument(request, response, serialize(answer), OPDS_TYPE, modified)
}

/** What a reader may search by: titles, authors, summary, language, publisher. */
function searchableText(entry: Element): string {
  const parts: string[] = []
  for (const child of entry.children) {
    if (child.type !== 'element') continue
    if (['title', 'summary', 'dc:language', 'dc:publisher', 'content'].includes(child.name)) parts.push(textOf(child))
    if (child.name === 'author') parts.push(textOf(childNamed(child, 'name')))
  }
  return parts.join('\n')
}

/** The answer is at another path than the catalog: its links, relative to the catalog's folder (`/`), are made absolute. */
function absoluteLinks(element: Element): Element {
  const copy = structuredClone(element)
  const visit = (node: Element) => {
    const href = node.attributes.href
    if (node.name === 'link' && typeof href === 'string' && !/^[a-z][a-z\d+.-]*:|^\//i.test(href)) node.attributes.href = `/${href}`
    for (const child of node.children) if (child.type === 'element') visit(child)
  }
  visit(copy)
  return copy
}

/** Lower case, accents off: `Ünïcode` finds `unicode`. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

function feedOf(tree: Root): Element | undefined {
  return tree.children.find((child): child is Element => child.type === 'element' && child.name === 'feed')
}

function childNamed(parent: Element, name: string): Element | undefined {
  return parent.children.find((child): child is Element => child.type === 'element' && child.name === name)
}

function textOf(node: Element | undefined): string {
  if (!node) return ''
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')
}

function serialize(tree: Root): string {
  // XML 1.0 §2.4 forbids `]]>` in text, as render-opds.ts says.
  return toXml(tree, {closeEmptyElements: true}).replaceAll(']]>', ']]&#62;') + '\n'
}
