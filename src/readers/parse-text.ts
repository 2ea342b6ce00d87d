/**
 * parse: text copied from a news page -> hast, with roles marked.
 *
 * A pasted page is the article with the site's furniture around it and in
 * it: menus, a ticker, share buttons, teasers of other articles, a footer.
 * text-layout.ts says what each line is (headline, header, body, credits,
 * notice, or furniture to drop); this module turns that into hast, with
 * every dropped line a note, and reads the facts the text gives (a date,
 * the publisher). Text is kept exactly as pasted; typography comes later.
 */
import type {Element, ElementContent, RootContent, Text} from 'hast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import type {Role} from '../article.ts'
import {LEADING_BULLET, languageRules, rowByStopWords, stopWordsOf, type LanguageRules} from '../languages.ts'
import {report} from '../messages.ts'
import type {MetaInput} from '../schema/meta.ts'
import type {Reader} from './reader.ts'
import {proseByLength} from './text-boilerplate.ts'
import {layOut, type DropReason, type Layout, type LineRole} from './text-layout.ts'
import {endsSentence, splitLines, type Line} from './text-lines.ts'
import {findPublisher} from './text-publisher.ts'

/**
 * The reader of pasted text. Of the sidecar it reads the language (found
 * from the text's function words when none is given) and the publisher:
 * without a credits line, trailing paragraphs that begin with the
 * publisher's name are taken as its notice. The date and the publisher the
 * text gives fill what the sidecar leaves out.
 */
export const parseText: Reader = (file, meta) => {
  const lines = proseByLength(splitLines(String(file)))
  const rules = meta.lang ? languageRules(meta.lang) : (rowByStopWords(lines.flatMap((line) => line.words)) ?? languageRules('und'))
  const stops = stopWordsOf(rules)
  const layout = layOut({lines, rules, stopWords: stops.size > 0 ? stops : undefined})
  reportDropped(file, lines, layout)
  const blocks = groupBlocks(lines, layout.roles)
  reportMissing(file, lines, layout, blocks)
  guessNotice(blocks, meta.publisher, file)
  const publisher = meta.publisher ?? findPublisher(lines, layout.roles)
  return {
    tree: {type: 'root', children: build(blocks, layout), position: spanOf(lines)},
    meta: {...meta, ...(meta.date || !layout.date ? {} : {date: layout.date}), ...(publisher ? {publisher} : {})}
  }
}

/** Consecutive lines of one role, with no blank or dropped line between them. */
interface Block {
  role: LineRole
  readonly lines: Line[]
  readonly first: number
}

// A guessed notice is the publisher's closing boilerplate, never half an article.
const MAX_GUESSED_NOTICE = 6

const WHY: Readonly<Record<DropReason, string>> = {
  chrome: 'Lines that are entirely site furniture are removed; prose that merely contains the words is kept.',
  'list-head': 'It heads a list of other articles ("Related", "Most read"), which ends the article.',
  markup: 'It is HTML markup the page showed as text, as it does with scripts off.',
  copyright: 'It is the site\'s copyright line.',
  banner: 'It is a banner: cookies, a newsletter, a subscription or an app.',
  figures: 'It holds more figures than words: a ticker, a score or a counter.',
  'above-headline': 'It stands above the headline: menus and the site\'s header.',
  header: 'It stands between the headline and the body and is neither a byline, a date, a caption nor a standfirst (share buttons, a section\'s name).',
  'outside-article': 'It stands after the article: teasers, comments and the site\'s footer.',
  'between-paragraphs': 'It stands between the article\'s paragraphs but reads as furniture: short, with no sentence, among lines of furniture.',
  repeated: 'The page printed the line twice; it is kept once.',
  'after-notice': 'It follows the publisher\'s notice: a run of short lines, as menus and footers are.'
}

function reportDropped(file: VFile, lines: readonly Line[], layout: Layout): void {
  for (const [index, reason] of [...layout.dropped].sort(([a], [b]) => a - b)) {
    const line = lines[index]!
    report(file, 'page-chrome', `Dropped page chrome line \`${line.value}\``, {place: {start: line.start, end: line.end}, note: WHY[reason]})
  }
}

