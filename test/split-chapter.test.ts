import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Element} from 'hast'
import {h} from 'hastscript'
import {splitChapter} from '../src/formats/epub/split-chapter.ts'

function find(node: Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (test(child)) found.push(child)
    found.push(...find(child, test))
  }
  return found
}

test('a split chapter links to footnotes in other parts by file, and keeps every id once', () => {
  const filler = 'A paragraph of some length to fill the part. '.repeat(20)
  const body = h('article', [
    h('p', [filler, h('a', {href: '#note-1'}, '[1]'), h('a', {href: '#local'}, 'here')]),
    h('p', {id: 'local'}, filler),
    ...Array.from({length: 8}, () => h('p', filler)),
    h('ol', Array.from({length: 6}, (_, index) => h('li', {id: `note-${index + 1}`}, filler)))
  ])
  const parts = splitChapter({id: 'story', body}, 4000)
  assert.ok(parts.length >= 3)
  const links = find(parts[0]!.body, (element) => element.tagName === 'a').map((link) => link.properties.href)
  const home = parts.find((part) => find(part.body, (element) => element.properties.id === 'note-1').length === 1)
  assert.ok(home && home.id !== 'story')
  assert.deepEqual(links, [`${home.id}.xhtml#note-1`, '#local'])
  const ids = parts.flatMap((part) => find(part.body, (element) => typeof element.properties.id === 'string').map((element) => element.properties.id))
  assert.deepEqual(ids.sort(), ['local', 'note-1', 'note-2', 'note-3', 'note-4', 'note-5', 'note-6'])
})
