/**
 * The catalog's own facts: the title, publisher and id from the config's
 * `site:` (checked as the config is), and otherwise never a guessed
 * publisher; the served feed's search link, added on the way out.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {checkBookConfig} from '../src/schema/book-config.ts'
import {addSearchLink} from '../src/serve/catalog-search.ts'
import {renderCatalogs} from '../src/site/catalog-feeds.ts'
import type {CatalogEntry} from '../src/site/render-opds.ts'
import {labelsFor} from '../src/labels.ts'

const entry = (id: string, lang: string, publisher?: string): CatalogEntry => ({
  id: `urn:test:${id}`,
  title: `Title ${id}`,
  authors: [],
  lang,
  summary: 'A summary.',
  updated: '2025-01-01',
  ...(publisher ? {publisher} : {}),
  epub: `${id}.epub`
})

test('`site:` in the config gives the title, publisher and id; a wrong id is an error at its place', () => {
  const good = checkBookConfig('site:\n  title: Harbour Library\n  publisher: Harbour Gazette\n  id: urn:uuid:4b1f\nbooks:\n  - title: A\n    articles: a.md\n', 'YAML')
  assert.ok(good.ok)
  assert.deepEqual(good.site, {title: 'Harbour Library', publisher: 'Harbour Gazette', id: 'urn:uuid:4b1f'})
  const single = checkBookConfig('title: A\narticles: a.md\nsite:\n  title: One Book Site\n', 'YAML')
  assert.ok(single.ok)
  assert.equal(single.site?.title, 'One Book Site')
  const bad = checkBookConfig('site:\n  id: not a uri\nbooks:\n  - title: A\n    articles: a.md\n', 'YAML')
  assert.ok(!bad.ok)
  assert.match(bad.problems[0]!.reason, /site\.id.*URI/)
  assert.equal(bad.problems[0]!.line, 2)
})

test('the feeds carry the site title, publisher and id; facets only where they narrow', () => {
  const site = {title: 'Harbour Library', publisher: 'Harbour Gazette', id: 'urn:uuid:4b1f', lang: 'en', labels: labelsFor('en')}
  const one = renderCatalogs([], [entry('a', 'en'), entry('b', 'en')], site)
  assert.deepEqual(
    one.map((feed) => feed.name),
    ['opds.xml'],
    'one language and no book: nothing to narrow'
  )
  assert.match(one[0]!.text, /<title>Harbour Library<\/title>/)
  assert.match(one[0]!.text, /<author><name>Harbour Gazette<\/name><\/author>/)
  assert.match(one[0]!.text, /<id>urn:uuid:4b1f<\/id>/)
  const two = renderCatalogs([], [entry('a', 'en'), entry('b', 'fa')], site)
  assert.deepEqual(
    two.map((feed) => feed.name),
    ['opds.xml', 'opds-language-en.xml', 'opds-language-fa.xml']
  )
  assert.match(two[2]!.text, /<id>urn:uuid:4b1f:opds-language-fa<\/id>/)
  assert.match(two[0]!.text, /title="فارسی"/)
})

test('the served feed gains a search link after its own links; the rest is as written', () => {
  const [feed] = renderCatalogs([], [entry('a', 'en')], {title: 'T', id: 'urn:x:y', lang: 'en', labels: labelsFor('en')})
  const served = addSearchLink(feed!.text)
  assert.match(served, /<link rel="alternate" href="index\.html" type="text\/html" \/><link rel="search" type="application\/opensearchdescription\+xml" href="\/__imprint\/opensearch\.xml" title="Search" \/><entry>/)
  const entries = (text: string) => text.match(/<entry>[\s\S]*?<\/entry>/g)
  assert.deepEqual(entries(served), entries(feed!.text))
})
