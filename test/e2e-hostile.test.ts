/**
 * The hostile fixture set, built in one run through the real CLI: an HTML
 * page with every active-content trick, a page whose metadata is markup,
 * Markdown reaching out of its folder, pasted text full of markup, a book
 * whose title and subtitle are markup, and every kind of broken input.
 * Nothing may run, nothing may be fetched (a local listener counts
 * requests), no file outside the content root may leak into an output,
 * nothing temporary may be left, the good articles must still build, and a
 * broken input's output from an earlier build must stay byte for byte.
 */
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {cp, mkdtemp, readdir, readFile, symlink, truncate, writeFile} from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {epubcheck, pdfRaw, pdfText, readEpub, squash} from './helpers/artefacts.ts'
import {FORBIDDEN, PDF_ACTIONS} from './helpers/hostile.ts'
import {imprint, type CliRun} from './helpers/imprint.ts'
import {processesMentioning, waitFor} from './helpers/processes.ts'
import {slugOfTitle} from '../src/books/book.ts'

const FIXTURES = path.resolve('test/fixtures/hostile')
const CANARY = 'CANARY-OUTSIDE-THE-CONTENT-ROOT-7f3a'
const BOOK_TITLE = 'Harbour </style><script>alert(1)</script> Reader'
const BOOK = slugOfTitle(BOOK_TITLE)
/** The outputs of bad-utf8.txt from an earlier build, when its text was still good. */
const EARLIER = ['bad-utf8.html', 'bad-utf8.pdf', 'bad-utf8.epub']

let temp: string
let content: string
let out: string
let run: CliRun
let server: http.Server
const requests: string[] = []
const earlier = new Map<string, string>()

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex')

/** Lines of stderr for one source file, by its name. */
const linesFor = (name: string) => run.stderr.split('\n').filter((line) => line.includes(name))

