/**
 * The generated cover keeps every text inside its frame, however long:
 * a title of forty words, a publisher of one eighty-letter word. Read from
 * the PNG the build writes: the safe margin at the edge stays white (office
 * printers clip there), the black frame inside it stays whole and the white
 * inside the frame stays white, so no text crossed either.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {copyFile, mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {before, test} from 'node:test'
import {slugOfTitle} from '../src/books/book.ts'
import {readPng, type Png} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)

const BOOKS = {
  short: {title: 'Short', publisher: 'RFE/RL'},
  long: {
    title:
      'The Extraordinarily Comprehensive and Unabridged Chronicle of Everything That Happened Along the Northern Shores During the Long Winter of Negotiations Between Two Great Nations Over a Handful of Small Islands',
    subtitle:
      'A subtitle that goes on and on, describing in detail the many articles, reports, dispatches, interviews and commentaries gathered here from the wire services and newspapers of the whole region',
    editor: 'Ada Editor With A Very Long Name Indeed, Another Editor Whose Name Is Also Rather Long, A Third Editor',
    publisher: 'The International Consortium of Independent Regional Newspaper Publishers and Wire Services Cooperative Association Limited'
  },
  word: {
    title: 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt',
    publisher: 'Aktiengesellschaftsunternehmensberatungsgesellschaftsverwaltungsabteilung'
  }
}

let out: string

before(async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'imprint-cover-'))
  await mkdir(path.join(root, 'content'))
  await copyFile('content/putin-abe-peace-treaty.txt', path.join(root, 'content', 'putin-abe-peace-treaty.txt'))
  const config = ['books:']
  for (const book of Object.values(BOOKS)) {
    config.push(`  - title: ${JSON.stringify(book.title)}`)
    for (const [key, value] of Object.entries(book)) if (key !== 'title') config.push(`    ${key}: ${JSON.stringify(value)}`)
    config.push('    articles: content/putin-abe-peace-treaty.txt')
  }
  await writeFile(path.join(root, 'imprint.config.yaml'), config.join('\n') + '\n')
  out = path.join(root, 'dist')
  await run(process.execPath, [CLI, 'build', 'content', '--out', out, '--format', 'epub'], {cwd: root})
})

/** The pixels of one band `from`–`to` CSS px in from every edge of the cover, and whether each passes. */
function ring(png: Png, from: number, to: number, passes: (grey: number) => boolean): Array<[number, number]> {
  const scale = png.width / 600
  const [inner, outer] = [Math.round(from * scale), Math.round(to * scale)]
  const failed: Array<[number, number]> = []
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const depth = Math.min(x, y, png.width - 1 - x, png.height - 1 - y)
      if (depth >= inner && depth < outer && !passes(png.grey(x, y))) failed.push([x, y])
    }
  }
  return failed
}

for (const [name, book] of Object.entries(BOOKS)) {
  test(`cover “${name}”: a white safe margin, then the frame, whole, and no text enters the white inside it`, async () => {
    const png = await readPng(path.join(out, `${slugOfTitle(book.title)}-cover.png`))
    assert.equal(png.width, 1200)
    // Nothing within 7 % of the width of the edge (14.7 mm on A4): office printers cannot print there.
    const safe = ring(png, 0, 41, (grey) => grey > 250)
    assert.deepEqual(safe.slice(0, 5), [], `${safe.length} pixels of the safe margin are not white`)
    const frame = ring(png, 43, 45, (grey) => grey < 64)
    assert.deepEqual(frame.slice(0, 5), [], `${frame.length} pixels of the frame are not black`)
    // The padding inside the frame ends at 81.6 px; a glyph's side bearing may reach a few pixels into it.
    const margin = ring(png, 47, 76, (grey) => grey > 250)
    assert.deepEqual(margin.slice(0, 5), [], `${margin.length} pixels of the margin inside the frame are not white`)
    // And the text is there: the middle of the cover is not blank.
    const inked = ring(png, 90, 300, (grey) => grey > 128)
    assert.ok(inked.length > 1000, 'the cover carries its text')
  })
}
