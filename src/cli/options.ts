/**
 * The command line, written once: each command's operands and options as
 * the entries of a valibot object schema. An entry's key is the long flag
 * (`out` is `--out`); its schema gives the value's type, its default and
 * the message for a wrong one; `v.description` says what it does; and
 * `v.metadata` carries what valibot has no word for: the short alias, the
 * value's placeholder, whether it repeats.
 *
 * From this one definition come commander's parser (program.ts), `--help`,
 * docs/cli.md (cli-docs.ts), "did you mean" (commander suggests from the
 * flags it was given), and the type of the parsed options (`BuildFlags`).
 *
 * Why schemas carrying metadata, and not a plain table with a schema
 * derived from it: a `v.object` of literal entries keeps each entry's type
 * as written, so the parsed options are typed with no mapped type and no
 * cast, and the defaults and error messages stay where valibot already
 * puts them. The table would have to repeat all three.
 */
import * as v from 'valibot'
import {FORMATS} from '../article.ts'
import {PAPER_SPELLINGS, parsePaper} from '../paper.ts'
import {CONFIG_NAMES, findBookConfig} from '../books/config-file.ts'
import {DEFAULT_TIMEOUT_MS} from '../formats/pdf/deadline.ts'
import {DEFAULT_CACHE_DIR} from '../build/cache.ts'
import {parseShard} from '../build/shard.ts'
import {FETCH_LIMITS} from '../fetch/limits.ts'
import {off, operands, option, verbosityOf, type Spelling} from './entry.ts'
import {FETCH_ENTRIES, FETCH_SAFETY, toFetchFlags} from './fetch-options.ts'
import {INIT_ENTRIES, LISTEN, SERVE_ENTRIES, toListen, toServeFlags} from './serve-options.ts'
import {DEFAULT_EPUB_FONTS, DEFAULT_IMAGE_MAX, EPUB_FONT_MODES} from '../formats/screen.ts'
import {LIMITS, limitsOf, parseLimit} from '../limits.ts'

export type {Spelling} from './entry.ts'


const formatList = v.pipe(
  v.string(),
  v.transform((text) => text.split(',').map((item) => item.trim().toLowerCase())),
  v.array(v.picklist(FORMATS, (issue) => `unknown format \`${String(issue.input)}\`; use ${FORMATS.join(', ')}`)),
  v.transform((formats) => [...new Set(formats)])
)

const paper = v.pipe(
  v.string(),
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    try {
      return parsePaper(dataset.value)
    } catch (error) {
      addIssue({message: (error as Error).message})
      return NEVER
    }
  })
)

/** Seconds on the command line, milliseconds after it. */
const timeout = v.pipe(
  v.string(),
  v.check(
    (text) => Number.isFinite(Number(text)) && Number(text) > 0,
    (issue) => `--timeout takes a number of seconds above 0, not \`${String(issue.input)}\``
  ),
  v.transform((text) => Math.round(Number(text) * 1000))
)

const shard = v.pipe(
  v.string(),
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    try {
      return parseShard(dataset.value)
    } catch (error) {
      addIssue({message: (error as Error).message})
      return NEVER
    }
  })
)

/** `NAME=VALUE` pairs, each checked as it is parsed, over the defaults. */
const limitList = v.pipe(
  v.array(v.string()),
  v.rawTransform(({dataset, addIssue, NEVER}) => {
    try {
      return limitsOf(dataset.value.map((text) => parseLimit(text)))
    } catch (error) {
      addIssue({message: (error as Error).message})
      return NEVER
    }
  })
)

/** A long side in pixels. */
const pixels = v.pipe(
  v.string(),
  v.check(
    (text) => /^\d+$/.test(text) && Number(text) >= 16,
    (issue) => `--image-max takes a number of pixels, at least 16, not \`${String(issue.input)}\``
  ),
  v.transform(Number)
)

/**
 * Options that more than one command takes are written once: `build` and
 * `dev` share `out` and what the build reads; `dev` and `serve` share
 * where they listen (LISTEN, in serve-options.ts).
 */
const SHARED = {
  out: option(v.optional(v.string(), 'dist'), 'output folder', {short: 'o', value: 'DIR'}),
  ...LISTEN
}

