import assert from 'node:assert/strict'
import {test} from 'node:test'
import {fromHtml} from 'hast-util-from-html'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {fillTemplate, takeSlot} from '../src/render/template.ts'
import {cssString} from '../src/render/render-article.ts'

const template = () =>
  fromHtml('<div><h1 data-slot="title"></h1><p data-slot="sub"></p><time data-slot="date"></time><ul data-slot="list"><li data-slot="item"><a data-slot="link"></a></li></ul></div>', {
    fragment: true
  })

test('slots get text, nodes and attributes; unfilled slots disappear', () => {
  const tree = fillTemplate(template(), {
    title: {children: 'Putin & Abe <meet>'},
    date: {children: '26 May 2018', properties: {dateTime: '2018-05-26'}},
    list: {children: [h('li', 'one')]}
  })
  assert.equal(
    toHtml(tree),
    '<div><h1>Putin &#x26; Abe &#x3C;meet></h1><time datetime="2018-05-26">26 May 2018</time><ul><li>one</li></ul></div>'
  )
})

test('text from the content is never parsed as markup', () => {
  const tree = fillTemplate(template(), {title: {children: '<script>alert(1)</script>'}})
  const html = toHtml(tree)
  assert.ok(!html.includes('<script>'))
  assert.match(html, /&#x3C;script>/)
})

test('a slot can be taken out and repeated', () => {
  const tree = template()
  const item = takeSlot(tree, 'item')
  const items = ['a', 'b'].map((name) => fillTemplate(structuredClone(item), {item: {}, link: {children: name, properties: {href: `${name}.html`}}}))
  fillTemplate(tree, {list: {children: items}})
  assert.equal(toHtml(tree), '<div><ul><li><a href="a.html">a</a></li><li><a href="b.html">b</a></li></ul></div>')
})

test('CSS strings escape quotes, backslashes and the end of a style element', () => {
  assert.equal(cssString('Say "hi"'), '"Say \\22 hi\\22 "')
  assert.ok(!cssString('</style><script>').includes('<'))
})

test('a plain element left blank by its removed slots goes too; one with other content, or empty in the template, stays', () => {
  const tree = fromHtml(
    '<div><p class="date"><time data-slot="date"></time></p><p class="kicker"><span data-slot="a"></span> <span data-slot="b"></span></p><p class="label">On <time data-slot="when"></time></p><p class="spacer"></p></div>',
    {fragment: true}
  )
  assert.equal(toHtml(fillTemplate(tree, {})), '<div><p class="label">On </p><p class="spacer"></p></div>')
  const kept = fillTemplate(fromHtml('<p class="kicker"><span data-slot="a"></span> <span data-slot="b"></span></p>', {fragment: true}), {b: {children: 'B'}})
  assert.equal(toHtml(kept), '<p class="kicker"> <span>B</span></p>')
})
