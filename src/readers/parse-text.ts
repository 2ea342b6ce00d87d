/**
 * parse: text copied from a news page -> hast, with roles marked.
 *
 * A pasted page is a run of blocks separated by blank lines, with the site's
 * furniture mixed in. The reader drops lines that are entirely chrome (the
 * language table says which), then reads the blocks in order: a headline, a
 * lead caption the page repeats as alt text, bylines, the body (with a
 * dateline and bulleted lists), the credits line, and the publisher's notice
 * after it. Text is kept exactly as pasted; typography comes later.
 */
import type {Element, ElementContent, Root, RootContent, Text} from 'hast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {Role} from '../article.ts'
import {LEADING_BULLET, bylineNames, isChromeLine, isCreditsLine, languageRules} from '../languages.ts'
import {report} from '../messages.ts'
import type {Reader} from './reader.ts'

/**
 * The reader of pasted text. Of the sidecar it reads the language (English
 * when none is given; its full stops end sentences) and the publisher:
 * without a credits line, trailing paragraphs that begin with the
 * publisher's name are taken as its notice.
 */
export const parseText: Reader = (file, meta) => {
  const lang = meta.lang ?? 'en'
  const fullStops = languageRules(lang).fullStops + '…'
  const blocks = splitBlocks(String(file), file)
  const kinds = classify(blocks, fullStops, file)
  guessNotice(blocks, kinds, meta.publisher, file)
  return {tree: {type: 'root', children: build(blocks, kinds), position: spanOf(blocks.flat())}, meta}
}

/** One non-blank source line, trimmed, with its place in the file. */
interface Line {
  readonly value: string
  readonly start: Point
  readonly end: Point
}

type Block = readonly Line[]

type Kind = 'headline' | 'lead' | 'caption' | 'byline' | 'body' | 'credits' | 'notice'

// Beyond these a line is prose, not a headline, byline or credits line.
const MAX_HEADLINE_WORDS = 25
const MAX_BYLINE_WORDS = 12
const MAX_CREDITS_WORDS = 30
// A guessed notice is the publisher's closing boilerplate, never half an article.
const MAX_GUESSED_NOTICE = 6

/**
 * Cut the text into blocks at blank lines. A chrome line is dropped and
 * separates blocks as a blank line would, so "Breaking News" glued above a
 * headline cannot join it.
 */
function splitBlocks(text: string, file: VFile): Block[] {
  const blocks: Block[] = []
  let current: Line[] = []
  let offset = 0
  const lines = text.split('\n')
  for (const [index, raw] of lines.entries()) {
    const line = trimLine(raw.replace(/\r$/, ''), index + 1, offset)
    offset += raw.length + 1
    const chrome = line !== undefined && isChromeLine(line.value)
    if (chrome) {
      report(file, 'page-chrome', `Dropped page chrome line \`${line.value}\``, {
        place: {start: line.start, end: line.end},
        note: 'Lines that are entirely site furniture are removed; prose that merely contains the words is kept.'
      })
    }
    if (line === undefined || chrome) {
      if (current.length > 0) blocks.push(current)
      current = []
    } else {
      current.push(line)
    }
  }
  if (current.length > 0) blocks.push(current)
  return blocks
}

/**
 * Trim a raw line. Indentation is a copy-paste artefact here, never code,
 * and `trim` also takes a byte order mark and no-break spaces off the ends.
 */
function trimLine(raw: string, line: number, offset: number): Line | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  const column = raw.indexOf(value) + 1
  const endColumn = column + value.length
  return {
    value,
    start: {line, column, offset: offset + column - 1},
    end: {line, column: endColumn, offset: offset + endColumn - 1}
  }
}

/** Give each block its kind, in reading order. */
function classify(blocks: readonly Block[], fullStops: string, file: VFile): Kind[] {
  const kinds: Kind[] = []
  let lead = false
  let body = false
  let notice = false
  let credits = false

  for (const [index, block] of blocks.entries()) {
    if (notice) {
      kinds.push('notice')
    } else if (index === 0 && isHeadline(block, fullStops)) {
      kinds.push('headline')
    } else if (isRepeatedCaption(block)) {
      if (lead) {
        const reason = 'A second repeated caption stays in the body as a figure'
        report(file, 'extra-caption', reason, {place: spanOf(block), note: 'Only the first photo caption becomes the lead figure.'})
      }
      kinds.push(lead ? 'caption' : 'lead')
      lead = true
    } else if (!body && isByline(block)) {
      kinds.push('byline')
    } else if (isCredits(block) && !credits) {
      kinds.push('credits')
      credits = true
      // A credits line above the body is an attribution, not the article's end.
      notice = body
    } else {
      kinds.push('body')
      body = true
    }
  }

  const first = blocks[0]
  if (first === undefined) {
    report(file, 'empty-text', 'No text found', {place: {line: 1, column: 1}})
  } else if (kinds[0] !== 'headline') {
    report(file, 'missing-headline', 'The first block is not a headline (one short line without a full stop)', {
      place: spanOf(first),
      note: 'Put the headline alone on the first line, or give a `title` in the metadata.'
    })
  }
  const last = blocks.at(-1)
  if (!credits && last !== undefined) {
    // Placed where a credits line usually stands: near the end.
    report(file, 'no-credits', 'No credits line found', {
      place: spanOf(last),
      note: 'Attribution is kept only when the text has a line such as "With reporting by …" or metadata gives `credits`.'
    })
  }
  return kinds
}

