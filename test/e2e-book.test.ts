/**
 * End to end: a book of the seed and two small articles in other languages
 * (Russian, Persian), from a config file with two books, and the errors a
 * bad config or colliding inputs get. Every check reads the real artefacts.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {copyFile, cp, mkdir, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {before, test} from 'node:test'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFObject} from 'pdf-lib'
import {epubcheck, pdfBodySize, pdfInfo, pdfText, pdfTextIn, readEpub, squash} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)

const TITLES = [
  'Putin, Abe Vow To Seek WWII Treaty, Solution To Island Dispute',
  'В Верхнеозёрске открыли мост, который строили двенадцать лет',
  'کتابخانه‌ای در شیراز نسخه‌های خطی خود را دیجیتال می‌کند'
]
const CREDITS = 'With reporting by AFP, AP, and Interfax'
const SOURCE = 'https://example.org/ru/bridge'
// A 2×3 white PNG: the user-supplied cover of the second book.
const USER_COVER = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEklEQVR4nGP4//8/AxJgYGBgAABm4Af5eKtY5AAAAABJRU5ErkJggg==',
  'base64'
)

/** Text without white space, bidi marks or joiners: how pdftotext spaces RTL text varies. */
function bare(text: string): string {
  return text.replace(/[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
}

let root: string
let out: string

before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'imprint-book-'))
  const content = path.join(root, 'content')
  await mkdir(content)
  for (const name of ['putin-abe-peace-treaty.txt', 'putin-abe-peace-treaty.meta.yaml']) await copyFile(path.join('content', name), path.join(content, name))
  await copyFile('test/fixtures/text/bridge-verkhneozyorsk.txt', path.join(content, 'bridge-verkhneozyorsk.txt'))
  await writeFile(path.join(content, 'bridge-verkhneozyorsk.meta.yaml'), `lang: ru\ndate: 2024-06-01\npublisher: Озёрский вестник\nsource: ${SOURCE}\n`)
  await copyFile('test/fixtures/text/library-manuscripts-fa.txt', path.join(content, 'library-manuscripts-fa.txt'))
  await writeFile(path.join(content, 'library-manuscripts-fa.meta.yaml'), 'lang: fa-IR\ndate: 2024-03-10\n')
  await writeFile(path.join(root, 'cover.png'), USER_COVER)
  await writeFile(
    path.join(root, 'imprint.config.yaml'),
    [
      'books:',
      '  - title: Three Shores',
      '    subtitle: News in three languages',
      '    editor: Ada Editor',
      '    publisher: Imprint Test Press',
      '    lang: en',
      '    rights: Each article keeps its own notice.',
      '    articles:',
      '      - content/putin-abe-peace-treaty.txt',
      '      - bridge-verkhneozyorsk',
      '      - "content/*-fa.txt"',
      '  - title: The Seed Alone',
      '    cover: cover.png',
      '    articles: content/putin-abe-peace-treaty.txt',
      ''
    ].join('\n')
  )
  out = path.join(root, 'dist')
  // The config is found in the working folder.
  await run(process.execPath, [CLI, 'build', 'content', '--out', out, '--booklet'], {cwd: root})
})

test('both books are written next to the per-article files, with their covers', async () => {
  const files = await readdir(out)
  for (const name of ['three-shores.epub', 'three-shores.pdf', 'three-shores-booklet.pdf', 'three-shores-cover.png', 'three-shores.html', 'the-seed-alone.epub', 'the-seed-alone.pdf', 'the-seed-alone-cover.png', 'putin-abe-peace-treaty.pdf']) {
    assert.ok(files.includes(name), `${name} is missing from ${files.join(', ')}`)
  }
  const cover = await readFile(path.join(out, 'three-shores-cover.png'))
  assert.equal(cover.subarray(1, 4).toString(), 'PNG')
  assert.ok(cover.readUInt32BE(16) >= 1000, 'the generated cover is at least 1000 px wide')
})

test('EPUB: EPUBCheck reports no fatal, error or warning', async () => {
  // One run (Java starts slowly); the second book differs only by its cover.
  const verdict = await epubcheck(path.join(out, 'three-shores.epub'))
  assert.deepEqual(verdict.messages, [])
})

