import assert from 'node:assert/strict'
import {test} from 'node:test'
import {parseMeta} from '../src/schema/meta.ts'

test('valid sidecar metadata passes with its values', () => {
  const result = parseMeta('publisher: RFE/RL\ndate: 2018-05-26\nlang: en\nbyline: [Jane Doe, John Roe]\n')
  assert.ok(result.meta, JSON.stringify(result.problems))
  assert.equal(result.meta.publisher, 'RFE/RL')
  assert.equal(result.meta.date, '2018-05-26')
  assert.deepEqual(result.meta.byline, ['Jane Doe', 'John Roe'])
})

test('a bad field is reported at its line and column, naming the field and what was expected', () => {
  const result = parseMeta('publisher: RFE/RL\ndate: the 26th of Floréal\nlang: en\n')
  assert.equal(result.meta, undefined)
  const [problem] = result.problems
  assert.equal(problem?.field, 'date')
  assert.equal(problem?.line, 2)
  assert.equal(problem?.column, 7)
  assert.match(problem!.reason, /field `date`: expected a date as YYYY-MM-DD/)
  assert.match(problem!.reason, /got "the 26th of Floréal"/)
  assert.equal(problem!.rule, 'bad-metadata')
})

test('an unknown field is a warning naming the closest known one; --strict makes it an error', () => {
  const result = parseMeta('publsher: RFE/RL\ntitle: Kept\n')
  assert.deepEqual(result.meta, {title: 'Kept'})
  assert.deepEqual(
    result.problems.map((problem) => [problem.line, problem.column, problem.rule, problem.reason]),
    [[1, 1, 'unknown-field', 'unknown field `publsher` is ignored; did you mean `publisher`?']]
  )
  const strict = parseMeta('publsher: RFE/RL\ntitle: Kept\n', {strict: true})
  assert.equal(strict.meta, undefined)
  assert.deepEqual(strict.problems.map((problem) => [problem.rule, problem.reason]), [['bad-metadata', 'unknown field `publsher`; did you mean `publisher`?']])
  // A name far from every known one gets no guess.
  assert.deepEqual(parseMeta('xyzzy: 1\n').problems.map((problem) => problem.reason), ['unknown field `xyzzy` is ignored'])
})

test('broken YAML is reported with its place, and a line offset shifts it', () => {
  const result = parseMeta('title: ok\nlang: [en\n', {lineOffset: 1})
  assert.equal(result.meta, undefined)
  const problem = result.problems[0]
  assert.match(problem!.reason, /^invalid YAML/)
  assert.ok(problem!.line >= 2)
})

test('language tags and source URLs are checked', () => {
  const lang = parseMeta('lang: english please\n')
  assert.equal(lang.meta, undefined)
  const source = parseMeta('source: javascript:alert(1)\n')
  assert.equal(source.meta, undefined)
  const good = parseMeta('lang: fa-IR\nsource: https://www.rferl.org/a/29252113.html\n')
  assert.ok(good.meta)
})
