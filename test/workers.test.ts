/**
 * A large build parses its sources and writes their pages and EPUBs in a
 * worker thread (build/workers.ts). It must give what the main thread gives:
 * the same bytes, the same messages at the same places, and a source that
 * fails in the worker fails alone.
 */
import assert from 'node:assert/strict'
import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {before, test} from 'node:test'
import {build, type BuildResult} from '../src/build/build.ts'
import {ISOLATE_CHARACTERS, openWorkers, WORKER_THRESHOLD} from '../src/build/workers.ts'
import {DEFAULT_SCREEN} from '../src/formats/screen.ts'
import {DEFAULT_LIMITS} from '../src/limits.ts'
import {loadSource} from '../src/load/load.ts'
import {NORMAL_CASE} from './helpers/hostile-inputs.ts'

let content: string
let temp: string

before(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-stages-'))
  content = path.join(temp, 'content')
  await mkdir(content)
  // Enough articles for a worker, each with its own words.
  for (let at = 1; at <= WORKER_THRESHOLD; at++) {
    const text = `---\ntitle: Ferry Route ${at} Reopens\nlang: en\n---\n\nRoute ${at} runs again from Monday, "weather permitting".\n`
    await writeFile(path.join(content, `route-${String(at).padStart(2, '0')}.md`), text)
  }
  // A warning at a place: an image that is not there.
  await writeFile(path.join(content, 'missing-image.md'), '---\ntitle: The Lighthouse\nlang: en\n---\n\nThe lamp was lit.\n\n![The lamp](lamp.png)\n')
  // A page with nothing a reader can make an article of: it fails in the worker, alone.
  await writeFile(path.join(content, 'empty.html'), '<!DOCTYPE html><html><head><title>Nothing Here</title></head><body></body></html>')
})

async function buildWith(workers: string): Promise<{result: BuildResult; out: string}> {
  const out = path.join(temp, `out-${workers}`)
  const before = process.env.IMPRINT_WORKERS
  process.env.IMPRINT_WORKERS = workers
  try {
    const result = await build({inputs: [content], outDir: out, formats: ['html', 'epub'], paper: 'a4', noCache: true, sourceDateEpoch: 0})
    return {result, out}
  } finally {
    if (before === undefined) delete process.env.IMPRINT_WORKERS
    else process.env.IMPRINT_WORKERS = before
  }
}

const messages = (result: BuildResult) =>
  result.articles.flatMap((article) => article.file.messages.map((message) => `${path.basename(article.file.path)}:${String(message)} fatal=${message.fatal}`)).sort()

test('a worker thread gives the same pages, EPUBs and messages as the main thread', async () => {
  const inPlace = await buildWith('0')
  const threaded = await buildWith('1')
  assert.equal(inPlace.result.workers, 0)
  assert.equal(threaded.result.workers, 1, 'the large build used a worker')

  assert.deepEqual(messages(threaded.result), messages(inPlace.result))
  assert.ok(messages(threaded.result).some((line) => /missing-image\.md:\d+:\d+/.test(line)), 'the warning keeps its place')
  assert.ok(messages(threaded.result).some((line) => /^empty\.html:.*no article found.*fatal=true$/.test(line)), 'the empty page fails')
  assert.equal(threaded.result.failed, true)

  const written = inPlace.result.articles.flatMap((article) => article.outputs.map((output) => path.basename(output.path))).sort()
  assert.ok(written.length >= WORKER_THRESHOLD * 2, `pages and EPUBs were written: ${written.join(', ')}`)
  for (const name of written) {
    const [a, b] = await Promise.all([readFile(path.join(inPlace.out, name)), readFile(path.join(threaded.out, name))])
    assert.ok(a.equals(b), `${name} differs between the main thread and the worker`)
  }
})

test('a large source read in place goes to a worker thread, stopped at its deadline or its memory; the next one is read by a new thread', async () => {
  const sourceOf = async (name: string, text: string) => {
    await writeFile(path.join(temp, name), text)
    return loadSource(path.join(temp, name))
  }
  // A small build on this machine works in place: no threads, until a large source comes.
  // The emphasis limit raised, so that only the deadline can stop the slow source.
  const hurried = {...DEFAULT_LIMITS, deadline: 5, emphasis: 1e9}
  const workers = openWorkers(1, hurried, 0)
  assert.equal(workers.count, 0)
  try {
    // Emphasis dense enough that micromark takes seconds over each paragraph, every paragraph within the limits.
    const slow = await sourceOf('slow.md', '# Slow\n\n' + Array(8).fill('*a* **b** '.repeat(9000)).join('\n\n'))
    assert.ok(String(slow.file.value).length >= ISOLATE_CHARACTERS.markdown)
    const start = Date.now()
    await assert.rejects(workers.prepare(slow, {limits: hurried}), /^Error: over-budget: stopped after 5 seconds, the time one source may take; raise it with --limit deadline=…$/)
    assert.ok(Date.now() - start < 30_000, `stopped after ${Date.now() - start} ms`)
  } finally {
    await workers.close()
  }
  // Memory: a long ordinary article, in a thread with a small heap; then a large one that fits, in the thread that replaced it.
  const tight = {...DEFAULT_LIMITS, memory: 128 * 1024 * 1024}
  const small = openWorkers(1, tight, 0)
  try {
    const big = await sourceOf('big.md', NORMAL_CASE.make(8).text)
    await assert.rejects(small.prepare(big, {limits: tight}), /^Error: over-budget: stopped when it needed more than the 128\.0 MB of memory one source may take; raise it with --limit memory=…$/)
    const good = await sourceOf('good.md', NORMAL_CASE.make(0.15).text)
    assert.ok(String(good.file.value).length >= ISOLATE_CHARACTERS.markdown)
    const article = await small.prepare(good, {limits: tight})
    assert.equal(article.meta.title, 'A hostile article')
    // Its page is made in the same thread.
    assert.match(await small.makePage(article, DEFAULT_SCREEN), /<h1[^>]*>A hostile article<\/h1>/)
    assert.equal(small.used(), 1, 'one thread finished its work: the second, after the first was stopped')
  } finally {
    await small.close()
  }
})
