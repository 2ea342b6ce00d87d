/**
 * Handouts: the per-article PDF prints its source URL as text and as a QR
 * code a phone can read, at a readable measure on every paper, and
 * `--booklet` sets it on A5 pages imposed for saddle stitching.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {copyFile, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {before, test} from 'node:test'
import {decodeQrCodes, pdfBodySize, pdfInfo, pdfPageSize, pdfText, pdfTextIn, squash} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const URL = 'https://www.rferl.org/a/putin-abe-vow-to-seek-wwii-treaty-solution-to-island-dispute/29252030.html'

let a4: string
let a5: string
let letter: string

before(async () => {
  const content = await mkdtemp(path.join(os.tmpdir(), 'imprint-handout-src-'))
  await copyFile('content/putin-abe-peace-treaty.txt', path.join(content, 'putin-abe-peace-treaty.txt'))
  const meta = await readFile('content/putin-abe-peace-treaty.meta.yaml', 'utf8')
  await writeFile(path.join(content, 'putin-abe-peace-treaty.meta.yaml'), `${meta}source: ${URL}\n`)
  a4 = await mkdtemp(path.join(os.tmpdir(), 'imprint-handout-a4-'))
  a5 = await mkdtemp(path.join(os.tmpdir(), 'imprint-handout-a5-'))
  letter = await mkdtemp(path.join(os.tmpdir(), 'imprint-handout-letter-'))
  await Promise.all([
    run(process.execPath, [CLI, 'build', content, '--out', a4, '--format', 'pdf', '--booklet']),
    run(process.execPath, [CLI, 'build', content, '--out', a5, '--format', 'pdf', '--paper', 'a5', '--booklet']),
    run(process.execPath, [CLI, 'build', content, '--out', letter, '--format', 'pdf', '--paper', 'letter'])
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

test('--booklet sets the handout on A5 pages, two a side of A4, in booklet order, body at least 9 pt', async () => {
  assert.ok((await readdir(a5)).includes('putin-abe-peace-treaty-booklet.pdf'))
  const booklet = path.join(a5, 'putin-abe-peace-treaty-booklet.pdf')
  const sides = Number((await pdfInfo(booklet)).Pages)
  const padded = sides * 2
  assert.equal(padded % 4, 0)
  const {width, height} = await pdfPageSize(booklet)
  assert.ok(width > height, 'landscape sheets')
  assert.ok(Math.abs(width - 842) < 2 && Math.abs(height - 595) < 2, 'A5 pages go two-up on A4')

  // Read the folio printed at the foot of each half of each sheet side (the bottom tenth of the page).
  const folios: Array<number | undefined> = []
  for (let side = 1; side <= sides; side++) {
    for (const x of [0, width / 2]) {
      const foot = squash(await pdfTextIn(booklet, side, {x, y: height * 0.9, width: width / 2, height: height * 0.1}))
      const whole = squash(await pdfTextIn(booklet, side, {x, y: 0, width: width / 2, height}))
      folios.push(/^\d+$/.test(foot) ? Number(foot) : whole === '' ? undefined : Number.NaN)
    }
  }
  const count = Math.max(...folios.filter((folio) => folio !== undefined))
  assert.ok(count >= 2 && padded - count < 4, `${count} pages padded to ${padded}`)
  // Sheet k (from 0): front [m-2k, 2k+1], back [2k+2, m-1-2k], in 1-based page numbers.
  const expected: Array<number | undefined> = []
  for (let sheet = 0; sheet < padded / 4; sheet++) {
    expected.push(padded - 2 * sheet, 2 * sheet + 1, 2 * sheet + 2, padded - 1 - 2 * sheet)
  }
  assert.deepEqual(folios, expected.map((page) => (page! <= count ? page : undefined)))
  assert.ok((await pdfBodySize(booklet)) >= 9, 'body text of at least 9 pt')
})

/** The characters of the median body line: lines of the commonest height, from pdftotext's boxes. */
async function medianMeasure(file: string): Promise<number> {
  const {stdout} = await run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], {maxBuffer: 64 * 1024 * 1024})
  const lines: Array<{height: number; characters: number}> = []
  for (const match of stdout.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
    const words = [...match[3]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((word) => word[1]!)
    lines.push({height: Math.round((Number(match[2]) - Number(match[1])) * 2) / 2, characters: [...words.join(' ')].length})
  }
  const heights = new Map<number, number>()
  for (const line of lines) heights.set(line.height, (heights.get(line.height) ?? 0) + 1)
  const body = [...heights].sort((a, b) => b[1] - a[1])[0]![0]
  const counts = lines.filter((line) => line.height === body).map((line) => line.characters).sort((a, b) => a - b)
  return counts[Math.floor(counts.length / 2)]!
}

for (const paper of ['a4', 'a5', 'letter'] as const) {
  test(`the ${paper} handout sets a readable measure (60 to 75 characters) and never leaves the notice or the source alone on a page`, async () => {
    const file = path.join(paper === 'a4' ? a4 : paper === 'a5' ? a5 : letter, 'putin-abe-peace-treaty.pdf')
    const measure = await medianMeasure(file)
    assert.ok(measure >= 60 && measure <= 75, `${measure} characters a line`)
    const pages = Number((await pdfInfo(file)).Pages)
    const last = squash(await pdfText(file, {first: pages, last: pages}))
    // The last page holds body text too: more than the credits, notice, source and folio.
    const ending = last.slice(0, last.indexOf('With reporting by AFP, AP, and Interfax'))
    assert.ok(ending.replace(/^.*?…/, '').trim().length > 40, `the last page carries the article's last lines: ${last.slice(0, 120)}`)
  })
}
