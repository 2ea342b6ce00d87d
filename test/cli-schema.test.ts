/**
 * The command line has one definition (src/cli/options.ts): these tests
 * fail when the parser, `--help` or docs/cli.md say anything else, or when
 * a flag stops doing what it did.
 */
import assert from 'node:assert/strict'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import type {BuildOptions} from '../src/build/build.ts'
import {CONFIG_NAMES} from '../src/books/config-file.ts'
import {CLI_DOCS_PATH, renderCliDocs} from '../src/cli/cli-docs.ts'
import {COMMANDS, describeEntries, describeWithDefault, PROGRAM, type BuildCommandLine, type EntryUsage} from '../src/cli/options.ts'
import {parseCommandLine, UsageError} from '../src/cli/program.ts'
import {DEFAULT_TIMEOUT_MS} from '../src/formats/pdf/deadline.ts'
import {DEFAULT_LIMITS} from '../src/limits.ts'
import {IMPRINT_VERSION} from '../src/version.ts'
import {imprint} from './helpers/imprint.ts'

type BuildEntry = keyof typeof COMMANDS.build.entries

/**
 * For each entry of `imprint build`: a value to give it and what the
 * parsed options then hold. A new entry fails the type check until it has one.
 */
const SAMPLES = {
  paths: {value: ['one.txt', 'more'], expect: {inputs: ['one.txt', 'more']}},
  out: {value: ['site'], expect: {outDir: 'site'}},
  format: {value: ['PDF, epub,pdf'], expect: {formats: ['pdf', 'epub']}},
  paper: {value: ['Letter'], expect: {paper: 'letter'}},
  book: {value: ['Spring Reader'], expect: {books: {config: undefined, titles: ['Spring Reader']}}},
  config: {value: ['books.yaml'], expect: {books: {config: 'books.yaml', titles: []}}},
  booklet: {value: [], expect: {booklet: true}},
  timeout: {value: ['2.5'], expect: {timeoutMs: 2500}},
  browser: {value: ['/opt/chrome'], expect: {browserPath: '/opt/chrome'}},
  'browser-ws-endpoint': {value: ['ws://127.0.0.1:9222/devtools/browser/x'], expect: {wsEndpoint: 'ws://127.0.0.1:9222/devtools/browser/x'}},
  'cache-dir': {value: ['.cache'], expect: {cacheDir: '.cache'}},
  'no-cache': {value: [], expect: {noCache: true}},
  shard: {value: ['2/3'], expect: {shard: {index: 2, count: 3}}},
  'books-only': {value: [], expect: {booksOnly: true}},
  json: {value: [], expect: {json: true}},
  'allow-remote': {value: [], expect: {allowRemote: true}},
  keep: {value: [], expect: {fetch: {keep: true, allowPrivate: false, ignoreRobots: false}}},
  'allow-private': {value: [], expect: {fetch: {keep: false, allowPrivate: true, ignoreRobots: false}}},
  'ignore-robots': {value: [], expect: {fetch: {keep: false, allowPrivate: false, ignoreRobots: true}}},
  limit: {value: ['image-pixels=2000'], expect: {limits: {...DEFAULT_LIMITS, 'image-pixels': 2000}}},
  strict: {value: [], expect: {strict: true}},
  'image-max': {value: ['800'], expect: {imageMax: 800}},
  'epub-fonts': {value: ['none'], expect: {epubFonts: 'none'}},
  quiet: {value: [], expect: {verbosity: 'quiet'}},
  verbose: {value: [], expect: {verbosity: 'verbose'}}
} satisfies Record<BuildEntry, {value: string[]; expect: Partial<BuildCommandLine>}>

const BUILD = describeEntries(COMMANDS.build.entries)

test('docs/cli.md is what options.ts makes (after changing an option, run `npm run docs:cli`)', async () => {
  assert.equal(await readFile(CLI_DOCS_PATH, 'utf8'), renderCliDocs())
})

test('`imprint build --help` shows every argument and option with its meaning and default', async () => {
  const help = await imprint(['build', '--help'])
  assert.equal(help.code, 0, help.stderr)
  const shown = squash(help.stdout)
  const [programHelp] = describeEntries(PROGRAM.entries)
  for (const usage of [...BUILD, programHelp!]) {
    assert.ok(shown.includes(squash(usage.flags)), `${usage.flags} is in the help`)
    assert.ok(shown.includes(squash(describeWithDefault(usage))), `the meaning of ${usage.flags} is in the help`)
  }
  assert.ok(shown.includes(squash(COMMANDS.build.description)))
})

