/**
 * Ace by DAISY, the EPUB accessibility checker, judges the seed EPUB (the
 * Markdown fixture's, with images, a table and footnotes, is judged in
 * e2e-markdown). Its Electron runner needs a display; `ace-puppeteer` drives
 * the same Chromium imprint prints with. One run: about ten seconds.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {promisify} from 'node:util'
import {ace, violations} from './helpers/ace.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)

let out: string

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-ace-'))
  await run(process.execPath, [CLI, 'build', 'content', '--out', out, '--format', 'epub', '--quiet'])
  await run(process.execPath, [CLI, 'build', 'content', '--out', path.join(out, 'no-fonts'), '--format', 'epub', '--epub-fonts', 'none', '--no-cache', '--quiet'])
})

after(async () => {
  await rm(out, {recursive: true, force: true})
})

test('Ace: the seed EPUB has no violations and full accessibility metadata', async () => {
  const report = await ace(path.join(out, 'putin-abe-peace-treaty.epub'), out)
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
  const report = await ace(path.join(out, 'no-fonts', 'putin-abe-peace-treaty.epub'), out)
  assert.deepEqual(violations(report), [])
  assert.equal(report['earl:result']['earl:outcome'], 'pass')
})
