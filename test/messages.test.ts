import assert from 'node:assert/strict'
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {test} from 'node:test'
import {VFile} from 'vfile'
import {FORMATS} from '../src/article.ts'
import {hasFatal, report, RULES, type RuleId} from '../src/messages.ts'
import {MESSAGES_DOC, renderMessagesDoc} from '../src/messages-doc.ts'

const ids = Object.keys(RULES) as RuleId[]

test('docs/messages.md is the one the table makes (run `npm run docs:messages` after changing a rule)', async () => {
  assert.equal(await readFile(MESSAGES_DOC, 'utf8'), renderMessagesDoc())
})

test('the page has a section for every rule, with its severity, meaning and fix', () => {
  const doc = renderMessagesDoc()
  for (const id of ids) {
    const section = doc.split(`### \`${id}\`\n`)[1]?.split('\n### ')[0]
    assert.ok(section, `no section for ${id}`)
    assert.ok(section.includes(`**${RULES[id].severity}**`), `${id}: severity`)
    assert.ok(section.includes(RULES[id].means) && section.includes(`Fix: ${RULES[id].fix}`), `${id}: meaning and fix`)
  }
})

test('each severity becomes vfile\'s fatal flag: true for an error, false for a warning, unset for a note', () => {
  const file = new VFile({path: '/content/a.txt'})
  const error = report(file, 'empty-file', 'file is empty')
  const warning = report(file, 'no-title', 'no title found', {place: {line: 2, column: 3}})
  const note = report(file, 'utf-16', 'decoded as UTF-16LE')
  assert.deepEqual([error.fatal, warning.fatal, note.fatal], [true, false, undefined])
  assert.deepEqual(file.messages.map((message) => [message.ruleId, message.source, message.file]), [
    ['empty-file', 'imprint', '/content/a.txt'],
    ['no-title', 'imprint', '/content/a.txt'],
    ['utf-16', 'imprint', '/content/a.txt']
  ])
  assert.deepEqual([warning.line, warning.column], [2, 3])
})

test('a message can name another file (a sidecar), carry a note, and take the lesser severity its rule allows', () => {
  const file = new VFile({path: '/content/a.txt'})
  const sidecar = report(file, 'bad-metadata', 'unknown field `titel`', {place: {line: 1, column: 1}, file: '/content/a.meta.yaml', note: 'Did you mean `title`?'})
  assert.equal(sidecar.file, '/content/a.meta.yaml')
  assert.equal(sidecar.note, 'Did you mean `title`?')
  assert.equal(report(file, 'local-link', 'link refused').fatal, false)
  assert.equal(report(file, 'local-link', 'link made text', {as: 'note'}).fatal, undefined)
})

test('hasFatal is true only once a message is an error', () => {
  const file = new VFile({path: '/content/a.txt'})
  report(file, 'missing-alt', 'image has no alt text')
  report(file, 'detected-language', 'detected `en`')
  assert.equal(hasFatal(file), false)
  report(file, 'no-article', 'no article found')
  assert.equal(hasFatal(file), true)
})

/**
 * Rule ids as the sources write them: in a `ruleId` field or comparison, or
 * as the rule of `report(file, 'rule', …)`. `${format}-failed` stands for
 * one rule per output format.
 */
const WRITTEN = [
  /ruleId\s*(?::|===|!==)\s*'([^']+)'/g,
  /\breport\(\s*[\w.]+\s*,\s*'([^']+)'/g,
  // A limit met inside a reader or a worker thread is thrown with its rule, and reported under it by prepare and emit.
  /\bnew LimitError\(\s*'([^']+)'/g
]
const PER_FORMAT = /`\$\{format\}(-[a-z-]+)`/g

async function readSources(): Promise<Map<string, string>> {
  const texts = new Map<string, string>()
  for (const entry of await readdir('src', {recursive: true, withFileTypes: true})) {
    const file = path.join(entry.parentPath, entry.name)
    if (!entry.isFile() || !/\.(?:ts|js)$/.test(entry.name) || /^messages(?:-doc)?\.ts$/.test(entry.name)) continue
    texts.set(file, await readFile(file, 'utf8'))
  }
  return texts
}

function writtenRules(text: string): string[] {
  const found = WRITTEN.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!))
  const perFormat = [...text.matchAll(PER_FORMAT)].flatMap((match) => FORMATS.map((format) => format + match[1]))
  return [...found, ...perFormat]
}

test('every rule the sources report is in the table', async () => {
  const unknown: string[] = []
  let seen = 0
  for (const [file, text] of await readSources()) {
    for (const rule of writtenRules(text)) {
      seen++
      if (!(rule in RULES)) unknown.push(`${file}: ${rule}`)
    }
  }
  // The scan itself must find the rules, or this test would pass on nothing.
  assert.ok(seen >= ids.length, `only ${seen} rules found in src`)
  assert.deepEqual(unknown, [])
})

test('every rule in the table is reported somewhere in the sources', async () => {
  const sources = [...(await readSources()).values()]
  const written = new Set(sources.flatMap(writtenRules))
  const unused = ids.filter((id) => !written.has(id))
  assert.deepEqual(unused, [], `rules in src/messages.ts that no source reports: ${unused.join(', ')}`)
})
