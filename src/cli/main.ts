/**
 * The command line. The only module that prints or sets the exit code.
 *
 *   imprint build [paths…] [--out DIR] [--format html,pdf,epub] [--paper a4|letter|a5]
 *
 * Exit codes: 0 success; 1 an input failed (the others still built);
 * 2 usage error.
 */
import path from 'node:path'
import {parseArgs} from 'node:util'
import type {VFile} from 'vfile'
import {FORMATS, PAPERS, type Format, type Paper} from '../article.ts'
import {build} from '../build/build.ts'
import {IMPRINT_VERSION} from '../version.ts'
import {cleanUpSync} from '../formats/pdf/interrupt.ts'
import {removePendingSync} from '../build/write-atomic.ts'
import {jsonSummary, ProgressDisplay} from './report.ts'
import {findBookConfig} from '../books/config.ts'
import {formatSize} from '../load/load.ts'
import {parseShard, type Shard} from '../build/shard.ts'

const HELP = `imprint: articles to an HTML page, a PDF handout and an EPUB

Usage:
  imprint build [paths…] [options]

Paths are files or folders (default: content/). Each source writes
<slug>.html, <slug>.pdf and <slug>.epub, where the slug is its file name
without the extension, plus index.html listing them all.

Options:
  --out DIR           output folder (default: dist/)
  --format LIST       comma-separated: html,pdf,epub (default: all three)
  --paper SIZE        a4, letter or a5 (default: a4)
  --book TITLE        also collect every article, in path order, into
                      <slug-of-title>.epub and .pdf (may be repeated)
  -c, --config PATH   books from a config file (default: imprint.config.yaml,
                      .yml or .json in the working folder, when there is one)
  --booklet           also write <slug>-booklet.pdf, imposed two pages per
                      landscape sheet side for saddle-stitch folding (books too)
  --timeout SECONDS   deadline for printing one PDF page, launch included
                      (default: 60); a crash or a hang is retried once in a
                      fresh browser, then that article fails
  --browser PATH      Chrome or Chromium to print with
                      (default: PUPPETEER_EXECUTABLE_PATH, Puppeteer's cache,
                      then /usr/bin/chromium and other usual places)
  --browser-ws-endpoint URL
                      print in a running browser (browserless, a pool,
                      chromium --remote-debugging-port) instead of launching one
  --cache-dir DIR     build cache (default: node_modules/.cache/imprint)
  --no-cache          build everything; read and write no cache
  --shard I/N         build only part I of N of the articles (stable by slug),
                      and no index; assemble with --books-only
  --books-only        write no article outputs: the index (and books) from the
                      outputs already in --out, such as the shards' outputs
  --json              print a summary as JSON on stdout: outputs, sizes,
                      timings and messages
  --allow-remote      fetch http(s) images named by the sources (default:
                      offline; remote images are left out with a warning);
                      never file: URLs outside the source's folder
  -q, --quiet         print errors only
  --verbose           also print notes (dropped page chrome and the like)
  -h, --help          show this help
  -v, --version       show the version

Exit codes: 0 built; 1 an input failed (the others were still built);
2 the command line was wrong.
`

class UsageError extends Error {}

export async function main(argv: readonly string[]): Promise<number> {
  let command: ReturnType<typeof parseCommand>
  try {
    command = parseCommand(argv)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    process.stderr.write(`imprint: ${reason}\nRun \`imprint --help\` for usage.\n`)
    return 2
  }

  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP)
      return 0
    case 'version':
      process.stdout.write(IMPRINT_VERSION + '\n')
      return 0
    case 'build':
      return runBuild(command)
  }
}

type Verbosity = 'quiet' | 'normal' | 'verbose'

type Command =
  | {kind: 'help'}
  | {kind: 'version'}
  | {
      kind: 'build'
      inputs: string[]
      outDir: string
      formats: Format[]
      paper: Paper
      browserPath?: string
      booklet: boolean
      allowRemote: boolean
      wsEndpoint?: string
      cacheDir?: string
      noCache: boolean
      shard?: Shard
      booksOnly: boolean
      books: {config?: string; titles: string[]}
      json: boolean
      timeoutMs?: number
      verbosity: Verbosity
    }

function parseCommand(argv: readonly string[]): Command {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: {type: 'string', short: 'o'},
        format: {type: 'string', short: 'f'},
        paper: {type: 'string'},
        browser: {type: 'string'},
        booklet: {type: 'boolean'},
        'browser-ws-endpoint': {type: 'string'},
        'cache-dir': {type: 'string'},
        'no-cache': {type: 'boolean'},
        shard: {type: 'string'},
        'books-only': {type: 'boolean'},
        book: {type: 'string', multiple: true},
        config: {type: 'string', short: 'c'},
        json: {type: 'boolean'},
        timeout: {type: 'string'},
        'allow-remote': {type: 'boolean'},
        quiet: {type: 'boolean', short: 'q'},
        verbose: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'}
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0])
  }
  const {values, positionals} = parsed
  if (values.help) return {kind: 'help'}
  if (values.version) return {kind: 'version'}

  const [name, ...inputs] = positionals
  if (name === undefined) return {kind: 'help'}
  if (name !== 'build') throw new UsageError(`unknown command \`${name}\`; the command is \`build\``)

  const formats = (values.format ?? FORMATS.join(',')).split(',').map((item) => item.trim().toLowerCase())
  for (const format of formats) {
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format \`${format}\`; use ${FORMATS.join(', ')}`)
    }
  }
  const paper = (values.paper ?? 'a4').toLowerCase()
  if (!(PAPERS as readonly string[]).includes(paper)) {
    throw new UsageError(`unknown paper \`${values.paper}\`; use ${PAPERS.join(', ')}`)
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout)
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new UsageError(`--timeout takes a number of seconds above 0, not \`${values.timeout}\``)
  }
  return {
    kind: 'build',
    inputs: inputs.length > 0 ? inputs : ['content'],
    outDir: values.out ?? 'dist',
    formats: [...new Set(formats)] as Format[],
    paper: paper as Paper,
    browserPath: values.browser,
    booklet: values.booklet === true,
    wsEndpoint: values['browser-ws-endpoint'],
    cacheDir: values['cache-dir'],
    noCache: values['no-cache'] ?? false,
    shard: values.shard === undefined ? undefined : parseShardOption(values.shard),
    booksOnly: values['books-only'] ?? false,
    // A config in the working folder is used unless --config names another.
    books: {config: values.config ?? findBookConfig(process.cwd()), titles: values.book ?? []},
    json: values.json ?? false,
    timeoutMs: timeout === undefined ? undefined : Math.round(timeout * 1000),
    allowRemote: values['allow-remote'] ?? false,
    verbosity: values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal'
  }
}

function parseShardOption(text: string): Shard {
  try {
    return parseShard(text)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

async function runBuild(command: Extract<Command, {kind: 'build'}>): Promise<number> {
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
    return 1
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
    return 1
  }
  return result.failed ? 1 : 0
}

/** A progress line only for a person watching: a terminal, not CI, not --quiet or --json. */
function showsProgress(command: Extract<Command, {kind: 'build'}>): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI && command.verbosity !== 'quiet' && !command.json
}

/**
 * `file:line:col  error|warning|note  reason  rule`, the vfile-reporter
 * shape. vfile marks errors `fatal: true`, warnings `false`, notes unset.
 */
function report(file: VFile, verbosity: Verbosity): void {
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

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}

