import assert from 'node:assert/strict'
import {test} from 'node:test'
import {parseMeta, parseTomlMeta} from '../src/schema/meta.ts'

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
  assert.equal(problem!.ruleId, 'bad-metadata')
})

test('an unknown field is a warning naming the closest known one; --strict makes it an error', () => {
  const result = parseMeta('publsher: RFE/RL\ntitle: Kept\n')
  assert.deepEqual(result.meta, {title: 'Kept'})
  assert.deepEqual(
    result.problems.map((problem) => [problem.line, problem.column, problem.ruleId, problem.reason]),
    [[1, 1, 'unknown-field', 'unknown field `publsher` is ignored; did you mean `publisher`?']]
  )
  const strict = parseMeta('publsher: RFE/RL\ntitle: Kept\n', {strict: true})
  assert.equal(strict.meta, undefined)
  assert.deepEqual(strict.problems.map((problem) => [problem.ruleId, problem.reason]), [['bad-metadata', 'unknown field `publsher`; did you mean `publisher`?']])
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

test('the names site generators give a field map onto imprint\'s, the first in the table winning', () => {
  const result = parseMeta(
    [
      'layout: post',
      'permalink: /news/:title/',
      'author: {name: Anna de Wit, email: anna@example.org}',
      'description: The standfirst.',
      'summary: Loses to description.',
      'tags: [ferries]',
      'categories: harbour energy',
      'cover: {image: images/boat.png, alt: A boat, relative: true}',
      'locale: en_GB',
      'slug: ferry-news',
      'published: false'
    ].join('\n')
  )
  assert.deepEqual(result.problems, [])
  assert.deepEqual(result.meta, {
    subtitle: 'The standfirst.',
    byline: 'Anna de Wit',
    lang: 'en-GB',
    image: {src: 'images/boat.png', alt: 'A boat'},
    keywords: ['ferries', 'harbour', 'energy'],
    slug: 'ferry-news',
    draft: true
  })
  // Hugo's own documentation puts the author under `params`; the top level wins over it.
  assert.deepEqual(parseMeta('params:\n  author: Tomas Berg\n  theme_flag: true\n').meta, {byline: 'Tomas Berg'})
  assert.deepEqual(parseMeta('author: Top\nparams:\n  author: Params\n').meta, {byline: 'Top'})
  // An archetype's empty fields say nothing.
  assert.deepEqual(parseMeta('title: Kept\ndescription: ""\ntags: []\n').meta, {title: 'Kept'})
})

test('dates in the forms Jekyll, Hugo, Astro, pandoc and feeds write them', () => {
  const date = (written: string) => parseMeta(`date: ${written}\n`).meta?.date
  assert.equal(date('2024-05-03'), '2024-05-03')
  assert.equal(date('2024-05-03 14:20:00 +0300'), '2024-05-03T14:20:00+03:00')
  assert.equal(date('2024-05-03T14:20:00Z'), '2024-05-03T14:20:00Z')
  assert.equal(date('2024-5-3 9:05'), '2024-05-03T09:05:00')
  assert.equal(date("'Jul 08 2022'"), '2022-07-08')
  assert.equal(date("'March 22, 2005'"), '2005-03-22')
  assert.equal(date("'Fri, 03 May 2024 14:20:00 +0300'"), '2024-05-03T11:20:00Z')
  assert.equal(date('2024-02-30'), undefined)
  // Eleventy's words for the file's own dates are not the article's, and not reproducible.
  assert.deepEqual(parseMeta('date: Last Modified\n'), {meta: {}, problems: []})
  assert.equal(parseMeta('pubDate: 2022-07-01\nlastmod: 2023-01-01\n').meta?.date, '2022-07-01')
})

test('TOML front matter: its datetimes, its tables, and problems at their line and column', () => {
  const good = parseTomlMeta("title = 'Example'\ndate = 2024-02-02T04:14:54-08:00\ndraft = false\nweight = 10\n[params]\n  author = 'John Smith'\n", {lineOffset: 1})
  assert.deepEqual(good, {meta: {title: 'Example', date: '2024-02-02T04:14:54-08:00', byline: 'John Smith', draft: false}, problems: []})
  assert.equal(parseTomlMeta('date = 2024-02-02\n').meta?.date, '2024-02-02')
  assert.equal(parseTomlMeta('date = 2024-02-02T04:14:54\n').meta?.date, '2024-02-02T04:14:54')

  const bad = parseTomlMeta("title = 'x'\nautor = 'Jane'\nlang = 3\n[image]\nsrc = 'a.png'\nsize = 3\n", {lineOffset: 1})
  assert.deepEqual(
    bad.problems.map((problem) => `${problem.line}:${problem.column} ${problem.ruleId} ${problem.reason}`),
    [
      '3:1 unknown-field unknown field `autor` is ignored; did you mean `author`?',
      '4:1 bad-metadata field `lang`: expected a BCP 47 language tag such as en, ru or fa-IR, got 3',
      '7:1 unknown-field unknown field `image.size` is ignored'
    ]
  )
  const broken = parseTomlMeta("title = 'x'\ntags = [\n", {lineOffset: 1})
  assert.match(broken.problems[0]!.reason, /^invalid TOML: /)
  assert.equal(broken.problems[0]!.line, 4)
})
