/**
 * Past one machine: two shards printing in a shared browser (a local
 * Chromium on a DevTools port stands in for the pool), then an assembly
 * step, give the same files, byte for byte, as one full build.
 */
import assert from 'node:assert/strict'
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {generateCorpus} from '../bench/corpus.ts'
import {inShard, parseShard} from '../src/build/shard.ts'
import {imprint, startDebugBrowser, type CliRun, type DebugBrowser} from './helpers/imprint.ts'

let root: string
let corpus: string
let pool: DebugBrowser
const runs: Record<string, CliRun> = {}
const listings: Record<string, string[]> = {}

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-shard-'))
  corpus = path.join(root, 'content')
  await generateCorpus(corpus, 6)
  pool = await startDebugBrowser()
  const full = path.join(root, 'full')
  const split = path.join(root, 'split')
  const common = ['--no-cache', '--json']
  runs.full = await imprint(['build', corpus, '--out', full, ...common])
  runs.shard1 = await imprint(['build', corpus, '--out', split, '--shard', '1/2', '--browser-ws-endpoint', pool.wsEndpoint, ...common])
  runs.shard2 = await imprint(['build', corpus, '--out', split, '--shard', '2/2', '--browser-ws-endpoint', pool.wsEndpoint, ...common])
  listings.shards = (await readdir(split)).sort()
  // Assembly prints nothing: a browser that does not exist proves it.
  runs.assemble = await imprint(['build', corpus, '--out', split, '--books-only', '--browser', path.join(root, 'none'), ...common])
  listings.full = (await readdir(full)).sort()
  listings.split = (await readdir(split)).sort()
})

after(async () => {
  await pool?.close()
  await rm(root, {recursive: true, force: true})
})

const outputsOf = (run: CliRun) => (JSON.parse(run.stdout) as {outputs: {path: string}[]}).outputs.map((output) => path.basename(output.path)).sort()

test('every build succeeds', () => {
  for (const [name, run] of Object.entries(runs)) assert.equal(run.code, 0, `${name}: ${run.stderr}`)
})

test('the two shards split the articles between them, and write no index or catalog', () => {
  const first = outputsOf(runs.shard1!)
  const second = outputsOf(runs.shard2!)
  assert.ok(first.length > 0 && second.length > 0, 'both shards have work')
  assert.deepEqual(first.filter((file) => second.includes(file)), [], 'no article is built twice')
  assert.deepEqual([...first, ...second].sort(), listings.full!.filter((file) => file !== 'index.html' && file !== 'opds.xml'))
  assert.ok(!listings.shards!.includes('index.html'))
  assert.ok(!listings.shards!.includes('opds.xml'))
})

test('shards plus assembly give the same files as one full build, byte for byte', async () => {
  assert.deepEqual(listings.split, listings.full)
  for (const file of listings.full!) {
    const [a, b] = await Promise.all([readFile(path.join(root, 'full', file)), readFile(path.join(root, 'split', file))])
    assert.ok(a.equals(b), `${file} differs`)
  }
})

test('the shared browser stays up after the builds: imprint closed only its own tabs', async () => {
  assert.equal(pool.process.exitCode, null)
  const {default: puppeteer} = await import('puppeteer-core')
  const browser = await puppeteer.connect({browserWSEndpoint: pool.wsEndpoint})
  try {
    const urls = (await browser.pages()).map((page) => page.url())
    assert.ok(urls.every((url) => !url.startsWith('file:')), `left open: ${urls.join(', ')}`)
  } finally {
    await browser.disconnect()
  }
})

test('a shard is chosen by the slug, so adding articles moves no other one', () => {
  const slugs = Array.from({length: 50}, (_, at) => `story-${at}`)
  const before = slugs.map((slug) => inShard(slug, {index: 1, count: 3}))
  const after = ['breaking', ...slugs].map((slug) => inShard(slug, {index: 1, count: 3})).slice(1)
  assert.deepEqual(after, before)
  for (const slug of slugs) {
    const owners = [1, 2, 3].filter((index) => inShard(slug, {index, count: 3}))
    assert.equal(owners.length, 1, slug)
  }
})

test('--shard takes i/n with 1 ≤ i ≤ n', async () => {
  assert.deepEqual(parseShard('2/4'), {index: 2, count: 4})
  assert.throws(() => parseShard('0/4'), /between 1 and n/)
  assert.throws(() => parseShard('5/4'), /between 1 and n/)
  assert.throws(() => parseShard('half'), /i\/n/)
  const bad = await imprint(['build', corpus, '--shard', '3/2'])
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /--shard 3\/2/)
})
