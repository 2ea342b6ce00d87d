/**
 * Chromium crashing and hanging mid-build, for real: the test freezes
 * (SIGSTOP) or kills (SIGKILL) the browsers the build launches, learning
 * their PIDs from `onBrowser`. The build retries once in a fresh browser,
 * fails only the article that could not print, and leaves no process and
 * no profile behind.
 */
import assert from 'node:assert/strict'
import {mkdir, mkdtemp, readdir, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {before, test} from 'node:test'
import {build} from '../src/build/build.ts'
import {pdfText} from './helpers/artefacts.ts'
import {processesMentioning, waitFor} from './helpers/processes.ts'

let temp: string
let content: string

const ARTICLES = ['alpha', 'bravo', 'charlie']

before(async () => {
  // The browsers' profiles go here, so their processes can be found by it.
  temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-printer-'))
  process.env.TMPDIR = temp
  content = path.join(temp, 'content')
  await mkdir(content)
  for (const name of ARTICLES) {
    const headline = `The ${name[0]!.toUpperCase()}${name.slice(1)} Ferry Sails Again`
    await writeFile(path.join(content, `${name}.txt`), `${headline}\n\nThe ${name} ferry returned to service on Monday after repairs.\n`)
  }
})

async function leftovers(): Promise<{processes: number[]; folders: string[]}> {
  const processes = await waitFor(() => processesMentioning(temp), (pids) => pids.length === 0)
  const folders = (await readdir(temp)).filter((name) => name !== 'content' && !name.startsWith('out-'))
  return {processes, folders}
}

test('a hung browser, then a crashed one: that article fails after one retry, the others print', async () => {
  const out = path.join(temp, 'out-hang')
  const pids: number[] = []
  const result = await build({
    inputs: [content],
    outDir: out,
    formats: ['pdf'],
    paper: 'a4',
    noCache: true,
    concurrency: 1,
    timeoutMs: 15_000,
    onBrowser: (pid) => {
      pids.push(pid)
      // The first browser hangs, the second crashes, the third is left alone.
      if (pids.length === 1) process.kill(pid, 'SIGSTOP')
      if (pids.length === 2) process.kill(pid, 'SIGKILL')
    }
  })
  const messages = result.articles.flatMap((article) => article.file.messages.map(String)).join('\n')
  assert.equal(result.failed, true)
  assert.equal(pids.length, 3, `one fresh browser for the retry, one more for the rest\n${messages}`)
  // The build may start any article first; exactly that one fails.
  const failing = result.articles.filter((article) => article.file.messages.some((message) => message.fatal))
  assert.equal(failing.length, 1, messages)
  const errors = failing[0]!.file.messages.filter((message) => message.fatal)
  assert.equal(errors.length, 1)
  assert.match(errors[0]!.reason, /^PDF: Chromium failed twice, the second time in a fresh browser: /)
  assert.doesNotMatch(errors[0]!.reason, /\n|\s at /, 'one line, no stack')
  const rest = result.articles.filter((article) => article !== failing[0])
  for (const article of rest) {
    const text = await pdfText(path.join(out, `${article.slug}.pdf`))
    assert.match(text, /Ferry Sails Again/)
  }
  assert.deepEqual((await readdir(out)).sort(), [...rest.map((article) => `${article.slug}.pdf`), 'index.html', 'opds.xml'].sort())
  assert.deepEqual(await leftovers(), {processes: [], folders: []})
})

test('a browser killed mid-build: the page is retried in a fresh one and every article prints', async () => {
  const out = path.join(temp, 'out-crash')
  const pids: number[] = []
  const result = await build({
    inputs: [content],
    outDir: out,
    formats: ['pdf'],
    paper: 'a4',
    noCache: true,
    concurrency: 1,
    timeoutMs: 30_000,
    onBrowser: (pid) => {
      pids.push(pid)
      if (pids.length === 1) process.kill(pid, 'SIGKILL')
    }
  })
  assert.equal(result.failed, false, result.articles.flatMap((article) => article.file.messages.map(String)).join('\n'))
  assert.equal(pids.length, 2)
  assert.deepEqual((await readdir(out)).sort(), ['alpha.pdf', 'bravo.pdf', 'charlie.pdf', 'index.html', 'opds.xml'])
  assert.deepEqual(await leftovers(), {processes: [], folders: []})
})
