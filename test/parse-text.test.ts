import assert from 'node:assert/strict'
import {readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {test} from 'node:test'
import type {Element, Root, RootContent} from 'hast'
import {VFile} from 'vfile'
import {roleOf, type Role} from '../src/article.ts'
import {isChromeLine, isCreditsLine, isListHead, bylineNames, languageRules, rowByStopWords} from '../src/languages.ts'
import {parseText} from '../src/readers/parse-text.ts'
import {findDate} from '../src/readers/text-dates.ts'
import type {MetaInput} from '../src/schema/meta.ts'

const SEED = new URL('../content/putin-abe-peace-treaty.txt', import.meta.url)
const FIXTURES = new URL('fixtures/text/', import.meta.url)

test('the seed: headline, lead caption, body, credits and notice', () => {
  const {tree} = parse(readFileSync(SEED), {lang: 'en'})
  const summary = summarize(tree)
  const caption = 'Russian President Vladimir Putin speaks during a session of the St. Petersburg International Economic Forum.'

  assert.equal(summary.headline, 'Putin, Abe Vow To Seek WWII Treaty, Solution To Island Dispute')
  assert.equal(summary.lead, caption)
  assert.equal(occurrences(textOf(tree), caption), 1, 'the caption is printed once')
  assert.equal(summary.credits, 'With reporting by AFP, AP, and Interfax')
  assert.equal(summary.notice.length, 4)
  assert.ok(summary.notice[0]?.startsWith('RFE/RL journalists report the news in 27\u00a0languages in 23\u00a0countries'))
  assert.equal(summary.notice[1], 'RFE/RL has been declared an "undesirable organization" by the Russian government.')
  assert.equal(summary.notice.at(-1), 'To find out more, click here.')
  assert.equal(summary.body, 16)
  assert.equal(summary.dateline, null)
  assert.deepEqual(summary.bylines, [])
})

test('the seed: page chrome appears nowhere, prose is kept exactly', () => {
  const {tree} = parse(readFileSync(SEED), {lang: 'en'})
  const text = textOf(tree)
  for (const chrome of ['Accessibility links', 'Breaking News', '16x9 Image', '•']) {
    assert.equal(text.includes(chrome), false, chrome)
  }
  // No typography at this stage: straight quotes and `--` stay.
  assert.ok(text.includes('Putin said Moscow would "assist" in allowing Japanese citizens to visit the islands -- a vow'))
  assert.ok(text.includes('Tokyo was “thankful.”'))
})

test('the seed: nodes carry source positions and dropped lines are reported', () => {
  const {tree, file} = parse(readFileSync(SEED), {lang: 'en'})
  const headline = tree.children[0]
  assert.equal(headline?.type === 'element' && headline.tagName, 'h1')
  assert.deepEqual(headline?.position, {
    start: {line: 5, column: 1, offset: 36},
    end: {line: 5, column: 63, offset: 98}
  })
  // The notice's first paragraph was indented by four spaces in the paste.
  const notice = elementsWithRole(tree, 'notice')[0]
  assert.deepEqual(notice?.children[0]?.position?.start, {line: 46, column: 5, offset: 3207})

  const chrome = file.messages.filter((message) => message.ruleId === 'page-chrome')
  assert.deepEqual(
    chrome.map((message) => `${message.line}:${message.column} ${message.source}`),
    ['1:1 imprint', '3:1 imprint', '43:3 imprint']
  )
  assert.equal(file.messages.some((message) => message.fatal === false), false, 'no warnings on the seed')
})

for (const name of readdirSync(FIXTURES).filter((file) => file.endsWith('.txt')).map((file) => file.slice(0, -4))) {
  test(`fixture ${name}`, () => {
    const input = readFileSync(new URL(`${name}.txt`, FIXTURES))
    const options = JSON.parse(readFileSync(new URL(`${name}.options.json`, FIXTURES), 'utf8')) as MetaInput
    const {tree, file} = parse(input, options)
    const actual = {
      ...summarize(tree),
      messages: file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)
    }
    const expectedUrl = new URL(`${name}.expected.json`, FIXTURES)
    if (process.env.UPDATE) writeFileSync(expectedUrl, JSON.stringify(actual, null, 2) + '\n')
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedUrl, 'utf8')))
    if (actual.lead !== null) assert.equal(occurrences(textOf(tree), actual.lead), 1, 'the caption is printed once')
  })
}

