/**
 * The build cache, through the real command: a no-op rebuild writes nothing
 * and starts no browser, one changed source rebuilds only its outputs, the
 * books that collect it (and the index), a lost output or book comes back
 * from the cache, a style change rebuilds everything, --no-cache builds
 * cold, and --booklet adds the booklets of articles and books (printed on
 * their own pages) without touching their PDFs. Two books: “First Two” collects articles 1 and 2, “Third Alone”
 * article 3.
 *
 * imprint runs from a copy of its own package, so the test can edit a
 * stylesheet without touching the working tree.
 */
import assert from 'node:assert/strict'
import {cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {generateCorpus, touchArticle} from '../bench/corpus.ts'
import {fileStamp, imprint} from './helpers/imprint.ts'

interface JsonOutput {
  readonly path: string
  readonly state: 'built' | 'restored' | 'unchanged'
}

let root: string
let cli: string
let corpus: string
let out: string
let cacheDir: string
let config: string
let files: string[]
const stamps: Record<string, Record<string, string>> = {}
const states: Record<string, Record<string, string>> = {}
const bytes: Record<string, Buffer> = {}

/** One build; remembers every output's stamp and state under `name`. */
async function run(name: string, extra: readonly string[] = []): Promise<void> {
  const result = await imprint(['build', corpus, '--out', out, '--cache-dir', cacheDir, '--config', config, '--json', ...extra], {}, cli)
  assert.equal(result.code, 0, `${name}: ${result.stderr}`)
  const summary = JSON.parse(result.stdout) as {outputs: JsonOutput[]}
  states[name] = Object.fromEntries(summary.outputs.map((output) => [path.basename(output.path), output.state]))
  stamps[name] = {}
  for (const file of (await readdir(out)).sort()) stamps[name]![file] = await fileStamp(path.join(out, file))
}

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-cache-'))
  const pkg = path.join(root, 'imprint')
  await mkdir(pkg)
  for (const entry of ['lib', 'templates', 'styles', 'package.json', 'package-lock.json']) {
    await cp(path.resolve(entry), path.join(pkg, entry), {recursive: true})
  }
  await symlink(path.resolve('node_modules'), path.join(pkg, 'node_modules'))
  cli = path.join(pkg, 'lib/bin.js')
  corpus = path.join(root, 'content')
  out = path.join(root, 'dist')
  cacheDir = path.join(root, 'cache')
  files = await generateCorpus(corpus, 3)
  config = path.join(root, 'books.yaml')
  await writeFile(config, ['books:', '  - title: First Two', '    articles: [article-0001, article-0002]', '  - title: Third Alone', '    articles: article-0003', ''].join('\n'))

  await run('cold')
  bytes.pdf = await readFile(path.join(out, 'article-0001.pdf'))

  // A browser that does not exist: any attempt to print would fail the build.
  await run('noop', ['--browser', path.join(root, 'no-such-chromium')])
  await touchArticle(files[1]!, 0)
  await run('changed')
  bytes.book = await readFile(path.join(out, 'first-two.pdf'))
  await rm(path.join(out, 'article-0001.pdf'))
  await rm(path.join(out, 'first-two.pdf'))
  await run('restored', ['--browser', path.join(root, 'no-such-chromium')])
  await run('no-cache', ['--no-cache'])
  bytes.coldBook = await readFile(path.join(out, 'first-two.pdf'))
  await writeFile(path.join(pkg, 'styles/base.css'), '\n/* a new rule */ p { hyphens: manual; }\n', {flag: 'a'})
  await run('style')
  // Only the booklets are new: each is printed on its own pages, and nothing else is made again.
  await run('booklet', ['--booklet'])
  bytes.booklet = await readFile(path.join(out, 'article-0001-booklet.pdf'))
  await run('booklet-printed', ['--booklet', '--no-cache'])
})

after(async () => {
  await rm(root, {recursive: true, force: true})
})

test('a cold build writes every output and the index', () => {
  assert.deepEqual(Object.keys(stamps.cold!), [
    'article-0001-cover.png', 'article-0001.epub', 'article-0001.html', 'article-0001.pdf',
    'article-0002-cover.png', 'article-0002.epub', 'article-0002.html', 'article-0002.pdf',
    'article-0003-cover.png', 'article-0003.epub', 'article-0003.html', 'article-0003.pdf',
    'first-two-cover.png', 'first-two.epub', 'first-two.html', 'first-two.pdf',
    'index.html', 'opds-book-first-two.xml', 'opds-book-third-alone.xml', 'opds.xml',
    'third-alone-cover.png', 'third-alone.epub', 'third-alone.html', 'third-alone.pdf'
  ])
  assert.ok(Object.values(states.cold!).every((state) => state === 'built'))
})

