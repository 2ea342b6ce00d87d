/**
 * Markdown front matter: the block at the very top of a file, in YAML
 * between `---` fences (Jekyll, Eleventy, Astro, Hugo; pandoc may close it
 * with `...`) or in TOML between `+++` fences (Hugo). It is found here, in
 * the load stage, and checked by the same schema as a `.meta.yaml`
 * sidecar, so both reach the pipeline one way.
 *
 * The fences follow micromark-extension-frontmatter, which remark-parse
 * uses to skip the block: the opening fence alone on the first line, closed
 * by the first closing fence alone on a later line. Anything else at the top
 * is not front matter. parse-markdown.ts gives remark the one pair found
 * here, so the two agree on where the block ends even when a `---` rule or
 * a line of `...` follows it.
 */
import type {VFile} from 'vfile'
import {report} from '../messages.ts'
import {parseMeta, parseTomlMeta, type MetaInput} from '../schema/meta.ts'

export type FrontMatterSyntax = 'yaml' | 'toml'

export interface FrontMatter {
  readonly syntax: FrontMatterSyntax
  /** The text between the fences. */
  readonly text: string
  /** The fences that open and close it. */
  readonly open: string
  readonly close: string
  /** Lines above the text (the opening fence), to place problems in the Markdown file. */
  readonly lineOffset: number
}

const FENCES = [
  {syntax: 'yaml', open: '---', close: ['---', '...']},
  {syntax: 'toml', open: '+++', close: ['+++']}
] as const satisfies ReadonlyArray<{syntax: FrontMatterSyntax; open: string; close: readonly string[]}>

export interface FrontMatterOptions {
  /** `--strict`: a field imprint does not read is an error. */
  readonly strict?: boolean
  /** The `yaml-aliases` limit (src/limits.ts). */
  readonly maxAliases?: number
}

/**
 * Read the front matter of a Markdown file into checked metadata. Problems
 * are messages on `file` at their line and column; an error gives `undefined`.
 */
export function readFrontMatter(file: VFile, options: FrontMatterOptions = {}): MetaInput | undefined {
  const found = findFrontMatter(String(file))
  if (found === undefined) return {}
  if ('unclosed' in found) {
    report(file, 'bad-metadata', `front matter opened by \`${found.unclosed}\` on line 1 is never closed; end it with a line of \`${found.unclosed}\``, {
      place: {line: 1, column: 1}
    })
    return undefined
  }
  const parse = found.syntax === 'toml' ? parseTomlMeta : parseMeta
  const result = parse(found.text, {lineOffset: found.lineOffset, strict: options.strict, maxAliases: options.maxAliases})
  for (const problem of result.problems) report(file, problem.ruleId, problem.reason, {place: {line: problem.line, column: problem.column}})
  return result.meta
}

/** The front matter block, the opening fence of one never closed, or `undefined` when there is none. */
export function findFrontMatter(text: string): FrontMatter | {readonly unclosed: string} | undefined {
  for (const fence of FENCES) {
    const open = new RegExp(`^${escape(fence.open)}[ \\t]*\\r?\\n`).exec(text)
    if (!open) continue
    const rest = text.slice(open[0].length)
    // An empty block closes at once.
    const close = new RegExp(`^(${fence.close.map(escape).join('|')})[ \\t]*\\r?$`, 'm').exec(rest)
    if (!close) return {unclosed: fence.open}
    return {syntax: fence.syntax, text: rest.slice(0, close.index), open: fence.open, close: close[1]!, lineOffset: 1}
  }
  return undefined
}

function escape(fence: string): string {
  return fence.replace(/[.+]/g, '\\$&')
}