test('pages from outside the corpus name their language by its words, and their date and publisher by their lines', () => {
  const facts = (name: string) => {
    const file = new VFile({path: `${name}.txt`, value: readFileSync(new URL(`${name}.txt`, FIXTURES))})
    const {meta} = parseText(file, {})
    return {date: meta.date, publisher: meta.publisher}
  }
  // "2024年5月3日 14時20分" under the headline; the footer's "© 2024 みなと新聞社".
  assert.deepEqual(facts('port-ferry-ja'), {date: '2024-05-03', publisher: 'みなと新聞社'})
  // "Publicado el 12 de abril de 2023 por Marta Ruiz": the date, then the byline.
  assert.deepEqual(facts('huerto-es'), {date: '2023-04-12', publisher: undefined})
  assert.deepEqual(facts('brueckenbau-de'), {date: '2024-04-08', publisher: 'Nordsee-Kurier'})
  assert.deepEqual(facts('harbour-lights-ar'), {date: '2024-03-14', publisher: undefined})
  // "© 2024 城市晚报 版权所有", "© 2023 Областные вести": the name without "all rights reserved",
  // and a Russian name capitalises its first word only.
  assert.deepEqual(facts('metro-zh'), {date: '2024-06-28', publisher: '城市晚报'})
  assert.deepEqual(facts('sneg-ru'), {date: '2023-11-12', publisher: 'Областные вести'})
  assert.equal(facts('council-en').publisher, 'The Valley Echo')
  // Georgian is written without capitals, though Unicode gives its letters a case.
  assert.deepEqual(facts('bridge-tbilisi-ka'), {date: '2024-05-15', publisher: 'ქალაქის ამბები'})
  assert.deepEqual(facts('library-depot-uk'), {date: '2024-05-03', publisher: 'Львівські новини'})
  // "۱۴ اردیبهشت ۱۴۰۳" in the Solar Hijri calendar; "© ۲۰۲۴ خبرگزاری شهر": the year in Persian digits.
  assert.deepEqual(facts('library-station-fa'), {date: '2024-05-03', publisher: 'خبرگزاری شهر'})
  // "Publié le 3 septembre 2022 par Lucie Martin".
  assert.equal(facts('confiture-fr').date, '2022-09-03')
  // "2024.05.03 14:20": the year first, as Korean pages write it; Korean has no row.
  assert.equal(facts('library-park-ko').date, '2024-05-03')
})

test('a portal whose long lines are mostly teasers without full stops still reads its line ends', () => {
  const teasers = Array.from({length: 24}, (_, index) => `Teaser number ${index + 1} about the markets, the weather and the elections in the region this week`)
  const paragraph = 'The harbour reopened on Monday after the storm, and the first ferries left on time, the port authority said in a statement.'
  const text = ['Portal', ...teasers.slice(0, 12), 'Harbour reopens after the storm', '', paragraph, '', paragraph.replace('Monday', 'Tuesday'), '', paragraph.replace('Monday', 'Friday'), '', ...teasers.slice(12)].join('\n')
  const {tree} = parse(text, {lang: 'en'})
  assert.equal(summarize(tree).headline, 'Harbour reopens after the storm')
  assert.ok(!textOf(tree).includes('Teaser number'), textOf(tree))
})

