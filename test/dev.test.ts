/**
 * `imprint dev` as a person uses it: a real process, its preview open in a
 * real Chromium. An edit shows in the open page; a stylesheet's change
 * reaches the PDF; a broken front matter puts an overlay naming the file
 * and line over the page until it is fixed; the output folder holds what
 * `imprint build` writes and no script; Ctrl-C leaves no process and no
 * temporary file.
 *
 * The stylesheets are imprint's own (styles/), so the test runs a copy of
 * the compiled imprint whose styles it may change.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile, appendFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {after, before, test} from 'node:test'
import type {Browser, Page} from 'puppeteer-core'
import {launchBrowser} from '../src/formats/pdf/browser.ts'
import {pdfText} from './helpers/artefacts.ts'
import {fileStamp} from './helpers/imprint.ts'
import {processesMentioning, waitFor} from './helpers/processes.ts'
import {startImprint, type Running} from './helpers/server.ts'

const run = promisify(execFile)
let dir: string
let project: string
let tmp: string
let cli: string
let dev: Running
let browser: Browser
let page: Page

const article = (words: string, frontMatter = 'title: Harbour Notes\npublisher: Harbour Gazette\ndate: 2025-01-02\nlang: en') =>
  `---\n${frontMatter}\n---\n\n${words} about the harbour, long enough to be an article of its own.\n\nA second paragraph follows it.\n`

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-dev-'))
  // A copy of imprint: its styles are the test's to change.
  const copy = path.join(dir, 'imprint')
  await mkdir(copy)
  for (const part of ['lib', 'templates', 'styles', 'package.json']) await cp(part, path.join(copy, part), {recursive: true})
  await symlink(path.resolve('node_modules'), path.join(copy, 'node_modules'))
  cli = path.join(copy, 'lib/bin.js')
  project = path.join(dir, 'project')
  await mkdir(path.join(project, 'content'), {recursive: true})
  await writeFile(path.join(project, 'content/notes.md'), article('First words'))
  await writeFile(path.join(project, 'content/other.md'), article('Other words'))
  // Its own TMPDIR: what the session leaves there, and the processes that name it, are its own.
  tmp = path.join(dir, 'tmp')
  await mkdir(tmp)
  dev = await startImprint(['dev', '--port', '0', '--format', 'html,pdf'], {cwd: project, env: {TMPDIR: tmp}, cli})
  // It reaches the preview on 127.0.0.1: the printer's closed network would refuse even that.
  browser = await launchBrowser({allowRemote: true})
  page = await browser.newPage()
})

after(async () => {
  await browser?.close()
  await dev?.stop()
  await rm(dir, {recursive: true, force: true})
})

test('the preview serves the site, each page and each PDF as the browser shows them', async () => {
  assert.match(dev.url, /^http:\/\/127\.0\.0\.1:\d+\/$/)
  await waitFor(() => readdir(path.join(project, 'dist')).catch((): string[] => []), (names) => names.includes('index.html'), 60_000)
  await page.goto(new URL('notes.html', dev.url).href)
  assert.match(await bodyText(page), /First words/)
  const pdf = await fetch(new URL('notes.pdf', dev.url))
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
  const index = await fetch(dev.url)
  assert.match(await index.text(), /notes\.html/)
})

test('an edit to the Markdown shows in the open page by itself, and rebuilds only that article', async () => {
  const others = ['other.html', 'other.pdf'].map((name) => path.join(project, 'dist', name))
  const before = await Promise.all(others.map((file) => fileStamp(file)))
  await writeFile(path.join(project, 'content/notes.md'), article('Second words'))
  const text = await waitFor(() => bodyText(page), (shown) => /Second words/.test(shown), 60_000)
  assert.match(text, /Second words/)
  assert.match(dev.output().stderr, /content\/notes\.md changed: rebuilt in \d+ ms \(\d+ files? written\)/)
  assert.deepEqual(await Promise.all(others.map((file) => fileStamp(file))), before, 'the other article was left as it was')
})

test('a change to a stylesheet changes the PDF', async () => {
  const pdfPath = path.join(project, 'dist/notes.pdf')
  const before = await readFile(pdfPath)
  await appendFile(path.join(dir, 'imprint/styles/print.css'), '\n.article-body p { font-size: 13pt; }\n')
  const after = await waitFor(
    () => readFile(pdfPath).catch(() => before),
    (bytes) => !bytes.equals(before),
    60_000
  )
  assert.ok(!after.equals(before), 'the PDF was printed again')
  const text = await pdfText(pdfPath)
  // Soft hyphens mark where the print may break a word (issue 14 makes them rarer).
  assert.match(text.replaceAll('\u00ad', ''), /Second\s+words/, text)
})

test('a front-matter error shows an overlay naming the file and line; the fix clears it', async () => {
  await writeFile(path.join(project, 'content/notes.md'), article('Third words', 'title: "Harbour Notes\npublisher: Harbour Gazette'))
  const problem = await waitFor(() => overlayProblem(page), (found) => found !== undefined, 60_000)
  assert.ok(problem, 'the overlay is shown')
  assert.equal(problem.file, path.join('content', 'notes.md'))
  assert.match(problem.line ?? '', /^\d+$/)
  assert.match(problem.text, /content\/notes\.md:\d+:\d+/)
  assert.match(problem.text, /YAML/)
  assert.match(dev.output().stderr, /content\/notes\.md:\d+:\d+\s+error/)

  await writeFile(path.join(project, 'content/notes.md'), article('Fourth words'))
  const text = await waitFor(() => bodyText(page), (shown) => /Fourth words/.test(shown), 60_000)
  assert.match(text, /Fourth words/)
  assert.equal(await overlayProblem(page), undefined, 'the overlay is gone')
})

test('the output folder holds no script, and is what `imprint build` writes', async () => {
  for (const name of await readdir(path.join(project, 'dist'))) {
    if (!name.endsWith('.html') && !name.endsWith('.xml')) continue
    assert.doesNotMatch(await readFile(path.join(project, 'dist', name), 'utf8'), /<script/i, name)
  }
  const served = await (await fetch(new URL('notes.html', dev.url))).text()
  assert.match(served, /<script type="module" src="\/__imprint\/preview\.js"><\/script>/, 'the preview adds its script on the way out')
  const built = path.join(dir, 'built')
  await run(process.execPath, [cli, 'build', '--format', 'html,pdf', '--out', built, '--no-cache', '--quiet'], {cwd: project})
  for (const name of ['notes.html', 'index.html']) {
    assert.ok((await readFile(path.join(built, name))).equals(await readFile(path.join(project, 'dist', name))), `${name} is byte for byte the build's`)
  }
})

test('Ctrl-C leaves no process and no temporary file', async () => {
  assert.ok((await processesMentioning(tmp)).length > 0, 'the warm Chromium is up')
  assert.equal(await dev.stop('SIGINT'), 0)
  const left = await waitFor(() => processesMentioning(tmp), (pids) => pids.length === 0, 10_000)
  assert.deepEqual(left, [])
  assert.deepEqual(await readdir(tmp), [])
  assert.deepEqual((await readdir(path.join(project, 'dist'))).filter((name) => name.startsWith('.')), [])
})

async function bodyText(on: Page): Promise<string> {
  // During a reload the page has no document to ask: try again.
  return on.evaluate(() => document.body?.innerText ?? '').catch(() => '')
}

async function overlayProblem(on: Page): Promise<{file?: string; line?: string; text: string} | undefined> {
  return on
    .evaluate(() => {
      const item = document.querySelector<HTMLElement>('#imprint-dev-overlay .imprint-dev-problem')
      return item ? {file: item.dataset.file, line: item.dataset.line, text: item.textContent ?? ''} : null
    })
    .then((found) => found ?? undefined)
    .catch(() => undefined)
}
