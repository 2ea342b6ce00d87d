/**
 * load: the build's inputs (files and folders) -> one Source per article,
 * in path order. An input that cannot be read, a web address, a linked
 * source or a document of another kind in a folder, and two sources that
 * would write the same files each get a message on their own file; the
 * others load.
 */
import path from 'node:path'
import {VFile} from 'vfile'
import {report, RULES} from '../messages.ts'
import {findSources, type SkipReason} from './find-sources.ts'
import {loadSource, type LoadOptions, type Source} from './load.ts'

export interface LoadSourcesOptions extends LoadOptions {
  /** Folders a folder scan never reads: the output folder and the cache. */
  readonly skip?: readonly string[]
}

// A scheme and `//`: `https://…`, `http://…`, `ftp://…`. A Windows drive (`C:\`) has neither.
const WEB_ADDRESS = /^[a-z][a-z\d+.-]+:\/\//i

export async function loadSources(inputs: readonly string[], options: LoadSourcesOptions = {}): Promise<Source[]> {
  const paths: string[] = []
  const unread: Source[] = []
  const onSkipped = (file: string, why: SkipReason) => {
    const source: Source = {file: new VFile({path: file}), format: 'text', slug: '', root: '', meta: {}, ok: false, skipped: true}
    if (why === 'link') {
      // A linked source in a folder is left out, with a warning: the editor may have meant it.
      report(source.file, 'linked-source', 'not read: a symbolic link in a content folder is not followed; copy the file in, or name it on the command line')
    } else {
      report(source.file, 'unread-file', `not read: imprint does not read ${path.extname(file).toLowerCase()} files; export it as Markdown, HTML or plain text`)
    }
    unread.push(source)
  }
  for (const input of inputs) {
    if (WEB_ADDRESS.test(input)) {
      const file = new VFile({path: input})
      report(file, 'url-input', `${input} is a web address, not a file: a build reads only local files. ${RULES['url-input'].fix}`)
      unread.push({file, format: 'text', slug: '', root: '', meta: {}, ok: false})
      continue
    }
    try {
      paths.push(...(await findSources([input], {skip: options.skip, onSkipped})))
    } catch (error) {
      const file = new VFile({path: path.resolve(input)})
      report(file, 'missing-input', `cannot read input: ${(error as NodeJS.ErrnoException).code ?? error}`)
      unread.push({file, format: 'text', slug: '', root: '', meta: {}, ok: false})
    }
  }
  const sources = [...unread, ...(await Promise.all([...new Set(paths)].map((file) => loadSource(file, options))))]
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
    report(source.file, 'duplicate-slug', `duplicate slug \`${source.slug}\`: ${first.file.path} already writes ${source.slug}.*; rename one of them, or give one a \`slug\` in its metadata`)
  }
}
