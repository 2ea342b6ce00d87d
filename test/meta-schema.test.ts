import assert from 'node:assert/strict'
import {test} from 'node:test'
import {parseMeta} from '../src/schema/meta.ts'

test('valid sidecar metadata passes with its values', () => {
  const result = parseMeta('publisher: RFE/RL\ndate: 2018-05-26\nlang: en\nbyline: [Jane Doe, John Roe]\n')
  assert.ok(result.ok)
  assert.equal(result.meta.publisher, 'RFE/RL')
  assert.equal(result.meta.date, '2018-05-26')
  assert.deepEqual(result.meta.byline, ['Jane Doe', 'John Roe'])
})

test('a bad field is reported at its line and column, naming the field and what was expected', () => {
  const result = parseMeta('publisher: RFE/RL\ndate: 26 May 2018\nlang: en\n')
  assert.equal(result.ok, false)
  const [problem] = result.ok ? [] : result.problems
  assert.equal(problem?.field, 'date')
  assert.equal(problem?.line, 2)
  assert.equal(problem?.column, 7)
  assert.match(problem!.reason, /field `date`: expected a date as YYYY-MM-DD/)
  assert.match(problem!.reason, /got "26 May 2018"/)
})

test('an unknown field is an error that lists the known ones', () => {
  const result = parseMeta('publsher: RFE/RL\n')
  assert.equal(result.ok, false)
  const reasons = result.ok ? [] : result.problems.map((problem) => problem.reason)
  assert.match(reasons.join('\n'), /unknown field `publsher`; known fields: title, .*publisher/)
})

test('broken YAML is reported with its place, and a line offset shifts it', () => {
  const result = parseMeta('title: ok\nlang: [en\n', 1)
  assert.equal(result.ok, false)
  const problem = result.ok ? undefined : result.problems[0]
  assert.match(problem!.reason, /^invalid YAML/)
  assert.ok(problem!.line >= 2)
})

test('language tags and source URLs are checked', () => {
  const lang = parseMeta('lang: english please\n')
  assert.equal(lang.ok, false)
  const source = parseMeta('source: javascript:alert(1)\n')
  assert.equal(source.ok, false)
  const good = parseMeta('lang: fa-IR\nsource: https://www.rferl.org/a/29252113.html\n')
  assert.ok(good.ok)
})
