/**
 * `imprint serve` as a real process on 127.0.0.1, asked over real HTTP:
 * the types, ranges and validators e-readers and browsers rely on, the OPDS
 * catalog read by a maintained feed parser (feedparser) with its search,
 * and every way of reaching outside the folder refused.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {Readable} from 'node:stream'
import {promisify} from 'node:util'
import {gunzipSync} from 'node:zlib'
import {after, before, test} from 'node:test'
import FeedParser from 'feedparser'
import {CLI} from './helpers/imprint.ts'
import {rawGet, startImprint, type Running} from './helpers/server.ts'

const run = promisify(execFile)
const SECRET = 'the builder’s own secret, never to be served'
let dir: string
let out: string
let server: Running

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-serve-'))
  const content = path.join(dir, 'content')
  await mkdir(content)
  for (const name of ['putin-abe-peace-treaty.txt', 'putin-abe-peace-treaty.meta.yaml']) await copyFile(path.join('content', name), path.join(content, name))
  await copyFile('test/fixtures/text/bridge-verkhneozyorsk.txt', path.join(content, 'bridge-verkhneozyorsk.txt'))
  await writeFile(path.join(content, 'bridge-verkhneozyorsk.meta.yaml'), 'lang: ru\ndate: 2024-06-01\npublisher: Радио Свобода\n')
  out = path.join(dir, 'site')
  await run(process.execPath, [CLI, 'build', content, '--out', out, '--format', 'html,epub', '--no-cache'], {cwd: dir})
  // What must never be served: a file beside the folder, reached by a link and by traversal.
  await writeFile(path.join(dir, 'secret.txt'), SECRET)
  await symlink(path.join(dir, 'secret.txt'), path.join(out, 'link-out.txt'))
  await symlink(dir, path.join(out, 'linked-dir'))
  await mkdir(path.join(out, 'empty-folder'))
  await writeFile(path.join(out, '.hidden'), SECRET)
  server = await startImprint(['serve', out, '--port', '0'])
})

after(async () => {
  await server?.stop()
  await rm(dir, {recursive: true, force: true})
})

test('the first line is the address, on 127.0.0.1 by default', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/)
  assert.equal(server.output().stdout.split('\n')[0], server.url)
})

test('an EPUB comes whole and in ranges, with its type, validators and HEAD', async () => {
  const epub = await readFile(path.join(out, 'putin-abe-peace-treaty.epub'))
  const whole = await fetch(new URL('putin-abe-peace-treaty.epub', server.url))
  assert.equal(whole.status, 200)
  assert.equal(whole.headers.get('content-type'), 'application/epub+zip')
  assert.equal(whole.headers.get('accept-ranges'), 'bytes')
  assert.ok(Buffer.from(await whole.arrayBuffer()).equals(epub))

  const part = await fetch(new URL('putin-abe-peace-treaty.epub', server.url), {headers: {Range: 'bytes=100-1099'}})
  assert.equal(part.status, 206)
  assert.equal(part.headers.get('content-type'), 'application/epub+zip')
  assert.equal(part.headers.get('content-range'), `bytes 100-1099/${epub.byteLength}`)
  assert.ok(Buffer.from(await part.arrayBuffer()).equals(epub.subarray(100, 1100)))

  const tail = await fetch(new URL('putin-abe-peace-treaty.epub', server.url), {headers: {Range: 'bytes=-10'}})
  assert.ok(Buffer.from(await tail.arrayBuffer()).equals(epub.subarray(-10)))
  const beyond = await fetch(new URL('putin-abe-peace-treaty.epub', server.url), {headers: {Range: `bytes=${epub.byteLength + 5}-`}})
  assert.equal(beyond.status, 416)

  const etag = whole.headers.get('etag')
  assert.ok(etag && whole.headers.get('last-modified'))
  // A raw request: fetch() adds `Cache-Control: no-cache` to a conditional one, which asks for the whole file.
  const again = await rawGet(server.url, '/putin-abe-peace-treaty.epub', [`If-None-Match: ${etag}`])
  assert.equal(again.status, 304)
  assert.equal(again.body.byteLength, 0)
  const since = await rawGet(server.url, '/putin-abe-peace-treaty.epub', [`If-Modified-Since: ${whole.headers.get('last-modified')}`])
  assert.equal(since.status, 304)
  const head = await fetch(new URL('putin-abe-peace-treaty.epub', server.url), {method: 'HEAD'})
  assert.equal(head.status, 200)
  assert.equal(head.headers.get('content-length'), String(epub.byteLength))
  assert.equal((await head.arrayBuffer()).byteLength, 0)
})

test('HTML and XML are compressed when asked; EPUBs never', async () => {
  const page = await rawGet(server.url, '/index.html', ['Accept-Encoding: gzip'])
  assert.match(page.headers, /content-encoding: gzip/i)
  assert.match(page.headers, /content-type: text\/html; charset=utf-8/i)
  assert.match(gunzipSync(dechunk(page.body)).toString(), /<html/)
  const epub = await rawGet(server.url, '/putin-abe-peace-treaty.epub', ['Accept-Encoding: gzip'])
  assert.equal(epub.status, 200)
  assert.doesNotMatch(epub.headers, /content-encoding/i)
})

test('the OPDS catalog has its type, parses as Atom, offers each EPUB, and can be searched', async () => {
  const response = await fetch(new URL('opds.xml', server.url))
  assert.equal(response.headers.get('content-type'), 'application/atom+xml;profile=opds-catalog;kind=acquisition')
  const {meta, items} = await parseFeed(await response.text())
  const titles = items.map((item) => item.title)
  assert.ok(titles.some((title) => /Putin, Abe/.test(title)))
  assert.ok(titles.some((title) => /Верхнеозёрск|мост/i.test(title)), titles.join(' | '))
  for (const item of items) {
    const links = atomLinks(item)
    const epub = links.find((link) => link.rel === 'http://opds-spec.org/acquisition' && link.type === 'application/epub+zip')
    assert.ok(epub, `${item.title} has an EPUB to acquire`)
    const got = await fetch(new URL(epub.href, response.url))
    assert.equal(got.status, 200)
  }
  // The search link is the server's: a static host could not answer it.
  const search = atomLinks(meta).find((link) => link.rel === 'search')
  assert.ok(search, 'the served feed links its search')
  assert.equal(search.type, 'application/opensearchdescription+xml')
  assert.doesNotMatch(await readFile(path.join(out, 'opds.xml'), 'utf8'), /opensearch/, 'the file stays as built')
  const description = await (await fetch(new URL(search.href, server.url))).text()
  const template = /template="([^"]+)"/.exec(description)?.[1]
  assert.ok(template?.includes('{searchTerms}'))
  const found = await parseFeed(await (await fetch(template!.replace('{searchTerms}', 'abe'))).text())
  assert.deepEqual(
    found.items.map((item) => item.title),
    titles.filter((title) => /Abe/.test(title))
  )
  // A link in an answer leads where the catalog's own link does.
  const acquired = atomLinks(found.items[0]!).find((link) => link.type === 'application/epub+zip')!
  assert.equal((await fetch(new URL(acquired.href, server.url))).status, 200)
})

test('no path outside the folder, however it is written', async () => {
  const targets = [
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%252fsecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/index.html%00.epub',
    '/%00',
    '/link-out.txt',
    '/linked-dir/secret.txt',
    '/linked-dir/',
    '/.hidden',
    '/%2ehidden',
    '/empty-folder/',
    '/%c0%ae%c0%ae/secret.txt',
    '//etc/passwd',
    '/../../../../../../etc/passwd',
    'http://127.0.0.1/../secret.txt'
  ]
  for (const target of targets) {
    const response = await rawGet(server.url, target)
    assert.ok(response.status >= 400 && response.status < 500, `${target}: ${response.status}`)
    assert.ok(!response.body.toString().includes(SECRET) && !response.body.includes('root:'), `${target} served nothing outside`)
  }
  // A folder redirects to its slash, and then is its index or nothing: no listing.
  const folder = await rawGet(server.url, '/empty-folder')
  assert.equal(folder.status, 301)
})

test('limits: a long URL, large headers, and only GET and HEAD', async () => {
  assert.equal((await rawGet(server.url, `/${'a'.repeat(3000)}`)).status, 414)
  assert.equal((await rawGet(server.url, '/', [`X-Big: ${'b'.repeat(20_000)}`])).status, 431)
  const post = await fetch(new URL('index.html', server.url), {method: 'POST', body: 'x'})
  assert.equal(post.status, 405)
  assert.equal(post.headers.get('allow'), 'GET, HEAD')
})

test('--verbose logs one line per request', async () => {
  const verbose = await startImprint(['serve', out, '--port', '0', '--verbose'])
  try {
    await (await fetch(new URL('index.html', verbose.url))).text()
    await (await fetch(new URL('missing.epub', verbose.url))).text()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const lines = verbose.output().stdout.split('\n').slice(1).filter(Boolean)
    assert.match(lines[0]!, /^\d\d:\d\d:\d\d 127\.0\.0\.1 GET \/index\.html 200 /)
    assert.match(lines[1]!, /GET \/missing\.epub 404 /)
  } finally {
    assert.equal(await verbose.stop(), 0)
  }
})

interface Item {
  readonly title: string
  readonly [key: string]: unknown
}

async function parseFeed(xml: string): Promise<{meta: Record<string, unknown>; items: Item[]}> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({normalize: true, addmeta: false})
    const items: Item[] = []
    parser.on('error', reject)
    parser.on('readable', () => {
      let item
      while ((item = parser.read())) items.push(item as unknown as Item)
    })
    parser.on('end', () => resolve({meta: parser.meta as unknown as Record<string, unknown>, items}))
    Readable.from([xml]).pipe(parser)
  })
}

/** feedparser keeps every `atom:link`, with its attributes under `@`. */
function atomLinks(node: Record<string, unknown>): Array<{rel?: string; href: string; type?: string}> {
  const raw = node['atom:link']
  const list = Array.isArray(raw) ? raw : raw ? [raw] : []
  return list.map((link: {'@': {rel?: string; href: string; type?: string}}) => link['@'])
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  while (at < body.length) {
    const end = body.indexOf('\r\n', at)
    const size = parseInt(body.subarray(at, end).toString(), 16)
    if (!size) break
    parts.push(body.subarray(end + 2, end + 2 + size))
    at = end + 2 + size + 2
  }
  return Buffer.concat(parts)
}

