/**
 * Handouts: the per-article PDF prints its source URL as text and as a QR
 * code a phone can read, and `--booklet` imposes it for saddle stitching.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {copyFile, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {before, test} from 'node:test'
import {decodeQrCodes, pdfInfo, pdfPageSize, pdfText, pdfTextIn, squash} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const URL = 'https://www.rferl.org/a/putin-abe-vow-to-seek-wwii-treaty-solution-to-island-dispute/29252030.html'

let a4: string
let a5: string

before(async () => {
  const content = await mkdtemp(path.join(os.tmpdir(), 'imprint-handout-src-'))
  await copyFile('content/putin-abe-peace-treaty.txt', path.join(content, 'putin-abe-peace-treaty.txt'))
  const meta = await readFile('content/putin-abe-peace-treaty.meta.yaml', 'utf8')
  await writeFile(path.join(content, 'putin-abe-peace-treaty.meta.yaml'), `${meta}source: ${URL}\n`)
  a4 = await mkdtemp(path.join(os.tmpdir(), 'imprint-handout-a4-'))
  a5 = await mkdtemp(path.join(os.tmpdir(), 'imprint-handout-a5-'))
  await Promise.all([
    run(process.execPath, [CLI, 'build', content, '--out', a4, '--format', 'pdf', '--booklet']),
    run(process.execPath, [CLI, 'build', content, '--out', a5, '--format', 'pdf', '--paper', 'a5', '--booklet'])
  ])
})

test('the A4 handout fits on two pages and prints the URL as text', async () => {
  const file = path.join(a4, 'putin-abe-peace-treaty.pdf')
  assert.equal((await pdfInfo(file)).Pages, '2')
  const text = squash(await pdfText(file))
  assert.ok(text.replace(/\s/g, '').includes(URL), 'the URL is printed')
  assert.ok(text.includes('With reporting by AFP, AP, and Interfax'), 'credits printed')
  assert.ok(text.includes('To find out more, click here.'), 'notice printed')
})

test('the QR code on the handout decodes to the source URL', async () => {
  const file = path.join(a4, 'putin-abe-peace-treaty.pdf')
  const pages = Number((await pdfInfo(file)).Pages)
  assert.deepEqual(await decodeQrCodes(file, pages), [URL])
})

test('--booklet writes an imposed file: landscape, a multiple of 4 pages, in booklet order', async () => {
  assert.ok((await readdir(a5)).includes('putin-abe-peace-treaty-booklet.pdf'))
  const source = path.join(a5, 'putin-abe-peace-treaty.pdf')
  const booklet = path.join(a5, 'putin-abe-peace-treaty-booklet.pdf')
  const count = Number((await pdfInfo(source)).Pages)
  const sides = Number((await pdfInfo(booklet)).Pages)
  // Three A5 pages: one blank pads them to a sheet. The book's booklet tests several sheets.
  assert.ok(count % 4 !== 0, `padding is exercised (${count} pages)`)
  const padded = sides * 2
  assert.equal(padded % 4, 0)
  assert.ok(padded >= count && padded - count < 4, `${count} pages padded to ${padded}`)

  const {width, height} = await pdfPageSize(booklet)
  assert.ok(width > height, 'landscape sheets')
  assert.ok(Math.abs(width - 842) < 2 && Math.abs(height - 595) < 2, 'A5 pages go two-up on A4')

  // Read the folio ("3 / 7") printed on each half of each sheet side.
  const folios: Array<number | undefined> = []
  for (let side = 1; side <= sides; side++) {
    for (const x of [0, width / 2]) {
      const text = squash(await pdfTextIn(booklet, side, {x, y: 0, width: width / 2, height}))
      const match = /(\d+) ?\/ ?(\d+)$/.exec(text)
      if (match) assert.equal(Number(match[2]), count)
      folios.push(match ? Number(match[1]) : text === '' ? undefined : Number.NaN)
    }
  }
  // Sheet k (from 0): front [m-2k, 2k+1], back [2k+2, m-1-2k], in 1-based page numbers.
  const expected: Array<number | undefined> = []
  for (let sheet = 0; sheet < padded / 4; sheet++) {
    expected.push(padded - 2 * sheet, 2 * sheet + 1, 2 * sheet + 2, padded - 1 - 2 * sheet)
  }
  assert.deepEqual(folios, expected.map((page) => (page! <= count ? page : undefined)))
})
