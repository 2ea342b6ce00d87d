/**
 * load: the build's inputs (files and folders) -> one Source per article,
 * in path order. An input that cannot be read, a linked source in a folder
 * and two sources that would write the same files each get a message on
 * their own file; the others load.
 */
import path from 'node:path'
import {VFile} from 'vfile'
import {report} from '../messages.ts'
import {DEFAULT_LIMITS, type Limits} from '../limits.ts'
import {findSources, loadSource, type Source} from './load.ts'

export async function loadSources(inputs: readonly string[], limits: Limits = DEFAULT_LIMITS): Promise<Source[]> {
  const paths: string[] = []
  const missing: Source[] = []
  // A linked source in a folder is left out, with a warning: the editor may have meant it.
  const skipLink = (file: string) => {
    const source: Source = {file: new VFile({path: file}), format: 'text', slug: '', root: '', meta: {}, ok: false}
    report(source.file, 'linked-source', 'not read: a symbolic link in a content folder is not followed; copy the file in, or name it on the command line')
    missing.push(source)
  }
  for (const input of inputs) {
    try {
      paths.push(...(await findSources([input], skipLink)))
    } catch (error) {
      const file = new VFile({path: path.resolve(input)})
      report(file, 'missing-input', `cannot read input: ${(error as NodeJS.ErrnoException).code ?? error}`)
      missing.push({file, format: 'text', slug: '', root: '', meta: {}, ok: false})
    }
  }
  const sources = [...missing, ...(await Promise.all([...new Set(paths)].map((file) => loadSource(file, limits))))]
  rejectDuplicateSlugs(sources)
  return sources
}

function rejectDuplicateSlugs(sources: readonly Source[]): void {
  const seen = new Map<string, Source>()
  for (const source of sources) {
    if (!source.ok) continue
    const first = seen.get(source.slug)
    if (!first) {
      seen.set(source.slug, source)
      continue
    }
    report(source.file, 'duplicate-slug', `duplicate slug \`${source.slug}\`: ${first.file.path} already writes ${source.slug}.*; rename one of them`)
  }
}
