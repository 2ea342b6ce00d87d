/**
 * End to end: a folder of articles that is not an npm project, built in
 * place again and again, as a new user would (`imprint build .`, and
 * `imprint build` beside a content/ folder). Each run exits 0 and leaves
 * the outputs as they were; the scan skips the output folder, hidden and
 * package folders and a browser's `<page>_files`, names a document it does
 * not read, and no node_modules appears: the cache goes to the user's cache
 * folder (XDG_CACHE_HOME here, a temporary folder).
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {after, before, test} from 'node:test'
import {defaultCacheDir} from '../src/build/cache.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const FIXTURES = path.resolve('test/fixtures')

let root: string
let xdg: string

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-in-place-'))
  xdg = path.join(root, 'xdg-cache')
})

after(async () => {
  await rm(root, {recursive: true, force: true})
})

/** `imprint …args` run from `cwd`, with the user's cache folder in the test's own. */
async function imprintIn(cwd: string, args: readonly string[]): Promise<{code: number; stderr: string}> {
  return run(process.execPath, [CLI, ...args], {cwd, env: {...process.env, XDG_CACHE_HOME: xdg}}).then(
    ({stderr}) => ({code: 0, stderr}),
    (error: {code?: number; stderr?: string}) => ({code: error.code ?? -1, stderr: error.stderr ?? ''})
  )
}

/** Every file under `folder` with its sha256, by relative path. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(folder, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    files[path.relative(folder, file)] = createHash('sha256').update(await readFile(file)).digest('hex')
  }
  return files
}

async function hasNodeModules(folder: string): Promise<boolean> {
  const entries = await readdir(folder, {recursive: true, withFileTypes: true})
  return entries.some((entry) => entry.name === 'node_modules')
}

test('`imprint build .` twice in a folder of articles: exit 0, the same outputs, no node_modules', async () => {
  const folder = path.join(root, 'articles')
  await mkdir(folder)
  await cp(path.join(FIXTURES, 'front-matter', 'hugo-toml.md'), path.join(folder, 'ferry.md'))
  await cp(path.join(FIXTURES, 'front-matter', 'eleventy.md'), path.join(folder, 'library.md'))
  // What else such a folder holds: none of it is an article, and only the .docx deserves a word.
  await writeFile(path.join(folder, 'notes.docx'), 'PK\u0003\u0004 not really a document')
  await writeFile(path.join(folder, 'photo.png'), 'not an article either')
  await mkdir(path.join(folder, '.git'))
  await writeFile(path.join(folder, '.git', 'description.md'), '# Not an article\n\nGit keeps this.\n')
  await mkdir(path.join(folder, 'saved_files'))
  await writeFile(path.join(folder, 'saved.html'), '<h1>Saved</h1><p>A saved page whose own text is short but whole.</p>')
  await writeFile(path.join(folder, 'saved_files', 'frame.html'), '<p>An advertisement frame the browser saved.</p>')

  const first = await imprintIn(folder, ['build', '.', '--format', 'html,epub'])
  assert.equal(first.code, 0, first.stderr)
  const warnings = first.stderr.split('\n').filter((line) => /  (?:error|warning)  /.test(line))
  assert.deepEqual(warnings, ['notes.docx  warning  not read: imprint does not read .docx files; export it as Markdown, HTML or plain text  unread-file'])
  const built = await snapshot(path.join(folder, 'dist'))
  // Each EPUB's cover beside it, for the catalog.
  assert.deepEqual(Object.keys(built).sort(), [
    'ferry-cover.png', 'ferry.epub', 'ferry.html', 'index.html', 'library-cover.png', 'library.epub', 'library.html', 'opds.xml', 'saved-cover.png', 'saved.epub', 'saved.html'
  ])

  const second = await imprintIn(folder, ['build', '.', '--format', 'html,epub'])
  assert.equal(second.code, 0, second.stderr)
  assert.doesNotMatch(second.stderr, /duplicate-slug|no-article/)
  assert.deepEqual(await snapshot(path.join(folder, 'dist')), built)

  // An output folder of another name, from an earlier build, is not read either.
  const third = await imprintIn(folder, ['build', '.', '--format', 'html', '--out', 'site'])
  assert.equal(third.code, 0, third.stderr)
  const fourth = await imprintIn(folder, ['build', '.', '--format', 'html,epub'])
  assert.equal(fourth.code, 0, fourth.stderr)
  assert.deepEqual(await snapshot(path.join(folder, 'dist')), built)

  assert.equal(await hasNodeModules(folder), false)
  // The cache went to the user's cache folder, as XDG says.
  assert.ok((await readdir(path.join(xdg, 'imprint'))).includes('objects'))
})

test('`imprint build` beside content/, twice, every format: exit 0 and the same outputs', async () => {
  const project = path.join(root, 'project')
  await mkdir(path.join(project, 'content'), {recursive: true})
  await cp(path.join(FIXTURES, 'front-matter', 'pandoc.md'), path.join(project, 'content', 'bridge.md'))
  const first = await imprintIn(project, ['build'])
  assert.equal(first.code, 0, first.stderr)
  const built = await snapshot(path.join(project, 'dist'))
  assert.deepEqual(Object.keys(built).sort(), ['bridge-cover.png', 'bridge.epub', 'bridge.html', 'bridge.pdf', 'index.html', 'opds.xml'])
  const second = await imprintIn(project, ['build'])
  assert.equal(second.code, 0, second.stderr)
  assert.deepEqual(await snapshot(path.join(project, 'dist')), built)
  assert.equal(await hasNodeModules(project), false)
})

test('the cache is the npm project\'s when there is one, above the working folder too; else XDG, else ~/.cache', async () => {
  const project = path.join(root, 'npm-project')
  await mkdir(path.join(project, 'articles', 'deep'), {recursive: true})
  await writeFile(path.join(project, 'package.json'), '{"name": "site"}')
  assert.equal(defaultCacheDir(path.join(project, 'articles', 'deep'), {}), path.join(project, 'node_modules', '.cache', 'imprint'))
  const plain = path.join(root, 'plain')
  await mkdir(plain)
  assert.equal(defaultCacheDir(plain, {XDG_CACHE_HOME: '/var/cache/me'}), '/var/cache/me/imprint')
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
  assert.equal(defaultCacheDir(plain, {XDG_CACHE_HOME: 'relative'}), path.join(os.homedir(), '.cache', 'imprint'))
})

test('a web address that is not http(s) is one line naming it and the reason, with no request made', async () => {
  // An http(s) address is fetched first (imprint fetch; test/fetch.test.ts, against a local server).
  const result = await imprintIn(root, ['build', 'ftp://example.org/news/story.html', '--format', 'html'])
  assert.equal(result.code, 1)
  const lines = result.stderr.trim().split('\n')
  assert.equal(lines.length, 1, result.stderr)
  assert.match(lines[0]!, /^ftp:\/\/example\.org\/news\/story\.html {2}error {2}refused: `ftp:` URLs are not fetched; only http and https {2}fetch-refused$/)
})
