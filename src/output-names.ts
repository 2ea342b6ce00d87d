/**
 * The names of the site's files and of the files it links, kept apart from
 * the renderers so the build can check its cache without loading them.
 */

/** What an article may have in the output folder, by suffix after its slug. */
export const ARTICLE_FILES = ['.html', '.epub', '.pdf', '-booklet.pdf'] as const

/** What a book may have in the output folder, by suffix after its slug. */
export const BOOK_FILES = ['.epub', '.pdf', '-booklet.pdf', '-cover.png', '-cover.jpg'] as const

/** The site's own files: the index, the OPDS catalog and a page per book. */
export function siteFiles(bookSlugs: readonly string[]): string[] {
  return ['index.html', 'opds.xml', ...bookSlugs.map((slug) => `${slug}.html`)]
}