test('EPUB: nav lists title page, articles in order and colophon; landmarks; the cover image', async () => {
  const entries = await readEpub(path.join(out, 'three-shores.epub'))
  const nav = entries.get('OEBPS/toc.xhtml')!
  const toc = /<nav epub:type="toc"[^]*?<\/nav>/.exec(nav)![0]
  const labels = [...toc.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => match[2])
  assert.deepEqual(labels, ['Three Shores', ...TITLES, 'Colophon'])
  const landmarks = /<nav epub:type="landmarks"[^]*?<\/nav>/.exec(nav)![0]
  assert.deepEqual([...landmarks.matchAll(/epub:type="(\w+)" href="([^"]+)"/g)].map((match) => [match[1], match[2]]), [
    ['titlepage', 'title-page.xhtml'],
    ['bodymatter', 'putin-abe-peace-treaty.xhtml'],
    ['backmatter', 'colophon.xhtml']
  ])
  const opf = entries.get('OEBPS/content.opf')!
  assert.match(opf, /<item id="cover-image" href="images\/cover\.png" media-type="image\/png" properties="cover-image"/)
  assert.match(opf, /<dc:title id="title">Three Shores<\/dc:title>/)
  assert.match(opf, /<dc:language>en<\/dc:language>/)
  assert.match(opf, /<dc:publisher>Imprint Test Press<\/dc:publisher>/)
  assert.match(opf, /refines="#creator-1" property="role" scheme="marc:relators">edt</)
  assert.match(opf, /<dc:rights>Each article keeps its own notice\.<\/dc:rights>/)
  // The user's cover goes in as it is.
  const seedAlone = await import('jszip').then(async ({default: JSZip}) => JSZip.loadAsync(await readFile(path.join(out, 'the-seed-alone.epub'))))
  const userCover = await seedAlone.file('OEBPS/images/cover.png')!.async('nodebuffer')
  assert.ok(userCover.equals(USER_COVER))
})

test('EPUB: each article keeps its own lang and dir inside the book', async () => {
  const entries = await readEpub(path.join(out, 'three-shores.epub'))
  const expected: Array<[string, string, string]> = [
    ['putin-abe-peace-treaty.xhtml', 'en', 'ltr'],
    ['bridge-verkhneozyorsk.xhtml', 'ru', 'ltr'],
    ['library-manuscripts-fa.xhtml', 'fa-IR', 'rtl'],
    ['title-page.xhtml', 'en', 'ltr']
  ]
  for (const [name, lang, dir] of expected) {
    const xhtml = entries.get(`OEBPS/${name}`)!
    assert.match(xhtml, new RegExp(`<html[^>]* lang="${lang}" xml:lang="${lang}" dir="${dir}"`), name)
  }
  assert.ok(entries.get('OEBPS/putin-abe-peace-treaty.xhtml')!.includes(CREDITS), 'credits stay in place')
})

