/**
 * Markdown front matter: the YAML block between `---` fences at the very top
 * of a file. It is found here, in the load stage, and checked by the same
 * schema as a `.meta.yaml` sidecar, so both reach the pipeline one way.
 *
 * The fences follow micromark-extension-frontmatter (which remark-parse uses
 * to skip the block): `---` alone on the first line, closed by `---` alone
 * on a later line. Anything else at the top is not front matter.
 */
import type {VFile} from 'vfile'
import {report} from '../messages.ts'
import {parseMeta, type MetaInput} from '../schema/meta.ts'

export interface FrontMatter {
  /** The YAML between the fences. */
  readonly yaml: string
  /** Lines above the YAML (the opening fence), to place problems in the Markdown file. */
  readonly lineOffset: number
}

const OPEN = /^---[ \t]*\r?\n/
const CLOSE = /^---[ \t]*\r?$/m

/**
 * Read the front matter of a Markdown file into checked metadata. Problems
 * are fatal messages on `file` at their line and column; they give `undefined`.
 */
export function readFrontMatter(file: VFile): MetaInput | undefined {
  const found = findFrontMatter(String(file))
  if (found === undefined) return {}
  if (found === 'unclosed') {
    report(file, 'bad-metadata', 'front matter opened by `---` on line 1 is never closed; end it with a line of `---`', {place: {line: 1, column: 1}})
    return undefined
  }
  const result = parseMeta(found.yaml, found.lineOffset)
  if (result.ok) return result.meta
  for (const problem of result.problems) report(file, 'bad-metadata', problem.reason, {place: {line: problem.line, column: problem.column}})
  return undefined
}

/** The front matter block, `'unclosed'` for an opening fence alone, or `undefined` when there is none. */
export function findFrontMatter(text: string): FrontMatter | 'unclosed' | undefined {
  const open = OPEN.exec(text)
  if (!open) return undefined
  const rest = text.slice(open[0].length)
  // An empty block closes at once.
  const close = CLOSE.exec(rest)
  if (!close) return 'unclosed'
  return {yaml: rest.slice(0, close.index), lineOffset: 1}
}