test('Solar Hijri dates, Iranian and Afghan month names, become the Gregorian day ICU’s Persian calendar gives', () => {
  const read = (text: string): string | undefined => findDate(text, languageRules('fa'))?.iso
  assert.equal(read('۱۴ اردیبهشت ۱۴۰۳'), '2024-05-03')
  assert.equal(read('14 ثور 1403'), '2024-05-03')
  assert.equal(read('1 فروردین 1403'), '2024-03-20')
  assert.equal(read('۱۰ دی ۱۴۰۲'), '2023-12-31')
  assert.equal(read('29 اسفند 1402'), '2024-03-19')
  // 1402 is no leap year; Mehr has 30 days.
  assert.equal(read('30 اسفند 1402'), undefined)
  assert.equal(read('31 مهر 1403'), undefined)
  assert.equal(findDate('۱۴ کب ۱۴۰۲', languageRules('ps'))?.iso, '2024-03-04')
})

test('chrome words inside prose are kept; a whole chrome line in another language is dropped', () => {
  const text = 'Skip To The Good Part\n\nПоделиться\n\nShare the road, officials said.\nComments were closed.\n\nImage quality matters.'
  const {tree} = parse(text, {lang: 'en'})
  assert.equal(summarize(tree).headline, 'Skip To The Good Part')
  assert.deepEqual(paragraphs(tree), ['Share the road, officials said.\nComments were closed.', 'Image quality matters.'])
})

test('a bulleted block becomes a list; an image placeholder bullet does not', () => {
  const text = 'Headline Here\n\nKey points:\n- first point\n* second point\n• 4x3 Image\n• third point'
  const {tree} = parse(text, {lang: 'en'})
  // The placeholder line splits the block, so the third point starts a new list.
  assert.deepEqual(summarize(tree).lists, [['first point', 'second point'], ['third point']])
  assert.deepEqual(paragraphs(tree), ['Key points:'])
  assert.equal(textOf(tree).includes('Image'), false)
})

test('no headline, no credits: reported with places, nothing guessed', () => {
  const text = 'This article starts with a sentence.\n\nRFE/RL is a publisher.'
  const {tree, file} = parse(text, {lang: 'en'})
  assert.equal(summarize(tree).headline, null)
  assert.deepEqual(summarize(tree).notice, [])
  const warning = file.messages.find((message) => message.ruleId === 'missing-headline')
  assert.equal(warning?.fatal, false)
  assert.equal(`${warning?.line}:${warning?.column}`, '1:1')
  assert.ok(warning?.note)
})

test('a formula copied one token a line is one line again, inside its sentence; a displayed one stands alone', () => {
  const text = [
    'Two Roots of a Quadratic', '', 'When', '', 'a', '≠', '0', ' , there are two solutions to ', 'a', 'x', '2', '+', 'c', '=', '0',
    ' and they are found by one formula.', 'The Lorenz Equations', 'x', '˙', '\t', '=', 'σ', '(', 'y', '−', 'x', ')', 'Menu', 'x', 'y', 'z'
  ].join('\n')
  const {tree} = parse(text, {lang: 'en'})
  assert.equal(summarize(tree).headline, 'Two Roots of a Quadratic')
  const kept = paragraphs(tree).join('\n')
  assert.ok(kept.includes('When a ≠ 0 , there are two solutions to a x 2 + c = 0 and they are found by one formula.'), kept)
  assert.ok(kept.includes('x ˙ = σ ( y − x )'), kept)
  // Three tokens after a menu item are a line of their own, not joined to it.
  assert.ok(!kept.includes('Menu x'), kept)
})

test('a text with no line of page furniture is the article from its first line to its last paragraph, short lines too', () => {
  const paragraph = 'The first morning was cold and still, and the sand held the night in it until the sun was well up over the ridge; we counted what came to the water and wrote it down as it came, in the order it came.'
  const text = [
    'Field Notes From the Dunes', '', 'We kept a list of the birds, as we always do on these walks.', '', 'What we saw', 'Tern', 'Plover', 'Oystercatcher', '',
    paragraph, '', paragraph.replace('first', 'second'), '', paragraph.replace('first', 'third'), '',
    // A list of other pages after the last paragraph, in words no row of the table knows.
    '관련기사', '구청, 공원 리모델링 계획 발표', '어린이 도서관 이용자 늘어'
  ].join('\n')
  const {tree} = parse(text, {lang: 'en'})
  assert.equal(summarize(tree).headline, 'Field Notes From the Dunes')
  for (const line of ['We kept a list', 'What we saw', 'Oystercatcher']) assert.ok(textOf(tree).includes(line), line)
  assert.ok(!textOf(tree).includes('관련기사'))
})