function reportMissing(file: VFile, lines: readonly Line[], layout: Layout, blocks: readonly Block[]): void {
  const body = blocks.find((block) => block.role === 'body')
  if (lines.length === 0 || (body === undefined && layout.headline === undefined)) {
    report(file, 'empty-text', 'No text found', {place: {line: 1, column: 1}})
    return
  }
  if (layout.headline === undefined) {
    report(file, 'missing-headline', 'No line above the body reads as a headline (a short line without a full stop)', {
      place: spanOf(body?.lines ?? lines.slice(0, 1)),
      note: 'Put the headline alone on a line above the article, or give a `title` in the metadata.'
    })
  }
  for (const block of blocks.filter((block) => block.role === 'caption')) {
    report(file, 'extra-caption', 'A second repeated caption stays in the body as a figure', {
      place: spanOf(block.lines),
      note: 'Only the first photo caption becomes the lead figure.'
    })
  }
  const last = blocks.at(-1)
  if (!blocks.some((block) => block.role === 'credits') && last !== undefined) {
    // Placed where a credits line usually stands: near the end.
    report(file, 'no-credits', 'No credits line found', {
      place: spanOf(last.lines),
      note: 'Attribution is kept only when the text has a line such as "With reporting by …" or metadata gives `credits`.'
    })
  }
}

function groupBlocks(lines: readonly Line[], roles: readonly LineRole[]): Block[] {
  const blocks: Block[] = []
  let current: Block | undefined
  for (const [index, line] of lines.entries()) {
    const role = roles[index] ?? 'dropped'
    const joins =
      current !== undefined &&
      current.role === role &&
      !line.blankBefore &&
      roles[index - 1] === role &&
      // A figure's caption is the page's caption and the photo's alt text, the same words.
      (FIGURE.has(role) ? current.lines.length === 1 && current.lines[0]!.value === line.value : !SINGLE_LINE.has(role))
    if (role === 'dropped') {
      current = undefined
    } else if (joins) {
      current!.lines.push(line)
    } else {
      current = {role, lines: [line], first: index}
      blocks.push(current)
    }
  }
  return blocks
}

// Roles whose every line is an element of its own.
const SINGLE_LINE = new Set<LineRole>(['headline', 'byline', 'date', 'credits', 'subtitle'])
const FIGURE = new Set<LineRole>(['lead', 'caption'])

/**
 * Without a credits line, the notice is guessed from the publisher's name:
 * it starts at the earliest of the last few paragraphs that begins with it.
 */
function guessNotice(blocks: Block[], publisher: string | undefined, file: VFile): void {
  const name = publisher?.trim().toLowerCase()
  if (!name || blocks.some((block) => block.role === 'credits' || block.role === 'notice')) return
  let start: number | undefined
  for (let index = blocks.length - 1; index >= 0 && blocks.length - index <= MAX_GUESSED_NOTICE; index--) {
    const block = blocks[index]!
    if (block.role !== 'body') break
    if (block.lines[0]!.value.toLowerCase().startsWith(name)) start = index
  }
  if (start === undefined) return
  for (const block of blocks.slice(start)) block.role = 'notice'
  report(file, 'guessed-notice', `Took the last ${blocks.length - start} paragraph(s) as the notice of ${publisher} without a credits line`, {
    place: spanOf(blocks[start]!.lines),
    note: 'Check the notice, or put the credits line ("With reporting by …") above it.'
  })
}

/** Turn the blocks into hast, gathering the notice into one section. */
function build(blocks: readonly Block[], layout: Layout): RootContent[] {
  const children: RootContent[] = []
  const notice: Block[] = []
  let dateline = true
  for (const block of blocks) {
    const {lines} = block
    switch (block.role) {
      case 'headline':
        children.push(element('h1', 'headline', [textOf(lines)], lines))
        break
      case 'subtitle':
      case 'credits':
        children.push(element('p', block.role, [textOf(lines)], lines))
        break
      case 'byline': {
        // The names alone when the date shared their line ("By JANE DOE JAN. 13, 2017").
        // Or after the date that opened it ("Publicado el 12 de abril de 2023 por Marta Ruiz").
        const end = layout.bylineEnds.get(block.first)
        const start = layout.bylineStarts.get(block.first)
        const names = end !== undefined ? [cut(lines[0]!, end)] : start !== undefined ? [shift(lines[0]!, start)] : lines
        children.push(element('p', 'byline', [textOf(names)], names))
        break
      }
      case 'lead':
      case 'caption': {
        // The caption once, though the page printed it twice.
        const caption = lines.slice(0, 1)
        const figcaption = element('figcaption', undefined, [textOf(caption)], caption)
        children.push(element('figure', block.role === 'lead' ? 'lead' : undefined, [figcaption], lines))
        break
      }
      case 'notice':
        notice.push(block)
        break
      case 'body': {
        const nodes = bodyNodes(lines)
        if (dateline && nodes[0]?.tagName === 'p') markDateline(nodes[0])
        dateline = false
        children.push(...nodes)
        break
      }
      case 'date':
      case 'dropped':
        break
    }
  }
  if (notice.length > 0) {
    const paragraphs = notice.map((block) => element('p', undefined, [textOf(block.lines)], block.lines))
    children.push(element('section', 'notice', paragraphs, notice.flatMap((block) => block.lines)))
  }
  return children
}

