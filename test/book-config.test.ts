/**
 * The book configuration: one schema, errors at the line and column of the
 * field that is wrong.
 */
import assert from 'node:assert/strict'
import {mkdtemp, truncate, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {test} from 'node:test'
import {VFile} from 'vfile'
import {loadBookConfig, parseBookConfig} from '../src/books/config.ts'
import {DEFAULT_LIMITS} from '../src/limits.ts'

function parse(text: string, name = '/books/imprint.config.yaml') {
  const file = new VFile({path: name, value: text})
  const books = parseBookConfig(file)
  return {books, messages: file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)}
}

test('one book at the top level, articles as one glob, paths resolved from the config folder', () => {
  const {books, messages} = parse('title: Weekly\neditor: [Ann, Bo]\ncover: art/cover.jpg\narticles: "content/*.txt"\n')
  assert.deepEqual(messages, [])
  assert.equal(books.length, 1)
  assert.equal(books[0]!.title, 'Weekly')
  assert.deepEqual(books[0]!.editors, ['Ann', 'Bo'])
  assert.equal(books[0]!.cover, path.resolve('/books/art/cover.jpg'))
  assert.deepEqual(books[0]!.articles, [{pattern: 'content/*.txt', place: {line: 4, column: 11}}])
  assert.equal(books[0]!.order, 'listed')
})

test('several books under `books:`, each pattern with its place', () => {
  const {books, messages} = parse('books:\n  - title: A\n    articles:\n      - a.txt\n      - b.txt\n  - title: B\n    order: date\n    articles: [c.txt]\n')
  assert.deepEqual(messages, [])
  assert.deepEqual(books.map((book) => [book.title, book.order, book.articles.map((item) => `${item.pattern}@${item.place?.line}`)]), [
    ['A', 'listed', ['a.txt@4', 'b.txt@5']],
    ['B', 'date', ['c.txt@8']]
  ])
})

test('an unknown field is named, at its line and column', () => {
  const {books, messages} = parse('books:\n  - title: A\n    articels: [a.txt]\n')
  assert.deepEqual(books, [])
  assert.ok(messages.some((message) => /^3:5 unknown field `books\.0\.articels`/.test(message)), messages.join('\n'))
})

test('a wrong value names the field and what was expected; JSON gets lines and columns too', () => {
  const {messages} = parse('{\n  "title": "X",\n  "articles": [],\n  "cover": "cover.gif"\n}\n', '/books/imprint.config.json')
  assert.ok(messages.includes('3:15 field `articles`: expected at least one article') || messages.some((message) => message.startsWith('3:15 field `articles`')), messages.join('\n'))
  assert.ok(messages.includes('4:12 field `cover`: expected a .png or .jpg image'), messages.join('\n'))
})

test('invalid YAML is an error at its place, not a crash', () => {
  const {books, messages} = parse('title: [unclosed\n')
  assert.deepEqual(books, [])
  assert.match(messages[0]!, /^\d+:\d+ invalid YAML/)
})

test('the config file is read like a sidecar: strict UTF-8 at its place, and a size limit', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-config-'))
  const latin1 = path.join(dir, 'imprint.config.yaml')
  await writeFile(latin1, Buffer.from('title: Caf\xe9 Stories\narticles: "*.txt"\n', 'latin1'))
  const read = await loadBookConfig(latin1)
  assert.deepEqual(read.books, [])
  assert.deepEqual(read.file.messages.map((message) => [message.line, message.column, message.fatal, message.reason]), [
    [1, 11, true, 'invalid UTF-8 at byte offset 10; save the file as UTF-8']
  ])

  const huge = path.join(dir, 'huge.yaml')
  await writeFile(huge, 'title: Huge\narticles: "*.txt"\n')
  await truncate(huge, DEFAULT_LIMITS['meta-size'] + 1)
  const refused = await loadBookConfig(huge)
  assert.deepEqual(refused.books, [])
  assert.match(refused.file.messages[0]!.reason, /over the 1\.0 MB limit for a configuration file/)
})