test('a date under the article is a comment’s stamp, not the article’s: the comments after it are not the article', () => {
  const paragraph = (day: string): string =>
    `On the ${day} day we walked up to the pass before dawn, and the snow held until noon; the guide said it was the best week of the year for it, and we believed him.`
  const comments = [
    'Jo Ek 2013/12/28 10:28', 'Lovely photos, thank you for sharing them with all of us here. We went there last winter and it was just as cold, but it was worth it.',
    'Ann Li 2013/12/28 11:02', 'Which guide did you use? We are planning the same trip for next year and would love a name, if you are happy to share it with us.',
    'Tom Berg 2013/12/29 08:15', 'Great report. The pass is closed in February, so go before that if you can, and take the early bus from the village square.'
  ]
  const text = ['Mountain Diary', '2013/12/27', '', paragraph('first'), '', paragraph('second'), '', paragraph('third'), '', ...comments].join('\n')
  const {tree} = parse(text, {lang: 'en'})
  assert.ok(!textOf(tree).includes('Which guide did you use?'), textOf(tree))
  assert.ok(textOf(tree).includes('On the third day'))
})

test('the headline stands above its byline, past share buttons, and the page prints it twice; a gallery title below the byline is not it', () => {
  const body = 'Gunmen opened fire on visitors at the national museum on Wednesday, killing at least 17 people, most of them foreign tourists, officials said.'
  const text = [
    'Sections', 'Harbour Tribune', 'Storm closes the old harbour for a week', 'Sign In', 'World',
    'Storm closes the old harbour for a week', 'Share on Facebook', 'Share via Email', 'More Options', 'Resize Text', 'Print Article',
    'By Jane Holm March 18 at 3:57 PM', '1 of 24', 'Full Screen', 'Boats are pulled ashore as the sea rises over the old pier', 'View Photos', '',
    body, '', body.replace('Wednesday', 'Thursday'), '', body.replace('Wednesday', 'Friday')
  ].join('\n')
  const {tree} = parse(text, {lang: 'en'})
  assert.equal(summarize(tree).headline, 'Storm closes the old harbour for a week')
})

test('a rubric’s name right above the headline is not the headline, though it shares the lead’s words', () => {
  const lead = 'Series, documentaries and shows for children: what to watch on your screens this week, chosen by our critics, with where to find each one.'
  // The page's title strip prints the headline first, as Libération's does.
  const headline = 'Screenshot: “Vape Wave”, “6 Days”, “Braguino”…'
  const menu = ['France', 'World', 'Ideas', 'Culture', 'Checknews', 'Sports', 'Travel', 'Food']
  const text = ['Menu', headline, ...menu, 'On your screens this week', headline, 'By Ada Hervé — 24 November 2017', '', lead, '', lead, '', lead].join('\n')
  const {tree} = parse(text, {lang: 'en'})
  assert.equal(summarize(tree).headline, headline)
  // The one above the byline, not the title strip's.
  assert.equal(elementsWithRole(tree, 'headline')[0]?.position?.start.line, 12)
})

test('a page of several signed articles takes its own title; the first article’s headline stays in the body', () => {
  const paragraph = (topic: string): string =>
    `The ${topic} has been one of the biggest stories of the year, and the people who build it do not agree on where it should go next, or who should decide.`
  const article = (headline: string, author: string, topic: string): string[] => [headline, `By ${author}`, 'March 25, 2015', '', paragraph(topic), '', paragraph(topic), '']
  const text = [
    'Log in', 'Front page', 'Security', '', 'Weekly Edition for March 26, 2015',
    ...article('A trademark battle in the hardware community', 'Nina Wills', 'board'),
    ...article('Mapping with a new release of the map tool', 'Nina Wills', 'map tool'),
    ...article('The week in the kernel', 'Jon Corbet', 'kernel')
  ].join('\n')
  const {tree} = parse(text, {lang: 'en'})
  assert.equal(summarize(tree).headline, 'Weekly Edition for March 26, 2015')
  assert.ok(paragraphs(tree).includes('A trademark battle in the hardware community'), paragraphs(tree).join('\n'))
})

