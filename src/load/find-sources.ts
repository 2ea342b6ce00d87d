/**
 * The input scan: files and folders named on the command line -> the
 * source files to build, in path order.
 *
 * A content folder is often the project folder too (`imprint build .`), so
 * the scan leaves out what is not content: the build's own output and cache
 * folders, any folder an earlier imprint build wrote (its `index.html` says
 * so), `node_modules`, hidden files and folders (`.git`, an editor's
 * `.#draft.md`), and the `<page>_files` folder a browser saves beside
 * `<page>.html`. Nothing that could be an article is skipped in silence: a
 * linked source and a document imprint does not read are each handed to
 * `onSkipped`.
 */
import {open, readdir, stat} from 'node:fs/promises'
import path from 'node:path'
import {formatOf} from './load.ts'

export type SkipReason = 'link' | 'unread'

export interface FindOptions {
  /** Folders that are never content: the output folder, the cache (absolute). */
  readonly skip?: readonly string[]
  /** Hears of each file that looks like an article and is not read, and why. */
  readonly onSkipped?: (file: string, why: SkipReason) => void
}

/**
 * Documents people write articles in that imprint has no reader for. Other
 * files in a content folder (images, styles, metadata, a book config, a
 * README's neighbours) are the articles' companions, not articles.
 */
const UNREAD_DOCUMENTS = new Set([
  '.mdx', '.markdoc', '.rmd', '.qmd', '.ipynb', '.rst', '.adoc', '.asciidoc', '.org', '.textile', '.tex', '.typ',
  '.docx', '.doc', '.docm', '.dotx', '.odt', '.fodt', '.rtf', '.pages', '.wpd',
  '.pdf', '.epub', '.mobi', '.azw', '.azw3', '.fb2', '.djvu',
  '.mhtml', '.mht', '.webarchive'
])

/**
 * Expand files and folders into source file paths, sorted for stable
 * output. A folder's symbolic links are not followed (one could point
 * anywhere on the machine).
 */
export async function findSources(inputs: readonly string[], options: FindOptions = {}): Promise<string[]> {
  const skip = new Set((options.skip ?? []).map((folder) => path.resolve(folder)))
  const found = new Set<string>()
  for (const input of inputs) {
    const absolute = path.resolve(input)
    const info = await stat(absolute)
    if (info.isDirectory()) await walk(absolute, skip, found, options.onSkipped)
    else found.add(absolute)
  }
  return [...found].sort()
}

async function walk(folder: string, skip: ReadonlySet<string>, found: Set<string>, onSkipped: FindOptions['onSkipped']): Promise<void> {
  const entries = await readdir(folder, {withFileTypes: true})
  const names = new Set(entries.map((entry) => entry.name.toLowerCase()))
  for (const entry of entries) {
    const file = path.join(folder, entry.name)
    if (entry.name.startsWith('.')) continue
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || skip.has(file) || isSavedPageFolder(entry.name, names)) continue
      if (await isImprintOutput(file)) continue
      await walk(file, skip, found, onSkipped)
      continue
    }
    const extension = path.extname(entry.name).toLowerCase()
    if (entry.isSymbolicLink()) {
      if (formatOf(file)) onSkipped?.(file, 'link')
      continue
    }
    if (!entry.isFile()) continue
    if (formatOf(file)) found.add(file)
    else if (UNREAD_DOCUMENTS.has(extension)) onSkipped?.(file, 'unread')
  }
}

/** `story_files/` beside `story.html`: the page's images and scripts as a browser saved them. */
function isSavedPageFolder(name: string, siblings: ReadonlySet<string>): boolean {
  const page = /^(.+)_files$/i.exec(name)?.[1]?.toLowerCase()
  return page !== undefined && ['.html', '.htm', '.xhtml'].some((extension) => siblings.has(page + extension))
}

// The generator tag every page imprint writes carries (templates/*.html).
const GENERATOR = /<meta\s+name="generator"\s+content="imprint"/i

/** A folder an imprint build wrote into: its `index.html` is imprint's. */
async function isImprintOutput(folder: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path.join(folder, 'index.html'))
  } catch {
    return false
  }
  try {
    const head = Buffer.alloc(2048)
    const {bytesRead} = await handle.read(head, 0, head.length, 0)
    return GENERATOR.test(head.subarray(0, bytesRead).toString('utf8'))
  } finally {
    await handle.close()
  }
}
