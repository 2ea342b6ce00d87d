/**
 * SIGTERM to a real build while Chromium is printing: the good outputs of an
 * earlier build stay byte for byte, no temporary file is left in the output
 * folder, and no process of that build's Chromium survives.
 */
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdir, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import {processesMentioning, waitFor} from './helpers/processes.ts'
import {CLI} from './helpers/imprint.ts'


function runCli(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
    child.on('exit', (code, signal) => resolve({code, signal}))
  )
  return {child, exited, stderr: () => stderr}
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const name of (await readdir(dir)).sort()) {
    result[name] = createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex')
  }
  return result
}

test('SIGTERM mid-PDF: earlier outputs intact, no temporary file, no Chromium left', async () => {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-interrupt-'))
  const content = path.join(temp, 'content')
  const out = path.join(temp, 'out')
  await mkdir(content)
  for (let index = 1; index <= 3; index++) {
    const paragraphs = Array.from({length: 20}, (_, line) => `Paragraph ${line + 1} of the report on harbour works, section ${index}.`)
    await writeFile(path.join(content, `report-${index}.txt`), `Harbour Works Report ${index}\n\n${paragraphs.join('\n\n')}\n`)
  }
  const env = {...process.env, TMPDIR: temp, SOURCE_DATE_EPOCH: '1700000000'}

  const first = runCli(['build', content, '--out', out, '--no-cache'], env)
  assert.deepEqual(await first.exited, {code: 0, signal: null}, first.stderr())
  const before = await hashes(out)
  // Four outputs per article (the page, the PDF, the EPUB and its cover), index.html and opds.xml.
  assert.equal(Object.keys(before).length, 4 * 3 + 2)

  const second = runCli(['build', content, '--out', out, '--no-cache'], env)
  // A renderer names the profile too: a page is open, so printing has begun.
  const renderers = await waitFor(
    async () => (await processesMentioning(temp)).length,
    (count) => count >= 3
  )
  assert.ok(renderers >= 3, 'the build started Chromium')
  second.child.kill('SIGTERM')
  const exit = await second.exited
  assert.equal(exit.code, 130, second.stderr())
  assert.match(second.stderr(), /imprint: stopped by SIGTERM/)

  const survivors = await waitFor(() => processesMentioning(temp), (pids) => pids.length === 0)
  assert.deepEqual(survivors, [], 'no process of the build\'s Chromium survives')
  assert.deepEqual(await hashes(out), before, 'every earlier output is byte for byte intact, and nothing else is there')
  const left = (await readdir(temp)).filter((name) => name !== 'content' && name !== 'out')
  assert.deepEqual(left, [], 'no profile or print folder is left in TMPDIR')
})
