/**
 * End to end: saved pages with the defects real pages carry (empty and
 * repeated ids, Wikipedia's repeated citation ids, lists holding text or
 * lists, attribute values the format refuses, bad `time@datetime`, the
 * site's name in `<title>`) build into EPUBs that EPUBCheck accepts, with
 * their text and working links.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {after, before, test} from 'node:test'
import {epubcheck, readEpub} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
const FIXTURES = path.resolve('test/fixtures/html-defects')
const PAGES = ['ids-and-citations', 'broken-lists']

let out: string
let stderr: string

before(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'imprint-e2e-defects-'))
  stderr = (await run(process.execPath, [CLI, 'build', FIXTURES, '--out', out, '--format', 'epub', '--no-cache'])).stderr
})

after(async () => {
  await rm(out, {recursive: true, force: true})
})

async function chapter(slug: string): Promise<string> {
  const files = await readEpub(path.join(out, `${slug}.epub`))
  return [...files].filter(([name]) => name.endsWith('.xhtml') && !/nav\.xhtml$/.test(name)).map(([, text]) => text).join('\n')
}

test('every page builds without an error, and its EPUB passes EPUBCheck', async () => {
  assert.doesNotMatch(stderr, / {2}error {2}/)
  for (const slug of PAGES) {
    const verdict = await epubcheck(path.join(out, `${slug}.epub`))
    assert.equal(verdict.errors + verdict.fatals, 0, `${slug}:\n${verdict.messages.join('\n')}`)
  }
})

test('repeated ids are numbered and links follow a renamed id; the text stays', async () => {
  const xhtml = await chapter('ids-and-citations')
  const ids = [...xhtml.matchAll(/ id="([^"]*)"/g)].map((match) => match[1]!)
  assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), [])
  assert.ok(!ids.includes(''))
  assert.match(xhtml, /<h2 id="1st_section">The notebook<\/h2>/)
  assert.match(xhtml, /<a href="#1st_section">Back to the section\.<\/a>/)
  assert.match(xhtml, /Published <time>last spring<\/time>, updated <time>later<\/time>/)
  assert.match(xhtml, /The same minutes, cited twice\./)
})

test('the site\'s name leaves the title, before or after it', async () => {
  for (const [slug, title] of [['ids-and-citations', 'Tide Tables and Their Makers'], ['broken-lists', 'Seven Things the Harbour Board Decided']]) {
    const opf = [...(await readEpub(path.join(out, `${slug}.epub`))).entries()].find(([name]) => name.endsWith('.opf'))![1]
    assert.match(opf, new RegExp(`<dc:title[^>]*>${title}</dc:title>`), slug)
  }
})

test('stray list content becomes items, keeping every word', async () => {
  const xhtml = await chapter('broken-lists')
  for (const words of ['Loose text right inside the list', 'A span directly in the list.', 'A list directly inside a list.', 'Bold text directly in an ordered list.']) {
    assert.ok(xhtml.includes(words), words)
  }
  assert.match(xhtml, /<li>A numbered item with a bad value\.<ol><li>Another list inside a list\.<\/li><\/ol><\/li>/)
})
