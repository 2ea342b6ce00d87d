/**
 * `imprint fetch --feed` against a real HTTP server on 127.0.0.1 serving an
 * RSS, an Atom and a JSON Feed, whose items link to pages of the real-page
 * corpus and to pages that are not there (their full text is in the feed),
 * and a book of them titled with `{date}`.
 */
import assert from 'node:assert/strict'
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {parse} from 'yaml'
import {epubcheck, epubEntryNames} from './helpers/artefacts.ts'
import {cli, LOCAL} from './helpers/fetch-cli.ts'
import {corpusPage, CORPUS, fullText, hasCorpus, newsPage, png} from './helpers/web-fixtures.ts'
import {document, startWebServer, type WebServer} from './helpers/web-server.ts'

const DAY = 86_400_000

let server: WebServer
let work: string

before(async () => {
  assert.ok(hasCorpus(), `the corpus is not at ${CORPUS}; set IMPRINT_CORPUS to its folder`)
  server = await startWebServer()
  work = await mkdtemp(path.join(os.tmpdir(), 'imprint-feeds-test-'))
  const {routes, origin} = server
  for (const name of ['ars-1', 'lemonde-1', 'heise']) routes.set(`/corpus/${name}/`, document(await corpusPage(name, origin), 'text/html'))
  routes.set('/hop/7', document(newsPage('Seven hops.'), 'text/html'))
  routes.set('/img/cranes.png', document(png(0, 128, 0), 'image/png'))
  routes.set('/img/ships.png', document(png(0, 128, 128), 'image/png'))
  const recent = new Date(Date.now() - DAY)
  routes.set('/feed.rss', document(rssFeed(origin, recent), 'application/rss+xml'))
  routes.set('/feed.atom', document(atomFeed(origin, recent), 'application/atom+xml'))
  routes.set('/feed.json', document(JSON.stringify(jsonFeed(origin, recent)), 'application/feed+json'))
})

after(async () => {
  await server?.close()
  if (work) await rm(work, {recursive: true, force: true})
})

test('feeds: RSS, Atom and JSON Feed items within --since; a full text in the feed is used as it is, a teaser sends for the page', async () => {
  const out = path.join(work, 'feeds')
  const mark = server.log.length
  const feeds = ['/feed.rss', '/feed.atom', '/feed.json'].flatMap((feed) => ['--feed', `${server.origin}${feed}`])
  const run = await cli(['fetch', ...feeds, '--since', '30d', '--out', out, ...LOCAL])
  assert.equal(run.code, 0, run.stderr)
  assert.match(run.stdout, /feed\.rss {2}2 of 3 items/)
  assert.match(run.stdout, /feed\.atom {2}2 of 2 items/)
  assert.match(run.stdout, /feed\.json {2}2 of 2 items/)
  const from = (folder: string) => new RegExp(`${folder}/ {2}new, .*from the (page|feed)`).exec(run.stdout)?.[1]
  assert.deepEqual(
    ['ars-1', 'ferry', 'tide', 'hop-7', 'bridge', 'heise'].map((folder) => [folder, from(folder)]),
    [['ars-1', 'page'], ['ferry', 'feed'], ['tide', 'feed'], ['hop-7', 'page'], ['bridge', 'feed'], ['heise', 'page']]
  )
  const asked = server.log.slice(mark).map((entry) => entry.path)
  for (const unserved of ['/news/ferry.html', '/news/tide.html', '/news/bridge.html', '/corpus/lemonde-1/']) assert.ok(!asked.includes(unserved), unserved)
  const sidecar = parse(await readFile(path.join(out, 'ferry', 'source.meta.yaml'), 'utf8'))
  assert.deepEqual([sidecar.fetched.from, sidecar.fetched.feed, sidecar.source], ['feed', `${server.origin}/feed.rss`, `${server.origin}/news/ferry.html`])

  const build = await cli(['build', out, '--format', 'html', '--out', path.join(work, 'feeds-dist')])
  assert.equal(build.code, 0, build.stderr)
  const ferry = await readFile(path.join(work, 'feeds-dist', 'ferry.html'), 'utf8')
  assert.match(ferry, /<h1[^>]*>Ferry timetable changes<\/h1>/)
  assert.match(ferry, /Ivo Berg/)
  assert.match(ferry, /Ferry timetable\. Dock workers stayed away/)

  // --limit keeps the newest; --no-feed-content sends for every page.
  const limited = await cli(['fetch', '--feed', `${server.origin}/feed.json`, '--limit', '1', '--no-feed-content', '--out', path.join(work, 'feeds-limited'), ...LOCAL])
  assert.equal(limited.code, 1)
  assert.match(limited.stdout, /feed\.json {2}1 of 2 items/)
  assert.match(limited.stderr, /\/news\/bridge\.html {2}error {2}HTTP 404 Not Found/)
})