test('a Chinese blog that ends no line with a full stop: its lines are the article, its menu and teasers are not', () => {
  const teasers = ['[台中一日遊]台中觀光&旅遊景點~~~草悟道 國家歌劇院&...', '『台灣』台中-麗寶樂園一日遊', '【台中景點】審計新村~文創小店/老宿舍．有市集的...', '台中。【高美濕地】夕陽❀風車與海']
  const clauses = [
    '一波波接續性的低溫寒流報到 已將山上一帶層層山巒都披上了紅色的彩衣', '我們沿著蜿蜒的山路一路往上開 不久就來到了這個大家都很喜歡的營地', '營地的主人很熱情地招呼我們 他說這裡的楓樹已經種了有五十年了',
    '第二次來到這裡才發現營區變了很多 以前的招牌都換成了原木做的招牌', '晚上的氣溫雖然很低 但是大家都圍在營火旁邊聊天到很晚才去睡覺', '早上起來的時候 地上已經都是昨天夜裡被風吹落的紅色和黃色的落葉了'
  ]
  const body = Array.from({length: 4}, () => clauses).flat().flatMap((line) => [line, ''])
  const text = ['首頁', '部落格', '旅遊', '美食', ...teasers, '登入', '【相關文章】', '', '山上營地賞楓 (2)', '', ...body, '留言', '上一篇', '下一篇'].join('\n')
  const {tree} = parse(text, {})
  assert.equal(summarize(tree).headline, '山上營地賞楓 (2)')
  const kept = textOf(tree)
  assert.ok(kept.includes(clauses[0]!) && kept.includes(clauses.at(-1)!))
  for (const teaser of teasers) assert.ok(!kept.includes(teaser), teaser)
  for (const chrome of ['首頁', '相關文章', '上一篇']) assert.ok(!kept.includes(chrome), chrome)
})

test('Chinese and Japanese rows: their function words name the language, their labels are read in brackets', () => {
  const words = (text: string): string[] => [...new Intl.Segmenter('und', {granularity: 'word'}).segment(text)].filter((part) => part.isWordLike).map((part) => part.segment)
  assert.equal(rowByStopWords(words('这是我们的一个新产品，他们已经在市场上销售了很多年，但是没有人知道。'))?.lang, 'zh')
  assert.equal(rowByStopWords(words('肉をくわえたイヌが、橋を渡っていました。ふと下を見ると、川の中にもイヌがいます。'))?.lang, 'ja')
  for (const head of ['【関連記事】', '▼相关阅读', '相關文章', 'アクセスランキング']) assert.ok(isListHead(head), head)
  for (const chrome of ['分享到', '返回顶部', 'シェアする', 'ツイート']) assert.ok(isChromeLine(chrome), chrome)
  assert.deepEqual(languageRules('ja').quotes.primary, ['「', '」'])
})

test('a second repeated caption is not a second lead', () => {
  const text = 'Headline Here\n\nA caption.\nA caption.\n\nBody text.\n\nAnother caption.\nAnother caption.'
  const {tree, file} = parse(text, {lang: 'en'})
  assert.equal(elementsWithRole(tree, 'lead').length, 1)
  assert.equal(occurrences(textOf(tree), 'Another caption.'), 1)
  assert.ok(file.messages.some((message) => message.ruleId === 'extra-caption' && message.line === 8))
})