test('--lan: every LAN address in the terminal with a QR code, and each page shows its own, added only as served', async () => {
  const lan = await startImprint(['serve', out, '--lan', '--port', '0'])
  try {
    const port = new URL(lan.url).port
    // The machine's own browser still reaches it on the loopback, the first line's address.
    assert.equal(lan.url, `http://127.0.0.1:${port}/`)
    const addresses = Object.values(os.networkInterfaces())
      .flat()
      .filter((info) => info && info.family === 'IPv4' && !info.internal)
      .map((info) => info!.address)
    const page = await (await fetch(new URL('index.html', lan.url))).text()
    if (addresses.length === 0) {
      assert.match(lan.output().stdout, /No network address found/)
      return
    }
    for (const address of addresses) assert.ok(lan.output().stdout.includes(`On the network: http://${address}:${port}/`), address)
    // The terminal's QR code is drawn with block characters.
    assert.match(lan.output().stdout, /[▀▄█]{10,}/)
    assert.match(page, /<svg[^>]*aria-label="QR code of http:\/\/[\d.]+:\d+\/index\.html"[^>]*class="qr-code"/)
    assert.ok(page.includes(`http://${addresses[0]}:${port}/index.html`))
    assert.doesNotMatch(await readFile(path.join(out, 'index.html'), 'utf8'), /qr-code|<svg/, 'the file stays as built')
  } finally {
    await lan.stop()
  }
})
