/**
 * The documents the floors print: every article of the corpus as one HTML
 * document (for the one-launch floor) and the first article alone (for the
 * bare `chromium --print-to-pdf`). Both are imprint's own print rendering, so
 * the floors lay out exactly what imprint prints.
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import type {Article} from '../src/article.ts'
import {loadSource} from '../src/load/load.ts'
import {normalize} from '../src/normalize/normalize.ts'
import {parseText} from '../src/readers/parse-text.ts'
import {articleElement, renderArticle} from '../src/render/render-article.ts'

export interface FloorDocuments {
  /** All N articles in one document, each starting on a new page. */
  readonly all: string
  /** The first article's own print document. */
  readonly single: string
}

export async function writeFloorDocuments(files: readonly string[], dir: string): Promise<FloorDocuments> {
  const articles: Article[] = []
  for (const file of files) {
    const source = await loadSource(file)
    const {tree} = parseText(source.file, source.meta)
    articles.push(normalize({tree, file: source.file, slug: source.slug, meta: source.meta}))
  }
  const single = path.join(dir, 'floor-single.html')
  await writeFile(single, toHtml(renderArticle(articles[0]!, {target: 'print', paper: 'a4'})))
  const all = path.join(dir, 'floor-all.html')
  await writeFile(all, toHtml(combine(articles)))
  return {all, single}
}

/** The first article's print document with every article's <article> in its body. */
function combine(articles: readonly Article[]): Root {
  const document = renderArticle(articles[0]!, {target: 'print', paper: 'a4'})
  const body = find(document, 'body')
  const style = find(document, 'style')
  body.children = articles.map((article) => articleElement(renderArticle(article, {target: 'print', paper: 'a4'})))
  style.children.push({type: 'text', value: '\n.article + .article { break-before: page; }\n'})
  return document
}

function find(tree: Root | Element, tagName: string): Element {
  for (const child of tree.children) {
    if (child.type !== 'element') continue
    if (child.tagName === tagName) return child
    try {
      return find(child, tagName)
    } catch {
      // Not under this child; try the next.
    }
  }
  throw new TypeError(`no <${tagName}> in the rendered document`)
}
