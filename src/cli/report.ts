/**
 * What the CLI shows besides messages: the progress line on a terminal and
 * the `--json` summary. Part of the CLI: the display writes only to the
 * stream run-build.ts hands it.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import type {BuildResult, Output, Progress} from '../build/build.ts'
import type {Verbosity} from './options.ts'

/** One line, redrawn in place: articles (or pages) done of the total, the last one, the time left. */
export class ProgressDisplay {
  readonly #stream: NodeJS.WriteStream
  readonly #unit: string
  readonly #start = performance.now()
  #shown = false
  #last = 0

  constructor(stream: NodeJS.WriteStream, unit = 'articles') {
    this.#stream = stream
    this.#unit = unit
  }

  update(progress: Progress): void {
    const now = performance.now()
    // Ten redraws a second are plenty, and a thousand articles would flicker.
    if (progress.done < progress.total && now - this.#last < 100) return
    this.#last = now
    if (progress.total === 0) return
    const elapsed = now - this.#start
    const left = progress.done > 0 ? (elapsed / progress.done) * (progress.total - progress.done) : undefined
    const width = progress.total.toString().length
    const parts = [
      `imprint: ${progress.done.toString().padStart(width)}/${progress.total} ${this.#unit}`,
      progress.current ?? '',
      left === undefined ? '' : `${formatDuration(left)} left`
    ].filter((part) => part !== '')
    const columns = this.#stream.columns || 80
    this.#stream.write('\r\x1b[K' + parts.join('  ').slice(0, columns - 1))
    this.#shown = true
  }

  /** Remove the line, so the report that follows starts clean. */
  clear(): void {
    if (this.#shown) this.#stream.write('\r\x1b[K')
    this.#shown = false
  }
}

function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
}

export interface JsonMessage {
  readonly file: string
  readonly line?: number
  readonly column?: number
  readonly severity: 'error' | 'warning' | 'note'
  readonly reason: string
  readonly ruleId?: string
}

export interface JsonOutput {
  readonly format: Output['format']
  readonly path: string
  readonly bytes: number
  readonly state: Output['state']
}

export interface JsonSummary {
  readonly ok: boolean
  readonly articles: ReadonlyArray<{
    readonly source: string
    readonly slug: string
    readonly title?: string
    readonly outputs: readonly JsonOutput[]
    readonly messages: readonly JsonMessage[]
  }>
  readonly outputs: readonly JsonOutput[]
  readonly timings: Readonly<Record<string, number>>
  /** Worker threads used for parsing, pages and EPUBs. */
  readonly workers: number
  readonly messages: readonly JsonMessage[]
}

/** The build as data for scripts; paths through `show`, as the text report prints them. */
export function jsonSummary(result: BuildResult, show: (file: string) => string): JsonSummary {
  const output = (item: Output): JsonOutput => ({format: item.format, path: show(item.path), bytes: item.bytes, state: item.state})
  const articles = result.articles.map((article) => ({
    source: show(article.file.path),
    slug: article.slug,
    ...(article.title === undefined ? {} : {title: article.title}),
    outputs: article.outputs.map(output),
    messages: messagesOf(article.file, show)
  }))
  return {
    ok: !result.failed && result.found > 0,
    articles,
    outputs: [
      ...articles.flatMap((article) => article.outputs),
      ...result.books.flatMap((book) => book.outputs.map(output)),
      ...result.site.map(output)
    ],
    timings: result.timings,
    workers: result.workers,
    messages: [...articles.flatMap((article) => article.messages), ...[...new Set(result.books.map((book) => book.file))].flatMap((file) => messagesOf(file, show))]
  }
}

export function messagesOf(file: VFile, show: (file: string) => string): JsonMessage[] {
  return file.messages.map((message) => ({
    file: show(message.file || file.path),
    ...(message.line ? {line: message.line, column: message.column ?? 1} : {}),
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'note',
    reason: message.reason,
    ...(message.ruleId ? {ruleId: message.ruleId} : {})
  }))
}

/**
 * A file's messages as lines in the vfile-reporter shape,
 * `file:line:col  error|warning|note  reason  rule`, as many as `verbosity`
 * shows. vfile marks errors `fatal: true`, warnings `false`, notes unset.
 */
export function messageLines(file: VFile, verbosity: Verbosity): string[] {
  const lines: string[] = []
  for (const message of file.messages) {
    const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'note'
    if (severity === 'note' && verbosity !== 'verbose') continue
    if (severity === 'warning' && verbosity === 'quiet') continue
    const where = relative(message.file || file.path)
    const place = message.line ? `:${message.line}:${message.column ?? 1}` : ''
    const rule = message.ruleId ? `  ${message.ruleId}` : ''
    lines.push(`${where}${place}  ${severity}  ${message.reason}${rule}`)
  }
  return lines
}

/** A path as the person typed it, relative to the working folder when it is inside it; a URL as it is. */
export function relative(file: string): string {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(file)) return file
  const rel = path.relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}
