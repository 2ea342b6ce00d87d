/**
 * End to end: a book whose articles carry images, one image shared by two
 * of them, and whose articles come from different publishers (two of the
 * Harbour Gazette's fixtures name theirs, one names none, the seed is
 * RFE/RL's). Both formats build; the EPUB stores the shared image once and
 * passes EPUBCheck; the PDF draws every image; and no single
 * publisher is named for the whole book.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {cp, mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {before, test} from 'node:test'
import {epubcheck, epubEntryNames, pdfImages, pdfText, readEpub, squash} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)

let root: string
let out: string
let stderr: string

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-book-images-'))
  await cp('test/fixtures/book-images', path.join(root, 'content'), {recursive: true})
  for (const name of ['putin-abe-peace-treaty.txt', 'putin-abe-peace-treaty.meta.yaml']) await cp(path.join('content', name), path.join(root, 'content', name))
  await writeFile(
    path.join(root, 'imprint.config.yaml'),
    ['books:', '  - title: Harbour Week', '    lang: en', '    articles: [ferry-returns, market-hall, putin-abe-peace-treaty]', ''].join('\n')
  )
  out = path.join(root, 'dist')
  const result = await run(process.execPath, [CLI, 'build', 'content', '--out', out, '--books-only', '--no-cache'], {cwd: root})
  stderr = result.stderr
})

test('the book builds in both formats, without an error', async () => {
  assert.doesNotMatch(stderr, /error/, stderr)
  const names = await epubEntryNames(path.join(out, 'harbour-week.epub'))
  // harbour.png is in two articles and stored once; ferry.jpg once.
  const images = names.filter((name) => /\.(png|jpe?g)$/.test(name) && !/cover/.test(name))
  assert.equal(images.length, 2, images.join(', '))
  const entries = await readEpub(path.join(out, 'harbour-week.epub'))
  const shared = images.find((name) => name.endsWith('.png'))!
  const users = [...entries].filter(([name, text]) => name.endsWith('.xhtml') && text.includes(path.basename(shared)))
  assert.equal(users.length, 2, 'both articles show the shared image from the one file')
})

// Ace (test/ace.test.ts runs it on an article) takes some 40 s on a book: too long for every run; EPUBCheck here.
test('EPUB: EPUBCheck reports nothing', async () => {
  const verdict = await epubcheck(path.join(out, 'harbour-week.epub'))
  assert.deepEqual([verdict.fatals, verdict.errors, verdict.warnings], [0, 0, 0], verdict.messages.join('\n'))
})

test('EPUB: no single false publisher or author; each article’s publisher is a contributor', async () => {
  const entries = await readEpub(path.join(out, 'harbour-week.epub'))
  const opf = [...entries].find(([name]) => name.endsWith('.opf'))![1]
  assert.doesNotMatch(opf, /<dc:publisher[^>]*>/, 'no publisher for a book of several')
  assert.doesNotMatch(opf, /<dc:creator[^>]*>(RFE\/RL|Harbour Gazette)</, 'no publisher as the author')
  for (const publisher of ['RFE/RL', 'Harbour Gazette']) assert.ok(opf.includes(`>${publisher}</dc:contributor>`), `${publisher} contributes`)
})

test('PDF: every image is drawn, and the colophon names each article’s publisher', async () => {
  const file = path.join(out, 'harbour-week.pdf')
  // The three figures (harbour.png twice, ferry.jpg once); the cover is vector text.
  assert.ok((await pdfImages(file)).length >= 3)
  const text = squash(await pdfText(file))
  const colophon = text.slice(text.lastIndexOf('Colophon'))
  for (const publisher of ['RFE/RL', 'Harbour Gazette']) assert.ok(colophon.includes(publisher), publisher)
  assert.ok(colophon.includes('With reporting by AFP, AP, and Interfax'), 'the seed’s credits, word for word')
  const {stdout} = await run('pdfinfo', [file])
  assert.doesNotMatch(stdout, /^Author:\s+(RFE\/RL|Harbour Gazette)/m, 'no single publisher as the PDF’s author')
})
