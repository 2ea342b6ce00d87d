/**
 * An article's EPUB: one chapter, the fonts its text needs, its images.
 */
import {toText} from 'hast-util-to-text'
import type {Article, ImageAsset} from '../../article.ts'
import {epubFonts} from '../../fonts.ts'
import {articleElement, describeArticle, renderArticle} from '../../render/render-article.ts'
import {loadStyle} from '../../render/template.ts'
import {scaleForScreen, type ScreenOptions} from '../screen.ts'
import {emitEpub, type EpubResource} from './pack-epub.ts'

export async function makeArticleEpub(article: Article, date: Date, screen: ScreenOptions, cover?: Uint8Array): Promise<Uint8Array> {
  const chapter = articleElement(renderArticle(article, {target: 'epub'}))
  // Without fonts the reader sets the text in its own: the smallest EPUB.
  const fonts = screen.fonts === 'embed' ? epubFonts(`${article.meta.title}\n${toText(chapter)}`) : {css: '', fonts: []}
  const images = await scaleForScreen(article.images ?? [], screen.imageMax)
  return emitEpub({
    meta: article.meta,
    credits: article.credits,
    notice: article.notice,
    // The same one line the PDF's Subject and the page's meta description carry.
    description: describeArticle(article),
    chapters: [{id: chapterId(article.slug), title: article.meta.title, lang: article.meta.lang, dir: article.meta.dir, body: chapter}],
    css: [fonts.css, loadStyle('base.css'), loadStyle('epub.css')].filter(Boolean).join('\n'),
    resources: [...fonts.fonts, ...images.map(imageResource)],
    ...(cover ? {cover: {href: 'images/cover.png', mediaType: 'image/png', data: cover}} : {}),
    modified: date
  })
}

/** An image as the EPUB stores it: under its content-hash name. */
export function imageResource(image: ImageAsset): EpubResource {
  return {href: image.href, mediaType: image.mediaType, data: Buffer.from(image.base64, 'base64')}
}

/**
 * The EPUB chapter id: the slug when it is an ASCII name; a slug may start
 * with a digit (`002`) or be Persian, and the id stays unique and stable.
 */
function chapterId(slug: string): string {
  if (/^[A-Za-z][\w-]*$/.test(slug)) return slug
  return 'chapter-' + [...slug].map((char) => (/[\w-]/.test(char) ? char : char.codePointAt(0)!.toString(16))).join('')
}
