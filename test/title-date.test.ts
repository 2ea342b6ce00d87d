/**
 * `{date}` in a book's title: which day it becomes (the digest test in
 * fetch-feeds.test.ts builds one; the order of the sources of the day is
 * checked here, without a build for each).
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {BookSpec} from '../src/books/config.ts'
import {dayOf, fillTitleDate} from '../src/books/title-date.ts'

const spec: BookSpec = {title: 'Morning news {date}', editors: [], articles: [], order: 'listed', base: '.'}

test('{date} is SOURCE_DATE_EPOCH\'s day, else the book\'s date, else the newest article day; the book gets that date', () => {
  const days = ['2025-05-30', undefined, '2025-06-01']
  assert.deepEqual(fillTitleDate(spec, days, 1717286400), {...spec, title: 'Morning news 2024-06-02', date: '2024-06-02'})
  assert.equal(fillTitleDate({...spec, date: '2025-01-02'}, days, undefined).title, 'Morning news 2025-01-02')
  assert.deepEqual(fillTitleDate(spec, days, undefined), {...spec, title: 'Morning news 2025-06-01', date: '2025-06-01'})
  assert.match(fillTitleDate(spec, [undefined], undefined).title, /^Morning news \d{4}-\d{2}-\d{2}$/)
  assert.equal(fillTitleDate({...spec, title: 'Spring Reader'}, days, 1717286400).title, 'Spring Reader')
})

test('an article\'s day is the newer of its own date and the day it was fetched, at the fetching machine\'s offset', () => {
  assert.equal(dayOf({date: '2017-01-13', fetched: {url: 'https://example.org/a', at: '2025-06-02T08:00:00+10:00', from: 'page'}}), '2025-06-02')
  assert.equal(dayOf({date: '2025-06-03'}), '2025-06-03')
  assert.equal(dayOf({}), undefined)
})
