/**
 * Golden outputs: one fixed build (the seed, pasted text in Russian and
 * Persian, Markdown with an image, web pages, a page that is no article,
 * two books and their booklets) whose every output file is compared by
 * sha256 with test/golden.json. A refactor must change no byte; a change
 * that means to alter an output rewrites the file with `UPDATE=1 npm test`,
 * and its diff is reviewed like code.
 *
 * What Chromium makes (PDFs, generated covers, and the EPUB of a book that
 * carries one) depends on its version. When the Chromium here is not the
 * one golden.json was made with, those files are compared by what they
 * hold instead: a PDF's text as pdftotext reads it, an EPUB's entries
 * other than its cover image, a PNG's size. Everything else is compared
 * byte for byte whatever the browser.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {promisify} from 'node:util'
import JSZip from 'jszip'
import {resolveBrowser} from '../src/formats/pdf/browser.ts'
import {pdfText} from './helpers/artefacts.ts'
import {imprint} from './helpers/imprint.ts'

const run = promisify(execFile)
const GOLDEN = path.resolve('test/golden.json')
const INPUTS = ['content', 'test/fixtures/markdown', 'test/fixtures/html', 'test/fixtures/publishing']
const CONFIG = 'test/fixtures/golden/imprint.config.yaml'

interface Golden {
  /** `chromium --version` of the browser the hashes were made with. */
  readonly chromium: string
  readonly exitCode: number
  /** Every file of the output folder, by name: the sha256 of its bytes. */
  readonly outputs: Readonly<Record<string, string>>
  /** What the browser made, by what it holds: see `browserFree`. */
  readonly content: Readonly<Record<string, string>>
  /** Each message as `--json` reports it. */
  readonly messages: readonly unknown[]
}

let out: string
let built: Golden

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-golden-'))
  const env: NodeJS.ProcessEnv = {TZ: 'UTC', LANG: 'C', CI: '1'}
  // Dates come from the content alone.
  const saved = process.env.SOURCE_DATE_EPOCH
  delete process.env.SOURCE_DATE_EPOCH
  const result = await imprint(['build', ...INPUTS, '--config', CONFIG, '--booklet', '--out', out, '--no-cache', '--json'], env)
  if (saved !== undefined) process.env.SOURCE_DATE_EPOCH = saved
  const summary = JSON.parse(result.stdout) as {messages: unknown[]}
  const names = (await readdir(out)).sort()
  const outputs: Record<string, string> = {}
  const content: Record<string, string> = {}
  for (const name of names) {
    const file = path.join(out, name)
    outputs[name] = sha256(await readFile(file))
    const held = await browserFree(file)
    if (held !== undefined) content[name] = sha256(held)
  }
  const {stdout: version} = await run(resolveBrowser(), ['--version'])
  // Messages may quote a path: the clone's own folder is not part of them.
  const messages = JSON.parse(JSON.stringify(summary.messages).replaceAll(JSON.stringify(process.cwd()).slice(1, -1), '<repository>')) as unknown[]
  built = {chromium: version.trim(), exitCode: result.code, outputs, content, messages}
  if (process.env.UPDATE === '1') await writeFile(GOLDEN, JSON.stringify(built, null, 2) + '\n')
})

after(async () => {
  await rm(out, {recursive: true, force: true})
})

test('the golden build writes the same files, with the same messages and exit code', async () => {
  const golden = await readGolden()
  assert.deepEqual(Object.keys(built.outputs), Object.keys(golden.outputs))
  assert.equal(built.exitCode, golden.exitCode)
  assert.deepEqual(built.messages, golden.messages)
})

test('every output is byte for byte the golden one (what Chromium made: by its content, under another Chromium)', async (t) => {
  const golden = await readGolden()
  const sameBrowser = golden.chromium === built.chromium
  if (!sameBrowser) t.diagnostic(`Chromium is ${built.chromium}, golden.json was made with ${golden.chromium}: browser-made files compared by content`)
  const differ: string[] = []
  for (const [name, hash] of Object.entries(golden.outputs)) {
    const byContent = !sameBrowser && name in golden.content
    const same = byContent ? built.content[name] === golden.content[name] : built.outputs[name] === hash
    if (!same) differ.push(name)
  }
  assert.deepEqual(differ, [], 'these outputs changed; if that is meant, run UPDATE=1 npm test and review the diff of test/golden.json')
})

async function readGolden(): Promise<Golden> {
  try {
    return JSON.parse(await readFile(GOLDEN, 'utf8')) as Golden
  } catch {
    throw new Error('test/golden.json is missing: make it with UPDATE=1 on a build known to be right')
  }
}

/**
 * What a browser-made file holds, apart from how this Chromium drew it: a
 * PDF's text, an EPUB's entries other than images, a PNG's pixel size.
 * Undefined for the files no browser touches.
 */
async function browserFree(file: string): Promise<string | undefined> {
  if (file.endsWith('.pdf')) return pdfText(file)
  if (file.endsWith('.png')) {
    const png = await readFile(file)
    return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`
  }
  if (file.endsWith('.epub')) {
    const zip = await JSZip.loadAsync(await readFile(file))
    const entries = Object.keys(zip.files).sort()
    if (!entries.some((name) => /cover\.(png|jpe?g)$/.test(name))) return undefined
    const parts: string[] = []
    for (const name of entries) {
      if (/\.(png|jpe?g|gif)$/.test(name)) parts.push(name)
      else parts.push(name, sha256(await zip.files[name]!.async('uint8array')))
    }
    return parts.join('\n')
  }
  return undefined
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
