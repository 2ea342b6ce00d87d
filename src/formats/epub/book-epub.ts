/**
 * A book's EPUB: title page, one chapter per article (each in its own
 * language and direction), the colophon, and the cover.
 */
import {toText} from 'hast-util-to-text'
import type {ArticleMeta} from '../../article.ts'
import {articlePublishers, type Book} from '../../books/book.ts'
import type {Cover} from '../../books/cover.ts'
import {bookArticleId, renderColophon, renderTitlePage} from '../../books/render-book.ts'
import {epubFonts} from '../../fonts.ts'
import {articleElement, renderArticle} from '../../render/render-article.ts'
import {loadStyle} from '../../render/template.ts'
import {imageResource} from './article-epub.ts'
import {emitEpub, type EpubChapter, type EpubResource} from './pack-epub.ts'

export function makeBookEpub(book: Book, cover: Cover, date: Date): Promise<Uint8Array> {
  const chapters = bookChapters(book)
  // The fonts of every script the book's text uses, subset as for one article.
  const fonts = epubFonts(chapters.map((chapter) => `${chapter.title}\n${toText(chapter.body)}`).join('\n'))
  return emitEpub({
    meta: bookMeta(book),
    notice: [],
    description: book.subtitle ?? book.articles.map((article) => article.meta.title).join(' · '),
    chapters,
    creatorRole: 'edt',
    css: [fonts.css, loadStyle('base.css'), loadStyle('epub.css'), loadStyle('book.css')].join('\n'),
    resources: [...fonts.fonts, ...bookImages(book)],
    // A book of several publishers' articles has no one publisher: each is named for its part.
    contributors: book.publisher ? [] : articlePublishers(book).map((name) => ({name, role: 'pbl' as const})),
    cover: {href: `images/cover.${cover.mediaType === 'image/png' ? 'png' : 'jpg'}`, mediaType: cover.mediaType, data: cover.data},
    modified: date
  })
}

/** Title page, one chapter per article (each with its own lang and dir), colophon. */
function bookChapters(book: Book): EpubChapter[] {
  return [
    {id: 'title-page', title: book.title, lang: book.lang, dir: book.dir, body: renderTitlePage(book), landmark: 'titlepage'},
    ...book.articles.map((article, index): EpubChapter => ({
      id: bookArticleId(article),
      title: article.meta.title,
      lang: article.meta.lang,
      dir: article.meta.dir,
      body: articleElement(renderArticle(article, {target: 'epub', dateLang: book.lang})),
      landmark: index === 0 ? 'bodymatter' : undefined
    })),
    {id: 'colophon', title: book.labels.colophon, lang: book.lang, dir: book.dir, body: renderColophon(book), landmark: 'backmatter'}
  ]
}

/**
 * Every article's images, once each: an image's href is named by its
 * content, so two articles showing the same picture share one file.
 */
function bookImages(book: Book): EpubResource[] {
  const images = new Map(book.articles.flatMap((article) => article.images ?? []).map((image) => [image.href, image]))
  return [...images.values()].map(imageResource)
}

function bookMeta(book: Book): ArticleMeta {
  return {
    title: book.title,
    subtitle: book.subtitle,
    bylines: book.editors,
    date: book.date,
    lang: book.lang,
    dir: book.dir,
    publisher: book.publisher,
    rights: book.rights,
    identifier: book.identifier
  }
}
