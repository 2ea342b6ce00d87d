/**
 * Each limit of src/limits.ts at its value and one past it, the bounded
 * reader's refusal of what is not a regular file, and one build with bad
 * inputs beside a good article: the good one built, each bad one a line.
 */
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdtemp, readdir, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {after, before, test} from 'node:test'
import {fromHtml} from 'hast-util-from-html'
import {VFile} from 'vfile'
import {DEFAULT_LIMITS, parseLimit} from '../src/limits.ts'
import {readBounded} from '../src/load/read-bounded.ts'
import {loadSource} from '../src/load/load.ts'
import {prepareArticle} from '../src/build/prepare-article.ts'
import {assertBlocks, countBlocks} from '../src/readers/blocks.ts'
import {resolveResources} from '../src/normalize/resources.ts'
import {bylineNames, isChromeLine, isCreditsLine, isListHead, withoutRightsReserved} from '../src/languages.ts'
import {htmlDepth, markdownDepth} from '../src/readers/depth.ts'
import {parseHtml} from '../src/readers/parse-html.ts'
import {parseMarkdown, splitCaption} from '../src/readers/parse-markdown.ts'
import {wordsOf} from '../src/readers/text-lines.ts'
import {parseMeta} from '../src/schema/meta.ts'
import {imprint} from './helpers/imprint.ts'

let dir: string
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-limits-'))
})
after(async () => {
  await rm(dir, {recursive: true, force: true})
})

/** A PNG's signature and IHDR declaring `width` × `height`, and nothing of its pixels. */
function pngHeader(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(bytes)
  bytes.writeUInt32BE(width, 16)
  bytes.writeUInt32BE(height, 20)
  return bytes
}

test('a file is read at its limit and refused one byte past it, with the option that raises the limit', async () => {
  const file = path.join(dir, 'sized.txt')
  await writeFile(file, 'x'.repeat(100))
  const atLimit = await readBounded(file, {limit: 'source-size', value: 100, what: 'one article'})
  assert.ok(atLimit instanceof Uint8Array && atLimit.length === 100)
  const past = await readBounded(file, {limit: 'source-size', value: 99, what: 'one article'})
  assert.ok(!(past instanceof Uint8Array))
  assert.equal(past.ruleId, 'too-large')
  assert.match(past.reason, /over the 99 B limit for one article; raise it with --limit source-size=/)
})

test('a device, a FIFO and a folder are refused from the open descriptor, at once', async () => {
  const fifo = path.join(dir, 'pipe.md')
  execFileSync('mkfifo', [fifo])
  await symlink('/dev/zero', path.join(dir, 'zero.png'))
  const bound = {limit: 'image-size', value: DEFAULT_LIMITS['image-size'], what: 'an image'} as const
  for (const [file, kind] of [[fifo, 'a pipe'], [path.join(dir, 'zero.png'), 'a device'], [dir, 'a folder']] as const) {
    const refused = await readBounded(file, bound)
    assert.ok(!(refused instanceof Uint8Array), file)
    assert.equal(refused.ruleId, 'unreadable')
    assert.match(refused.reason, new RegExp(`not a regular file \\(${kind}\\)`))
  }
})

test('an image is refused from its header when it declares one pixel more than image-pixels', async () => {
  const folder = await mkdtemp(path.join(dir, 'images-'))
  await writeFile(path.join(folder, 'wide.png'), pngHeader(1000, 500))
  await writeFile(path.join(folder, 'bomb.png'), pngHeader(50_000, 50_000))
  const run = async (src: string, pixels: number) => {
    const file = new VFile({path: path.join(folder, 'a.html')})
    const tree = fromHtml(`<p><img src="${src}" alt="a boat"></p>`, {fragment: true})
    const {images} = await resolveResources(tree, file, {root: folder, limits: {...DEFAULT_LIMITS, 'image-pixels': pixels}})
    return {images, messages: file.messages.map((message) => `${message.ruleId}: ${message.reason}`)}
  }
  assert.equal((await run('wide.png', 500_000)).images.length, 1)
  const past = await run('wide.png', 499_999)
  assert.equal(past.images.length, 0)
  assert.match(past.messages[0]!, /^image-over-limit: image `wide\.png` declares 1000 × 500 = 500,000 pixels, over the 499,999 pixels limit.*--limit image-pixels=/)
  const bomb = await run('bomb.png', DEFAULT_LIMITS['image-pixels'])
  assert.match(bomb.messages[0]!, /^image-over-limit: image `bomb\.png` declares 50000 × 50000/)
})

