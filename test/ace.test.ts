/**
 * Ace by DAISY, the EPUB accessibility checker, judges the seed EPUB (the
 * Markdown fixture's, with images, a table and footnotes, is judged in
 * e2e-markdown). Its Electron runner needs a display; `ace-puppeteer` drives
 * the same Chromium imprint prints with. One run: about ten seconds.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {promisify} from 'node:util'
import {resolveBrowser} from '../src/formats/pdf/browser.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const ACE = path.resolve('node_modules/.bin/ace-puppeteer')

interface AceReport {
  'earl:result': {'earl:outcome': string}
  'a11y-metadata': {missing: string[]; present: string[]}
  assertions: Array<{
    'earl:testSubject': {url: string}
    assertions: Array<{'earl:test': {'dct:title': string; 'earl:impact': string}; 'earl:result': {'dct:description': string}}>
  }>
}

let out: string

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-ace-'))
  await run(process.execPath, [CLI, 'build', 'content', '--out', out, '--format', 'epub', '--quiet'])
  await run(process.execPath, [CLI, 'build', 'content', '--out', path.join(out, 'no-fonts'), '--format', 'epub', '--epub-fonts', 'none', '--no-cache', '--quiet'])
})

after(async () => {
  await rm(out, {recursive: true, force: true})
})

async function ace(epub: string): Promise<AceReport> {
  const report = path.join(out, `ace-${path.basename(path.dirname(epub))}-${path.basename(epub, '.epub')}`)
  await run(process.execPath, [ACE, '--silent', '--outdir', report, epub], {
    env: {...process.env, PUPPETEER_EXECUTABLE_PATH: resolveBrowser()},
    maxBuffer: 64 * 1024 * 1024
  })
  return JSON.parse(await readFile(path.join(report, 'report.json'), 'utf8')) as AceReport
}

function violations(report: AceReport): string[] {
  return report.assertions.flatMap((subject) =>
    subject.assertions.map(
      (item) => `${subject['earl:testSubject'].url}: ${item['earl:test']['dct:title']} (${item['earl:test']['earl:impact']}) ${item['earl:result']['dct:description']}`
    )
  )
}

test('Ace: the seed EPUB has no violations and full accessibility metadata', async () => {
  const report = await ace(path.join(out, 'putin-abe-peace-treaty.epub'))
  assert.deepEqual(violations(report), [])
  assert.equal(report['earl:result']['earl:outcome'], 'pass')
  for (const property of [
    'schema:accessMode',
    'schema:accessModeSufficient',
    'schema:accessibilityFeature',
    'schema:accessibilityHazard',
    'schema:accessibilitySummary',
    'dcterms:conformsTo'
  ]) {
    assert.ok(report['a11y-metadata'].present.includes(property), `${property} is declared`)
  }
})

test('Ace: an EPUB without fonts (--epub-fonts none) has no violations either', async () => {
  const report = await ace(path.join(out, 'no-fonts', 'putin-abe-peace-treaty.epub'))
  assert.deepEqual(violations(report), [])
  assert.equal(report['earl:result']['earl:outcome'], 'pass')
})
