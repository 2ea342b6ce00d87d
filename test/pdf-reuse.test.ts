/**
 * A tab prints one article after another, and keeps the shared styles and
 * fonts of the last (formats/pdf/tab.ts). Nothing of one article may show in the
 * next: each article's PDF must be the same bytes whether it was printed
 * first in a fresh browser or after others, in real Chromium. That also
 * holds Chromium's structure element names to account: it numbers them by
 * the DOM nodes the renderer made before.
 */
import assert from 'node:assert/strict'
import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {before, test} from 'node:test'
import {build} from '../src/build/build.ts'
import {pdfInfo, pdfText} from './helpers/artefacts.ts'

let temp: string

// Different languages, directions, headlines and page counts, in the order
// the build prints them. The last has a table whose header cells become
// named structure elements, and a footnote link.
const ARTICLES: Record<string, string> = {
  'alpha.md': `---\ntitle: Harbour Reopens After Storm\nlang: en\n---\n\nThe harbour reopened on Monday.\n\n${'Boats came back one by one as the water calmed. '.repeat(120)}\n`,
  'bravo.md': `---\ntitle: بندر پس از طوفان بازگشایی شد\nlang: fa\n---\n\nبندر روز دوشنبه بازگشایی شد و قایق‌ها یکی پس از دیگری بازگشتند.\n`,
  'zulu.md': [
    '---',
    'title: Ferry Timetable for the Winter',
    'lang: en',
    '---',
    '',
    'The winter timetable starts next week.[^1]',
    '',
    '| Route | Departs | Arrives |',
    '| --- | --- | --- |',
    '| North | 08:00 | 09:10 |',
    '| South | 10:30 | 11:45 |',
    '',
    '[^1]: As announced by the port authority.',
    ''
  ].join('\n')
}

before(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-reuse-'))
  await mkdir(path.join(temp, 'together'))
  for (const [name, text] of Object.entries(ARTICLES)) {
    await writeFile(path.join(temp, 'together', name), text)
    await mkdir(path.join(temp, `alone-${name}`))
    await writeFile(path.join(temp, `alone-${name}`, name), text)
  }
})

async function printed(folder: string): Promise<string> {
  const out = path.join(temp, `out-${folder}`)
  // One tab: every article after the first is printed into a used one.
  const result = await build({inputs: [path.join(temp, folder)], outDir: out, formats: ['pdf'], paper: 'a4', noCache: true, concurrency: 1})
  assert.equal(result.failed, false, result.articles.flatMap((article) => article.file.messages.map(String)).join('\n'))
  return out
}

test('each article prints the same bytes after others in one tab as alone in a fresh browser', async () => {
  const together = await printed('together')
  for (const name of Object.keys(ARTICLES)) {
    const pdf = name.replace(/\.md$/, '.pdf')
    const alone = await printed(`alone-${name}`)
    const [shared, own] = await Promise.all([readFile(path.join(together, pdf)), readFile(path.join(alone, pdf))])
    assert.ok(shared.equals(own), `${pdf} differs when printed after other articles`)
  }
})

test('the last article keeps its own running head, language and tags', async () => {
  const out = path.join(temp, 'out-together')
  const file = path.join(out, 'zulu.pdf')
  const text = await pdfText(file)
  assert.match(text, /Ferry Timetable for the Winter/)
  assert.doesNotMatch(text, /Harbour Reopens|بندر/, 'nothing of the articles printed before it')
  const info = await pdfInfo(file)
  assert.equal(info.Tagged, 'yes')
  // The table's header cells are named in order from the first, not by Chromium's node count.
  const bytes = (await readFile(file)).toString('latin1')
  assert.match(bytes, /\(node00000001\)/)
  assert.doesNotMatch(bytes, /\(node0000[1-9]\d{3}\)/)
})