test('a dateline needs a place in capitals', () => {
  const dateline = (body: string): string | null => summarize(parse(`Headline Here\n\n${body}`, {lang: 'en'}).tree).dateline
  assert.equal(dateline('KYIV, Ukraine — Officials said.'), 'KYIV, Ukraine —')
  assert.equal(dateline('MOSCOW -- Officials said.'), 'MOSCOW --')
  assert.equal(dateline('Officials said -- and then left.'), null)
  assert.equal(dateline('The mayor -- a former teacher -- said.'), null)
})

test('an empty text gives an empty tree and a warning', () => {
  const {tree, file} = parse('  \n\u00a0\n', {lang: 'en'})
  assert.deepEqual(tree.children, [])
  assert.equal(file.messages.find((message) => message.ruleId === 'empty-text')?.fatal, false)
})

test('the language table: lookups fall back, patterns match in every language', () => {
  assert.equal(languageRules('fa-IR').lang, 'fa')
  assert.equal(languageRules('fa-IR').dir, 'rtl')
  assert.equal(languageRules('sr-Latn-RS').lang, 'sr')
  assert.equal(languageRules('EN_us').lang, 'en')
  assert.equal(languageRules('zz').lang, 'und')
  assert.equal(languageRules('zz').dir, 'ltr')
  assert.deepEqual(languageRules('ru').quotes.primary, ['«', '»'])
  assert.equal(languageRules('fr').quotes.spaced, true)

  assert.equal(isChromeLine('  • 16x9 Image'), true)
  assert.equal(isChromeLine('Ссылки для упрощенного доступа'), true)
  assert.equal(isChromeLine('اشتراک\u200cگذاری'), true)
  assert.equal(isChromeLine('Share the road'), false)
  assert.equal(isCreditsLine('З матеріалами Reuters'), true)
  assert.equal(isCreditsLine('Reporters said'), false)
  assert.equal(bylineNames('By Jane Doe'), 'Jane Doe')
  assert.equal(bylineNames('Byzantine art'), undefined)
})

function parse(value: string | Uint8Array, options: MetaInput): {tree: Root; file: VFile} {
  const file = new VFile({path: 'article.txt', value})
  return {tree: parseText(file, options).tree, file}
}

interface Summary {
  headline: string | null
  lead: string | null
  bylines: string[]
  dateline: string | null
  body: number
  firstParagraph: string | null
  lists: string[][]
  credits: string | null
  notice: string[]
}

/** What a reader of the article sees, by role. */
function summarize(tree: Root): Summary {
  const one = (role: Role): string | null => {
    const found = elementsWithRole(tree, role)
    assert.ok(found.length <= 1, `at most one ${role}`)
    return found[0] ? textOf(found[0]) : null
  }
  const lead = elementsWithRole(tree, 'lead')[0]
  const figcaption = lead?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'figcaption')
  const body = paragraphs(tree)
  return {
    headline: one('headline'),
    lead: figcaption ? textOf(figcaption) : null,
    bylines: elementsWithRole(tree, 'byline').map((node) => textOf(node)),
    dateline: one('dateline'),
    body: body.length,
    firstParagraph: body[0] ?? null,
    lists: tree.children
      .filter((node): node is Element => node.type === 'element' && node.tagName === 'ul')
      .map((list) => list.children.map((item) => textOf(item))),
    credits: one('credits'),
    notice: (elementsWithRole(tree, 'notice')[0]?.children ?? []).map((node) => textOf(node))
  }
}

/** Top-level paragraphs with no role: the article's own text. */
function paragraphs(tree: Root): string[] {
  return tree.children
    .filter((node): node is Element => node.type === 'element' && node.tagName === 'p' && roleOf(node) === undefined)
    .map((node) => textOf(node))
}

function elementsWithRole(node: Root | Element, role: Role): Element[] {
  return node.children.flatMap((child) =>
    child.type === 'element' ? [...(roleOf(child) === role ? [child] : []), ...elementsWithRole(child, role)] : []
  )
}

function textOf(node: Root | RootContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' || node.type === 'root') return node.children.map((child) => textOf(child)).join('')
  return ''
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1
}