test('`imprint --help` and bare `imprint` list the commands and the options of the program', async () => {
  const runs = [await imprint(['--help']), await imprint([])]
  for (const run of runs) {
    assert.equal(run.code, 0, run.stderr)
    const shown = squash(run.stdout)
    for (const [name, command] of Object.entries(COMMANDS)) assert.ok(shown.includes(`${name} [options]`) && shown.includes(squash(command.summary)), name)
    for (const usage of describeEntries(PROGRAM.entries)) assert.ok(shown.includes(`${usage.flags} ${usage.description}`), usage.flags)
    assert.match(run.stdout, /Exit codes:\n {2}0 {2}built.*\n {2}1 .*\n {2}2 {2}the command line was wrong/)
  }
  assert.equal(runs[0]!.stdout, runs[1]!.stdout)
})

test('every flag of the schema parses, in its long and its short spelling', async () => {
  assert.deepEqual(Object.keys(SAMPLES).sort(), BUILD.map((usage) => usage.name).sort())
  for (const usage of BUILD) {
    const sample = SAMPLES[usage.name as BuildEntry]
    for (const spelled of spellings(usage)) {
      const argv = usage.spelling.kind === 'operands' ? ['build', ...sample.value] : ['build', spelled, ...sample.value]
      const parsed = await parseBuild(argv)
      for (const [key, value] of Object.entries(sample.expect)) assert.deepEqual(parsed[key as keyof BuildCommandLine], value, argv.join(' '))
    }
  }
})

test('with no flags, build gets the defaults, in the shape build() takes', async () => {
  const parsed = await parseBuild(['build'])
  const options: BuildOptions = parsed
  assert.deepEqual(options, {
    inputs: ['content'],
    outDir: 'dist',
    formats: ['html', 'pdf', 'epub'],
    paper: 'a4',
    browserPath: undefined,
    wsEndpoint: undefined,
    booklet: false,
    allowRemote: false,
    imageMax: undefined,
    epubFonts: undefined,
    cacheDir: undefined,
    noCache: false,
    shard: undefined,
    booksOnly: false,
    strict: false,
    books: {config: undefined, titles: []},
    timeoutMs: undefined,
    limits: DEFAULT_LIMITS,
    json: false,
    verbosity: 'normal',
    fetch: {keep: false, allowPrivate: false, ignoreRobots: false}
  })
})

test('--limit repeats, takes sizes with a unit, and refuses an unknown name or a bad value', async () => {
  const parsed = await parseBuild(['build', '--limit', 'source-size=40M', '--limit', 'depth=800'])
  assert.deepEqual(parsed.limits, {...DEFAULT_LIMITS, 'source-size': 40 * 1024 * 1024, depth: 800})
  await assert.rejects(parseBuild(['build', '--limit', 'size=4']), /NAME one of source-size/)
  await assert.rejects(parseBuild(['build', '--limit', 'depth=4K']), /depth takes a whole number above 0/)
  await assert.rejects(parseBuild(['build', '--limit', 'image-size=0']), /image-size takes a whole number above 0/)
})

test('--book repeats; --quiet wins over --verbose; options may come before the paths', async () => {
  const parsed = await parseBuild(['build', '--book', 'One', '-q', '--book', 'Two', '--verbose', 'content', 'more'])
  assert.deepEqual(parsed.books.titles, ['One', 'Two'])
  assert.equal(parsed.verbosity, 'quiet')
  assert.deepEqual(parsed.inputs, ['content', 'more'])
})

test('a config file in the working folder is used unless --config names another', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-cli-'))
  const before = process.cwd()
  try {
    await writeFile(path.join(dir, CONFIG_NAMES[1]), 'books: []\n')
    process.chdir(dir)
    assert.equal((await parseBuild(['build'])).books.config, path.join(dir, CONFIG_NAMES[1]))
    assert.equal((await parseBuild(['build', '-c', 'other.json'])).books.config, 'other.json')
  } finally {
    process.chdir(before)
    await rm(dir, {recursive: true, force: true})
  }
})

test('defaults shown in words match the code that applies them', () => {
  const shown = (name: string) => BUILD.find((usage) => usage.name === name)!.shownDefault!
  assert.equal(shown('timeout'), String(DEFAULT_TIMEOUT_MS / 1000))
  for (const name of CONFIG_NAMES) assert.ok(shown('config').includes(path.extname(name)), name)
})

test('-h, -v and their long forms answer from anywhere on the line', async () => {
  for (const argv of [['-v'], ['--version'], ['build', '-v']]) {
    assert.deepEqual(await parseCommandLine(argv), {kind: 'text', text: `${IMPRINT_VERSION}\n`}, argv.join(' '))
  }
  for (const argv of [['-h'], ['build', '-h'], ['build', '--paper', 'a5', '--help']]) {
    const parsed = await parseCommandLine(argv)
    assert.ok(parsed.kind === 'text' && parsed.text.startsWith('Usage: imprint'), argv.join(' '))
  }
})