test('PDF: cover, title page, contents whose page numbers open each article, each on a recto, folios at the outer edge', async () => {
  const file = path.join(out, 'three-shores.pdf')
  const pages = Number((await pdfInfo(file)).Pages)
  // pdftotext wraps right-to-left runs in embedding marks; the folio test reads past them.
  const page = async (number: number) => squash((await pdfText(file, {first: number, last: number})).replace(/[\u200e\u200f\u202a-\u202e]/g, ''))
  assert.ok((await page(1)).includes('Three Shores'), 'page 1 is the cover, its title in vector text')
  assert.equal(await page(2), '', 'the cover has a blank back')
  assert.ok((await page(3)).includes('News in three languages'), 'the title page is a recto')
  const contentsPage = await (async () => {
    for (let number = 1; number <= 6; number++) if ((await page(number)).startsWith('Contents')) return number
    return 0
  })()
  assert.ok(contentsPage > 0 && contentsPage % 2 === 1, 'a printed table of contents, on a recto')
  // The body opens on the recto after the contents (one page here).
  const bodyStart = contentsPage + 2
  assert.equal(await page(contentsPage + 1), '', 'a blank verso after the contents')
  const [width, height] = /([\d.]+) x ([\d.]+)/.exec((await pdfInfo(file))['Page size']!)!.slice(1).map(Number) as [number, number]
  // Top and bottom margins: 8 % and 10 % of the A4 page (page-layout.ts).
  const margin = async (number: number, where: 'head' | 'foot', half: 'left' | 'right') =>
    squash(
      await pdfTextIn(file, number, {x: half === 'left' ? 0 : width / 2, y: where === 'head' ? 0 : height * 0.9, width: width / 2, height: where === 'head' ? height * 0.08 : height * 0.1})
    )
  // The front matter is not numbered: the body's folios start at 1 after it.
  for (let number = 1; number < bodyStart; number++) {
    assert.equal((await margin(number, 'foot', 'left')) + (await margin(number, 'foot', 'right')), '', `front page ${number} has no folio`)
  }
  const layout = await run('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(contentsPage), '-l', String(contentsPage), file, '-'])
  const lines = layout.stdout.split('\n')
  const folioOf = (title: string) => {
    // -layout spaces out the letters of Persian words: compare without white space or bidi marks.
    // A long title wraps: its folio ends the entry's last line.
    const first = lines.findIndex((candidate) => bare(candidate).includes(bare(title)) || (bare(candidate).length > 0 && bare(title).startsWith(bare(candidate).slice(0, 12))))
    assert.ok(first >= 0, `the contents list “${title}”`)
    const line = lines.slice(first).find((candidate) => /\s\d+\s*$/.test(candidate))
    return Number(/(\d+)\s*$/.exec(line!)![1])
  }
  const openings = new Set<number>()
  for (const title of [...TITLES, 'Colophon']) {
    const folio = folioOf(title)
    const number = bodyStart + folio - 1
    openings.add(number)
    assert.equal(number % 2, 1, `“${title}” opens on a recto`)
    assert.ok(bare(await page(number)).includes(bare(title)), `page ${folio} of the body starts “${title}”`)
    if (folio > 1) assert.ok(!bare(await page(number - 1)).includes(bare(title)), `“${title}” starts on page ${folio}, not before`)
  }
  // Every body page that is not a blank verso: its folio at the outer edge (right on a recto), nothing at the fold;
  // a running head from the second page of an article on, none on an opening page.
  for (let number = bodyStart; number <= pages; number++) {
    if ((await page(number)) === '') continue
    const [outer, inner] = number % 2 === 1 ? (['right', 'left'] as const) : (['left', 'right'] as const)
    assert.equal(await margin(number, 'foot', outer), String(number - bodyStart + 1), `page ${number}: the folio at the outer edge`)
    assert.equal(await margin(number, 'foot', inner), '', `page ${number}: nothing at the fold`)
    const head = (await margin(number, 'head', 'left')) + (await margin(number, 'head', 'right'))
    if (openings.has(number)) assert.equal(head, '', `page ${number} opens an article: no running head`)
  }
})

test('PDF: each entry of the contents links to the page its article (or the colophon) starts on', async () => {
  const file = path.join(out, 'three-shores.pdf')
  const pdf = await PDFDocument.load(await readFile(file))
  const pages = pdf.getPages()
  const indexOf = new Map(pages.map((page, index) => [page.ref.toString(), index]))
  const links: Array<{page: number; top: number; target?: number; uri?: string}> = []
  for (const [index, page] of pages.entries()) {
    const annots = page.node.Annots()
    for (let at = 0; at < (annots?.size() ?? 0); at++) {
      const annot = annots!.lookup(at, PDFDict)
      if (annot.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict)
      const dest = action?.get(PDFName.of('S'))?.toString() === '/GoTo' ? action.lookupMaybe(PDFName.of('D'), PDFArray) : undefined
      const uri = action?.lookup(PDFName.of('URI'))
      links.push({
        page: index,
        top: annot.lookup(PDFName.of('Rect'), PDFArray).lookup(3, PDFNumber).asNumber(),
        target: dest ? indexOf.get(String(dest.get(0))) : undefined,
        uri: uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined
      })
    }
  }
  assert.ok(links.every((link) => !link.uri?.includes('.invalid')), 'no placeholder is left')
  // The jumps in reading order, top to bottom; an entry's title and folio are two links to one page.
  const jumps = links.filter((link) => link.target !== undefined).sort((a, b) => a.page - b.page || b.top - a.top)
  const targets = jumps.map((link) => link.target!).filter((target, at, all) => at === 0 || all[at - 1] !== target)
  assert.equal(targets.length, TITLES.length + 1, JSON.stringify(jumps))
  const text = async (index: number) => bare(squash((await pdfText(file, {first: index + 1, last: index + 1})).replace(/[\u200e\u200f\u202a-\u202e]/g, '')))
  for (const [at, title] of [...TITLES, 'Colophon'].entries()) {
    assert.ok((await text(targets[at]!)).includes(bare(title)), `entry ${at + 1} opens “${title}”`)
    // The page before is the contents (which names every title) or the end of the previous article.
    const before = targets[at]! - 1
    if (!jumps.some((link) => link.page === before)) assert.ok(!(await text(before)).includes(bare(title)), `“${title}” starts on the page its entry opens`)
  }
  assert.ok(jumps.every((link) => link.page < targets[0]!), 'the links are in the front matter')
  await run('qpdf', ['--check', file])
  assert.equal((await pdfInfo(file)).Tagged, 'yes')
})

test('PDF: the front matter keeps its own structure: pages and links name their own elements in the parent tree', async () => {
  const pdf = await PDFDocument.load(await readFile(path.join(out, 'three-shores.pdf')))
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict)
  const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray)
  const tree = new Map<number, PDFObject>()
  for (let at = 0; at < nums.size(); at += 2) tree.set(nums.lookup(at, PDFNumber).asNumber(), nums.lookup(at + 1)!)
  const key = (dict: PDFDict, name: string) => dict.lookupMaybe(PDFName.of(name), PDFNumber)?.asNumber()
  const used = new Set<number>()
  /** Climb from an element to the root: the element must be in the document's tree. */
  const rooted = (element: PDFDict) => {
    let node: PDFDict | undefined = element
    for (let depth = 0; node && depth < 100; depth++) {
      if (node === root) return true
      node = node.lookupMaybe(PDFName.of('P'), PDFDict)
    }
    return false
  }
  let links = 0
  for (const [index, page] of pdf.getPages().entries()) {
    const own = key(page.node, 'StructParents')
    if (own !== undefined) {
      assert.ok(!used.has(own), `page ${index + 1}: key ${own} is taken`)
      used.add(own)
      const elements = tree.get(own)
      assert.ok(elements instanceof PDFArray, `page ${index + 1}: key ${own} is in the parent tree`)
      for (let at = 0; at < elements.size(); at++) {
        const element: unknown = elements.lookup(at)
        if (!(element instanceof PDFDict)) continue
        const pg: PDFObject | undefined = element.get(PDFName.of('Pg'))
        // An element that runs on from the page before names that page, and this one in a marked-content reference of its own.
        const kids = element.lookup(PDFName.of('K'))
        const references = (kids instanceof PDFArray ? kids.asArray().map((kid) => pdf.context.lookup(kid) ?? kid) : [kids]).filter((kid) => kid instanceof PDFDict)
        const here = [pg, ...references.map((kid) => (kid as PDFDict).get(PDFName.of('Pg')))].filter(Boolean).map(String)
        if (pg) assert.ok(here.includes(String(page.ref)), `page ${index + 1}: its marked content belongs to elements of that page`)
        assert.ok(rooted(element), `page ${index + 1}: element ${at} hangs in the structure tree`)
      }
    }
    const annots = page.node.Annots()
    for (let at = 0; at < (annots?.size() ?? 0); at++) {
      const ref = annots!.get(at)
      const parent = key(annots!.lookup(at, PDFDict), 'StructParent')
      if (parent === undefined) continue
      assert.ok(!used.has(parent), `page ${index + 1}: key ${parent} is taken`)
      used.add(parent)
      const element = tree.get(parent)
      assert.ok(element instanceof PDFDict && element.get(PDFName.of('S')) === PDFName.of('Link'), `page ${index + 1}: a link's key names a Link element`)
      const kids = element.lookup(PDFName.of('K'))
      const objects = (kids instanceof PDFArray ? kids.asArray().map((kid) => pdf.context.lookup(kid)) : [kids]).filter((kid) => kid instanceof PDFDict)
      assert.ok(objects.some((kid) => String((kid as PDFDict).get(PDFName.of('Obj'))) === String(ref)), `page ${index + 1}: the Link element points back to its annotation`)
      assert.ok(rooted(element))
      links++
    }
  }
  assert.ok(links >= (TITLES.length + 1) * 2, 'the contents links are tagged')
  assert.ok(key(root, 'ParentTreeNextKey')! > Math.max(...used))
})

