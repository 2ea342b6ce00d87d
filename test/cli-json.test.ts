/**
 * What the command tells people and scripts: the --json summary, the
 * progress line on a terminal, and silence about progress anywhere else.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {after, before, test} from 'node:test'
import {CLI, imprint, type CliRun} from './helpers/imprint.ts'

const run = promisify(execFile)
const HEADLINE = 'Putin, Abe Vow To Seek WWII Treaty, Solution To Island Dispute'

interface Summary {
  ok: boolean
  articles: {source: string; slug: string; title?: string; outputs: {format: string; path: string; bytes: number; state: string}[]; messages: {file: string; line?: number; column?: number; severity: string; reason: string; ruleId?: string}[]}[]
  outputs: {format: string; path: string; bytes: number; state: string}[]
  timings: Record<string, number>
  messages: unknown[]
}

let root: string
let cold: CliRun
let again: CliRun
let failing: CliRun

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-json-'))
  const args = ['build', 'content', '--out', path.join(root, 'dist'), '--cache-dir', path.join(root, 'cache'), '--json']
  cold = await imprint(args)
  again = await imprint(args)
  failing = await imprint(['build', path.join(root, 'missing.txt'), '--out', path.join(root, 'dist2'), '--json'])
})

after(async () => {
  await rm(root, {recursive: true, force: true})
})

test('--json prints one JSON document on stdout and nothing else', () => {
  assert.equal(cold.code, 0, cold.stderr)
  const summary = JSON.parse(cold.stdout) as Summary
  assert.equal(summary.ok, true)
  assert.match(cold.stdout, /^\{[\s\S]*\}\n$/, 'no size listing around the JSON')
})

test('--json lists every output with its real size and how it was made', async () => {
  const summary = JSON.parse(cold.stdout) as Summary
  assert.deepEqual(summary.outputs.map((output) => output.format).sort(), ['catalog', 'epub', 'html', 'image', 'index', 'pdf'])
  for (const output of summary.outputs) {
    assert.equal((await stat(output.path)).size, output.bytes, output.path)
    assert.equal(output.state, 'built')
  }
  const [article] = summary.articles
  assert.equal(article!.slug, 'putin-abe-peace-treaty')
  assert.equal(article!.title, HEADLINE)
  assert.equal(article!.source, path.join('content', 'putin-abe-peace-treaty.txt'))
})

test('--json carries timings and the messages with their places', () => {
  const summary = JSON.parse(cold.stdout) as Summary
  for (const phase of ['plan', 'prepare', 'emit', 'site', 'total']) assert.equal(typeof summary.timings[phase], 'number', phase)
  assert.ok(summary.timings.total! >= summary.timings.emit!)
  const chrome = summary.articles[0]!.messages.find((message) => message.reason.includes('Accessibility links'))
  assert.deepEqual({line: chrome?.line, column: chrome?.column, ruleId: chrome?.ruleId}, {line: 1, column: 1, ruleId: 'page-chrome'})
})

test('a second run reports every output unchanged, with the same messages', () => {
  const first = JSON.parse(cold.stdout) as Summary
  const second = JSON.parse(again.stdout) as Summary
  assert.ok(second.outputs.every((output) => output.state === 'unchanged'), JSON.stringify(second.outputs))
  assert.deepEqual(second.articles[0]!.messages, first.articles[0]!.messages)
})

test('--json reports a failure with ok false, the error and exit code 1', () => {
  assert.equal(failing.code, 1)
  const summary = JSON.parse(failing.stdout) as Summary
  assert.equal(summary.ok, false)
  assert.match(JSON.stringify(summary.messages), /cannot read input: ENOENT/)
})

test('no progress display when output is not a terminal', () => {
  assert.ok(!cold.stderr.includes('\r'), 'no carriage returns')
  assert.ok(!/\d+\/\d+ articles/.test(cold.stderr))
})

test('on a terminal a progress line counts the articles; CI=1 turns it off', async () => {
  const out = path.join(root, 'tty')
  const command = `${process.execPath} ${CLI} build content --out ${out} --no-cache`
  // script(1) gives the command a real pseudo-terminal.
  const env = {...process.env}
  delete env.CI
  const tty = await run('script', ['-qec', command, '/dev/null'], {env})
  assert.match(tty.stdout, /imprint: 1\/1 articles {2}putin-abe-peace-treaty/)
  const ci = await run('script', ['-qec', command, '/dev/null'], {env: {...env, CI: '1'}})
  assert.ok(!/articles/.test(ci.stdout), ci.stdout)
  assert.match(ci.stdout, /putin-abe-peace-treaty\.pdf/)
})
