/**
 * What the preview's overlay and the terminal show of a build: its errors,
 * each with its file, line and column, in the order of the sources.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import type {BuildResult} from '../build/build.ts'

export interface Problem {
  /** Relative to the working folder when inside it. */
  readonly file?: string
  readonly line?: number
  readonly column?: number
  readonly reason: string
  readonly rule?: string
}

/** The fatal messages of every source and book of a build. */
export function buildProblems(result: BuildResult): Problem[] {
  const files = [...result.articles.map((article) => article.file), ...new Set(result.books.map((book) => book.file))]
  return files.flatMap((file) => fileProblems(file))
}

/** A build that threw: the whole of it failed, with no file to name. */
export function crashProblem(error: unknown): Problem {
  return {reason: error instanceof Error ? error.message : String(error)}
}

function fileProblems(file: VFile): Problem[] {
  return file.messages
    .filter((message) => message.fatal === true)
    .map((message) => ({
      file: relative(message.file || file.path),
      ...(message.line ? {line: message.line, column: message.column ?? 1} : {}),
      reason: message.reason,
      ...(message.ruleId ? {rule: message.ruleId} : {})
    }))
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}