test('PDF: the outline has one entry per article, then the colophon, each at its first page', async () => {
  const file = path.join(out, 'three-shores.pdf')
  const {stdout} = await run('qpdf', ['--json', '--json-key=outlines', '--json-key=pagelabels', file])
  const json = JSON.parse(stdout) as {outlines: {title: string; destpageposfrom1: number}[]; pagelabels: {index: number; label: Record<string, unknown>}[]}
  assert.deepEqual(json.outlines.map((entry) => entry.title), [...TITLES, 'Colophon'])
  for (const entry of json.outlines) {
    const text = squash(await pdfText(file, {first: entry.destpageposfrom1, last: entry.destpageposfrom1}))
    assert.ok(bare(text).includes(bare(entry.title)), `outline “${entry.title}” opens its page`)
  }
  // Viewers show the printed folios: roman front matter, the body from 1.
  assert.deepEqual(json.pagelabels.map((label) => label.label['/S']), ['/r', '/D'])
})

test('PDF: the colophon gathers every source, credit and notice; each article keeps its own', async () => {
  const file = path.join(out, 'three-shores.pdf')
  const pages = Number((await pdfInfo(file)).Pages)
  const colophon = squash(await pdfText(file, {first: pages - 1, last: pages}))
  const start = colophon.indexOf('Colophon')
  assert.ok(start >= 0)
  const back = colophon.slice(start)
  assert.ok(back.replace(/\s/g, '').includes(SOURCE), 'the source URL')
  assert.ok(back.includes(CREDITS), 'the credits')
  assert.ok(back.includes('RFE/RL has been declared an "undesirable organization" by the Russian government.'), 'the notice, verbatim')
  for (const title of TITLES) assert.ok(back.includes(squash(title)) || title.includes('ک'), title)
  assert.ok(back.includes('Each article keeps its own notice.'), 'the book rights')
  const whole = squash(await pdfText(file))
  assert.equal(whole.split(CREDITS).length - 1, 2, 'credits in place and in the colophon')
  assert.equal((await pdfInfo(file)).Title, 'Three Shores')
})

