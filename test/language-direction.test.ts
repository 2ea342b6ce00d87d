import assert from 'node:assert/strict'
import {test} from 'node:test'
import type {Element, Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {VFile} from 'vfile'
import {isolateBidi} from '../src/normalize/bidi.ts'
import {detectLanguage} from '../src/normalize/detect-language.ts'
import {normalize} from '../src/normalize/normalize.ts'

const root = (...children: Element[]): Root => ({type: 'root', children})
const p = (value: string, properties: Element['properties'] = {}): Element => ({
  type: 'element',
  tagName: 'p',
  properties,
  children: [{type: 'text', value}]
})

test('detection: the languages our publisher reports in, as two-letter BCP 47 tags', () => {
  const samples: Record<string, string> = {
    ka: 'საქართველოს პარლამენტმა დღეს მიიღო კანონი, რომელიც ცვლის საარჩევნო სისტემას და ამცირებს ბარიერს პარტიებისთვის.',
    hy: 'Հայաստանի կառավարությունը այսօր հաստատեց նոր օրենքը, որը փոխում է ընտրական համակարգը և նվազեցնում շեմը։',
    tg: 'Ҳукумати Тоҷикистон имрӯз қонуни навро тасдиқ кард, ки низоми интихоботро тағйир медиҳад ва монеаро паст мекунад.',
    ky: 'Кыргызстандын өкмөтү бүгүн шайлоо системасын өзгөртүүчү жана партиялар үчүн босогону төмөндөтүүчү жаңы мыйзамды бекитти.',
    ru: 'Правительство сегодня утвердило новый закон, который меняет избирательную систему и снижает барьер для партий.',
    fa: 'دولت امروز قانون جدیدی را تصویب کرد که نظام انتخاباتی را تغییر می‌دهد و آستانه را برای احزاب کاهش می‌دهد.',
    en: 'The government today approved a new law that changes the electoral system and lowers the threshold for parties.',
    zh: '宇航员在太空中喝酒会怎么样？后果很严重。国际空间站上的宇航员不能喝酒，因为酒精会影响设备。'
  }
  for (const [lang, text] of Object.entries(samples)) assert.equal(detectLanguage(root(p(text))), lang, text)
  assert.equal(detectLanguage(root(p('Too short.'))), undefined)
})

test('detection: Cyrillic languages told apart by their alphabets where trigrams hesitate', () => {
  // Trigrams rank Serbian, Bosnian and Bulgarian above Ukrainian here; і, ї and є are in none of their alphabets.
  const ukrainian = "Міст завдовжки 1,2 кілометра з'єднав два райони міста. Перші автомобілі проїхали ним у середу вранці. Будівництво тривало чотири роки й коштувало 3 млрд гривень."
  assert.equal(detectLanguage(root(p(ukrainian))), 'uk')
  // A Ukrainian place name quoted in Russian does not make it Ukrainian.
  const russian = 'Делегация прибыла в Київ во вторник утром. Переговоры о поставках зерна продлятся два дня, сообщили в министерстве иностранных дел.'
  assert.equal(detectLanguage(root(p(russian))), 'ru')
})

test('normalize: a detected language is a note, and sets direction', () => {
  const file = new VFile({path: 'story.html'})
  const tree = root(p('دولت امروز قانون جدیدی را تصویب کرد که نظام انتخاباتی را تغییر می‌دهد و آستانه را برای احزاب کاهش می‌دهد.'))
  const article = normalize({tree, file, slug: 'story', meta: {title: 'قانون'}})
  assert.equal(article.meta.lang, 'fa')
  assert.equal(article.meta.dir, 'rtl')
  const [message] = file.messages
  assert.equal(message?.ruleId, 'detected-language')
  assert.equal(message?.fatal, undefined, 'a note, not a warning')
  assert.match(message!.reason, /detected `fa` \(Persian\)/)
})

test('bidi: a Latin run in Persian is isolated, its trailing comma and brackets stay outside', () => {
  const tree = root(p('به گفته Anna de Wit، پژوهشگر این بنیاد، تصاویر با کیفیت بالا (600 dpi) منتشر می‌شوند و Windows 10 را'))
  isolateBidi(tree, 'rtl')
  assert.equal(
    toHtml(tree),
    '<p>به گفته <bdi>Anna de Wit</bdi>، پژوهشگر این بنیاد، تصاویر با کیفیت بالا (<bdi>600 dpi</bdi>) منتشر می‌شوند و <bdi>Windows 10</bdi> را</p>'
  )
})

test('bidi: a run of Arabic and Hebrew words in English is isolated as one; code and elements with dir are left alone', () => {
  const code: Element = {type: 'element', tagName: 'code', properties: {}, children: [{type: 'text', value: 'x = "العربية"'}]}
  const tree = root(p('The menu lists العربية, עברית and English.'), code, p('Read العربية here', {dir: 'rtl'}))
  isolateBidi(tree, 'ltr')
  assert.equal(
    toHtml(tree),
    '<p>The menu lists <bdi>العربية, עברית</bdi> and English.</p><code>x = "العربية"</code><p dir="rtl">Read العربية here</p>'
  )
})

test('bidi: text in one direction only is not touched', () => {
  const tree = root(p('Nothing to isolate here, 2024.'))
  isolateBidi(tree, 'ltr')
  assert.equal(toHtml(tree), '<p>Nothing to isolate here, 2024.</p>')
})
