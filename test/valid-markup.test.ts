/**
 * The repairs that make any page's markup valid for an EPUB, tree to tree:
 * lists, attribute values, ids and links, and the site name in a title.
 * test/e2e-html-defects.test.ts checks the same against EPUBCheck.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {parseHTML} from 'linkedom'
import {sanitize} from '../src/normalize/sanitize.ts'
import {isDateTime, repairMarkup} from '../src/normalize/valid-markup.ts'
import {siteNamesOf, withoutSiteName} from '../src/readers/html-title.ts'

/** The body as normalize leaves it: sanitized, then repaired. */
function repaired(html: string): string {
  const tree = sanitize(fromHtml(html, {fragment: true})) as Root
  repairMarkup(tree)
  return toHtml(tree)
}

test('a list keeps only items: stray text, spans and wrappers become or give up items; a nested list joins the item before', () => {
  assert.equal(
    repaired('<ul>loose<li>a</li><span>s</span><i>i</i><li>b</li><ul><li>c</li></ul> </ul>'),
    '<ul><li>loose</li><li>a</li><li><span>s</span><i>i</i></li><li>b<ul><li>c</li></ul></li> </ul>'
  )
  assert.equal(repaired('<ol><div><li>a</li><li>b</li></div></ol>'), '<ol><li>a</li><li>b</li></ol>')
  assert.equal(repaired('<ul><ul><li>first</li></ul></ul>'), '<ul><li><ul><li>first</li></ul></li></ul>')
})

test('an attribute value the format refuses is dropped; a good one stays', () => {
  assert.equal(repaired('<ol type="disc" start="two"><li value="first">a</li></ol>'), '<ol><li>a</li></ol>')
  assert.equal(repaired('<ol type="i" start="3" reversed><li value="7">a</li></ol>'), '<ol type="i" start="3" reversed><li value="7">a</li></ol>')
  assert.equal(
    repaired('<table><tr><td colspan="0" rowspan="-1">a</td><th scope="sideways" colspan="2">b</th></tr></table>'),
    '<table><tbody><tr><td>a</td><th colspan="2">b</th></tr></tbody></table>'
  )
  assert.equal(repaired('<img src="a.png" alt="" width="100%" height="40">'), '<img src="a.png" alt="" height="40">')
  assert.equal(repaired('<p dir="sideways" lang="not a language!">a</p><p dir="rtl" lang="fa-IR">b</p>'), '<p>a</p><p dir="rtl" lang="fa-IR">b</p>')
  assert.equal(repaired('<bdo dir="up">a</bdo>'), '<span>a</span>')
  // linkedom, unlike a browser's parser, keeps a link inside a link.
  const nested: Root = {type: 'root', children: [h('p', [h('a', {href: '/a'}, ['one ', h('a', {href: '/b'}, 'two')])])]}
  repairMarkup(nested)
  assert.equal(toHtml(nested), '<p><a href="/a">one two</a></p>')
})

test('time stamps: the forms HTML defines stay, with real days; more than milliseconds is cut, not lost', () => {
  for (const good of ['2024', '2024-05', '2024-05-03', '2024-02-29', '05-03', '14:20', '14:20:00.5', '2024-05-03T14:20:00Z', '2024-05-03 14:20:00+0300', '2024-05-03T14:20+03:00', '2024-W18', 'PT4H18M3S', 'P2D', '4h 18m', 'Z', '+03:00']) {
    assert.ok(isDateTime(good), good)
  }
  for (const bad of ['last spring', '2024-13-45', '2023-02-29', '2024-05-03T25:00', 'P', 'PT', '2024-05-03T14:20:00.123456Z', '3 May 2024']) {
    assert.ok(!isDateTime(bad), bad)
  }
  assert.equal(repaired('<time datetime="2024-05-03T14:20:00.123456+00:00">May</time>'), '<time datetime="2024-05-03T14:20:00.123+00:00">May</time>')
  assert.equal(repaired('<time datetime="2024-13-45">later</time>'), '<time>later</time>')
})

test('ids: empty ones go, repeated ones are numbered, white space is made _; links and id lists follow', () => {
  assert.equal(
    repaired(
      '<p id="">a</p><p id="x">b</p><p id="x">c</p><p id="x-2">d</p><h2 id="1st section">e</h2>' +
        '<a href="#1st%20section">f</a><a href="#x">g</a><table><tr><th id="h one">h</th><td headers="h one gone">i</td></tr></table>'
    ),
    '<p>a</p><p id="x">b</p><p id="x-3">c</p><p id="x-2">d</p><h2 id="1st_section">e</h2>' +
      '<a href="#1st_section">f</a><a href="#x">g</a><table><tbody><tr><th id="h_one">h</th><td>i</td></tr></tbody></table>'
  )
})

test('a site name in the title goes when the page names its site; a title that is only the name, or a name the page does not give, stays', () => {
  const names = new Set(['mywebsite', 'sitenews'])
  assert.equal(withoutSiteName('Tide Tables and Their Makers – My website', names), 'Tide Tables and Their Makers')
  assert.equal(withoutSiteName('Site News · Seven Things the Board Decided', names), 'Seven Things the Board Decided')
  assert.equal(withoutSiteName('Budget: what changes — Site News – My website', names), 'Budget: what changes')
  assert.equal(withoutSiteName('My website', names), 'My website')
  assert.equal(withoutSiteName('Ferries – The Harbour Log', names), 'Ferries – The Harbour Log')

  const {document} = parseHTML(
    '<html><head><link rel="canonical" href="https://www.harbourlog.example/ferries"></head><body>' +
      '<header><a href="/"><img src="logo.png" alt="The Harbour Log"></a></header><footer>© 2019–2024 Quay Media Ltd. All rights reserved.</footer></body></html>'
  )
  const found = siteNamesOf(document, [undefined])
  assert.equal(withoutSiteName('Ferries – The Harbour Log', found), 'Ferries')
  assert.equal(withoutSiteName('Ferries • Quay Media Ltd', found), 'Ferries')
  // The host is not the site's name, and after `|` or `-` Readability has decided.
  assert.equal(withoutSiteName('Ferries · harbourlog', found), 'Ferries · harbourlog')
  assert.equal(withoutSiteName('Ferries | The Harbour Log', found), 'Ferries | The Harbour Log')
  assert.equal(withoutSiteName('Ferries – Timetables', found), 'Ferries – Timetables')
})