test('a near miss gets "did you mean"', async () => {
  await assert.rejects(parseCommandLine(['build', '--paer', 'a5']), reasons(/^unknown option `--paer`; did you mean `--paper`\?$/))
  await assert.rejects(parseCommandLine(['buidl']), reasons(/^unknown command `buidl`; did you mean `build`\?$/))
  await assert.rejects(parseCommandLine(['build', '--boklet']), reasons(/did you mean `--booklet`/))
})

test('wrong values say what is expected, all at once', async () => {
  await assert.rejects(
    parseCommandLine(['build', '--format', 'html,docx', '--paper', 'A3', '--timeout', '0']),
    reasons(/^unknown format `docx`; use html, pdf, epub$/, /^unknown paper `A3`; use a4, a5, a6, b5, letter, legal, half-letter, or WIDTHxHEIGHT with a unit/, /^--timeout takes a number of seconds above 0, not `0`$/)
  )
  await assert.rejects(parseCommandLine(['build', '--timeout', 'soon']), reasons(/not `soon`/))
  await assert.rejects(parseCommandLine(['build', '--shard', 'half']), reasons(/^--shard takes i\/n, such as 1\/4; got `half`$/))
  await assert.rejects(parseCommandLine(['build', '--shard', '3/2']), reasons(/^--shard 3\/2: i must be between 1 and n$/))
  await assert.rejects(parseCommandLine(['build', '--out']), reasons(/`-o, --out <DIR>` argument missing/))
})

test('the command prints a usage error as advice and exits with 2', async () => {
  const run = await imprint(['build', '--paer', 'a5'])
  assert.equal(run.code, 2)
  assert.equal(run.stdout, '')
  assert.equal(run.stderr, 'imprint: unknown option `--paer`; did you mean `--paper`?\nRun `imprint --help` for usage.\n')
})

async function parseBuild(argv: readonly string[]): Promise<BuildCommandLine> {
  const parsed = await parseCommandLine(argv)
  assert.ok(parsed.kind === 'build', argv.join(' '))
  return parsed.flags
}

/** `-o` and `--out`; operands are given without a flag. */
function spellings(usage: EntryUsage): string[] {
  if (usage.spelling.kind !== 'option') return ['']
  return [`--${usage.name}`, ...(usage.spelling.short === undefined ? [] : [`-${usage.spelling.short}`])]
}

/** A UsageError whose reasons match `patterns`, one each, in order. */
function reasons(...patterns: RegExp[]): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof UsageError, String(error))
    assert.equal(error.reasons.length, patterns.length, error.reasons.join('\n'))
    patterns.forEach((pattern, at) => assert.match(error.reasons[at]!, pattern))
    return true
  }
}

/** Help wraps its lines to the terminal: compare the words, not the line breaks. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

test('dev and serve share where they listen: 127.0.0.1:4000 unless told; --lan is every interface', async () => {
  const serve = await parseCommandLine(['serve'])
  assert.ok(serve.kind === 'serve')
  assert.deepEqual(serve.flags, {dir: 'dist', listen: {port: 4000, host: '127.0.0.1'}, verbose: false})
  const lan = await parseCommandLine(['serve', 'public', '--lan', '-p', '0'])
  assert.ok(lan.kind === 'serve')
  assert.deepEqual(lan.flags.listen, {port: 0, host: '0.0.0.0'})
  assert.equal(lan.flags.dir, 'public')
  const dev = await parseCommandLine(['dev', 'content', '--out', 'site', '--port', '4100', '--host', '0.0.0.0', '--epub-fonts', 'none'])
  assert.ok(dev.kind === 'dev')
  assert.deepEqual(dev.flags.listen, {port: 4100, host: '0.0.0.0'})
  assert.equal(dev.flags.outDir, 'site')
  assert.equal(dev.flags.epubFonts, 'none')
  await assert.rejects(parseCommandLine(['serve', '--port', '70000']), (error: UsageError) => /--port takes a number from 0 to 65535/.test(error.message))
  await assert.rejects(parseCommandLine(['dev', '--shard', '1/2']), UsageError)
  await assert.rejects(parseCommandLine(['build', '--image-max', 'big']), (error: UsageError) => /--image-max takes a number of pixels/.test(error.message))
})

test('init takes a folder and the words of its examples', async () => {
  const init = await parseCommandLine(['init', 'reader', '--title', 'Spring Reader', '--lang', 'fa'])
  assert.ok(init.kind === 'init')
  assert.deepEqual(init.flags, {dir: 'reader', title: 'Spring Reader', publisher: 'Example Press', lang: 'fa'})
  await assert.rejects(parseCommandLine(['init', '--lang', 'english!']), (error: UsageError) => /--lang takes a language tag/.test(error.message))
})
