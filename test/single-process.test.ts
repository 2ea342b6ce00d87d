/**
 * A build with many documents to print, run as root (the sandbox is off
 * then anyway), puts Chromium's pages in the browser process: the browser's
 * command line says so, the PDFs are byte for byte those of a browser with
 * renderer processes, a browser killed mid-build is still replaced, and
 * one that printed its share of documents hands over to a fresh one.
 */
import assert from 'node:assert/strict'
import {mkdir, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {build, type BuildOptions} from '../src/build/build.ts'
import {openPrinter, SINGLE_PROCESS_FROM} from '../src/formats/pdf/printer.ts'
import {pdfText} from './helpers/artefacts.ts'
import {processesMentioning, waitFor} from './helpers/processes.ts'

const root = typeof process.getuid === 'function' && process.getuid() === 0
let temp: string
let content: string
const saved = process.env.IMPRINT_SINGLE_PROCESS

before(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-single-'))
  process.env.TMPDIR = temp
  content = path.join(temp, 'content')
  await mkdir(content)
  for (let at = 1; at <= SINGLE_PROCESS_FROM; at++) {
    await writeFile(path.join(content, `pier-${at}.txt`), `Pier ${at} Opens to Ferries\n\nPier ${at} took its first ferry on Monday, a week late.\n\nThe port said the ${at}th berth would follow.\n`)
  }
})

after(() => {
  if (saved === undefined) delete process.env.IMPRINT_SINGLE_PROCESS
  else process.env.IMPRINT_SINGLE_PROCESS = saved
})

/** Print every article, PDF only; `onBrowser` sees each browser the build launches. */
async function printAll(name: string, onBrowser: (pid: number) => void = () => {}): Promise<{out: string; commandLines: string[]}> {
  const out = path.join(temp, `out-${name}`)
  const commandLines: string[] = []
  const result = await build({
    inputs: [content],
    outDir: out,
    formats: ['pdf'],
    paper: 'a4',
    noCache: true,
    timeoutMs: 30_000,
    onBrowser: (pid) => {
      void readFile(`/proc/${pid}/cmdline`, 'utf8').then((line) => commandLines.push(line.split('\0').join(' ')))
      onBrowser(pid)
    }
  })
  assert.equal(result.failed, false, result.articles.flatMap((article) => article.file.messages.map(String)).join('\n'))
  assert.equal((await readdir(out)).filter((file) => file.endsWith('.pdf')).length, SINGLE_PROCESS_FROM)
  return {out, commandLines}
}

test(`${SINGLE_PROCESS_FROM} PDFs to print: pages in the browser process as root, the same bytes as with renderer processes`, async () => {
  delete process.env.IMPRINT_SINGLE_PROCESS
  const single = await printAll('single')
  assert.equal(single.commandLines.length, 1)
  assert.equal(single.commandLines[0]!.includes('--single-process'), root, single.commandLines[0])
  assert.equal(single.commandLines[0]!.includes('--no-sandbox'), root, 'no sandbox only as root')

  process.env.IMPRINT_SINGLE_PROCESS = '0'
  const separate = await printAll('separate')
  assert.doesNotMatch(separate.commandLines[0]!, /--single-process/)

  const files = (await readdir(single.out)).filter((name) => name.endsWith('.pdf')).sort()
  assert.equal(files.length, SINGLE_PROCESS_FROM)
  for (const name of files) {
    const [a, b] = await Promise.all([readFile(path.join(single.out, name)), readFile(path.join(separate.out, name))])
    assert.ok(a.equals(b), `${name}: the same bytes from both browsers`)
  }
  assert.deepEqual(await waitFor(() => processesMentioning(temp), (pids) => pids.length === 0), [])
})

test('a browser killed mid-build is replaced, and every article prints', async () => {
  // As root, that browser runs its pages in its own process.
  process.env.IMPRINT_SINGLE_PROCESS = '1'
  const pids: number[] = []
  await printAll('killed', (pid) => {
    pids.push(pid)
    if (pids.length === 1) setTimeout(() => process.kill(pid, 'SIGKILL'), 300)
  })
  assert.equal(pids.length, 2, 'one fresh browser after the kill')
  assert.deepEqual(await waitFor(() => processesMentioning(temp), (found) => found.length === 0), [])
})

test('a single-process browser hands over to a fresh one after its share of documents, and leaves nothing behind', async () => {
  delete process.env.IMPRINT_SINGLE_PROCESS
  const pids: number[] = []
  const printer = openPrinter({documents: SINGLE_PROCESS_FROM, browserDocuments: 3, concurrency: 1, onBrowser: (pid) => pids.push(pid)})
  const texts = Array.from({length: 7}, (_, at) => `Handover ${at + 1}`)
  let pdfs: Uint8Array[]
  try {
    pdfs = await Promise.all(texts.map((text) => printer.print(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${text}</title></head><body><p>${text}</p></body></html>`, {allowedRoots: []})))
  } finally {
    await printer.close()
  }
  // With the sandbox on there is no single-process browser: one browser prints all seven.
  assert.equal(pids.length, root ? 3 : 1, 'seven documents, three to a single-process browser')
  for (const [at, pdf] of pdfs.entries()) {
    const file = path.join(temp, `handover-${at}.pdf`)
    await writeFile(file, pdf)
    assert.match(await pdfText(file), new RegExp(texts[at]!))
  }
  assert.deepEqual(await waitFor(() => processesMentioning(temp), (found) => found.length === 0), [])
})
