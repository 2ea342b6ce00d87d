/**
 * `imprint fetch` and `imprint build URL…` against a real HTTP server on
 * 127.0.0.1 started here, serving pages of the real-page corpus, a page
 * with images in and around its article, and every way a server fails
 * (feeds are in fetch-feeds.test.ts). The server's log shows what imprint
 * asked for; the snapshots are built by the real command and read.
 */
import assert from 'node:assert/strict'
import {cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {parse} from 'yaml'
import {TEMP_PREFIX} from '../src/build/write-atomic.ts'
import {fetchSnapshots} from '../src/fetch/fetch.ts'
import {articleText, cli, errorLines, LOCAL} from './helpers/fetch-cli.ts'
import {fileStamp} from './helpers/imprint.ts'
import {corpusPage, CORPUS, hasCorpus, newsPage, png} from './helpers/web-fixtures.ts'
import {document, drip, endless, redirect, reset, startWebServer, status, type WebServer} from './helpers/web-server.ts'

const CORPUS_PAGES = ['ars-1', 'lemonde-1', 'qq', 'nytimes-1', 'heise']

let server: WebServer
let work: string
let news = newsPage('First version.')

before(async () => {
  assert.ok(hasCorpus(), `the corpus is not at ${CORPUS}; set IMPRINT_CORPUS to its folder`)
  server = await startWebServer()
  work = await mkdtemp(path.join(os.tmpdir(), 'imprint-fetch-test-'))
  const {routes} = server
  routes.set('/robots.txt', document('User-agent: *\nDisallow: /private/\n', 'text/plain'))
  for (const name of CORPUS_PAGES) routes.set(`/corpus/${name}/`, document(await corpusPage(name, server.origin), 'text/html'))
  routes.set('/news/harbour-strike.html', (request, response) => document(news, 'text/html; charset=utf-8')(request, response))
  routes.set('/img/logo.png', document(png(0, 0, 128), 'image/png'))
  routes.set('/img/advert.png', document(png(255, 0, 0), 'image/png'))
  routes.set('/img/cranes.png', document(png(0, 128, 0), 'image/png'))
  routes.set('/img/ships.png', document(png(0, 128, 128), 'image/png'))
  routes.set('/private/report.html', document(newsPage('Private.'), 'text/html'))
  routes.set('/menu.html', document('<!DOCTYPE html><html><head><title>Sections</title></head><body><nav><a href="/a">A</a> <a href="/b">B</a></nav></body></html>', 'text/html'))
  routes.set('/loop-a', redirect('/loop-b'))
  routes.set('/loop-b', redirect('/loop-a'))
  for (let hop = 1; hop <= 6; hop++) routes.set(`/hop/${hop}`, redirect(`/hop/${hop + 1}`))
  routes.set('/hop/7', document(newsPage('Seven hops.'), 'text/html'))
  routes.set('/drip', drip(200))
  routes.set('/endless', endless())
  routes.set('/big', document(`<html><body><p>${'x'.repeat(6 * 2 ** 20)}</p></body></html>`, 'text/html'))
  routes.set('/file.pdf', document('%PDF-1.7\n', 'application/pdf'))
  routes.set('/404', status(404))
  routes.set('/500', status(500))
  routes.set('/reset', reset())
})

after(async () => {
  await server?.close()
  if (work) await rm(work, {recursive: true, force: true})
})

test('a fetched page builds to the same article text as the same page read from disk', async () => {
  const fetched = path.join(work, 'same-fetched')
  const run = await cli(['fetch', ...CORPUS_PAGES.map((name) => `${server.origin}/corpus/${name}/`), '--out', fetched, ...LOCAL])
  assert.equal(run.code, 0, run.stderr)
  const saved = path.join(work, 'same-saved')
  for (const name of CORPUS_PAGES) {
    await mkdir(path.join(saved, name), {recursive: true})
    await writeFile(path.join(saved, name, 'source.html'), await corpusPage(name, server.origin))
  }
  for (const folder of [fetched, saved]) {
    const build = await cli(['build', folder, '--format', 'html', '--out', `${folder}-dist`, '--no-cache'])
    assert.equal(build.code, 0, build.stderr)
  }
  for (const name of CORPUS_PAGES) {
    const [fromWeb, fromDisk] = await Promise.all([fetched, saved].map(async (folder) => articleText(await readFile(path.join(`${folder}-dist`, `${name}.html`), 'utf8'))))
    assert.ok(fromDisk!.length > 500, name)
    assert.equal(fromWeb, fromDisk, name)
  }
})

test('a snapshot holds the server\'s page, only the images its article shows at relative paths, and its sidecar', async () => {
  const out = path.join(work, 'images')
  const mark = server.log.length
  const run = await cli(['fetch', `${server.origin}/news/harbour-strike.html`, '--out', out, ...LOCAL])
  assert.equal(run.code, 0, run.stderr)
  assert.match(run.stdout, /harbour-strike\/ {2}new, [\d.]+ KB, 2 images, from the page/)
  const asked = server.log.slice(mark).map((entry) => entry.path)
  assert.ok(asked.includes('/img/cranes.png') && asked.includes('/img/ships.png'), asked.join(' '))
  assert.ok(!asked.includes('/img/logo.png') && !asked.includes('/img/advert.png'), 'images outside the article are not fetched')
  for (const entry of server.log.slice(mark)) assert.match(String(entry.headers['user-agent']), /^imprint\/\d+\.\d+\.\d+ /)

  const folder = path.join(out, 'harbour-strike')
  const html = await readFile(path.join(folder, 'source.html'), 'utf8')
  const images = (await readdir(path.join(folder, 'images'))).sort()
  assert.equal(images.length, 2)
  for (const image of images) assert.ok(html.includes(`="images/${image}"`), image)
  // Only the attributes that named the fetched images changed: the rest is the server's page.
  // An image that could not be had keeps its web address, whole.
  assert.match(run.stderr, /\/img\/missing\.png was not fetched \(HTTP 404 Not Found\); it keeps its web address {2}image-not-fetched/)
  assert.equal(
    html.replace(/"images\/[^"]+"/g, '"X"'),
    news.replace('"../img/cranes.png"', '"X"').replace('"/img/ships.png"', '"X"').replace('"/img/missing.png"', `"${server.origin}/img/missing.png"`)
  )
  const sidecar = parse(await readFile(path.join(folder, 'source.meta.yaml'), 'utf8'))
  assert.equal(sidecar.source, `${server.origin}/news/harbour-strike.html`)
  assert.equal(sidecar.canonical, `${server.origin}/news/harbour-strike.html`)
  assert.equal(sidecar.fetched.url, `${server.origin}/news/harbour-strike.html`)
  assert.match(sidecar.fetched.etag, /^"[0-9a-f]+"$/)
  assert.equal(sidecar.fetched['last-modified'], 'Mon, 02 Jun 2025 08:00:00 GMT')
  assert.ok(Math.abs(Date.parse(sidecar.fetched.at) - Date.now()) < 60_000)

  // The build reads it offline and carries both images.
  const build = await cli(['build', out, '--format', 'html', '--out', path.join(work, 'images-dist')])
  assert.equal(build.code, 0, build.stderr)
  const page = await readFile(path.join(work, 'images-dist', 'harbour-strike.html'), 'utf8')
  assert.equal(page.match(/src="data:image\/png;base64,/g)?.length, 2)
  assert.match(page, /Idle cranes at the terminal/)
})

test('a refetch of unchanged pages asks with If-None-Match and rewrites nothing; a changed page is replaced whole', async () => {
  const out = path.join(work, 'refetch')
  const urls = [`${server.origin}/news/harbour-strike.html`, `${server.origin}/corpus/ars-1/`]
  assert.equal((await cli(['fetch', ...urls, '--out', out, ...LOCAL])).code, 0)
  const files = ['harbour-strike/source.html', 'harbour-strike/source.meta.yaml', 'harbour-strike', 'ars-1/source.html', 'ars-1/source.meta.yaml']
  const stamps = await Promise.all(files.map((file) => fileStamp(path.join(out, file))))

  const mark = server.log.length
  const again = await cli(['fetch', ...urls, '--out', out, ...LOCAL])
  assert.equal(again.code, 0, again.stderr)
  assert.match(again.stdout, /harbour-strike\/ {2}unchanged/)
  assert.match(again.stdout, /ars-1\/ {2}unchanged/)
  const asked = server.log.slice(mark)
  for (const url of urls) {
    const request = asked.find((entry) => `${server.origin}${entry.path}` === url)
    assert.match(String(request?.headers['if-none-match']), /^"[0-9a-f]+"$/, url)
    assert.equal(request?.headers['if-modified-since'], 'Mon, 02 Jun 2025 08:00:00 GMT')
  }
  assert.ok(!asked.some((entry) => entry.path.startsWith('/img/')), 'no image is asked for again')
  assert.deepEqual(await Promise.all(files.map((file) => fileStamp(path.join(out, file)))), stamps)

  // With no URL, every page snapshot in the folder is asked for again.
  const all = await cli(['fetch', '--out', out, ...LOCAL])
  assert.equal(all.code, 0, all.stderr)
  assert.equal(all.stdout.match(/ {2}unchanged/g)?.length, 2)

  news = newsPage('Second version, with the talks resumed.')
  try {
    const changed = await cli(['fetch', ...urls, '--out', out, ...LOCAL])
    assert.equal(changed.code, 0, changed.stderr)
    assert.match(changed.stdout, /harbour-strike\/ {2}updated/)
    assert.match(await readFile(path.join(out, 'harbour-strike', 'source.html'), 'utf8'), /Second version, with the talks resumed/)
    assert.notEqual(await fileStamp(path.join(out, 'harbour-strike')), stamps[2], 'the folder was swapped for a new one')
    assert.equal(await fileStamp(path.join(out, 'ars-1/source.html')), stamps[3])
    assert.deepEqual((await readdir(out)).sort(), ['ars-1', 'harbour-strike'])
  } finally {
    news = newsPage('First version.')
  }
})

test('robots.txt disallow is honoured, asked for once per site; --ignore-robots overrides it', async () => {
  const out = path.join(work, 'robots')
  const mark = server.log.length
  const run = await cli(['fetch', `${server.origin}/private/report.html`, `${server.origin}/news/harbour-strike.html`, '--out', out, ...LOCAL])
  assert.equal(run.code, 1)
  assert.equal(errorLines(run.stderr).length, 1)
  assert.match(run.stderr, /^http:\/\/127\.0\.0\.1:\d+\/private\/report\.html {2}error {2}disallowed by .*robots\.txt.* {2}robots-disallowed$/m)
  const asked = server.log.slice(mark).map((entry) => entry.path)
  assert.ok(!asked.includes('/private/report.html'))
  assert.equal(asked.filter((entry) => entry === '/robots.txt').length, 1)
  const ignoring = await cli(['fetch', `${server.origin}/private/report.html`, '--out', out, '--ignore-robots', '--json', ...LOCAL])
  assert.equal(ignoring.code, 0, ignoring.stderr)
  const summary = JSON.parse(ignoring.stdout)
  assert.equal(summary.ok, true)
  assert.deepEqual(
    summary.snapshots.map((snapshot: {url: string; state: string; from: string; images: number}) => [snapshot.url, snapshot.state, snapshot.from, snapshot.images]),
    [[`${server.origin}/private/report.html`, 'new', 'page', 2]]
  )
})

test('each failing URL gets one error line with its reason; the others are still fetched and build', async () => {
  const out = path.join(work, 'failures')
  const failing: Record<string, RegExp> = {
    '/loop-a': /the redirects go round in a loop .*fetch-failed$/,
    '/hop/1': /more than 5 redirects .*fetch-failed$/,
    '/drip': /timed out: no whole response within 2 s {2}fetch-failed$/,
    '/endless': /too large: over the 5 MB limit for a web page .*fetch-too-large$/,
    '/big': /too large: 6\.0 MB, over the 5 MB limit for a web page .*fetch-too-large$/,
    '/file.pdf': /not a web page \(text\/html\): the server sent `application\/pdf` {2}wrong-content-type$/,
    '/404': /HTTP 404 Not Found {2}fetch-failed$/,
    '/500': /HTTP 500 Internal Server Error {2}fetch-failed$/,
    '/reset': /the connection was reset before the response was complete {2}fetch-failed$/,
    '/menu.html': /not an article: \d+ characters of text outside links and headings {2}no-article$/,
    'ftp://127.0.0.1/file': /refused: `ftp:` URLs are not fetched; only http and https {2}fetch-refused$/
  }
  const good = [`${server.origin}/hop/2`, `${server.origin}/news/harbour-strike.html`]
  const urls = Object.keys(failing).map((url) => (url.startsWith('/') ? `${server.origin}${url}` : url))
  const run = await cli(['fetch', ...urls.slice(0, 6), ...good, ...urls.slice(6), '--out', out, '--timeout', '2', ...LOCAL])
  assert.equal(run.code, 1)
  const errors = errorLines(run.stderr)
  assert.equal(errors.length, urls.length, run.stderr)
  for (const [at, url] of urls.entries()) {
    const line = errors.find((candidate) => candidate.startsWith(`${url}  error  `))
    assert.ok(line, `no error line for ${url}:\n${run.stderr}`)
    assert.match(line, failing[Object.keys(failing)[at]!]!)
  }
  assert.deepEqual((await readdir(out)).sort(), ['harbour-strike', 'hop-2'])
  const build = await cli(['build', out, '--format', 'html', '--out', path.join(work, 'failures-dist')])
  assert.equal(build.code, 0, build.stderr)
  assert.match(await readFile(path.join(work, 'failures-dist', 'hop-2.html'), 'utf8'), /Seven hops\./)
})

test('without --allow-private, 127.0.0.1 in any spelling and a name that resolves to it are refused before any request', async () => {
  const out = path.join(work, 'private')
  const {port} = server
  const urls = [
    `http://127.0.0.1:${port}/news/harbour-strike.html`,
    `http://localhost:${port}/news/harbour-strike.html`,
    `http://2130706433:${port}/news/harbour-strike.html`,
    `http://0x7f000001:${port}/news/harbour-strike.html`,
    `http://127.1:${port}/news/harbour-strike.html`,
    `http://[::ffff:127.0.0.1]:${port}/news/harbour-strike.html`,
    `http://[::1]:${port}/news/harbour-strike.html`
  ]
  const mark = server.log.length
  const run = await cli(['fetch', ...urls, '--out', out, '--delay', '0'])
  assert.equal(run.code, 1)
  const errors = errorLines(run.stderr)
  assert.equal(errors.length, urls.length, run.stderr)
  for (const line of errors) assert.match(line, /error {2}refused: .* is a loopback address; pass --allow-private .* {2}fetch-refused$/)
  assert.deepEqual(server.log.slice(mark), [], 'the server heard nothing, robots.txt included')
  assert.deepEqual(await readdir(out), [])
})

test('`imprint build URL` fetches into a temporary snapshot and builds it; --keep keeps it in content/', async () => {
  const cwd = path.join(work, 'build-url')
  await mkdir(cwd)
  const url = `${server.origin}/news/harbour-strike.html`
  const run = await cli(['build', url, `${server.origin}/404`, '--format', 'html', '--allow-private', '--no-cache'], cwd)
  assert.equal(run.code, 1, 'a URL failed')
  assert.match(run.stderr, /\/404 {2}error {2}HTTP 404 Not Found {2}fetch-failed/)
  const page = await readFile(path.join(cwd, 'dist', 'harbour-strike.html'), 'utf8')
  assert.equal(page.match(/src="data:image\/png;base64,/g)?.length, 2)
  assert.match(page, new RegExp(`href="${url}"`))
  assert.deepEqual((await readdir(cwd)).sort(), ['dist'])

  const kept = await cli(['build', url, '--format', 'html', '--allow-private', '--keep', '--no-cache'], cwd)
  assert.equal(kept.code, 0, kept.stderr)
  assert.deepEqual((await readdir(path.join(cwd, 'content', 'harbour-strike'))).sort(), ['images', 'source.html', 'source.meta.yaml'])

  const refused = await cli(['build', url, '--format', 'html', '--no-cache'], cwd)
  assert.equal(refused.code, 1)
  assert.match(refused.stderr, /is a loopback address; pass --allow-private/)
})

test('two fetches at once into one folder lose nothing and leave no half-written file', async () => {
  const out = path.join(work, 'race')
  const urls = [...CORPUS_PAGES.slice(0, 3).map((name) => `${server.origin}/corpus/${name}/`), `${server.origin}/news/harbour-strike.html`]
  const check = async () => {
    assert.deepEqual((await readdir(out)).sort(), ['ars-1', 'harbour-strike', 'lemonde-1', 'qq'], 'one folder per URL, no temporary one left')
    for (const name of CORPUS_PAGES.slice(0, 3)) {
      assert.deepEqual(await readFile(path.join(out, name, 'source.html')), await corpusPage(name, server.origin), name)
      assert.equal(parse(await readFile(path.join(out, name, 'source.meta.yaml'), 'utf8')).fetched.url, `${server.origin}/corpus/${name}/`)
    }
    assert.equal((await readdir(path.join(out, 'harbour-strike', 'images'))).length, 2)
  }
  const runs = await Promise.all([cli(['fetch', ...urls, '--out', out, ...LOCAL]), cli(['fetch', ...[...urls].reverse(), '--out', out, ...LOCAL])])
  for (const run of runs) assert.equal(run.code, 0, run.stderr)
  await check()
  // Both replacing a changed page at once.
  news = newsPage('Third version.')
  try {
    const again = await Promise.all([cli(['fetch', urls[3]!, '--out', out, ...LOCAL]), cli(['fetch', urls[3]!, '--out', out, ...LOCAL])])
    for (const run of again) assert.equal(run.code, 0, run.stderr)
    await check()
    assert.match(await readFile(path.join(out, 'harbour-strike', 'source.html'), 'utf8'), /Third version\./)
  } finally {
    news = newsPage('First version.')
  }
  assert.ok(!(await readdir(out)).some((name) => name.startsWith(TEMP_PREFIX)))
})

test('a redirect to a refused address, and a name that resolves to one, are refused at the connection: the server there hears nothing', async () => {
  // 127.0.0.2 plays the private network and 127.0.0.1 the public web: the
  // judge refuses only the first, and names resolve as this table says.
  const inside = await startWebServer('127.0.0.2')
  inside.routes.set('/admin', document(newsPage('Inside.'), 'text/html'))
  server.routes.set('/to-inside', redirect(`${inside.origin}/admin`))
  server.routes.set('/to-rebind', redirect(`http://rebind.test:${inside.port}/admin`))
  const names: Record<string, string> = {'public.test': '127.0.0.1', 'rebind.test': '127.0.0.2'}
  try {
    const result = await fetchSnapshots({
      urls: [`http://public.test:${server.port}/to-inside`, `http://public.test:${server.port}/to-rebind`, `http://rebind.test:${inside.port}/admin`, `http://public.test:${server.port}/news/harbour-strike.html`],
      feeds: [],
      outDir: path.join(work, 'inside'),
      feedContent: true,
      client: {
        allowPrivate: false,
        judge: (address) => (address === '127.0.0.2' ? 'a private address' : undefined),
        resolve: async (hostname) => (names[hostname] ? [{address: names[hostname]!, family: 4}] : []),
        ignoreRobots: false,
        perHost: 2,
        delayMs: 0,
        connectTimeoutMs: 5000,
        responseTimeoutMs: 5000,
        headers: {}
      }
    })
    assert.deepEqual(
      result.snapshots.map((snapshot) => [snapshot.state, snapshot.file.messages.filter((message) => message.fatal).map((message) => `${message.ruleId}: ${message.reason}`).join(' | ')]),
      [
        ['failed', 'fetch-refused: refused: 127.0.0.2 is a private address; pass --allow-private to fetch from your own network'],
        ['failed', 'fetch-refused: refused: rebind.test (127.0.0.2) is a private address; pass --allow-private to fetch from your own network'],
        ['failed', 'fetch-refused: refused: rebind.test (127.0.0.2) is a private address; pass --allow-private to fetch from your own network'],
        ['new', '']
      ]
    )
    assert.deepEqual(inside.log, [])
  } finally {
    await inside.close()
  }
})
