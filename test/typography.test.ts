import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {typography} from '../src/normalize/typography.ts'

const NBSP = '\u00A0'
const NNBSP = '\u202F'

test('English: quotes open and close by their neighbours, apostrophes curl', () => {
  assert.equal(
    smarten(`"We believe it is important," Putin said. Abe's father didn't sign.`, 'en'),
    '“We believe it is important,” Putin said. Abe’s father didn’t sign.'
  )
  assert.equal(smarten(`Moscow would "assist" in allowing visits.`, 'en'), 'Moscow would “assist” in allowing visits.')
  assert.equal(smarten(`("Yes") and "no."`, 'en'), '(“Yes”) and “no.”')
  assert.equal(smarten(`The leaders' talks in the '90s`, 'en'), 'The leaders’ talks in the ’90s')
})

test('English: nested quotes use the secondary pair', () => {
  assert.equal(
    smarten(`"He told me 'wait here,' then left," she said.`, 'en'),
    '“He told me ‘wait here,’ then left,” she said.'
  )
})

test('dashes and ellipses; no-break spaces are kept', () => {
  assert.equal(
    smarten(`Shintaro Abe -- as a foreign minister -- waited...`, 'en'),
    'Shintaro Abe — as a foreign minister — waited…'
  )
  assert.equal(smarten(`27${NBSP}languages in 23${NBSP}countries`, 'en'), `27${NBSP}languages in 23${NBSP}countries`)
  // Rules and a hyphenated word are not dashes.
  assert.equal(smarten('Putin-Abe ----- done', 'en'), 'Putin-Abe ----- done')
})

test('existing curly quotes stay and count for nesting', () => {
  assert.equal(smarten('Tokyo was “thankful.”', 'en'), 'Tokyo was “thankful.”')
  assert.equal(smarten(`“He said "no" twice”`, 'en'), '“He said ‘no’ twice”')
  assert.equal(smarten('«Уже» стоит', 'ru'), '«Уже» стоит')
})

test('Russian: «ёлочки» outside, „лапки“ inside', () => {
  assert.equal(smarten(`Он назвал стройку "уроком для всех".`, 'ru'), 'Он назвал стройку «уроком для всех».')
  assert.equal(smarten(`"Он сказал "нет"" и ушёл.`, 'ru'), '«Он сказал „нет“» и ушёл.')
  assert.equal(smarten(`«Это 'важно'», -- сказал он.`, 'ru'), '«Это „важно“», — сказал он.')
})

test('German: „…“ outside, ‚…‘ inside', () => {
  assert.equal(smarten(`Er sagte: "Ich komme 'morgen' wieder."`, 'de'), 'Er sagte: „Ich komme ‚morgen‘ wieder.“')
})

test('French: guillemets with a narrow no-break space inside', () => {
  assert.equal(smarten(`Il a dit "bonjour" à l'AFP.`, 'fr'), `Il a dit «${NNBSP}bonjour${NNBSP}» à l’AFP.`)
  // Typed guillemets: an ordinary space becomes narrow, a no-break space stays.
  assert.equal(smarten('« déjà » et «sans»', 'fr'), `«${NNBSP}déjà${NNBSP}» et «${NNBSP}sans${NNBSP}»`)
  assert.equal(smarten(`«${NBSP}oui${NBSP}»`, 'fr'), `«${NBSP}oui${NBSP}»`)
})

test('right-to-left languages take their own marks', () => {
  assert.equal(smarten('او گفت "ما آماده\u200cایم" و رفت', 'fa-IR'), 'او گفت «ما آماده\u200cایم» و رفت')
  assert.equal(smarten('قال "نعم" ثم خرج', 'ar'), 'قال ”نعم“ ثم خرج')
})

test('quotes pair across inline elements but not across paragraphs', () => {
  const tree: Root = {
    type: 'root',
    children: [h('p', ['"Hello ', h('em', 'big'), ' world," he said.']), h('p', '"Second."')]
  }
  typography(tree, 'en')
  assert.equal(toHtml(tree), '<p>“Hello <em>big</em> world,” he said.</p><p>“Second.”</p>')
})

test('code, credits and notice are left verbatim', () => {
  const tree: Root = {
    type: 'root',
    children: [
      h('p', ['Run ', h('code', `echo "hi" -- now...`), ' and "see".']),
      h('pre', h('code', `x = 'a' -- b`)),
      h('p', {dataImprint: 'credits'}, `With "reporting" -- by AFP's desk`),
      h('section', {dataImprint: 'notice'}, [h('p', `RFE/RL has been declared an "undesirable organization" -- here.`)])
    ]
  }
  typography(tree, 'en')
  assert.equal(
    toHtml(tree),
    '<p>Run <code>echo "hi" -- now...</code> and “see”.</p>' +
      `<pre><code>x = 'a' -- b</code></pre>` +
      `<p data-imprint="credits">With "reporting" -- by AFP's desk</p>` +
      '<section data-imprint="notice"><p>RFE/RL has been declared an "undesirable organization" -- here.</p></section>'
  )
})

test('running the pass twice changes nothing more', () => {
  for (const [text, lang] of [
    [`"He told me 'wait,' then -- left..." Abe's`, 'en'],
    [`Il a dit "bonjour" et « oui ».`, 'fr'],
    [`"Он сказал "нет"".`, 'ru']
  ] as const) {
    const once = smarten(text, lang)
    assert.notEqual(once, text)
    assert.equal(smarten(once, lang), once)
  }
})

test('an unknown language falls back to English marks', () => {
  assert.equal(smarten(`"x"`, 'zz'), '“x”')
})

/** Run the pass over one paragraph and return its text. */
function smarten(text: string, lang: string): string {
  const paragraph = h('p', text)
  typography({type: 'root', children: [paragraph]}, lang)
  return paragraph.children.map((child: ElementContent) => (child.type === 'text' ? child.value : '')).join('')
}