/**
 * A body block is paragraphs, bulleted lists, or both: "Key points:"
 * followed by bullets. A bullet item may wrap onto indented lines. A line
 * with no punctuation at its end (a subheading, an item of a list the page
 * drew without bullets) ends its paragraph.
 */
function bodyNodes(block: readonly Line[]): Element[] {
  // Runs of lines, each becoming a paragraph or a list of items.
  const runs: Array<{list: false; lines: Line[]} | {list: true; items: Line[][]}> = []
  for (const line of block) {
    const bullet = LEADING_BULLET.exec(line.value)
    const run = runs.at(-1)
    if (bullet) {
      const item = [shift(line, bullet[0].length)]
      if (run?.list) run.items.push(item)
      else runs.push({list: true, items: [item]})
    } else if (run?.list && line.start.column > 1) {
      run.items.at(-1)?.push(line)
    } else if (run !== undefined && !run.list && continues(run.lines.at(-1)!, line)) {
      run.lines.push(line)
    } else {
      runs.push({list: false, lines: [line]})
    }
  }
  return runs.map((run) => {
    if (!run.list) return element('p', undefined, [textOf(run.lines)], run.lines)
    const items = run.items.map((lines) => element('li', undefined, [textOf(lines)], lines))
    return element('ul', undefined, items, run.items.flat())
  })
}

/** Whether a line goes on with the paragraph of the line before it. */
function continues(before: Line, line: Line): boolean {
  if (endsSentence(before.value) || /[\p{P}]$/u.test(before.value)) return true
  return !/^[\p{Lu}\p{Lt}\p{Lo}\p{N}"“«„‘(]/u.test(line.value)
}

/**
 * "MOSCOW --" or "KYIV, Ukraine —" opening the first paragraph becomes a
 * dateline span. The place must start in capitals, so only cased scripts get
 * one: in Arabic or Persian script a short phrase before a dash is as likely
 * to be prose.
 */
export function markDateline(paragraph: Element): void {
  // Only the opening text counts; markup later in the paragraph (a link, a noteref) stays as it is.
  const [text, ...after] = paragraph.children
  if (text?.type !== 'text') return
  const match = /^(?<place>[^\n]{2,60}?)(?:\s*(?:--|—|–)|\s+-)(?=\s)/u.exec(text.value)
  const place = match?.groups?.place
  if (!match || place === undefined || !isPlace(place)) return
  const label = match[0]
  const start = text.position?.start
  const middle = start && {line: start.line, column: start.column + label.length, offset: (start.offset ?? 0) + label.length}
  const labelText: Text = {type: 'text', value: label}
  const rest: Text = {type: 'text', value: text.value.slice(label.length)}
  const span: Element = {type: 'element', tagName: 'span', properties: {dataImprint: 'dateline' satisfies Role}, children: [labelText]}
  if (start && middle && text.position) {
    span.position = labelText.position = {start, end: middle}
    rest.position = {start: middle, end: text.position.end}
  }
  paragraph.children = [span, rest, ...after]
}

export function isPlace(place: string): boolean {
  const [city = '', ...region] = place.split(',')
  const words = place.trim().split(/\s+/u)
  return (
    words.length <= 6 &&
    !/["“”«»!?;:]/u.test(place) &&
    region.length <= 2 &&
    /\p{L}{2}/u.test(city) &&
    city === city.toLocaleUpperCase() &&
    city !== city.toLocaleLowerCase()
  )
}

function element(tagName: string, role: Role | undefined, children: ElementContent[], lines: readonly Line[]): Element {
  const node: Element = {
    type: 'element',
    tagName,
    properties: role === undefined ? {} : {dataImprint: role},
    children
  }
  const position = spanOf(lines)
  if (position) node.position = position
  return node
}

/** The lines of a block as one text node; a line break stays a line break. */
function textOf(lines: readonly Line[]): Text {
  const node: Text = {type: 'text', value: lines.map((line) => line.value).join('\n')}
  const position = spanOf(lines)
  if (position) node.position = position
  return node
}

function spanOf(lines: readonly Line[]): Position | undefined {
  const first = lines[0]
  const last = lines.at(-1)
  return first && last ? {start: first.start, end: last.end} : undefined
}

/** The line up to `end` (exclusive), trimmed at its end. */
function cut(line: Line, end: number): Line {
  const value = line.value.slice(0, end).replace(/[\s|•·,–—-]+$/u, '')
  const {start} = line
  return {...line, value, end: {line: start.line, column: start.column + value.length, offset: (start.offset ?? 0) + value.length}}
}

/** The same line without its first `count` characters (a bullet). */
function shift(line: Line, count: number): Line {
  const {start} = line
  return {
    ...line,
    value: line.value.slice(count),
    start: {line: start.line, column: start.column + count, offset: (start.offset ?? 0) + count}
  }
}