/**
 * Without a credits line, the notice is guessed from the publisher's name:
 * it starts at the earliest of the last few paragraphs that begins with it.
 */
function guessNotice(blocks: readonly Block[], kinds: Kind[], publisher: string | undefined, file: VFile): void {
  const name = publisher?.trim().toLowerCase()
  if (!name || kinds.includes('credits') || kinds.includes('notice')) return
  let start: number | undefined
  for (let index = kinds.length - 1; index >= 0 && kinds.length - index <= MAX_GUESSED_NOTICE; index--) {
    if (kinds[index] !== 'body') break
    const text = blocks[index]?.[0]?.value.toLowerCase() ?? ''
    if (text.startsWith(name)) start = index
  }
  if (start === undefined) return
  for (let index = start; index < kinds.length; index++) kinds[index] = 'notice'
  report(file, 'guessed-notice', `Took the last ${kinds.length - start} paragraph(s) as the notice of ${publisher} without a credits line`, {
    place: spanOf(blocks[start] ?? []),
    note: 'Check the notice, or put the credits line ("With reporting by …") above it.'
  })
}

function isHeadline(block: Block, fullStops: string): boolean {
  const [line] = block
  if (line === undefined || block.length > 1) return false
  // Headlines may ask or exclaim; a full stop, colon or comma ends prose.
  const last = line.value.replace(/[\p{Pe}\p{Pf}"']+$/u, '').slice(-1)
  return wordCount(line.value) <= MAX_HEADLINE_WORDS && !`${fullStops},:;`.includes(last)
}

/** The page prints the caption and repeats it as the photo's alt text. */
function isRepeatedCaption(block: Block): boolean {
  const [first, ...rest] = block.map((line) => line.value.replace(/\s+/gu, ' '))
  return rest.length > 0 && rest.every((value) => value === first)
}

function isByline(block: Block): boolean {
  const [line] = block
  if (line === undefined || block.length > 1) return false
  return wordCount(line.value) <= MAX_BYLINE_WORDS && bylineNames(line.value) !== undefined
}

function isCredits(block: Block): boolean {
  const [line] = block
  if (line === undefined || block.length > 1) return false
  return wordCount(line.value) <= MAX_CREDITS_WORDS && isCreditsLine(line.value)
}

function wordCount(value: string): number {
  return value.split(/\s+/u).length
}

/** Turn classified blocks into hast, gathering the notice into one section. */
function build(blocks: readonly Block[], kinds: readonly Kind[]): RootContent[] {
  const children: RootContent[] = []
  const notice: Block[] = []
  let dateline = true
  for (const [index, block] of blocks.entries()) {
    const kind = kinds[index] ?? 'body'
    switch (kind) {
      case 'headline':
      case 'byline':
      case 'credits':
        children.push(element(kind === 'headline' ? 'h1' : 'p', kind, [textOf(block)], block))
        break
      case 'lead':
      case 'caption': {
        // The caption once, though the page printed it twice.
        const caption = block.slice(0, 1)
        const figcaption = element('figcaption', undefined, [textOf(caption)], caption)
        children.push(element('figure', kind === 'lead' ? 'lead' : undefined, [figcaption], block))
        break
      }
      case 'notice':
        notice.push(block)
        break
      case 'body': {
        const nodes = bodyNodes(block)
        if (dateline && nodes[0]?.tagName === 'p') markDateline(nodes[0])
        dateline = false
        children.push(...nodes)
        break
      }
    }
  }
  if (notice.length > 0) {
    const paragraphs = notice.map((block) => element('p', undefined, [textOf(block)], block))
    children.push(element('section', 'notice', paragraphs, notice.flat()))
  }
  return children
}

/**
 * A body block is a paragraph, a bulleted list, or both: "Key points:"
 * followed by bullets. A bullet item may wrap onto indented lines.
 */
function bodyNodes(block: Block): Element[] {
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
    } else if (run !== undefined && !run.list) {
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

/** The same line without its first `count` characters (a bullet). */
function shift(line: Line, count: number): Line {
  const {start} = line
  return {
    value: line.value.slice(count),
    start: {line: start.line, column: start.column + count, offset: (start.offset ?? 0) + count},
    end: line.end
  }
}
