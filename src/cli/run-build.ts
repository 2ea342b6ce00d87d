/**
 * `imprint build`: run the build, stop cleanly on a signal, and report
 * what it made and what it found. Loaded by main.ts only for a build.
 */
import path from 'node:path'
import type {VFile} from 'vfile'
import {build} from '../build/build.ts'
import {removePendingSync} from '../build/write-atomic.ts'
import {cleanUpSync} from '../formats/pdf/interrupt.ts'
import {formatSize} from '../load/load.ts'
import {EXIT, type BuildCommandLine, type Verbosity} from './options.ts'
import {jsonSummary, ProgressDisplay} from './report.ts'

export async function runBuild(command: BuildCommandLine): Promise<number> {
  const stop = (signal: NodeJS.Signals) => {
    // Half-written outputs, Chromium and its profile, the print documents.
    removePendingSync()
    cleanUpSync()
    // Again: an output file being created in the thread pool when the signal
    // came has appeared by now, while Chromium was being stopped.
    removePendingSync()
    process.stderr.write(`imprint: stopped by ${signal}\n`)
    process.exit(130)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)

  const display = showsProgress(command) ? new ProgressDisplay(process.stderr) : undefined
  let result
  try {
    result = await build({...command, onProgress: display ? (progress) => display.update(progress) : undefined})
  } catch (error) {
    display?.clear()
    process.stderr.write(`imprint: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failed.code
  } finally {
    display?.clear()
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }

  for (const article of result.articles) report(article.file, command.verbosity)
  for (const file of new Set(result.books.map((book) => book.file))) report(file, command.verbosity)
  if (command.json) {
    process.stdout.write(JSON.stringify(jsonSummary(result, relative), null, 2) + '\n')
  } else if (command.verbosity !== 'quiet') {
    for (const item of [...result.articles, ...result.books]) {
      for (const output of item.outputs) {
        process.stdout.write(`${relative(output.path)}  ${formatSize(output.bytes)}\n`)
      }
    }
    for (const output of result.site) process.stdout.write(`${relative(output.path)}  ${formatSize(output.bytes)}\n`)
  }
  if (result.found === 0) {
    process.stderr.write(`imprint: no sources found in ${command.inputs.join(', ')}\n`)
    return EXIT.failed.code
  }
  return result.failed ? EXIT.failed.code : EXIT.built.code
}

/** A progress line only for a person watching: a terminal, not CI, not --quiet or --json. */
function showsProgress(command: BuildCommandLine): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI && command.verbosity !== 'quiet' && !command.json
}

/**
 * `file:line:col  error|warning|note  reason  rule`, the vfile-reporter
 * shape. vfile marks errors `fatal: true`, warnings `false`, notes unset.
 */
export function report(file: VFile, verbosity: Verbosity): void {
  for (const message of file.messages) {
    const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'note'
    if (severity === 'note' && verbosity !== 'verbose') continue
    if (severity === 'warning' && verbosity === 'quiet') continue
    const where = relative(message.file || file.path)
    const place = message.line ? `:${message.line}:${message.column ?? 1}` : ''
    const rule = message.ruleId ? `  ${message.ruleId}` : ''
    process.stderr.write(`${where}${place}  ${severity}  ${message.reason}${rule}\n`)
  }
}

export function relative(file: string): string {
  const rel = path.relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}

