/**
 * The words imprint prints of its own exist in every language of the
 * language table, with the same placeholders as the English ones, a form
 * for every plural category the language has, and its own digits.
 */
import assert from 'node:assert/strict'
import {test} from 'node:test'
import {counterStyle, fillLabel, hasLabels, LABELS, labelsFor, pluralLabel, type Labels, type Plural} from '../src/labels.ts'
import {LANGUAGES} from '../src/languages.ts'
import {pageOfContent} from '../src/render/page-layout.ts'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()
const english = LABELS.en!

for (const {lang} of LANGUAGES.filter((row) => row.lang !== 'und')) {
  test(`labels in ${lang}: every one, with the English placeholders and every plural form`, () => {
    assert.ok(hasLabels(lang), `${lang} has a row`)
    const labels = labelsFor(lang)
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories
    for (const key of Object.keys(english) as Array<keyof Labels>) {
      const value = labels[key]
      const reference = english[key]
      if (typeof reference === 'string') {
        assert.equal(typeof value, 'string', `${lang}.${key}`)
        assert.ok((value as string).trim() !== '', `${lang}.${key} is not empty`)
        assert.deepEqual(placeholders(value as string), placeholders(reference), `${lang}.${key} keeps its placeholders`)
        continue
      }
      const forms = value as Plural
      const wanted = placeholders(reference.other)
      // Intl's categories for the language (`many` for Russian 5, `few` for 3): each has its form, or `other` serves it.
      // A form may spell its number out ("مقالتان", two articles) and drop `{count}`; `other` never does.
      assert.deepEqual(placeholders(forms.other), wanted, `${lang}.${key}.other`)
      for (const category of categories) {
        const form = forms[category as keyof Plural] ?? forms.other
        const used = placeholders(form)
        assert.ok(used.every((name) => wanted.includes(name)) && wanted.filter((name) => name !== 'count').every((name) => used.includes(name)), `${lang}.${key}.${category}`)
      }
    }
    // Not English by accident: a language other than English has its own word for the contents.
    if (lang !== 'en') assert.notEqual(labels.contents, english.contents, `${lang}.contents is translated`)
  })
}

test('counts take the language’s plural form; numbers its digits', () => {
  const ru = labelsFor('ru')
  assert.equal(pluralLabel(ru.articleCount, 1, 'ru'), '1 статья')
  assert.equal(pluralLabel(ru.articleCount, 3, 'ru'), '3 статьи')
  assert.equal(pluralLabel(ru.articleCount, 5, 'ru'), '5 статей')
  assert.equal(fillLabel(labelsFor('fa').pageOf, {page: 2, pages: 7}, 'fa'), 'صفحهٔ ۲ از ۷')
  assert.equal(counterStyle('fa'), 'persian')
  assert.equal(counterStyle('en'), 'decimal')
  assert.equal(pageOfContent('Page {page} of {pages}'), '"Page " counter(page, decimal) " of " counter(pages, decimal)')
})

test('a tag finds its row by its language; an unknown one reads English; the config’s words win', () => {
  assert.equal(labelsFor('sr-Latn-RS').contents, labelsFor('sr-Latn').contents)
  assert.equal(labelsFor('ru-RU').contents, 'Содержание')
  assert.equal(labelsFor('xx').contents, 'Contents')
  assert.equal(labelsFor('no such tag').contents, 'Contents')
  const custom = labelsFor('de', {contents: 'Übersicht', articleCount: '{count} Texte'})
  assert.equal(custom.contents, 'Übersicht')
  assert.equal(pluralLabel(custom.articleCount, 1, 'de'), '1 Texte')
  assert.equal(custom.colophon, labelsFor('de').colophon)
})
