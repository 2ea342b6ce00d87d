/**
 * The HTML format: an article's standalone web page, its styles inlined and
 * its images embedded, so it reads offline and loads nothing.
 */
import {toHtml} from 'hast-util-to-html'
import type {Article} from '../../article.ts'
import {renderArticle} from '../../render/render-article.ts'
import {scaleForScreen, type ScreenOptions} from '../screen.ts'

export async function makePage(article: Article, screen: ScreenOptions): Promise<string> {
  const images = await scaleForScreen(article.images ?? [], screen.imageMax)
  return toHtml(renderArticle({...article, images}, {target: 'page'}))
}
