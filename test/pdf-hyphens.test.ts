/**
 * Searchable hyphenation: print text is justified and hyphenated, yet the
 * PDF's text layer holds no soft hyphen. An unbroken word reads whole, and a
 * word broken at a line end reads as the word, with at most the hyphen at
 * the break. Read with pdftotext from handouts and a book in English and
 * Russian on A5, whose short lines break many words; and the pass itself on
 * the content Chromium writes.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {copyFile, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {promisify} from 'node:util'
import {dropSoftHyphens} from '../src/formats/pdf/soft-hyphens.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)

let root: string
const SOURCES = {
  'putin-abe-peace-treaty': 'content/putin-abe-peace-treaty.txt',
  'bridge-verkhneozyorsk': 'test/fixtures/text/bridge-verkhneozyorsk.txt'
}

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-hyphens-'))
  const content = path.join(root, 'content')
  await mkdir(content)
  await copyFile('content/putin-abe-peace-treaty.txt', path.join(content, 'putin-abe-peace-treaty.txt'))
  await copyFile('content/putin-abe-peace-treaty.meta.yaml', path.join(content, 'putin-abe-peace-treaty.meta.yaml'))
  await copyFile(SOURCES['bridge-verkhneozyorsk'], path.join(content, 'bridge-verkhneozyorsk.txt'))
  await writeFile(path.join(content, 'bridge-verkhneozyorsk.meta.yaml'), 'lang: ru\npublisher: Озёрский вестник\n')
  const args = ['build', 'content', '--out', 'dist', '--format', 'pdf', '--paper', 'a5', '--book', 'Two Shores', '--no-cache', '--quiet']
  await run(process.execPath, [CLI, ...args], {cwd: root})
})

after(async () => {
  await rm(root, {recursive: true, force: true})
})

async function text(file: string, layout: boolean): Promise<string> {
  const {stdout} = await run('pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), path.join(root, 'dist', file), '-'], {maxBuffer: 64 << 20})
  return stdout
}

/** The words of the sources, in lower case: what a broken word must read as. */
async function sourceWords(): Promise<Set<string>> {
  const words = new Set<string>()
  for (const file of Object.values(SOURCES)) for (const word of (await readFile(file, 'utf8')).toLowerCase().match(/[\p{L}\p{M}-]+/gu) ?? []) words.add(word)
  return words
}

for (const file of ['putin-abe-peace-treaty.pdf', 'bridge-verkhneozyorsk.pdf', 'two-shores.pdf']) {
  test(`${file}: no soft hyphen in the text layer, and every word broken at a line end reads as a word of the source`, async () => {
    const plain = await text(file, false)
    assert.equal([...plain].filter((char) => char === '\u00ad').length, 0, 'no soft hyphen anywhere')
    const words = await sourceWords()
    // In layout mode a broken word keeps its hyphen at the line's end: join it with the next line's first word.
    const lines = (await text(file, true)).split('\n').map((line) => line.trim())
    const broken: string[] = []
    for (const [at, line] of lines.entries()) {
      const head = /([\p{L}\p{M}]+)-$/u.exec(line)?.[1]
      const tail = /^[\p{L}\p{M}]+/u.exec(lines[at + 1] ?? '')?.[0]
      if (!head || !tail) continue
      const joined = (head + tail).toLowerCase()
      // A compound broken at its own hyphen (Russian-Japanese) keeps it.
      assert.ok(words.has(joined) || words.has(`${head}-${tail}`.toLowerCase()), `“${head}-” + “${tail}” is a word of the source`)
      broken.push(joined)
    }
    assert.ok(broken.length >= 2, `short A5 lines break words (${broken.join(', ')})`)
    // Outside layout mode, pdftotext joins the broken words: each reads whole.
    const joinedText = plain.toLowerCase()
    for (const word of broken) assert.ok(joinedText.includes(word), `“${word}” reads whole`)
  })
}

test('the pass drops the invisible glyph of each soft hyphen and keeps every position', () => {
  const source = ['BT', '1 0 0 -1 0 141 Tm', '<0035> Tj', '8.74 0 Td <0058> Tj', '/Span<</ActualText <feff00ad> >> BDC', '6.01 0 Td <0003> Tj', 'EMC', '0 0 Td <004c> Tj', 'ET'].join('\n')
  assert.equal(dropSoftHyphens(source), ['BT', '1 0 0 -1 0 141 Tm', '<0035> Tj', '8.74 0 Td <0058> Tj', '', '6.01 0 Td ', '', '0 0 Td <004c> Tj', 'ET'].join('\n'))
  // A ligature across a break point keeps its letters.
  assert.equal(dropSoftHyphens('/Span<</ActualText <feff006600ad0066> >> BDC <00ed> Tj EMC'), '/Span<</ActualText <feff00660066> >> BDC <00ed> Tj EMC')
  // Literal strings, and a next-line show that must still move to the next line.
  assert.equal(dropSoftHyphens("/Span <</ActualText (\\376\\377\\000\\255)>> BDC (x) ' EMC"), " () ' ")
  // Other marked content, and a stream without hyphens, are left as they are.
  assert.equal(dropSoftHyphens('/P <</MCID 3>> BDC <00ad> Tj EMC'), undefined)
  assert.equal(dropSoftHyphens('BT (a) Tj ET'), undefined)
  assert.equal(dropSoftHyphens('/Span <</ActualText <feff00ad>>> BDC (x) Tj'), undefined, 'an unclosed span: left alone')
})