test('a feed and --book "TITLE {date}" make a digest named by the day its articles were fetched, with their images, valid', async () => {
  const out = path.join(work, 'digest')
  // hop-7's page and bridge's item in the JSON Feed show the same cranes.png: one file in the book.
  assert.equal((await cli(['fetch', '--feed', `${server.origin}/feed.json`, '--feed', `${server.origin}/feed.atom`, '--out', out, ...LOCAL])).code, 0)
  const day = String(parse(await readFile(path.join(out, 'bridge', 'source.meta.yaml'), 'utf8')).fetched.at).slice(0, 10)
  const dist = path.join(work, 'digest-dist')
  const build = await cli(['build', out, '--format', 'epub', '--book', 'Coast digest {date}', '--out', dist, '--no-cache'])
  assert.equal(build.code, 0, build.stderr)
  assert.ok((await readdir(dist)).includes(`coast-digest-${day}.epub`), (await readdir(dist)).join(' '))
  // The book carries its articles' images (the feed's own and the page's), and is a valid EPUB.
  const digest = path.join(dist, `coast-digest-${day}.epub`)
  assert.equal((await epubEntryNames(digest)).filter((name) => /^OEBPS\/images\/[0-9a-f]{12}\.png$/.test(name)).length, 2)
  const verdict = await epubcheck(digest)
  assert.equal(verdict.errors + verdict.fatals, 0, verdict.messages.join('\n'))
  assert.match(await readFile(path.join(dist, 'index.html'), 'utf8'), new RegExp(`Coast digest ${day}`))
})

function rssFeed(origin: string, recent: Date): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Coast Herald</title><link>${origin}/</link><description>News</description>
<item><title>Minecraft exploit</title><link>/corpus/ars-1/</link><pubDate>${recent.toUTCString()}</pubDate><description>A teaser.</description></item>
<item><title>Ferry timetable changes</title><link>${origin}/news/ferry.html</link><pubDate>${recent.toUTCString()}</pubDate><dc:creator>Ivo Berg</dc:creator>
<description>Teaser only…</description><content:encoded><![CDATA[${fullText('Ferry timetable')}]]></content:encoded></item>
<item><title>An old story</title><link>${origin}/corpus/lemonde-1/</link><pubDate>Mon, 01 Jan 2001 00:00:00 GMT</pubDate></item>
</channel></rss>`
}

function atomFeed(origin: string, recent: Date): string {
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>The Coast Herald</title><id>urn:coast</id><updated>${recent.toISOString()}</updated>
<entry><title>Tides this week</title><id>urn:tide</id><link rel="alternate" href="${origin}/news/tide.html"/><updated>${recent.toISOString()}</updated>
<author><name>Mara Lind</name></author><content type="html">${escape(fullText('Tides this week'))}</content></entry>
<entry><title>Seven hops</title><id>urn:hops</id><link href="${origin}/hop/7"/><updated>${recent.toISOString()}</updated><summary>Short.</summary></entry>
</feed>`
}

function jsonFeed(origin: string, recent: Date) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'The Coast Herald',
    items: [
      {
        id: 'bridge',
        url: `${origin}/news/bridge.html`,
        title: 'Bridge reopens',
        content_html: `${fullText('Bridge reopens')}<figure><img src="/img/cranes.png" alt="Cranes by the bridge"></figure>`,
        date_published: recent.toISOString()
      },
      {id: 'heise', url: `${origin}/corpus/heise/`, title: '1Password', date_published: new Date(recent.getTime() - DAY).toISOString()}
    ]
  }
}
