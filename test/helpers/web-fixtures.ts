/**
 * What the fetch tests serve: pages of the real-page corpus, a page of our
 * own with images in and around its article, feeds in the three formats,
 * and small valid images made here.
 */
import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import zlib from 'node:zlib'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

/** The real-page corpus, found as test/corpus/web-pages.test.ts finds it. */
export const CORPUS = path.resolve(process.env.IMPRINT_CORPUS ?? path.join(REPO, '../shared/corpus/web-pages'))

export function hasCorpus(): boolean {
  return existsSync(CORPUS)
}

/**
 * A corpus page as the test server serves it: its addresses on other sites
 * (images on a CDN, mostly) moved under `<origin>/elsewhere/<host>/`, so a
 * fetch of it never leaves the machine. Those paths answer 404 unless a test
 * serves them.
 */
export async function corpusPage(name: string, origin: string): Promise<Buffer> {
  // Read as latin1 so any charset's bytes come back out unchanged; the addresses are ASCII.
  const html = await readFile(path.join(CORPUS, name, 'source.html'), 'latin1')
  const moved = html.replace(/\b(?:https?:)?\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?=[/"'\s?#])/gi, (whole, host: string) =>
    host === new URL(origin).hostname ? whole : `${origin}/elsewhere/${host.toLowerCase()}`
  )
  return Buffer.from(moved, 'latin1')
}

/** A valid 2×2 PNG of one colour: each colour gives other bytes, so another file name. */
export function png(red: number, green: number, blue: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = [0, red, green, blue, red, green, blue]
  const pixels = zlib.deflateSync(Buffer.from([...row, ...row]))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
}

const PARAGRAPH =
  'Dock workers stayed away from the container terminal for a third day on Wednesday, and the port authority said talks would resume ' +
  'only once the cranes were running again. Ships waiting in the roads now number eleven, the harbour master said. '

/**
 * A news page: a header logo and a sidebar advert around the article (not
 * to be fetched), and in it a photo by a relative path, a lazy image whose
 * real address is in `data-src`, and a paragraph that says `marker`.
 */
export function newsPage(marker: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour strike enters third day | The Coast Herald</title>
<link rel="canonical" href="/news/harbour-strike.html">
<meta property="og:site_name" content="The Coast Herald">
<meta name="author" content="Mara Lind">
<meta property="article:published_time" content="2025-06-02T07:00:00Z">
</head>
<body>
<header><a href="/"><img src="/img/logo.png" alt="The Coast Herald"></a><nav><a href="/news/">News</a> <a href="/sport/">Sport</a></nav></header>
<main>
<article>
<h1>Harbour strike enters third day</h1>
<figure><img src="../img/cranes.png" alt="Idle cranes at the container terminal"><figcaption>Idle cranes at the terminal. Photo: Ivo Berg</figcaption></figure>
<p>${PARAGRAPH}${marker}</p>
<figure><img src="/img/missing.png" alt="Tonnage by month"><figcaption>Tonnage handled by month.</figcaption></figure>
<p>${PARAGRAPH}</p>
<figure><img class="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/ships.png" alt="Ships at anchor"><figcaption>Ships at anchor off the breakwater.</figcaption></figure>
<p>${PARAGRAPH}</p>
<p>With reporting by Coast Wire.</p>
</article>
</main>
<aside><img src="/img/advert.png" alt="Advertisement"></aside>
<footer><p>© The Coast Herald</p></footer>
</body>
</html>
`
}

/** Text long enough to be a whole article in a feed, in HTML. */
export function fullText(topic: string): string {
  return `<p>${topic}. ${PARAGRAPH}</p><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p>`
}