test('a no-op rebuild writes nothing and launches no browser', () => {
  // It succeeded with a browser path that does not exist, and touched no file.
  assert.deepEqual(stamps.noop, stamps.cold)
  assert.ok(Object.values(states.noop!).every((state) => state === 'unchanged'), JSON.stringify(states.noop))
})

test('one changed source rebuilds only its own outputs, the book that collects it, and the index', () => {
  for (const [file, stamp] of Object.entries(stamps.changed!)) {
    // The other book's files stay as they were, and so do the site's pages that read the same:
    // the other book's page, and the catalog and its feeds (they show no sizes, and the title did not change).
    // The article's cover goes with its EPUB: written again, from the drawing the cache kept.
    const rebuilt = file.startsWith('article-0002.') || file === 'article-0002-cover.png' || file.startsWith('first-two') || file === 'index.html'
    if (rebuilt) assert.notEqual(stamp, stamps.noop![file], `${file} should be rebuilt`)
    else assert.equal(stamp, stamps.noop![file], `${file} should be left alone`)
    assert.equal(states.changed![file], rebuilt ? 'built' : 'unchanged', file)
  }
})

test('a lost output or book comes back from the cache, byte for byte, without a browser', async () => {
  assert.equal(states.restored!['article-0001.pdf'], 'restored')
  assert.deepEqual(await readFile(path.join(out, 'article-0001.pdf')), bytes.pdf)
  assert.equal(states.restored!['first-two.pdf'], 'restored')
  assert.deepEqual(await readFile(path.join(out, 'first-two.pdf')), bytes.book)
  const lost = ['article-0001.pdf', 'first-two.pdf']
  for (const [file, state] of Object.entries(states.restored!)) if (!lost.includes(file)) assert.equal(state, 'unchanged', file)
  assert.deepEqual(Object.keys(stamps.restored!), Object.keys(stamps.changed!))
})

test('--no-cache rebuilds every output', () => {
  for (const [file, stamp] of Object.entries(stamps['no-cache']!)) {
    assert.notEqual(stamp, stamps.restored![file], file)
    assert.equal(states['no-cache']![file], 'built', file)
  }
})

test('a book rebuilt with the parts an earlier build printed is the book printed from nothing, byte for byte', () => {
  // “changed” touched article 2: the book reprinted its part, took article 1's from the cache, and must not differ.
  assert.equal(states.changed!['first-two.pdf'], 'built')
  assert.deepEqual(bytes.coldBook, bytes.book)
})

test('a change to a stylesheet rebuilds every article output and book', () => {
  for (const [file, state] of Object.entries(states.style!)) {
    // The site's pages do not use base.css; they are rewritten only when they read differently.
    if (file === 'index.html' || file.endsWith('.xml') || file === 'first-two.html' || file === 'third-alone.html') continue
    assert.equal(state, 'built', file)
    assert.notEqual(stamps.style![file], stamps['no-cache']![file], file)
  }
})

test('--booklet over built articles prints only their booklets, and leaves the PDFs alone', async () => {
  for (const slug of ['article-0001', 'article-0002', 'article-0003']) {
    assert.equal(states.booklet![`${slug}-booklet.pdf`], 'built', slug)
    assert.equal(states.booklet![`${slug}.pdf`], 'unchanged', slug)
    assert.equal(stamps.booklet![`${slug}.pdf`], stamps.style![`${slug}.pdf`], `${slug}.pdf is the same file, untouched`)
  }
  // The same booklet a build that makes everything anew prints.
  assert.equal(states['booklet-printed']!['article-0001-booklet.pdf'], 'built')
  assert.deepEqual(await readFile(path.join(out, 'article-0001-booklet.pdf')), bytes.booklet)
})

test('--booklet over a built book makes only its booklet, and leaves the book alone', () => {
  assert.equal(states.booklet!['first-two-booklet.pdf'], 'built')
  for (const file of ['first-two.pdf', 'first-two.epub', 'first-two-cover.png', 'third-alone.pdf']) {
    assert.equal(states.booklet![file], 'unchanged', file)
    assert.equal(stamps.booklet![file], stamps.style![file], file)
  }
})
