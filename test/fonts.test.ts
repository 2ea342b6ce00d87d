/**
 * Fonts and hyphenation, without a browser: the font stacks in the
 * stylesheets agree with src/fonts.ts, every script of the publisher's
 * languages is covered, EPUB subsets follow the text, and soft hyphens go
 * where the language has patterns.
 */
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {epubFonts, FONT_STACKS, fontFaceCss, uncoveredCharacters} from '../src/fonts.ts'
import {hyphenateBlocks, hyphenationLanguages} from '../src/render/hyphenate.ts'

/** A word or two in each script of the publisher's 27 languages, and emoji. */
const SAMPLES = {
  latin: 'Radio Free Europe — “Ça va?” Zürich, Kraków, İstanbul, Bakı, Tiếng, Shqipëri, Țară, Ğ ş',
  cyrillic: 'Свобода: Қазақстан, Кыргызстан, Тоҷикистон, Беларусь, Україна, Ўзбекистон, Башҡортостан, Татарстан, Нохчийчоь',
  greek: 'Ελευθερία',
  arabic: 'رادیو فردا، آزادی، پښتو مشال، اردو، ۱۲۳٬۴',
  armenian: 'Ազատություն',
  georgian: 'თავისუფლება',
  hebrew: 'חופש',
  emoji: '🎉🌉👏😀🇺🇦'
}

test('the stylesheets list the bundled families in the order fonts.ts tries them', () => {
  const base = readFileSync('styles/base.css', 'utf8')
  const stacks = [...base.matchAll(/font-family:\s*([^;]+);/g)].map((match) => match[1]!)
  // The family is the package name in title case: noto-naskh-arabic, "Noto Naskh Arabic".
  const named = (pkg: string) =>
    pkg
      .replace('@fontsource/', '')
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' ')
  for (const role of ['serif', 'sans'] as const) {
    const expected = FONT_STACKS[role].map((spec) => `"${named(spec.pkg)}"`).join(', ')
    assert.ok(stacks.some((stack) => stack.startsWith(expected)), `base.css has a ${role} stack starting ${expected}`)
  }
  for (const stack of stacks) assert.ok(stack.startsWith('"Noto '), `every stack starts with the bundled fonts: ${stack}`)
})

test('every script of the publisher\'s languages, and emoji, is covered by a bundled font', () => {
  for (const [script, text] of Object.entries(SAMPLES)) {
    assert.deepEqual(uncoveredCharacters(text), [], script)
  }
  assert.deepEqual(uncoveredCharacters('漢字'), ['漢', '字'], 'uncovered characters are reported')
})

test('print @font-face rules point at woff2 files in node_modules, all faces blocking', () => {
  const css = fontFaceCss()
  const urls = [...css.matchAll(/url\((file:[^)]+)\)/g)].map((match) => match[1]!)
  assert.ok(urls.length > 50)
  assert.ok(urls.every((url) => url.includes('/node_modules/@fontsource/') && url.endsWith('.woff2')))
  assert.equal([...css.matchAll(/font-display: block/g)].length, urls.length)
  for (const family of ['Noto Serif', 'Noto Naskh Arabic', 'Noto Serif Armenian', 'Noto Serif Georgian', 'Noto Serif Hebrew', 'Noto Emoji', 'Noto Sans Arabic']) {
    assert.ok(css.includes(`font-family: "${family}"`), family)
  }
  // The script packages' own Latin subsets would only shadow Noto Serif's.
  assert.ok(!/noto-naskh-arabic-latin/.test(css))
})

test('an EPUB gets the subsets its text falls into, and no others', () => {
  const names = (text: string) => epubFonts(text).fonts.map((font) => font.href)
  const english = names('Hello “world” — 1956')
  assert.deepEqual(english, [
    'fonts/noto-serif-latin-400-normal.woff2',
    'fonts/noto-serif-latin-400-italic.woff2',
    'fonts/noto-serif-latin-700-normal.woff2',
    'fonts/noto-sans-latin-400-normal.woff2',
    'fonts/noto-sans-latin-400-italic.woff2'
  ])
  const russian = names('Привет')
  assert.ok(russian.includes('fonts/noto-serif-cyrillic-400-normal.woff2'))
  assert.ok(!russian.some((name) => /greek|arabic|emoji/.test(name)))
  const persian = names(SAMPLES.arabic)
  assert.ok(persian.includes('fonts/noto-naskh-arabic-arabic-400-normal.woff2'))
  assert.ok(persian.includes('fonts/noto-sans-arabic-arabic-400-normal.woff2'))
  // Digits and `#` are in an emoji subset too, but Noto Serif answers first.
  assert.ok(!names('# 123').some((name) => name.includes('emoji')))
  assert.ok(names('🎉').some((name) => name.includes('noto-emoji')))
  const {css, fonts} = epubFonts('Ազատություն')
  assert.ok(fonts.every((font) => font.data.byteLength > 1000 && font.mediaType === 'font/woff2'))
  assert.deepEqual([...css.matchAll(/url\(([^)]+)\)/g)].map((match) => match[1]), fonts.map((font) => font.href))
})

test('hyphenation: soft hyphens in justified paragraphs, per language, input untouched', () => {
  const body: ElementContent[] = [
    h('p', ['Negotiations about the territorial dispute continued ', h('code', 'configuration'), '.']),
    h('p', {lang: 'ru'}, 'Переговоры продолжались'),
    h('p', {lang: 'fa'}, 'کتابخانه‌ای در شیراز'),
    h('h2', 'Negotiations')
  ]
  const before = JSON.stringify(body)
  const [en, ru, fa, heading] = hyphenateBlocks(body, 'en') as Element[]
  assert.equal(JSON.stringify(body), before, 'the article is shared by every target: never mutated')
  const text = (node: Element): string =>
    node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? text(child) : '')).join('')
  assert.match(text(en!), /Ne\u00adgo\u00adti\u00ada\u00adtions/)
  assert.ok(text(en!).includes('configuration'), 'code stays whole')
  assert.ok(text(ru!).includes('\u00ad'), 'Russian patterns')
  assert.ok(!text(fa!).includes('\u00ad'), 'no patterns for Persian: left alone')
  assert.ok(!text(heading!).includes('\u00ad'), 'headings are not justified')
  const languages = hyphenationLanguages()
  for (const lang of ['en-us', 'en-gb', 'ru', 'uk', 'be', 'bg', 'mk', 'sr-cyrl', 'sh-latn', 'hy', 'ka', 'ro', 'hu', 'sq', 'tk', 'tr', 'el-monoton', 'de']) {
    assert.ok(languages.includes(lang), lang)
  }
})
