/**
 * The EPUB Accessibility 1.1 claims follow the content: conformance and
 * `alternativeText` only when every image is described.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {h, s} from 'hastscript'
import {accessibilityMetadata, assessChapters, CONFORMS_TO} from '../src/formats/epub/accessibility.ts'

const values = (entries: Array<[string, string]>, property: string) =>
  entries.filter(([name]) => name === property).map(([, value]) => value)

test('text only: textual, sufficient alone, no hazard, conformant', () => {
  const facts = assessChapters([h('body', [h('h1', 'Title'), h('p', 'Text')])], [])
  const meta = accessibilityMetadata(facts)
  assert.deepEqual(values(meta, 'schema:accessMode'), ['textual'])
  assert.deepEqual(values(meta, 'schema:accessModeSufficient'), ['textual'])
  assert.ok(!values(meta, 'schema:accessibilityFeature').includes('alternativeText'))
  assert.deepEqual(values(meta, 'schema:accessibilityHazard'), ['none'])
  assert.deepEqual(values(meta, 'dcterms:conformsTo'), [CONFORMS_TO])
  assert.match(values(meta, 'schema:accessibilitySummary')[0]!, /no images/)
})

test('every image described: visual too, alternativeText, textual alone suffices, conformant', () => {
  const body = h('body', [
    h('img', {src: 'images/a.png', alt: 'A pier at dusk'}),
    s('svg', {role: 'img', ariaLabel: 'A chart'}, [s('circle', {r: 1})]),
    // An <svg> without role="img" is decoration, not an image to describe.
    s('svg', [s('path', {d: 'M0 0'})])
  ])
  const meta = accessibilityMetadata(assessChapters([body], [{href: 'images/a.png', mediaType: 'image/png', cover: false}]))
  assert.deepEqual(values(meta, 'schema:accessMode'), ['textual', 'visual'])
  assert.deepEqual(values(meta, 'schema:accessModeSufficient'), ['textual', 'textual,visual'])
  assert.ok(values(meta, 'schema:accessibilityFeature').includes('alternativeText'))
  assert.deepEqual(values(meta, 'dcterms:conformsTo'), [CONFORMS_TO])
})

test('an image without alt text (empty counts as none): no textual-only access, no conformance claim', () => {
  const body = h('body', [h('img', {src: 'images/a.png', alt: 'Described'}), h('img', {src: 'images/b.gif', alt: ' '})])
  const resources = [
    {href: 'images/a.png', mediaType: 'image/png', cover: false},
    {href: 'images/b.gif', mediaType: 'image/gif', cover: false}
  ]
  const meta = accessibilityMetadata(assessChapters([body], resources))
  assert.deepEqual(values(meta, 'schema:accessModeSufficient'), ['textual,visual'])
  assert.ok(!values(meta, 'schema:accessibilityFeature').includes('alternativeText'))
  assert.deepEqual(values(meta, 'dcterms:conformsTo'), [])
  // A GIF may flash: say we do not know rather than claim none.
  assert.ok(values(meta, 'schema:accessibilityHazard').includes('unknownFlashingHazard'))
  assert.match(values(meta, 'schema:accessibilitySummary')[0]!, /1 of its 2 images has no text alternative/)
})