test('the book booklet: the book set on A5 pages, at least 9 pt, two a side of A4 in booklet order', async () => {
  const booklet = path.join(out, 'three-shores-booklet.pdf')
  const sides = Number((await pdfInfo(booklet)).Pages)
  assert.equal((sides * 2) % 4, 0)
  const [width, height] = /([\d.]+) x ([\d.]+)/.exec((await pdfInfo(booklet))['Page size']!)!.slice(1).map(Number) as [number, number]
  assert.ok(Math.abs(width - 842) < 2 && Math.abs(height - 595) < 2, 'landscape A4 sheets')
  // Each half shows the page booklet order puts there: sheet k carries
  // [m-2k, 2k+1] on its front and [2k+2, m-1-2k] on its back (1-based).
  // A body page's folio, in the foot of its half, names it: folio minus position is the same for all.
  const padded = sides * 2
  const offsets = new Set<number>()
  let cover = 0
  for (let side = 1; side <= sides; side++) {
    const sheet = Math.floor((side - 1) / 2)
    const halves = side % 2 === 1 ? [padded - 2 * sheet, 2 * sheet + 1] : [2 * sheet + 2, padded - 1 - 2 * sheet]
    for (const [slot, position] of halves.entries()) {
      const x = (slot * width) / 2
      const foot = squash(await pdfTextIn(booklet, side, {x, y: height * 0.9, width: width / 2, height: height * 0.1}))
      if (/^\d+$/.test(foot)) offsets.add(position - Number(foot))
      const whole = squash(await pdfTextIn(booklet, side, {x, y: 0, width: width / 2, height}))
      if (position === 1 && whole.includes('Three Shores')) cover++
      if (position === 2) assert.equal(whole, '', 'the cover’s back is blank')
    }
  }
  assert.equal(cover, 1, 'the cover is the booklet’s first page')
  assert.equal(offsets.size, 1, `every folio sits where booklet order puts it (${[...offsets].join(', ')})`)
  assert.ok((await pdfBodySize(booklet)) >= 9, 'body text of at least 9 pt')
})