/** `imprint build`'s operands and options, in the order help lists them. */
const BUILD_ENTRIES = {
  paths: operands(v.optional(v.array(v.string()), ['content']), 'files or folders of articles'),
  out: SHARED.out,
  format: option(v.optional(formatList, FORMATS.join(',')), `formats to write, comma-separated: ${FORMATS.join(', ')}`, {
    short: 'f',
    value: 'LIST'
  }),
  paper: option(v.optional(paper, 'a4'), `paper size of the PDFs: ${PAPER_SPELLINGS}`, {value: 'SIZE'}),
  book: option(v.optional(v.array(v.string()), []), 'also collect every article, in path order, into <slug-of-title>.epub and .pdf', {
    value: 'TITLE',
    repeatable: true
  }),
  config: option(v.optional(v.string()), 'books from a config file', {
    short: 'c',
    value: 'PATH',
    shownDefault: `${CONFIG_NAMES.join(', ')} in the working folder, the first there is`
  }),
  booklet: option(
    off,
    'also write <slug>-booklet.pdf for saddle-stitch folding (books too): A5 pages two to a side of A4 sheets, or half-letter pages on Letter sheets for North American paper'
  ),
  // The printer applies the default, so that a build called from code gets it too.
  timeout: option(
    v.optional(timeout),
    'deadline for printing one PDF page, launch included; a crash or a hang is retried once in a fresh browser, then that article fails',
    {value: 'SECONDS', shownDefault: String(DEFAULT_TIMEOUT_MS / 1000)}
  ),
  browser: option(v.optional(v.string()), 'Chrome or Chromium to print with', {
    value: 'PATH',
    shownDefault: "PUPPETEER_EXECUTABLE_PATH, Puppeteer's cache, then /usr/bin/chromium and other usual places"
  }),
  'browser-ws-endpoint': option(
    v.optional(v.string()),
    'print in a running browser (browserless, a pool, chromium --remote-debugging-port) instead of launching one',
    {value: 'URL'}
  ),
  'cache-dir': option(v.optional(v.string()), 'build cache', {value: 'DIR', shownDefault: DEFAULT_CACHE_DIR}),
  'no-cache': option(off, 'build everything; read and write no cache'),
  shard: option(v.optional(shard), 'build only part I of N of the articles (stable by slug), and no index; assemble with --books-only', {
    value: 'I/N'
  }),
  'books-only': option(off, "write no article outputs: the index (and books) from the outputs already in --out, such as the shards' outputs"),
  json: option(off, 'print a summary as JSON on stdout: outputs, sizes, timings and messages'),
  'allow-remote': option(
    off,
    "fetch http(s) images named by the sources (default: offline; remote images are left out with a warning); never file: URLs outside the source's folder"
  ),
  // `imprint build URL…`: the URLs are fetched first (src/fetch/), as `imprint fetch` would.
  keep: option(off, 'keep the snapshots of the URLs given in content/, where `imprint fetch` puts them, instead of a temporary folder'),
  ...FETCH_SAFETY,
  limit: option(
    v.optional(limitList, []),
    `raise or lower a limit on the inputs, NAME=VALUE: ${Object.keys(LIMITS).join(', ')} (sizes take K, M or G; the defaults are under Limits in docs/cli.md)`,
    {value: 'NAME=VALUE', repeatable: true, shownDefault: 'see Limits in docs/cli.md'}
  ),
  strict: option(off, 'make a metadata or front-matter field imprint does not read an error (default: a warning, and the field is ignored)'),
  // The screen formats apply these defaults, so that a build called from code gets them too.
  'image-max': option(
    v.optional(pixels),
    'longest side, in pixels, of the images in EPUBs and web pages (larger ones are scaled down); PDFs keep full resolution',
    {value: 'PX', shownDefault: String(DEFAULT_IMAGE_MAX)}
  ),
  'epub-fonts': option(
    v.optional(v.picklist(EPUB_FONT_MODES, (issue) => `unknown --epub-fonts \`${String(issue.input)}\`; use ${EPUB_FONT_MODES.join(' or ')}`)),
    "fonts in the EPUBs: embed the bundled fonts (a subset), or none for the smallest file, set in the reader's own fonts",
    {value: 'MODE', shownDefault: DEFAULT_EPUB_FONTS}
  ),
  quiet: option(off, 'print errors only', {short: 'q'}),
  verbose: option(off, 'also print notes (dropped page chrome and the like)')
}

