/**
 * The name of every file a build writes into the output folder: the one
 * place they are made. The build, the cache check and the site all ask here,
 * so a file is never called one thing by its writer and another by its link.
 */
import type {Format} from './article.ts'

/** What an article may have in the output folder: a file per format, the PDF's booklet, and the EPUB's cover. */
export type ArticleFile = Format | 'booklet' | 'cover'

const ARTICLE_SUFFIXES: Readonly<Record<ArticleFile, string>> = {
  html: '.html',
  epub: '.epub',
  pdf: '.pdf',
  booklet: '-booklet.pdf',
  cover: '-cover.png'
}

/** In the order the site looks for them. */
export const ARTICLE_FILES: readonly ArticleFile[] = ['html', 'epub', 'pdf', 'booklet', 'cover']

export function articleFileName(slug: string, file: ArticleFile): string {
  return slug + ARTICLE_SUFFIXES[file]
}

/** What a book may have in the output folder. The cover goes with the EPUB or PDF that carries it. */
export type BookPart = 'cover' | 'epub' | 'pdf' | 'booklet'

/** The file name of a part; a user's JPEG cover is copied as `-cover.jpg`, every other cover is a PNG. */
export function bookFileName(slug: string, part: BookPart, userCover: string | undefined): string {
  switch (part) {
    case 'cover':
      return `${slug}-cover.${userCover && !/\.png$/i.test(userCover) ? 'jpg' : 'png'}`
    case 'epub':
      return `${slug}.epub`
    case 'pdf':
      return `${slug}.pdf`
    case 'booklet':
      return `${slug}-booklet.pdf`
  }
}

/** The download site's own files. */
export const INDEX_FILE = 'index.html'
export const CATALOG_FILE = 'opds.xml'

/** The catalog and its facets (a feed per language, per book): every OPDS feed a build writes. */
export function catalogFacetName(facet: {readonly language: string} | {readonly book: string}): string {
  return 'language' in facet ? `opds-language-${facet.language.toLowerCase()}.xml` : `opds-book-${facet.book}.xml`
}

export function isCatalogFile(name: string): boolean {
  return name === CATALOG_FILE || /^opds-(?:language|book)-[^/]+\.xml$/.test(name)
}

/** A book's download page. */
export function bookPageName(slug: string): string {
  return `${slug}.html`
}

/** Slugs no article or book may take: their files would overwrite the site's. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([INDEX_FILE, CATALOG_FILE].map((name) => name.replace(/\.[^.]+$/, '')))
