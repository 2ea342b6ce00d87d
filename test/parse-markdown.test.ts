/**
 * The Markdown reader, front matter and the resource policy, without a
 * browser: roles, GFM, footnotes, front-matter errors and image messages,
 * each at its line and column.
 */
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {createServer, type Server} from 'node:http'
import {copyFile, mkdir, mkdtemp, readFile, symlink, writeFile} from 'node:fs/promises'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import type {Element, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import type {Article} from '../src/article.ts'
import {loadSource} from '../src/load/load.ts'
import {normalize, textOf} from '../src/normalize/normalize.ts'
import {resolveResources} from '../src/normalize/resources.ts'
import {parseMarkdown, splitCaption} from '../src/readers/parse-markdown.ts'
import {renderArticle} from '../src/render/render-article.ts'

const FIXTURE = path.resolve('test/fixtures/markdown/harbour-lights.md')
const PNG = path.resolve('test/fixtures/markdown/images/lantern.png')

let dir: string

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-md-'))
})

/** Load, parse, resolve images and normalize one Markdown file, as the build does. */
async function read(file: string, allowRemote = false): Promise<{article: Article; vfile: VFile; tree: Root}> {
  const source = await loadSource(file)
  assert.ok(source.ok, source.file.messages.map(String).join('\n'))
  const {tree} = parseMarkdown(source.file, source.meta)
  const {images, dependencies} = await resolveResources(tree, source.file, {root: source.root, allowRemote})
  const snapshot = structuredClone(tree)
  const article = {...normalize({tree, file: source.file, slug: source.slug, meta: source.meta, images}), dependencies}
  return {article, vfile: source.file, tree: snapshot}
}

/** A Markdown file in its own folder under the temp dir. */
async function write(name: string, markdown: string): Promise<string> {
  const folder = path.join(dir, name)
  await mkdir(folder, {recursive: true})
  const file = path.join(folder, `${name}.md`)
  await writeFile(file, markdown)
  return file
}

function messages(file: VFile, ruleId?: string): string[] {
  return file.messages
    .filter((message) => ruleId === undefined || message.ruleId === ruleId)
    .map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)
}

function elements(tree: Root, tagName: string): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (node.tagName === tagName) found.push(node)
  })
  return found
}

test('the fixture: headline, bylines, lead figure with credit, credits and notice', async () => {
  const {article} = await read(FIXTURE)
  assert.equal(article.meta.title, 'Harbour Lights Return After Forty Years')
  assert.deepEqual(article.meta.bylines, ['Mara Lindqvist', 'Tomas Berg'])
  assert.equal(article.meta.publisher, 'Harbour Gazette')
  assert.equal(article.meta.sourceUrl, 'https://example.org/news/harbour-lights')
  assert.deepEqual(article.meta.keywords, ['harbour', 'lighthouse', 'restoration'])
  const hash = createHash('sha256').update(await readFile(PNG)).digest('hex').slice(0, 12)
  assert.deepEqual(article.lead, {
    src: `images/${hash}.png`,
    alt: 'The restored lighthouse lantern glowing at dusk',
    caption: 'The restored lantern on its first night.',
    credit: 'Photo: Jo Ek/Harbour Gazette'
  })
  assert.equal(article.credits, 'With reporting by Nordic Wire and Coastal Radio')
  // Verbatim: the notice keeps its straight quotes; the body gets curly ones.
  assert.deepEqual(article.notice, [
    'Harbour Gazette articles may be shared only with this notice and the credits above, word for word.',
    '"Harbour Gazette" is published by the Portvik Press Cooperative.'
  ])
  const body = toHtml(article.body)
  assert.ok(body.includes('“a light for the next hundred years”'))
  assert.ok(body.trimStart().startsWith('<p><span class="dateline">PORTVIK —</span> The lighthouse at the harbour mouth'), body.slice(0, 120))
  assert.ok(!body.includes('Harbour Lights Return'), 'the headline left the body')
  assert.ok(!body.includes('With reporting by'), 'the credits left the body')
  assert.equal(article.images?.length, 1, 'the same image twice is one asset')
  assert.equal(article.images?.[0]?.path, PNG)
  // Every local file looked for, the missing one too: the cache rebuilds when one appears.
  assert.deepEqual(article.dependencies, [PNG, path.join(path.dirname(FIXTURE), 'keepers-house.jpg')])
})

