/**
 * An article's EPUB cover shows its title, publisher and date only, so it
 * is kept in the cache by those: an edit to the body makes a new EPUB with
 * the same cover and draws nothing, and a new title draws a new one. The
 * screenshots are counted on a real Chromium (the printer `imprint dev`
 * would hand to each build).
 */
import assert from 'node:assert/strict'
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, test} from 'node:test'
import {build} from '../src/build/build.ts'
import {openPrinter, type PdfPrinter} from '../src/formats/pdf/printer.ts'

let dir: string | undefined
const printer = openPrinter({timeoutMs: 60_000})
after(async () => {
  await printer.close()
  if (dir) await rm(dir, {recursive: true, force: true})
})

test('a body edit reuses the drawn cover; a title edit draws again', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-cover-cache-'))
  const content = path.join(dir, 'content')
  await mkdir(content)
  const source = path.join(content, 'quay.md')
  const write = (title: string, body: string) => writeFile(source, `---\ntitle: ${title}\npublisher: Harbour Gazette\ndate: 2025-04-01\nlang: en\n---\n\n${body}\n`)
  let shots = 0
  const counting: PdfPrinter = {
    concurrency: printer.concurrency,
    print: (html, options) => printer.print(html, options),
    screenshot: (html, options) => (shots++, printer.screenshot(html, options)),
    close: async () => {}
  }
  const out = path.join(dir, 'out')
  const run = async () => {
    const result = await build({inputs: [content], outDir: out, formats: ['epub'], paper: 'a4', cacheDir: path.join(dir!, 'cache'), printer: counting, timeoutMs: 60_000})
    assert.equal(result.failed, false)
    return {epub: await readFile(path.join(out, 'quay.epub')), cover: await readFile(path.join(out, 'quay-cover.png'))}
  }

  await write('The Quay Reopens', 'The quay reopened on Monday.')
  const first = await run()
  assert.equal(shots, 1)

  await write('The Quay Reopens', 'The quay reopened on Monday, after a winter of repairs.')
  const edited = await run()
  assert.equal(shots, 1, 'a body edit drew the cover again')
  assert.notDeepEqual(edited.epub, first.epub)
  assert.deepEqual(edited.cover, first.cover)

  await write('The Quay Reopens at Last', 'The quay reopened on Monday, after a winter of repairs.')
  const retitled = await run()
  assert.equal(shots, 2)
  assert.notDeepEqual(retitled.cover, first.cover)
})