test('HTML only: no book files, no cover, no browser; the site lists the books an earlier build left', async () => {
  const noBrowser = path.join(root, 'no-such-chromium')
  // A fresh folder: the books have nothing to download, so the site lists articles alone.
  const fresh = path.join(root, 'html-only')
  await run(process.execPath, [CLI, 'build', 'content', '--out', fresh, '--format', 'html', '--browser', noBrowser], {cwd: root})
  const files = (await readdir(fresh)).sort()
  // The catalog comes with its language facets (three languages here); no book feeds, no covers.
  assert.deepEqual(files, ['bridge-verkhneozyorsk.html', 'index.html', 'library-manuscripts-fa.html', 'opds-language-en.xml', 'opds-language-fa-ir.xml', 'opds-language-ru.xml', 'opds.xml', 'putin-abe-peace-treaty.html'])
  assert.ok(!(await readFile(path.join(fresh, 'index.html'), 'utf8')).includes('three-shores'))
  // Over the full build's folder: its books stay, untouched, and listed.
  const over = path.join(root, 'html-over')
  await cp(out, over, {recursive: true})
  const before = await readFile(path.join(over, 'three-shores.pdf'))
  await run(process.execPath, [CLI, 'build', 'content', '--out', over, '--format', 'html', '--browser', noBrowser], {cwd: root})
  assert.deepEqual(await readFile(path.join(over, 'three-shores.pdf')), before)
  const index = await readFile(path.join(over, 'index.html'), 'utf8')
  assert.match(index, /href="three-shores\.html"/)
  assert.match(await readFile(path.join(over, 'three-shores.html'), 'utf8'), /href="three-shores\.pdf"/)
})

test('bad input: a missing article and a title that takes an article’s slug are errors naming them', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-book-bad-'))
  await writeFile(
    path.join(dir, 'books.yaml'),
    ['books:', '  - title: Lost', '    articles:', '      - content/nowhere.txt', '  - title: Putin Abe Peace Treaty', '    articles: "content/*.txt"', ''].join('\n')
  )
  const bad = path.join(dir, 'out')
  const result = await run(process.execPath, [CLI, 'build', path.join(root, 'content'), '--out', bad, '--format', 'html', '--config', path.join(dir, 'books.yaml')], {cwd: root}).then(
    () => assert.fail('the build must fail'),
    (error: {code: number; stderr: string}) => error
  )
  assert.equal(result.code, 1)
  assert.match(result.stderr, /books\.yaml:4:9 {2}error {2}book “Lost”: no built article matches `content\/nowhere\.txt`.*missing-article/)
  assert.match(result.stderr, /book “Putin Abe Peace Treaty” would write putin-abe-peace-treaty\.\*.*duplicate-slug/)
  const files = await readdir(bad)
  assert.ok(!files.some((name) => name.startsWith('lost')), 'no book from a config with a missing article')
})

test('bad input: a config field of the wrong type is an error at its line and column', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-book-config-'))
  await writeFile(path.join(dir, 'imprint.config.json'), '{\n  "title": "X",\n  "articles": ["a.txt"],\n  "lang": 42\n}\n')
  const result = await run(process.execPath, [CLI, 'build', path.join(root, 'content'), '--out', path.join(dir, 'out'), '--format', 'html'], {cwd: dir}).then(
    () => assert.fail('the build must fail'),
    (error: {code: number; stderr: string}) => error
  )
  assert.match(result.stderr, /imprint\.config\.json:4:11 {2}error {2}field `lang`: expected string {2}bad-config/)
})

test('bad input: two inputs with one slug are refused before anything is written', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-slugs-'))
  await mkdir(path.join(dir, 'a'))
  await mkdir(path.join(dir, 'b'))
  await copyFile('content/putin-abe-peace-treaty.txt', path.join(dir, 'a', 'story.txt'))
  await copyFile('test/fixtures/text/pier-solar-roof.txt', path.join(dir, 'b', 'story.txt'))
  const result = await run(process.execPath, [CLI, 'build', path.join(dir, 'a'), path.join(dir, 'b'), '--out', path.join(dir, 'out'), '--format', 'html']).then(
    () => assert.fail('the build must fail'),
    (error: {code: number; stderr: string}) => error
  )
  assert.match(result.stderr, /b\/story\.txt {2}error {2}duplicate slug `story`: .*a\/story\.txt already writes story\.\*/)
  const html = await readFile(path.join(dir, 'out', 'story.html'), 'utf8')
  assert.ok(html.includes('Putin'), 'the first source’s page stands; the second never overwrote it')
})
