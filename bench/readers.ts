/**
 * The readers' benchmark: every page of the real-page corpus through load ->
 * parse -> normalize, in this process, with no browser. The goal is the
 * whole corpus (43 pages, 11 MB) in at most 5 s on the 2-core CI machine.
 * It also measures the same pages as pasted text (test/corpus/pasted-measure.ts):
 * titles right, median word precision and recall, pages prepared.
 * bench/run.ts prints the figure; `node --import tsx bench/readers.ts DIR`
 * runs it alone.
 */
import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {loadSource} from '../src/load/load.ts'
import {normalize} from '../src/normalize/normalize.ts'
import {parseHtml} from '../src/readers/parse-html.ts'
import {EXPECTED_DIR, PASTED_DIR, SYNTHETIC} from '../test/corpus/pasted-corpus.ts'
import {measurePasted, summarize, type Summary} from '../test/corpus/pasted-measure.ts'

const RUNS = 3

export interface ReadersFigure {
  readonly files: number
  readonly bytes: number
  /** Median wall time of the runs, in milliseconds. */
  readonly ms: number
  /** The same pages as pasted text, over the news and blog pages: titles right, median word precision and recall, pages prepared. */
  readonly pasted: Summary
}

export async function benchReaders(corpusDir: string): Promise<ReadersFigure> {
  const files = await findPages(corpusDir)
  if (files.length === 0) throw new Error(`no source.html pages under ${corpusDir}`)
  let bytes = 0
  for (const file of files) bytes += (await stat(file)).size

  const times: number[] = []
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now()
    for (const file of files) await readOne(file)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const names = files.map((file) => path.basename(path.dirname(file)))
  const pasted = await measurePasted({corpus: corpusDir, pasted: PASTED_DIR, expected: EXPECTED_DIR}, names)
  return {
    files: files.length,
    bytes,
    ms: Math.round(times[Math.floor(times.length / 2)]!),
    pasted: summarize(pasted.filter((page) => !SYNTHETIC.has(page.name)))
  }
}

/** What build's prepare() does for one HTML source. */
async function readOne(file: string): Promise<void> {
  const source = await loadSource(file)
  if (!source.ok) throw new Error(`${file} did not load: ${source.file.messages.map(String).join('; ')}`)
  const {tree, meta} = parseHtml(source.file, source.meta)
  normalize({tree, file: source.file, slug: source.slug, meta})
}

async function findPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {withFileTypes: true})
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(dir, entry.name, 'source.html'))
    .sort()
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = path.resolve(process.argv[2] ?? process.env.IMPRINT_CORPUS ?? '../shared/corpus/web-pages')
  const figure = await benchReaders(dir)
  process.stdout.write(
    `readers: ${figure.files} pages, ${(figure.bytes / 1024 / 1024).toFixed(1)} MB, load -> parse -> normalize in ${figure.ms} ms (median of ${RUNS})\n` +
      `pasted text: ${JSON.stringify(figure.pasted)}\n`
  )
}