/** The command-line values in the shape `build()` takes (BuildOptions), plus how much to print. */
async function toBuildFlags(values: v.InferOutput<v.ObjectSchema<typeof BUILD_ENTRIES, undefined>>) {
  return {
    inputs: values.paths,
    outDir: values.out,
    formats: values.format,
    paper: values.paper,
    browserPath: values.browser,
    wsEndpoint: values['browser-ws-endpoint'],
    booklet: values.booklet,
    allowRemote: values['allow-remote'],
    imageMax: values['image-max'],
    epubFonts: values['epub-fonts'],
    cacheDir: values['cache-dir'],
    noCache: values['no-cache'],
    shard: values.shard,
    booksOnly: values['books-only'],
    strict: values.strict,
    // A config in the working folder is used unless --config names another.
    books: {config: values.config ?? findBookConfig(process.cwd()), titles: values.book},
    timeoutMs: values.timeout,
    limits: values.limit,
    json: values.json,
    verbosity: verbosityOf(values),
    /** For URLs among the paths: how they are fetched before the build. */
    fetch: {keep: values.keep, allowPrivate: values['allow-private'], ignoreRobots: values['ignore-robots']}
  }
}

/** `imprint dev`: what `build` reads, less what makes no sense while watching (shards, --json, no cache), and where to listen. */
const DEV_ENTRIES = {
  paths: BUILD_ENTRIES.paths,
  out: SHARED.out,
  format: BUILD_ENTRIES.format,
  paper: BUILD_ENTRIES.paper,
  book: BUILD_ENTRIES.book,
  config: BUILD_ENTRIES.config,
  booklet: BUILD_ENTRIES.booklet,
  timeout: BUILD_ENTRIES.timeout,
  browser: BUILD_ENTRIES.browser,
  'cache-dir': BUILD_ENTRIES['cache-dir'],
  'allow-remote': BUILD_ENTRIES['allow-remote'],
  'image-max': BUILD_ENTRIES['image-max'],
  'epub-fonts': BUILD_ENTRIES['epub-fonts'],
  limit: BUILD_ENTRIES.limit,
  strict: BUILD_ENTRIES.strict,
  port: SHARED.port,
  host: SHARED.host,
  lan: SHARED.lan,
  quiet: BUILD_ENTRIES.quiet,
  verbose: BUILD_ENTRIES.verbose
}

async function toDevFlags(values: v.InferOutput<v.ObjectSchema<typeof DEV_ENTRIES, undefined>>) {
  const {port, host, lan, ...build} = values
  const flags = await toBuildFlags({
    ...build,
    'browser-ws-endpoint': undefined,
    'no-cache': false,
    'books-only': false,
    shard: undefined,
    json: false,
    // dev watches files: URLs are `imprint fetch`'s.
    keep: false,
    'allow-private': false,
    'ignore-robots': false
  })
  return {...flags, listen: toListen({port, host, lan})}
}

/** Every command: what it does, its entries, and the schema that turns them into its options. */
export const COMMANDS = {
  build: {
    summary: 'write each article as an HTML page, a PDF handout and an EPUB, and a site listing them',
    description:
      'Each source writes <slug>.html, <slug>.pdf and <slug>.epub, where the slug is its file name ' +
      'without the extension, plus index.html and opds.xml listing them all.',
    entries: BUILD_ENTRIES,
    schema: v.pipeAsync(v.object(BUILD_ENTRIES), v.transformAsync(toBuildFlags))
  },
  fetch: {
    summary: 'bring pages and feeds in from the web, as snapshots in content/ that a build reads offline',
    description:
      'Each page becomes a folder <slug>/ holding source.html (the server\'s HTML), the images its article shows, and ' +
      'source.meta.yaml (its address, its canonical address, when it was fetched, its ETag and Last-Modified). ' +
      'A page fetched again is asked for only if it changed, and an unchanged one is left as it was. ' +
      `imprint names itself in its User-Agent, keeps robots.txt, follows at most ${FETCH_LIMITS.redirects} redirects, ` +
      `and refuses pages over ${FETCH_LIMITS.pageBytes / 2 ** 20} MB, images over ${FETCH_LIMITS.imageBytes / 2 ** 20} MB, and private addresses.`,
    entries: FETCH_ENTRIES,
    schema: v.pipe(v.object(FETCH_ENTRIES), v.transform(toFetchFlags))
  },
  dev: {
    summary: 'build, then rebuild on every change and preview the site in a browser that reloads by itself',
    description:
      'Watches the sources, their sidecars and images, the book config, and imprint\'s templates/ and styles/. ' +
      'A change rebuilds what it touches, through the same build and cache as `build`, in one browser that stays up. ' +
      'The preview adds its reload script and error overlay to the pages it serves; the files in --out stay what `build` writes.',
    entries: DEV_ENTRIES,
    schema: v.pipeAsync(v.object(DEV_ENTRIES), v.transformAsync(toDevFlags))
  },
  serve: {
    summary: 'serve an output folder read-only, to browsers, phones and e-reader apps (OPDS)',
    description:
      'Prints the address it listens on as its first line. Serves the files with their types, ranges and validators, ' +
      'the OPDS catalog with an OpenSearch search, and nothing outside the folder.',
    entries: SERVE_ENTRIES,
    schema: v.pipe(v.object(SERVE_ENTRIES), v.transform(toServeFlags))
  },
  init: {
    summary: 'make a new project: example content of each kind, a book config, and the scripts to build it',
    description: 'Writes package.json, imprint.config.yaml, .gitignore and content/; refuses to overwrite a file that is there, and names it.',
    entries: INIT_ENTRIES,
    schema: v.object(INIT_ENTRIES)
  }
}

