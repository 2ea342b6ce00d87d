/**
 * The HTML format: an article's standalone web page, its styles inlined and
 * its images embedded, so it reads offline and loads nothing.
 */
import {toHtml} from 'hast-util-to-html'
import type {Article} from '../../article.ts'
import {renderArticle} from '../../render/render-article.ts'

export function makePage(article: Article): string {
  return toHtml(renderArticle(article, {target: 'page'}))
}