test('a YAML alias bomb is refused as yaml expands it, and a few aliases are read', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x]']
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level)
    const previous = String.fromCharCode(96 + level)
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`)
  }
  const bomb = parseMeta(`title: Boats\n${levels.join('\n')}\n`)
  assert.equal(bomb.meta, undefined)
  assert.equal(bomb.problems[0]!.ruleId, 'too-many-aliases', JSON.stringify(bomb))
  // One anchor used once counts 2 (the anchor and its alias), as the yaml package counts.
  const once = 'title: &t Boats\nsubtitle: *t\n'
  assert.ok(parseMeta(once, {maxAliases: 2}).meta)
  const past = parseMeta(once, {maxAliases: 1})
  assert.equal(past.meta, undefined)
  assert.equal(past.problems[0]!.ruleId, 'too-many-aliases')
})

test('HTML nested to the depth limit is read, one level more is refused before linkedom parses it', () => {
  const page = (levels: number) => `<html><body><article><h1>Deep</h1><p>${'A paragraph of words. '.repeat(20)}</p>${'<div>'.repeat(levels)}x</article></body></html>`
  // html, body, article, then the divs.
  assert.equal(htmlDepth(page(100), 1e9), 103)
  const read = (depth: number) => parseHtml(new VFile({path: 'deep.html', value: page(100)}), {}, {...DEFAULT_LIMITS, depth})
  assert.doesNotThrow(() => read(103))
  assert.throws(() => read(102), /^Error: too-deep: HTML elements nest deeper than the 102 levels limit; raise it with --limit depth=…$/)
  // Left-open paragraphs and list items close as parsers close them; SVG's `/>` opens nothing.
  assert.equal(htmlDepth('<body>' + '<p>one'.repeat(600) + '<ul>' + '<li>two'.repeat(600) + '</ul><svg>' + '<path d="M0"/>'.repeat(600) + '</svg>', 1e9), 3)
  assert.throws(() => parseHtml(new VFile({path: 'bomb.html', value: '<div>'.repeat(100_000)}), {}), /too-deep: HTML elements nest deeper than the 500 levels limit/)
})

test('Markdown nested to the depth limit is read, one level more is refused before remark parses it', () => {
  assert.equal(markdownDepth('# Title\n\n- a\n  - b\n    - c\n'), 3)
  assert.equal(markdownDepth('>>>> quoted'), 4)
  const text = '# Deep\n\n' + '>'.repeat(10) + ' x\n'
  const read = (depth: number) => parseMarkdown(new VFile({path: 'deep.md', value: text}), {}, {...DEFAULT_LIMITS, depth})
  assert.doesNotThrow(() => read(10))
  assert.throws(() => read(9), /too-deep: Markdown blocks nest deeper than the 9 levels limit/)
})

test('emphasis marks in a Markdown paragraph: read at the limit, refused one past it, before the parse', () => {
  // Line 3 begins a paragraph of three lines holding 2 + 1 + 3 runs (`**` is one run; `*a_*` three); the next paragraph starts again from none.
  const markdown = '# Marks\n\n**bold** and\nsnake_case\n*a_* x\n\n*one*\n'
  assert.deepEqual(countBlocks(markdown, 'markdown'), {blocks: 3, longest: 28, line: 3, emphasis: 6, emphasisLine: 3})
  const limits = (emphasis: number) => ({...DEFAULT_LIMITS, emphasis})
  assert.doesNotThrow(() => assertBlocks(markdown, 'markdown', limits(6)))
  assert.throws(
    () => assertBlocks(markdown, 'markdown', limits(5)),
    /^Error: too-much-emphasis: the paragraph at line 3 holds 6 runs of emphasis marks \(\* or _\), over the 5 runs limit; raise it with --limit emphasis=…$/
  )
  // Pasted text and HTML are not Markdown: their stars are text.
  assert.equal(countBlocks('*a* *b* *c*\n', 'text').emphasis, 0)
})

test('blocks and paragraph length: read at the limit, refused one past it, before the parse', () => {
  const markdown = '# Many\n\n' + Array.from({length: 9}, (_, at) => `Paragraph ${at}.`).join('\n\n') + '\n\n- one\n- two\n'
  assert.deepEqual(countBlocks(markdown, 'markdown'), {blocks: 12, longest: 12, line: 3, emphasis: 0, emphasisLine: 1})
  const limits = (blocks: number, paragraph: number) => ({...DEFAULT_LIMITS, blocks, paragraph})
  assert.doesNotThrow(() => assertBlocks(markdown, 'markdown', limits(12, 12)))
  assert.throws(() => assertBlocks(markdown, 'markdown', limits(11, 12)), /^Error: too-many-blocks: the file holds 12 blocks, over the 11 blocks limit; raise it with --limit blocks=…$/)
  assert.throws(() => assertBlocks(markdown, 'markdown', limits(12, 11)), /^Error: paragraph-too-long: the paragraph at line 3 runs to 12 characters, over the 11 characters limit; raise it with --limit paragraph=…$/)
  // A paragraph's wrapped lines are one paragraph; list items, headings and quotes each begin a block.
  assert.deepEqual(countBlocks('abc\ndef\n> q\n## h\n1. x\n', 'markdown'), {blocks: 4, longest: 6, line: 1, emphasis: 0, emphasisLine: 1})
  // HTML: markup is not text; scripts and comments are no paragraph; inline elements join a paragraph.
  const html = `<html><head><script>${'x'.repeat(500)}</script></head><body><!-- ${'y'.repeat(500)} --><p>one <a href="${'z'.repeat(300)}">two</a></p><ul><li>three</li></ul></body></html>`
  assert.deepEqual(countBlocks(html, 'html'), {blocks: 4, longest: 7, line: 1, emphasis: 0, emphasisLine: 1})
  // Pasted text: each line.
  assert.deepEqual(countBlocks('Title\n\nA line\nlonger line\n', 'text'), {blocks: 3, longest: 11, line: 4, emphasis: 0, emphasisLine: 1})
})

test('a source over a block limit is reported under its rule, not as a failed parse', async () => {
  const file = path.join(dir, 'long.md')
  await writeFile(file, '# Long\n\n' + 'word '.repeat(30) + '\n')
  const source = await loadSource(file, {limits: {...DEFAULT_LIMITS, paragraph: 100}})
  await assert.rejects(prepareArticle(source, {limits: {...DEFAULT_LIMITS, paragraph: 100}}), /^Error: paragraph-too-long: the paragraph at line 3 runs to 150 characters/)
  await assert.doesNotReject(prepareArticle(await loadSource(file), {limits: {...DEFAULT_LIMITS, paragraph: 150}}))
})

test('--limit values: sizes take units, counts do not', () => {
  assert.deepEqual(parseLimit('image-size=2M'), ['image-size', 2 * 1024 * 1024])
  assert.throws(() => parseLimit('depth=2M'), /whole number/)
})

/** The shortest of several runs: a noisy machine only ever makes a run slower. */
function fastest(run: () => void): number {
  let best = Number.POSITIVE_INFINITY
  for (let attempt = 0; attempt < 5; attempt++) {
    const start = process.hrtime.bigint()
    run()
    best = Math.min(best, Number(process.hrtime.bigint() - start))
  }
  return best
}

/**
 * Each pattern that runs on content, against the strings that made the old
 * ones backtrack: at 4× and 16× the size, the time stays within 4× its
 * share of the 1× run (16× and 64×, where a quadratic pattern takes 16× and 256×).
 */
test('content patterns take time linear in their input', () => {
  const cases: Array<[string, (size: number) => string, (text: string) => unknown]> = [
    ['caption credit: © then spaces then (', (size) => '©' + ' '.repeat(size) + '(', splitCaption],
    ['caption credit: Photo: then spaces', (size) => 'Photo:' + ' '.repeat(size) + 'x(', splitCaption],
    ['caption credit: a title of spaces', (size) => 'a' + ' '.repeat(size) + 'b', splitCaption],
    ['byline: By, spaces, a broken line', (size) => 'By' + ' '.repeat(size) + 'x\ny', bylineNames],
    ['credits line: With reporting by, spaces', (size) => 'With reporting by' + ' '.repeat(size) + ':', isCreditsLine],
    ['chrome line: spaces and a count', (size) => 'Share' + ' '.repeat(size) + '(1) x', isChromeLine],
    ['list head: a bracket, then spaces', (size) => '【' + ' '.repeat(size) + 'x', isListHead],
    ['copyright line: spaces, then rights almost reserved', (size) => '© 2024 A' + ' '.repeat(size) + 'All rights reserve', withoutRightsReserved],
    ['HTML depth: unclosed divs', (size) => '<div>'.repeat(size / 5), (html) => htmlDepth(html, 1e9)],
    ['HTML depth: end tags of nothing open', (size) => '<p>' + '</span>'.repeat(size / 7), (html) => htmlDepth(html, 1e9)],
    ['Markdown depth: nested quotes', (size) => '>'.repeat(size), markdownDepth],
    // ICU's word segmenter slows with the square of one string's length: pasted Chinese goes to it in pieces.
    ['words of Chinese without a line break', (size) => '北京市政府今天宣布新的交通规划，将在明年开始实施。'.repeat(size / 25), wordsOf]
  ]
  for (const [name, make, run] of cases) {
    // A floor of 20 µs for the smallest run, so timer noise cannot make a linear pattern look quadratic.
    const base = Math.max(fastest(() => run(make(2000))), 20_000)
    for (const [times, budget] of [[4, 16], [16, 64]] as const) {
      const grown = fastest(() => run(make(2000 * times)))
      assert.ok(grown / base < budget, `${name}: ${times}× the input took ${(grown / base).toFixed(1)}× the time`)
    }
  }
})

test('one build: a cover that is a device or a FIFO, and a PNG bomb, beside a good article', async () => {
  const content = path.join(dir, 'build')
  const out = path.join(dir, 'out')
  execFileSync('mkdir', ['-p', content])
  await writeFile(path.join(content, 'good.md'), '# Good news\n\nThe harbour opened at dawn.\n')
  await writeFile(path.join(content, 'bomb.png'), pngHeader(50_000, 50_000))
  await writeFile(path.join(content, 'shown.md'), '# Shown\n\nA photo:\n\n![a boat](bomb.png)\n')
  await symlink('/dev/zero', path.join(content, 'zero.png'))
  execFileSync('mkfifo', [path.join(content, 'pipe.png')])
  // Spans and quote marks, so that neither the blocks nor a paragraph reach their limits first.
  await writeFile(path.join(content, 'deep.html'), '<html><body><p>' + '<span>'.repeat(50_000) + 'x</p></body></html>')
  await writeFile(path.join(content, 'quotes.md'), '# Quoted\n\n' + '>'.repeat(1000) + ' x\n')
  await writeFile(path.join(content, 'aliases.md'), '# Aliased\n\nWords.\n')
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((name, at) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[at]}`).join(', ')}]`)]
  await writeFile(path.join(content, 'aliases.meta.yaml'), `title: Aliased\n${levels.join('\n')}\n`)
  const config = path.join(content, 'imprint.config.yaml')
  await writeFile(config, 'books:\n  - title: Zero\n    cover: zero.png\n    articles: [good]\n  - title: Pipe\n    cover: pipe.png\n    articles: [good]\n')
  const run = await imprint(['build', content, '-c', config, '-f', 'html', '--no-cache', '-o', out])
  assert.equal(run.code, 1, run.stderr)
  const lines = run.stderr.trim().split('\n')
  assert.ok(lines.some((line) => /imprint\.config\.yaml:3:12 {2}error {2}cover `zero\.png`: not a regular file \(a device\); refused {2}unreadable$/.test(line)), run.stderr)
  assert.ok(lines.some((line) => /imprint\.config\.yaml:6:12 {2}error {2}cover `pipe\.png`: not a regular file \(a pipe\); refused {2}unreadable$/.test(line)), run.stderr)
  assert.ok(lines.some((line) => /shown\.md:5:1 {2}warning {2}image `bomb\.png` declares 50000 × 50000 .* {2}image-over-limit$/.test(line)), run.stderr)
  assert.ok(lines.some((line) => /deep\.html {2}error {2}HTML elements nest deeper than the 500 levels limit; raise it with --limit depth=… {2}too-deep$/.test(line)), run.stderr)
  assert.ok(lines.some((line) => /quotes\.md {2}error {2}Markdown blocks nest deeper than the 500 levels limit; .* {2}too-deep$/.test(line)), run.stderr)
  assert.ok(lines.some((line) => /aliases\.meta\.yaml:1:1 {2}error {2}YAML aliases expand past 100 aliases; raise it with --limit yaml-aliases=… {2}too-many-aliases$/.test(line)), run.stderr)
  assert.doesNotMatch(run.stderr, /Maximum call stack|^\s+at /m)
  assert.deepEqual((await readdir(out)).sort(), ['good.html', 'index.html', 'opds.xml', 'shown.html'])
})
