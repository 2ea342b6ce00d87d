/**
 * Paper sizes as people write them, from the one table; the booklet each
 * folds to; and the page layout's readable measure on each.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {bookletOf, paperSize, parsePaper, PAPERS} from '../src/paper.ts'
import {pageLayout} from '../src/render/page-layout.ts'

test('named sizes in any case and spacing; WIDTHxHEIGHT with a unit', () => {
  assert.equal(parsePaper('A4'), 'a4')
  assert.equal(parsePaper('Half Letter'), 'half-letter')
  assert.equal(parsePaper('6x9in'), '6x9in')
  assert.equal(parsePaper('6 x 9 in'), '6x9in')
  assert.equal(parsePaper('182x257mm'), '182x257mm')
  assert.deepEqual(paperSize('6x9in').mm, [152.4, 228.6])
  assert.deepEqual(paperSize('14.8x21cm').mm, [148, 210])
  assert.equal(paperSize('6x9in').family, 'us')
  assert.deepEqual(PAPERS, ['a4', 'a5', 'a6', 'b5', 'letter', 'legal', 'half-letter'])
})

test('a size that is no size says why', () => {
  assert.throws(() => parsePaper('a3'), /unknown paper `a3`; use a4, a5/)
  assert.throws(() => parsePaper('6x9'), /unknown paper/)
  assert.throws(() => parsePaper('6inx230mm'), /both sides in one unit/)
  assert.throws(() => parsePaper('10x10mm'), /each side must be from 74 to 1189 mm/)
})

test('a booklet folds A5 from A4 for ISO paper, half-letter from Letter for North American', () => {
  assert.deepEqual([bookletOf('a4').sheet.name, bookletOf('a4').page], ['a4', 'a5'])
  assert.deepEqual([bookletOf('b5').sheet.name, bookletOf('b5').page], ['a4', 'a5'])
  assert.deepEqual([bookletOf('letter').sheet.name, bookletOf('letter').page], ['letter', 'half-letter'])
  assert.deepEqual([bookletOf('6x9in').sheet.name, bookletOf('6x9in').page], ['letter', 'half-letter'])
})

test('every named paper gets type of 9 pt or more and a measure of 60 to 75 characters of its script', () => {
  // The average character widths page-layout.ts assumes, in ems: Latin, Cyrillic, Persian.
  for (const [lang, em] of [['en', 0.5], ['ru', 0.56], ['fa', 0.45]] as const) {
    for (const paper of PAPERS) {
      const layout = pageLayout(paper, false, lang)
      assert.ok(layout.fontPt >= 9, `${paper} ${lang}: ${layout.fontPt} pt`)
      const measureMm = layout.paper.mm[0] - layout.inner - layout.outer
      const characters = measureMm / (em * layout.fontPt * (25.4 / 72))
      // A6 is a pocket page: at 9 pt, its line holds fewer.
      const fewest = paper === 'a6' ? 40 : 60
      assert.ok(characters >= fewest - 0.5 && characters <= 75.5, `${paper} ${lang}: ${characters.toFixed(1)} characters`)
    }
  }
})

test('facing pages mirror their margins: the outer one wider than the one at the fold', () => {
  const layout = pageLayout('a5', true)
  assert.ok(layout.outer > layout.inner)
  assert.equal(pageLayout('a4', false).inner, pageLayout('a4', false).outer)
})
