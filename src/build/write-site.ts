/**
 * site: the articles' listings and the build's output records -> the
 * download site (index.html, opds.xml, a page per book), keyed on what it
 * shows and rendered only when that changed. It lists the files the output
 * folder holds after the build: those the build made or kept, and those
 * that were there before (another format, another shard).
 */
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {ARTICLE_FILES, articleFileName, bookFileName, bookPageName, CATALOG_FILE, catalogFacetName, INDEX_FILE, isCatalogFile, type BookPart} from '../output-names.ts'
import type {Listing} from '../site/listing.ts'
import type {BuildCache, OutputState} from './cache.ts'
import type {Emitted} from './emit.ts'
import {hasFatal} from '../messages.ts'
import {writeOutput, type Output} from './outputs.ts'
import {buildable, type BuildPlan} from './plan.ts'

/** What a book may have in the output folder for the site: its downloads, then its cover as PNG or JPEG. */
const BOOK_FILES: ReadonlyArray<readonly [BookPart, string | undefined]> = [
  ['epub', undefined],
  ['pdf', undefined],
  ['booklet', undefined],
  ['cover', undefined],
  ['cover', 'cover.jpg']
]

export async function writeSite(plan: BuildPlan, emitted: Emitted, cache: BuildCache): Promise<Output[]> {
  const {outDir} = plan.settings
  const files = new Map(plan.present)
  const outputs = [...plan.articles.flatMap((article) => [...article.kept, ...(emitted.articles.get(article.source.file.path) ?? [])]), ...[...emitted.books.values()].flat()]
  for (const output of outputs) files.set(path.basename(output.path), output.bytes)
  const size = (name: string) => files.get(name) ?? null

  const listings = new Map<string, Listing>()
  for (const article of plan.articles) {
    if (!article.key || hasFatal(article.source.file)) continue
    const listing = emitted.listings.get(article.source.file.path) ?? article.cached?.entry.listing
    if (listing) listings.set(article.source.file.path, listing)
  }
  const listed = [...listings.values()]
  // A book is listed when there is a file of it to download: an HTML-only build writes none.
  const books = plan.books
    .filter((book) => buildable(book.planned))
    .map((book) => ({book, sizes: BOOK_FILES.map(([part, cover]) => size(bookFileName(book.planned.slug, part, cover)))}))
    .filter(({sizes}) => sizes.slice(0, 3).some((bytes) => bytes !== null))
  if (listed.length === 0 && books.length === 0) return []

  const shown = {
    site: plan.siteSpec ?? null,
    articles: listed.map((listing) => [listing, ARTICLE_FILES.map((file) => size(articleFileName(listing.slug, file)))]),
    books: books.map(({book, sizes}) => [{...book.planned.spec, file: undefined}, book.planned.selected.map((candidate) => candidate.slug), sizes])
  }
  const key = cache.key('site', JSON.stringify(shown))
  const names = [INDEX_FILE, ...catalogNames(listed, books.map(({book}) => ({slug: book.planned.slug, lang: book.planned.spec?.lang}))), ...books.map(({book}) => bookPageName(book.planned.slug))]
  const states = await Promise.all(names.map((name) => cache.check(cache.key(key, name), path.join(outDir, name))))
  if (!states.includes('miss')) {
    return Promise.all(
      names.map(async (name, at) => {
        const target = path.join(outDir, name)
        return {format: isCatalogFile(name) ? 'catalog' : 'index', path: target, bytes: (await stat(target)).size, state: states[at] as OutputState} as const
      })
    )
  }

  const [{renderSite}, {collectBook}] = await Promise.all([import('../site/render-site.ts'), import('../books/plan-books.ts')])
  const documents = renderSite({
    articles: listed,
    books: books.flatMap(({book}) => collectBook(book.planned, listings) ?? []),
    files,
    site: plan.siteSpec ?? {}
  })
  const written: Output[] = []
  // In order: the index comes last, once the pages it links exist.
  for (const document of documents) {
    const target = path.join(outDir, document.name)
    const documentKey = cache.key(key, document.name)
    // The page of a book nothing changed in reads the same: leave the file as it is.
    if (cache.enabled && (await readFile(target).catch(() => undefined))?.equals(Buffer.from(document.text))) {
      await cache.store(documentKey, target, document.text)
      written.push({format: document.format, path: target, bytes: Buffer.byteLength(document.text), state: 'unchanged'})
      continue
    }
    written.push(await writeOutput(document.format, target, document.text, documentKey, cache))
  }
  return written
}

/** The catalog's feeds, as site/catalog-feeds.ts names them: the catalog, a facet per language when there are two, one per book. */
function catalogNames(listed: readonly Listing[], books: ReadonlyArray<{slug: string; lang?: string}>): string[] {
  const languages = [...new Set([...listed.map((listing) => listing.meta.lang), ...books.flatMap((book) => book.lang ?? [])].map((lang) => lang.toLowerCase()))]
  return [CATALOG_FILE, ...(languages.length > 1 ? languages.map((language) => catalogFacetName({language})) : []), ...books.map((book) => catalogFacetName({book: book.slug}))]
}
