/**
 * Where the pasted-text corpus lives, and which of its pages the goals
 * count. The pages are the 43 of the web-page corpus beside the
 * repository; their pasted form (test/corpus/pasted/<name>.txt) is made by
 * make-pasted.ts, and what each page's article holds (expected/<name>.html,
 * Readability's own result for it) comes from the same Readability commit
 * as the corpus.
 */
import {readdir} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

export const PASTED_DIR = fileURLToPath(new URL('pasted/', import.meta.url))
export const EXPECTED_DIR = fileURLToPath(new URL('expected/', import.meta.url))

/**
 * Readability's small synthetic test pages: a few lines of Lorem ipsum or a
 * one-item list written to test one parser case. They carry no page chrome,
 * no headline on the page (their expected title is the `<title>`, which a
 * copy of the page never holds) and nothing a news page has, so the goals
 * leave them out; they are still built and measured.
 */
export const SYNTHETIC: ReadonlyMap<string, string> = new Map([
  ['ol', 'a 195-byte fragment: one list item, no title anywhere'],
  ['rtl-1', 'three Lorem ipsum paragraphs with dir="rtl"; the title is only in <title>'],
  ['comment-inside-script-parsing', 'Lorem ipsum with a script holding a comment; the title is only in <title>'],
  ['data-url-image', 'Lorem ipsum between data: images, titled "Document" in <title> alone']
])

/** The web-page corpus: the argument, IMPRINT_CORPUS, or ../shared/corpus/web-pages beside the repository. */
export function corpusDir(explicit?: string): string {
  return path.resolve(explicit ?? process.env.IMPRINT_CORPUS ?? path.join(REPO, '../shared/corpus/web-pages'))
}

/** The corpus's page names (its folders), sorted. */
export async function corpusPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {withFileTypes: true})
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}