export type CommandName = keyof typeof COMMANDS

/** What `imprint build …` asks for. */
export type BuildCommandLine = v.InferOutput<typeof COMMANDS.build.schema>

/** What of it `build()` reads: each field of BuildOptions that a flag sets. The rest is how to report, and how to fetch URLs first. */
export type BuildFlags = Omit<BuildCommandLine, 'json' | 'verbosity' | 'fetch'>

/** What `imprint fetch …` asks for. */
export type FetchCommandLine = v.InferOutput<typeof COMMANDS.fetch.schema>

export type DevCommandLine = v.InferOutput<typeof COMMANDS.dev.schema>
export type ServeCommandLine = v.InferOutput<typeof COMMANDS.serve.schema>
export type InitCommandLine = v.InferOutput<typeof COMMANDS.init.schema>

/** Where a server listens. */
export type Listen = ServeCommandLine['listen']


export type Verbosity = BuildCommandLine['verbosity']

/** The program itself: its name and the options every command takes. */
export const PROGRAM = {
  name: 'imprint',
  description: 'articles to an HTML page, a PDF handout and an EPUB, with their attribution kept word for word',
  entries: {
    help: option(off, 'show this help', {short: 'h'}),
    version: option(off, 'show the version', {short: 'v'})
  }
}

/** Exit codes, by what they mean. */
export const EXIT = {
  built: {code: 0, meaning: 'built; for `dev` and `serve`, stopped by Ctrl-C or SIGTERM'},
  failed: {code: 1, meaning: 'an input failed (the others were still built); for `dev` and `serve`, the server could not start; for `init`, a file was in the way'},
  usage: {code: 2, meaning: 'the command line was wrong'}
} as const

/** An entry as help and the docs show it. */
export interface EntryUsage {
  /** The entry's key: the long flag without dashes, or the operands' name. */
  readonly name: string
  readonly spelling: Spelling
  /** `-o, --out <DIR>`, or `[paths...]` for operands. */
  readonly flags: string
  readonly description: string
  /** The default as shown, if there is one to show. */
  readonly shownDefault?: string
}

/** How each entry of a command (or of the program) is written and what it means, in order. */
export function describeEntries(entries: Readonly<Record<string, v.GenericSchema>>): EntryUsage[] {
  return Object.entries(entries).map(([name, entry]) => {
    const spelling = v.getMetadata(entry) as Spelling
    const description = v.getDescription(entry)
    if (spelling.kind === undefined || description === undefined) {
      throw new TypeError(`the command-line entry \`${name}\` needs a description and a spelling: make it with option() or operands()`)
    }
    const shown = spelling.kind === 'option' && spelling.shownDefault !== undefined ? spelling.shownDefault : showDefault(entry)
    return {name, spelling, flags: flagsOf(name, spelling), description, ...(shown === undefined ? {} : {shownDefault: shown})}
  })
}

/** The description with its default, as one line of help. */
export function describeWithDefault(usage: EntryUsage): string {
  return usage.shownDefault === undefined ? usage.description : `${usage.description} (default: ${usage.shownDefault})`
}

function flagsOf(name: string, spelling: Spelling): string {
  if (spelling.kind !== 'option') return spelling.kind === 'operands' ? `[${name}...]` : `[${name}]`
  const short = spelling.short === undefined ? '' : `-${spelling.short}, `
  const value = spelling.value === undefined ? '' : ` <${spelling.value}>`
  return `${short}--${name}${value}`
}

/** A default worth showing: not a switch's `false`, not an empty list. */
function showDefault(entry: v.GenericSchema): string | undefined {
  const value: unknown = 'default' in entry ? entry.default : undefined
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.length > 0) return value.join(' ')
  return undefined
}