test('GFM: table, strikethrough and task list survive sanitize', async () => {
  const {article} = await read(FIXTURE)
  assert.equal(elements(article.body, 'table').length, 1)
  assert.deepEqual(elements(article.body, 'th').map((th) => toHtml(th.children)), ['Year', 'Keeper', 'Lamp'])
  assert.equal(toHtml(elements(article.body, 'del')[0]!.children), 'paraffin')
  const boxes = elements(article.body, 'input')
  assert.deepEqual(
    boxes.map((box) => [box.properties.type, box.properties.checked, box.properties.disabled]),
    [['checkbox', true, true], ['checkbox', true, true], ['checkbox', false, true]]
  )
  // Each checkbox sits in a label with its item's text, so it has an accessible name.
  assert.equal(toHtml(elements(article.body, 'label')[2]!), '<label><input type="checkbox" disabled> Repaint the gallery railing</label>')
})

test('GFM: a column aligned in the source stays aligned, by a class the stylesheet sets', async () => {
  const file = path.join(dir, 'tide-table.md')
  await writeFile(file, '# Tide Table for the Harbour\n\n| Day | High water | Metres | Note |\n| :-- | :-: | --: | --- |\n| Mon | 06:12 | 2.4 | calm |\n')
  const {article} = await read(file)
  const classes = (cells: Element[]) => cells.map((cell) => cell.properties.className ?? null)
  const expected = [['align-left'], ['align-center'], ['align-right'], null]
  assert.deepEqual(classes(elements(article.body, 'th')), expected)
  assert.deepEqual(classes(elements(article.body, 'td')), expected)
  assert.ok(elements(article.body, 'td').every((cell) => cell.properties.align === undefined), 'no obsolete align attribute')
  const page = toHtml(renderArticle(article, {target: 'page'}))
  // The class for the stylesheet, the style attribute for a reader that drops stylesheets (render-article.ts).
  assert.match(page, /<td class="align-right" style="text-align: right">2\.4<\/td>/)
  assert.match(page, /\.article-body \.align-right \{\s*text-align: right;/)
})

test('footnotes: noterefs and a note list at the end of the body; EPUB asides at render', async () => {
  const {article} = await read(FIXTURE)
  const refs = elements(article.body, 'a').filter((a) => a.properties.role === 'doc-noteref')
  assert.deepEqual(refs.map((a) => a.properties.href), ['#fn-cost', '#fn-boats'])
  const last = article.body.children.filter((node): node is Element => node.type === 'element').at(-1)!
  assert.equal(last.tagName, 'section')
  assert.deepEqual(last.properties.className, ['footnotes'])
  const items = elements({type: 'root', children: [last]}, 'li')
  assert.deepEqual(items.map((li) => li.properties.id), ['fn-cost', 'fn-boats'])
  assert.match(toHtml(items[0]!), /The restoration cost 2\.4 million crowns/)

  const epub = toHtml(renderArticle(article, {target: 'epub'}))
  assert.match(epub, /<aside id="fn-cost" class="footnote" epub:type="footnote" role="doc-footnote"><p><a href="#fnref-cost" role="doc-backlink">1\.<\/a> The restoration cost/)
  assert.match(epub, /<a href="#fn-boats" id="fnref-boats"[^>]*role="doc-noteref" epub:type="noteref">2<\/a>/)
  assert.ok(!epub.includes('↩'))
  // The page keeps the numbered list; rendering EPUB first must not change it.
  const page = toHtml(renderArticle(article, {target: 'page'}))
  assert.match(page, /<ol>\s*<li id="fn-cost">/)
  assert.ok(!page.includes('epub:type'))
})

test('resources: every refused or missing image is a warning at its line and column, and is left out', async () => {
  const {article, vfile} = await read(FIXTURE)
  assert.deepEqual(messages(vfile, 'missing-image'), ['31:1 missing-image image `keepers-house.jpg` not found; it is left out'])
  const refused = messages(vfile, 'refused-resource')
  assert.equal(refused.length, 2)
  assert.match(refused[0]!, /^33:1 refused-resource image `\.\.\/\.\.\/etc\/passwd` refused: it lies outside the source's folder/)
  assert.match(refused[1]!, /^35:1 refused-resource image `\/etc\/hostname` refused: absolute paths/)
  const remote = messages(vfile, 'remote-image')
  assert.equal(remote.length, 1)
  assert.match(remote[0]!, /^37:1 remote-image remote image `https:\/\/example\.org\/pier\.jpg` was not fetched: builds are offline; pass --allow-remote/)
  assert.deepEqual(messages(vfile, 'missing-alt'), ['29:1 missing-alt image `images/lantern.png` has no alt text'])
  assert.ok(vfile.messages.every((message) => !message.fatal))
  const srcs = elements(article.body, 'img').map((img) => img.properties.src)
  assert.deepEqual(srcs, [article.lead?.src], 'only the good image is left in the body')
  assert.ok(!toHtml(article.body).includes('Secret file'))
})

test('resources: file: URLs, symlinks out of the folder, fake images, data: URIs and local links', async () => {
  const png = await readFile(PNG)
  const file = await write(
    'policy',
    [
      '# Policy',
      '',
      '![a](file:///etc/passwd)',
      '',
      '![b](escape.png)',
      '',
      '![c](fake.png)',
      '',
      `![d](data:image/png;base64,${png.toString('base64')})`,
      '',
      '![e](data:image/svg+xml;base64,PHN2Zy8+)',
      '',
      'See [the notes](notes.txt), [a secret](../../../etc/shadow) and [a place](#top).',
      '',
      '![f](sub%20dir/photo.png)',
      '',
      '![g](gone.png "The old pier in 1950. Photo: Town Archive")',
      ''
    ].join('\n')
  )
  const folder = path.dirname(file)
  await symlink('/etc/hostname', path.join(folder, 'escape.png'))
  await writeFile(path.join(folder, 'fake.png'), '<svg onload="alert(1)"/>')
  await mkdir(path.join(folder, 'sub dir'))
  await copyFile(PNG, path.join(folder, 'sub dir', 'photo.png'))
  const {article, vfile} = await read(file)
  const all = messages(vfile)
  assert.ok(all.some((text) => /^3:1 refused-resource image `file:\/\/\/etc\/passwd` refused: file: URLs/.test(text)), all.join('\n'))
  assert.ok(all.some((text) => /^5:1 refused-resource image `escape\.png` refused: it is a link to \/etc\/hostname/.test(text)), all.join('\n'))
  assert.ok(all.some((text) => /^7:1 unsupported-image image `fake\.png` is not a PNG, JPEG or GIF/.test(text)), all.join('\n'))
  assert.ok(all.some((text) => /^11:1 unsupported-image image `data:image\/svg\+xml;base64,PHN2Zy8\+`: a data: URI must be a base64 PNG, JPEG or GIF/.test(text)), all.join('\n'))
  assert.ok(all.some((text) => /^13:5 local-link link `notes\.txt` to a local file cannot be followed/.test(text)), all.join('\n'))
  assert.ok(all.some((text) => /^13:29 local-link link `\.\.\/\.\.\/\.\.\/etc\/shadow` refused/.test(text)), all.join('\n'))
  // The data: PNG and the escaped path are the same bytes: one asset.
  assert.equal(article.images?.length, 1)
  assert.equal(elements(article.body, 'img').length, 2)
  const html = toHtml(article.body)
  assert.ok(html.includes('See the notes, a secret and <a href="#top">a place</a>.'), html)
  const severity = (pattern: RegExp) => vfile.messages.find((message) => pattern.test(message.reason))?.fatal
  assert.equal(severity(/`notes\.txt`/), undefined, 'a link inside the folder made plain text is a note')
  assert.equal(severity(/etc\/shadow/), false, 'a link out of the folder is a warning')
  // A missing image's caption and credit stay, without the image.
  assert.ok(all.some((text) => /^17:1 missing-image image `gone\.png` not found/.test(text)), all.join('\n'))
  assert.ok(html.includes('<figure><figcaption>The old pier in 1950. <span class="image-credit">Photo: Town Archive</span></figcaption></figure>'), html)
})

test('resources: a saved web page resolves its relative links against its own URL', async () => {
  const file = new VFile({path: path.join(dir, 'page', 'source.html'), value: '[a](/news/world) [b](story.html#top) [c](file:///etc/passwd) [d](#here)\n'})
  const {tree} = parseMarkdown(file, {lang: 'en'})
  await resolveResources(tree, file, {root: path.join(dir, 'page'), baseUrl: 'https://example.org/2024/page.html'})
  assert.equal(
    toHtml(tree),
    '<p><a href="https://example.org/news/world">a</a> <a href="https://example.org/2024/story.html#top">b</a> c <a href="#here">d</a></p>'
  )
  assert.deepEqual(messages(file), ['1:38 local-link link `file:///etc/passwd` refused: it names a file anywhere on the machine; the link text stays'])
})

test('resources: remote images are fetched only with allowRemote', async () => {
  const png = await readFile(PNG)
  const server: Server = createServer((request, response) => {
    if (request.url === '/photo.png') response.writeHead(200, {'content-type': 'image/png'}).end(png)
    else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  after(() => server.close())
  const {port} = server.address() as AddressInfo
  const file = await write('remote', `# Remote\n\n![A pier](http://127.0.0.1:${port}/photo.png)\n\n![Gone](http://127.0.0.1:${port}/gone.png)\n`)

  const offline = await read(file)
  assert.equal(offline.article.images?.length, 0)
  assert.equal(messages(offline.vfile, 'remote-image').length, 2)

  const online = await read(file, true)
  assert.equal(online.article.images?.length, 1)
  assert.equal(online.article.images?.[0]?.path, undefined)
  assert.deepEqual(messages(online.vfile, 'remote-image').map((text) => text.replace(/`.*`/, '`…`')), [
    '5:1 remote-image remote image `…` could not be fetched (HTTP 404); it is left out'
  ])
  // The print page gets a data: URI for an image with no local file.
  assert.match(toHtml(renderArticle(online.article, {target: 'print'})), /<img src="data:image\/png;base64,/)
})

test('front matter: a bad value is an error, an unknown field a warning, each at its line and column in the .md file', async () => {
  const file = await write('bad-date', '---\ntitle: Fine\ndate: last Tuesday\nimage:\n  credit: AP\n  size: big\n---\n# Body\n')
  const source = await loadSource(file)
  assert.equal(source.ok, false)
  const found = source.file.messages.map((message) => ({
    place: `${message.line}:${message.column}`,
    fatal: message.fatal,
    reason: message.reason,
    file: message.file
  }))
  assert.deepEqual(found, [
    {
      place: '3:7',
      fatal: true,
      reason: 'field `date`: expected a date as YYYY-MM-DD or an ISO 8601 timestamp, got "last Tuesday"',
      file
    },
    {place: '6:3', fatal: false, reason: 'unknown field `image.size` is ignored', file}
  ])
})

test('front matter: unclosed, broken YAML, and winning over a sidecar', async () => {
  const unclosed = await loadSource(await write('unclosed', '---\ntitle: Never closed\n\n# Body\n'))
  assert.equal(unclosed.ok, false)
  assert.match(messages(unclosed.file)[0]!, /^1:1 bad-metadata front matter opened by `---` on line 1 is never closed/)

  const broken = await loadSource(await write('broken', '---\ntitle: ok\nbyline: [Jane\n---\n# Body\n'))
  assert.equal(broken.ok, false)
  assert.match(messages(broken.file)[0]!, /^\d+:\d+ bad-metadata invalid YAML/)
  assert.ok(broken.file.messages[0]!.line! >= 3)

  const file = await write('both', '---\ntitle: From front matter\n---\n# Headline\n\nBody.\n')
  await writeFile(file.replace(/\.md$/, '.meta.yaml'), 'title: From the sidecar\npublisher: Sidecar Press\n')
  const both = await loadSource(file)
  assert.ok(both.ok)
  assert.deepEqual(both.meta, {title: 'From front matter', publisher: 'Sidecar Press'})
})

test('no title: the first lower heading names the article, else the file name, each with a warning', async () => {
  const {article, vfile} = await read(
    await write('minutes', 'Opening lines before any heading.\n\n### Harbour Committee Minutes\n\nThe committee met.\n\n## Repairs\n\nThe pier needs work.\n')
  )
  assert.equal(article.meta.title, 'Harbour Committee Minutes')
  assert.deepEqual(messages(vfile, 'no-title'), [
    '3:1 no-title no title found; using the first heading, “Harbour Committee Minutes”. Add a headline or a `title` field'
  ])
  // The heading left the body, as an h1 does; the next one stays a section.
  assert.deepEqual(elements(article.body, 'h3'), [])
  assert.deepEqual(elements(article.body, 'h2').map((heading) => textOf(heading)), ['Repairs'])

  const plain = await read(await write('pier-notes', 'Only a paragraph, no heading at all.\n'))
  assert.equal(plain.article.meta.title, 'Pier notes')
  assert.deepEqual(
    plain.vfile.messages.filter((message) => message.ruleId === 'no-title').map((message) => message.reason),
    ['no title found; using the file name. Add a headline or a `title` field']
  )
})

test('reader conventions: a credits paragraph must close the article; raw HTML is reported', async () => {
  const file = await write(
    'conventions',
    '# Title\n\nBy Jane Doe\n\nWith reporting by AP, at the top, is not the credits line.\n\nBody <sup>raw</sup> text.\n\n<!-- an editor note -->\n\n> A quote that ends the article.\n'
  )
  const {article, vfile} = await read(file)
  assert.deepEqual(article.meta.bylines, ['Jane Doe'])
  assert.equal(article.credits, undefined)
  assert.deepEqual(article.notice, [])
  assert.match(toHtml(article.body), /<blockquote>/)
  assert.deepEqual(messages(vfile, 'raw-html').map((text) => text.split(' is not')[0]), [
    '7:6 raw-html raw HTML `<sup>`',
    '7:14 raw-html raw HTML `</sup>`'
  ])
})

test('the notice written as plain paragraphs after the credits line, as the text reader reads it', async () => {
  const file = await write('plain-notice', '# Title\n\nBody text of the article.\n\nWith reporting by PAP.\n\nReprints only with the source named.\n\nAll rights kept.\n')
  const {article} = await read(file)
  assert.equal(article.credits, 'With reporting by PAP.')
  assert.deepEqual(article.notice, ['Reprints only with the source named.', 'All rights kept.'])
  // Four paragraphs after it: that is article, not a notice, and the line stays in the body.
  const far = await write('far-credits', '# Title\n\nWith reporting by PAP.\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n')
  const {article: body} = await read(far)
  assert.equal(body.credits, undefined)
  assert.deepEqual(body.notice, [])
})

test('front matter credits and notice stand in for the body; an unused footnote is reported', async () => {
  const file = await write(
    'meta-notice',
    '---\ncredits: Reporting by Coastal Radio\nnotice:\n  - First paragraph of the notice.\n  - Second "quoted" paragraph.\n---\n# Title\n\nBody text.\n\n[^spare]: Never used.\n'
  )
  const {article, vfile} = await read(file)
  assert.equal(article.credits, 'Reporting by Coastal Radio')
  assert.deepEqual(article.notice, ['First paragraph of the notice.', 'Second "quoted" paragraph.'])
  assert.deepEqual(messages(vfile, 'unused-footnote'), ['11:1 unused-footnote footnote `[^spare]` is never referred to; it is left out'])
})

test('captions: a trailing photo credit is split off', () => {
  assert.deepEqual(splitCaption('Boats at dawn. Photo: AP'), {caption: 'Boats at dawn.', credit: 'Photo: AP'})
  assert.deepEqual(splitCaption('Boats at dawn (Photo: Jo Ek/Reuters)'), {caption: 'Boats at dawn', credit: 'Photo: Jo Ek/Reuters'})
  assert.deepEqual(splitCaption('Лодки на рассвете. Фото: ТАСС'), {caption: 'Лодки на рассвете.', credit: 'Фото: ТАСС'})
  assert.deepEqual(splitCaption('© Harbour Gazette'), {caption: undefined, credit: '© Harbour Gazette'})
  assert.deepEqual(splitCaption('A photograph of a pier'), {caption: 'A photograph of a pier'})
})

test('resolveResources refuses misuse with a TypeError', async () => {
  await assert.rejects(resolveResources({type: 'root', children: []}, new VFile(''), {root: 'relative'}), TypeError)
})

test('pandoc attributes, fenced divs and TeX math that would print as written are warnings at their place; money is not math', async () => {
  const {vfile} = await read(
    await write(
      'dialects',
      '# Tides {#tides}\n\n![A tide gauge](gauge.png){width=50%}\n\nTickets cost $5 and $10. The height is $h = a \\sin(\\omega t)$ here.\n\n$$\nE = mc^2\n$$\n\n::: note\nCareful.\n:::\n\nA [chart](https://example.org/chart){.external} and `$x^2$` in code.\n'
    )
  )
  assert.deepEqual(
    messages(vfile, 'literal-syntax').map((line) => line.replace(/ is not Markdown imprint reads; it prints as written$/, '')),
    [
      '1:9 literal-syntax pandoc attributes `{#tides}`',
      '3:27 literal-syntax pandoc attributes `{width=50%}`',
      '5:40 literal-syntax TeX math `$h = a \\sin(\\omega t)$`',
      '7:1 literal-syntax TeX math `$$ E = mc^2 $$`',
      '11:1 literal-syntax a pandoc fenced div `:::`',
      '13:1 literal-syntax a pandoc fenced div `:::`',
      '15:37 literal-syntax pandoc attributes `{.external}`'
    ]
  )
})

test('TOML front matter (Hugo) and YAML closed by `...` (pandoc) are read, and never printed as text', async () => {
  const toml = await read(await write('hugo', "+++\ntitle = 'From TOML'\ntags = ['a']\n+++\n\nThe body of a Hugo page, long enough to be prose.\n"))
  assert.equal(toml.article.meta.title, 'From TOML')
  assert.deepEqual(toml.article.meta.keywords, ['a'])
  assert.doesNotMatch(JSON.stringify(toml.article.body), /From TOML|\+\+\+/)
  const pandoc = await read(await write('pandoc-dots', "---\ntitle: From pandoc\n...\n\nBody text.\n\n---\n\nAfter a rule.\n"))
  assert.equal(pandoc.article.meta.title, 'From pandoc')
  assert.match(JSON.stringify(pandoc.article.body), /After a rule/)
  assert.deepEqual(elements(pandoc.article.body, 'hr').length, 1)
})
