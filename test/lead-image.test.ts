/**
 * The lead image the metadata names goes above the text, unless the text
 * already shows that image (a Hugo post whose `featured_image` is also its
 * first figure), or opens with a lead photo of its own.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import {placeLeadImage} from '../src/readers/lead-image.ts'

const tree = (...children: Element[]): Root => ({type: 'root', children})
const sources = (root: Root): unknown[] => {
  const found: unknown[] = []
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (child.tagName === 'img') found.push(child.properties.src)
      walk(child)
    }
  }
  walk(root)
  return found
}

test('the named image leads an article that shows none', () => {
  const root = tree(h('p', 'The harbour reopened.'))
  placeLeadImage(root, {src: 'img/harbour.jpg', alt: 'The pier'})
  assert.deepEqual(sources(root), ['img/harbour.jpg'])
  assert.equal((root.children[0] as Element).properties.dataImprint, 'lead')
})

test('an image the body already shows is not shown twice, however its path is written', () => {
  for (const written of ['img/harbour.jpg', './img/harbour.jpg']) {
    const root = tree(h('p', 'The harbour reopened.'), h('p', [h('img', {src: written, alt: 'The pier'})]))
    placeLeadImage(root, {src: 'img/harbour.jpg'})
    assert.deepEqual(sources(root), [written], written)
  }
})

test('another image in the body still gets the named one as its lead', () => {
  const root = tree(h('p', 'The harbour reopened.'), h('p', [h('img', {src: 'img/map.png', alt: 'A map'})]))
  placeLeadImage(root, {src: 'img/harbour.jpg'})
  assert.deepEqual(sources(root), ['img/harbour.jpg', 'img/map.png'])
})