before(async () => {
  server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`)
    response.end('fetched')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = String((server.address() as AddressInfo).port)

  temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-hostile-'))
  await cp(FIXTURES, temp, {recursive: true})
  content = path.join(temp, 'content')
  out = path.join(temp, 'out')
  // The fixtures name the listener as __PORT__.
  for (const file of [...(await readdir(content)).map((name) => path.join(content, name)), path.join(temp, 'books.yaml')]) {
    if (!/\.(?:html|md|yaml)$/.test(file)) continue
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('__PORT__', port))
  }
  // A symlink in the content root that leads to /etc, and a 50 MB article
  // (sparse: it costs no disk, and imprint must refuse it by its size).
  await symlink('/etc', path.join(content, 'escape'))
  await writeFile(path.join(content, 'huge.txt'), 'Huge Article\n\n')
  await truncate(path.join(content, 'huge.txt'), 50 * 1024 * 1024)
  // Sidecars: one linked to a file outside the content root, one of 2 MB.
  await symlink('../outside/secret.meta.yaml', path.join(content, 'linked-sidecar.meta.yaml'))
  await writeFile(path.join(content, 'huge-sidecar.meta.yaml'), 'lang: en\n')
  await truncate(path.join(content, 'huge-sidecar.meta.yaml'), 2 * 1024 * 1024)

  // An earlier build, when bad-utf8.txt was still good UTF-8: its outputs must survive.
  const badUtf8 = path.join(content, 'bad-utf8.txt')
  const broken = await readFile(badUtf8)
  await writeFile(badUtf8, broken.toString('latin1'))
  const first = await imprint(['build', badUtf8, '--out', out, '--no-cache'], {TMPDIR: temp, SOURCE_DATE_EPOCH: '1700000000'})
  assert.equal(first.code, 0, first.stderr)
  for (const name of EARLIER) earlier.set(name, await sha256(path.join(out, name)))
  await writeFile(badUtf8, broken)

  run = await imprint(['build', content, '--out', out, '--no-cache', '--config', path.join(temp, 'books.yaml')], {
    TMPDIR: temp,
    SOURCE_DATE_EPOCH: '1700000000'
  })
})

after(() => {
  server.close()
})

test('the build exits 1, and no request reached the local listener', () => {
  assert.equal(run.code, 1, run.stderr)
  assert.deepEqual(requests, [])
})

test('the good articles built, in every format', async () => {
  const files = new Set(await readdir(out))
  for (const slug of ['ferry-timetable', 'library-hours', 'no-title', 'heading-title', 'active-content', 'web-metadata', 'traversal', 'missing-image']) {
    for (const ext of ['html', 'pdf', 'epub']) assert.ok(files.has(`${slug}.${ext}`), `${slug}.${ext} missing\n${run.stderr}`)
  }
  // Broken inputs build nothing.
  for (const slug of ['empty', 'binary', 'huge', 'broken-sidecar', 'broken-front-matter', 'linked-sidecar', 'huge-sidecar']) {
    assert.deepEqual([...files].filter((name) => name.startsWith(`${slug}.`)), [], slug)
  }
  for (const name of [`${BOOK}.pdf`, `${BOOK}.epub`, `${BOOK}.html`, `${BOOK}-cover.png`, 'index.html']) assert.ok(files.has(name), `${name} missing\n${run.stderr}`)
  const ferry = squash(await pdfText(path.join(out, 'ferry-timetable.pdf')))
  assert.ok(ferry.includes('Ferry Timetable Changes For Winter'))
  // Markup pasted as text prints as text.
  assert.ok(ferry.includes('<script>alert(‘INERT-TEXT-script’)</script>'), ferry)
  assert.ok(squash(await pdfText(path.join(out, 'active-content.pdf'))).includes('The board chair called it overdue.'))
})

test('each broken input is one line naming its file, with no stack trace', () => {
  assert.doesNotMatch(run.stderr, /^\s+at |Error:|node:internal/m)
  const expect: Array<[string, RegExp]> = [
    ['empty.txt', /empty\.txt {2}error {2}file is empty {2}empty-file/],
    ['binary.txt', /binary\.txt {2}error {2}file looks binary .* {2}binary-file/],
    ['huge.txt', /huge\.txt {2}error {2}file is 50\.0 MB, over the 20\.0 MB limit for one article; raise it with --limit source-size=… {2}too-large/],
    ['broken-sidecar.meta.yaml', /broken-sidecar\.meta\.yaml:\d+:\d+ {2}error {2}.* {2}bad-metadata/],
    ['broken-front-matter.md', /broken-front-matter\.md(?::\d+:\d+)? {2}error {2}/],
    ['library-hours.txt', /library-hours\.txt {2}error {2}duplicate slug `library-hours`/],
    ['bad-utf8.txt', /bad-utf8\.txt:1:4 {2}error {2}invalid UTF-8 at byte offset 3; save the file as UTF-8 {2}invalid-utf8/],
    ['linked-sidecar.meta.yaml', /linked-sidecar\.meta\.yaml {2}error {2}the metadata file is a link to a file outside the article's folder; refused {2}outside-root/],
    ['huge-sidecar.meta.yaml', /huge-sidecar\.meta\.yaml {2}error {2}file is 2\.0 MB, over the 1\.0 MB limit for a metadata file; raise it with --limit meta-size=… {2}too-large/],
    ['no-title.txt', /no-title\.txt {2}warning {2}no title found; using the file name/],
    ['heading-title.md', /heading-title\.md:3:1 {2}warning {2}no title found; using the first heading, “Harbour Crane Returns To Work”/]
  ]
  for (const [name, pattern] of expect) {
    assert.ok(linesFor(name).some((line) => pattern.test(line)), `${name}: ${linesFor(name).join(' | ') || 'no message'}`)
  }
})

test('a broken input\'s outputs from an earlier build are byte for byte intact', async () => {
  for (const [name, hash] of earlier) assert.equal(await sha256(path.join(out, name)), hash, name)
})

test('a book whose title, subtitle and articles\' metadata are markup prints them as text', async () => {
  const text = squash(await pdfText(path.join(out, `${BOOK}.pdf`)))
  for (const words of [BOOK_TITLE, '<img src=x onerror=alert(1)>', 'Ferry Fares </style><script>alert(1)</script> Rise']) {
    assert.ok(text.includes(words), `${words} not printed as text:\n${text.slice(0, 2000)}`)
  }
  const epub = [...(await readEpub(path.join(out, `${BOOK}.epub`))).values()].join('\n')
  assert.match(epub, /<h1 class="book-title">Harbour (?:&lt;|&#x3C;)\/style>(?:&lt;|&#x3C;)script>alert\(1\)/, 'the EPUB holds the title as text')
  const verdict = await epubcheck(path.join(out, `${BOOK}.epub`))
  assert.equal(verdict.fatals + verdict.errors, 0, verdict.messages.join('\n'))
})

test('Markdown images reaching out of the folder are refused at their line and column', () => {
  const refused = linesFor('traversal.md').filter((line) => /traversal\.md:\d+:\d+ {2}warning/.test(line))
  for (const src of ['../outside/canary.txt', '/etc/hostname', 'file:///etc/hostname', 'escape/hostname', 'md-remote.png']) {
    assert.ok(refused.some((line) => line.includes(src)), `${src} not reported:\n${refused.join('\n')}`)
  }
  assert.ok(linesFor('missing-image.md').some((line) => /missing-image\.md:3:1 {2}warning {2}.*not found/.test(line)), linesFor('missing-image.md').join('\n'))
})

test('no output holds a byte of a file outside the content root', async () => {
  const hostname = (await readFile('/etc/hostname', 'utf8').catch(() => '')).trim()
  for (const name of await readdir(out)) {
    const file = path.join(out, name)
    const texts = name.endsWith('.pdf')
      ? [await pdfText(file)]
      : name.endsWith('.epub')
        ? [...(await readEpub(file)).values()]
        : [await readFile(file, 'utf8')]
    for (const text of texts) {
      assert.ok(!text.includes(CANARY), `${name} holds the canary`)
      if (hostname.length >= 6) assert.ok(!text.includes(hostname), `${name} holds /etc/hostname`)
    }
  }
})

/**
 * The tags of a document, without its text: pasted text may say
 * `onerror=` or `javascript:` (escaped, it is inert), markup may not. A `<`
 * in text is always escaped, so every `<` left starts a tag, which ends at
 * the first `>` outside quotes. Attribute values that are only words (a
 * `<meta content>` with a page's author, an `aria-label`) are text too, and
 * are emptied; the values a browser follows or acts on are kept. The payload
 * marker is looked for everywhere.
 */
function markup(document: string): string {
  const tags = (document.match(TAG) ?? []).map((tag) => tag.replace(WORDS_VALUE, '$1""'))
  return tags.join('\n') + (document.includes('XSS-PAYLOAD') ? '\nXSS-PAYLOAD' : '')
}
const TAG = /<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g
const WORDS_VALUE = /(\s(?!(?:href|src|srcset|action|formaction|poster|background|data|cite|xlink:href|ping|http-equiv|type|style)\s*=)[\w:-]+\s*=\s*)(?:"[^"]*"|'[^']*')/gi

test('no output holds active content: HTML pages, EPUB documents, PDF actions', async () => {
  for (const name of await readdir(out)) {
    const file = path.join(out, name)
    if (name.endsWith('.html')) {
      const html = markup(await readFile(file, 'utf8'))
      for (const pattern of FORBIDDEN) assert.doesNotMatch(html, pattern, name)
    } else if (name.endsWith('.epub')) {
      for (const [entry, text] of await readEpub(file)) {
        if (!/\.(?:xhtml|opf|ncx)$/.test(entry)) continue
        for (const pattern of FORBIDDEN) assert.doesNotMatch(markup(text), pattern, `${name}/${entry}`)
        if (entry.endsWith('.opf')) assert.doesNotMatch(text, /scripted|remote-resources/, `${name}/${entry}`)
        // In the tags: a page's or a book's words may quote a URL as text.
        assert.doesNotMatch(markup(text), /\ssrc="(?:https?:)?\/\//, `${name}/${entry}: a remote resource`)
      }
    } else if (name.endsWith('.pdf')) {
      assert.doesNotMatch(await pdfRaw(file), PDF_ACTIONS, name)
    }
  }
})

test('the hostile page\'s EPUB passes EPUBCheck', async () => {
  const verdict = await epubcheck(path.join(out, 'active-content.epub'))
  assert.equal(verdict.fatals + verdict.errors, 0, verdict.messages.join('\n'))
})

test('nothing temporary is left: no .imprint-tmp-*, no profile, no Chromium', async () => {
  assert.deepEqual((await readdir(out)).filter((name) => name.startsWith('.imprint-tmp-')), [])
  const left = (await readdir(temp)).filter((name) => !['content', 'outside', 'out', 'books.yaml'].includes(name))
  assert.deepEqual(left, [])
  assert.deepEqual(await waitFor(() => processesMentioning(temp), (pids) => pids.length === 0), [])
})
