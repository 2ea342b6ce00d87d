/**
 * What each line of a pasted page is: the headline, a part of the header
 * under it (standfirst, lead photo caption, byline, date), the body, the
 * credits line, the publisher's notice, or page furniture to drop.
 *
 *   furniture above   menus, "Skip to content", a ticker, the section's name
 *   headline          chosen by score (text-headline.ts)
 *   header            standfirst, caption (printed twice: text and alt),
 *                     byline, date; share buttons between them are dropped
 *   body              the article's region (text-boilerplate.ts)
 *   credits, notice   "With reporting by …" and the paragraphs after it
 *   furniture below   teasers, "Related", comments, the footer
 */
import {bylineNames, isChromeLine, isCreditsLine, type LanguageRules} from '../languages.ts'
import {chooseHeadline, editionTitle} from './text-headline.ts'
import {findDate, isDateLine} from './text-dates.ts'
import {judgeLines, type FurnitureReason, type LineJudgement} from './text-boilerplate.ts'
import {endsSentence, isCapitalized, isMarkup, type Line} from './text-lines.ts'

export type LineRole = 'headline' | 'subtitle' | 'lead' | 'caption' | 'byline' | 'date' | 'body' | 'credits' | 'notice' | 'dropped'

/** Why a line was dropped, for its note. */
export type DropReason = FurnitureReason | 'above-headline' | 'header' | 'outside-article' | 'between-paragraphs' | 'repeated' | 'after-notice'

export interface Layout {
  readonly roles: readonly LineRole[]
  readonly dropped: ReadonlyMap<number, DropReason>
  readonly headline?: number
  /** The date the header gives, as `YYYY-MM-DD`. */
  readonly date?: string
  /** A byline line that also held the date: the names' end in the line. */
  readonly bylineEnds: ReadonlyMap<number, number>
  /** A date line that went on with the byline ("Published on 12 April 2023 by Marta Ruiz"): where the byline starts. */
  readonly bylineStarts: ReadonlyMap<number, number>
}

export interface LayoutInput {
  readonly lines: readonly Line[]
  readonly rules: LanguageRules
  readonly stopWords: ReadonlySet<string> | undefined
}

// Beyond these a line is prose, not a byline or a credits line.
const MAX_BYLINE_WORDS = 12
const MAX_CREDITS_WORDS = 30
// A credits line may stand a little below the article's last paragraph, past an ad.
const CREDITS_SLACK = 8
// A sentence this long (Latin-equivalent characters) is a paragraph, not a caption or a button.
const MIN_PARAGRAPH = 40
// How far into the region a paragraph is looked for before any sentence will do, in lines.
const LEAD_REACH = 12
// Lines in a row that neither end a sentence nor are long: a menu, where a notice ends.
const NOTICE_RUN_END = 3

export function layOut(input: LayoutInput): Layout {
  const {lines} = input
  const judgement = judgeLines(lines, input.stopWords)
  const roles: LineRole[] = lines.map(() => 'dropped')
  const dropped = new Map<number, DropReason>()
  const bylineEnds = new Map<number, number>()
  const bylineStarts = new Map<number, number>()
  const drop = (index: number, reason: DropReason): void => {
    roles[index] = 'dropped'
    dropped.set(index, judgement.furniture.get(index) ?? reason)
  }

  // A text with no line of furniture at all was pasted without the page around it (or its
  // page has none): it is the article from its first line, prose or not, as a page of formulae
  // is, down to its last paragraph; short lines after that are still a list of other pages.
  const clean = judgement.furniture.size === 0
  const span = contentSpan(lines, judgement)
  const region = clean && span && judgement.region ? {first: span.first, last: judgement.region.last} : (judgement.region ?? span)
  if (region === undefined) {
    lines.forEach((_line, index) => drop(index, 'outside-article'))
    return {roles, dropped, bylineEnds, bylineStarts}
  }
  const small = clean || judgement.region === undefined
  const keeps = (index: number): boolean => !judgement.furniture.has(index) && (small || judgement.classes[index] === 'good')
  const bodyStart = leadParagraph(lines, judgement, region, small)
  // Headings the body repeats are counted in its prose, not in a footer a clean text keeps.
  const context = {lines, furniture: judgement.furniture, bodyStart, bodyEnd: (judgement.region ?? region).last, stopWords: input.stopWords, rules: input.rules}
  const first = chooseHeadline(context)
  // A page of several articles takes its own title; the first article's headline is the body's, as the others' are.
  const edition = first === undefined ? undefined : editionTitle(context, first)
  const headline = edition ?? first

  // Above the headline, or above the body when there is none, all is furniture.
  const top = headline ?? Math.max(region.first - 1, -1)
  for (let index = 0; index < (headline ?? top + 1) && index < lines.length; index++) drop(index, 'above-headline')
  if (headline !== undefined) roles[headline] = 'headline'

  // The header: what stands between the headline and the lead paragraph.
  let date: string | undefined
  let subtitle = false
  const headerEnd = Math.max(bodyStart, top + 1)
  for (let index = top + 1; index < headerEnd; index++) {
    const value = lines[index]!.value
    const next = lines[index + 1]
    if (judgement.furniture.has(index)) drop(index, 'header')
    else if (edition !== undefined && index === first) roles[index] = 'body'
    else if (next && !next.blankBefore && next.key === lines[index]!.key && index + 1 < headerEnd) {
      // The caption, then the photo's alt text: one figure, its lines together.
      roles[index] = roles[index + 1] = 'lead'
      index++
    } else if (headline !== undefined && lines[index]!.key === lines[headline]!.key) drop(index, 'repeated')
    else if (isByline(value)) {
      roles[index] = 'byline'
      const found = findDate(value, input.rules)
      if (found && found.index > 0) bylineEnds.set(index, found.index)
      date ??= found?.iso
    } else if (bylineAfterDate(value, input.rules) !== undefined) {
      const signed = bylineAfterDate(value, input.rules)!
      roles[index] = 'byline'
      bylineStarts.set(index, signed.start)
      date ??= signed.iso
    } else if (isDateLine(value, input.rules)) {
      roles[index] = 'date'
      date ??= findDate(value, input.rules)?.iso
    } else if (isNameBesideDate(lines, index, input.rules)) roles[index] = 'byline'
    else if (!subtitle && lines[index]!.size >= 40 && (lines[index]!.prose || lines[index]!.words.length >= 8)) {
      roles[index] = 'subtitle'
      subtitle = true
    } else if (lines[index]!.prose && lines[index]!.size >= MIN_PARAGRAPH) {
      // A paragraph above the body's judged start is the article's, never a button.
      roles[index] = 'body'
    } else drop(index, 'header')
  }

  // The body, up to the credits line; the notice after it.
  const end = Math.max(region.last, headerEnd - 1)
  let credits: number | undefined
  for (let index = headerEnd; index <= Math.min(end + CREDITS_SLACK, lines.length - 1); index++) {
    if (isCredits(lines[index]!) && index > headerEnd) {
      credits = index
      break
    }
  }
  const bodyEnd = credits === undefined ? end : credits - 1
  for (let index = headerEnd; index <= bodyEnd; index++) {
    // Before a credits line, a paragraph past the judged region is still the article's.
    if (keeps(index) || (credits !== undefined && index > region.last && isParagraph(lines[index]!, judgement, index))) roles[index] = 'body'
    else drop(index, 'between-paragraphs')
  }
  const after = credits === undefined ? bodyEnd + 1 : layOutNotice(lines, judgement, credits, roles, drop)
  for (let index = after; index < lines.length; index++) drop(index, 'outside-article')

  markCaptions(lines, roles, drop)
  return {roles, dropped, headline, date, bylineEnds, bylineStarts}
}

/** The credits line and the notice after it; returns the first line after the notice. */
function layOutNotice(
  lines: readonly Line[],
  judgement: LineJudgement,
  credits: number,
  roles: LineRole[],
  drop: (index: number, reason: DropReason) => void
): number {
  roles[credits] = 'credits'
  let run = 0
  let index = credits + 1
  for (; index < lines.length; index++) {
    const value = lines[index]!.value
    // Only what is furniture in any text leaves a notice: it is kept word for word.
    if (isChromeLine(value) || isMarkup(value)) {
      drop(index, 'chrome')
      continue
    }
    run = lines[index]!.prose || lines[index]!.size >= 70 ? 0 : run + 1
    if (run >= NOTICE_RUN_END) {
      for (let back = index - run + 1; back <= index; back++) drop(back, 'after-notice')
      return index + 1
    }
    roles[index] = 'notice'
  }
  return index
}

/**
 * A caption the page prints twice (the caption, then the photo's alt text)
 * becomes a figure: the first one the lead photo's. A line printed twice
 * that reads as a heading is kept once; a repeated paragraph that is the
 * only prose stays the body, once.
 */
function markCaptions(lines: readonly Line[], roles: LineRole[], drop: (index: number, reason: DropReason) => void): void {
  const body = roles.filter((role) => role === 'body').length
  let lead = roles.includes('lead')
  for (let index = 0; index + 1 < lines.length; index++) {
    if (roles[index] !== 'body' || roles[index + 1] !== 'body') continue
    const [line, next] = [lines[index]!, lines[index + 1]!]
    if (next.blankBefore || line.key !== next.key) continue
    if ((!endsSentence(line.value) && line.size < 150) || body <= 2) {
      drop(index + 1, 'repeated')
      continue
    }
    roles[index] = roles[index + 1] = lead ? 'caption' : 'lead'
    lead = true
    index++
  }
}

/**
 * The first paragraph of the article: the region's first line that reads as
 * a sentence, past lines the page repeats (a caption printed twice).
 */
function leadParagraph(lines: readonly Line[], judgement: LineJudgement, region: {first: number; last: number}, small: boolean): number {
  // A paragraph first ("F. Kooman" is a sentence by its stops, not one); any sentence if none is.
  const near = {first: region.first, last: Math.min(region.last, region.first + LEAD_REACH)}
  return paragraphFrom(lines, judgement, near, small, MIN_PARAGRAPH) ?? paragraphFrom(lines, judgement, region, small, 0) ?? region.first
}

function paragraphFrom(lines: readonly Line[], judgement: LineJudgement, region: {first: number; last: number}, small: boolean, size: number): number | undefined {
  for (let index = region.first; index <= region.last; index++) {
    if (judgement.furniture.has(index)) continue
    const value = lines[index]!.value
    const next = lines[index + 1]
    if (next && !next.blankBefore && next.key === lines[index]!.key) {
      index++
      continue
    }
    if (lines[index]!.prose && lines[index]!.size >= size && (small || judgement.classes[index] === 'good')) return index
  }
  return undefined
}

/** Without prose anywhere (a note, a short text): every line but furniture. */
function contentSpan(lines: readonly Line[], judgement: LineJudgement): {first: number; last: number} | undefined {
  const kept = lines.flatMap((_line, index) => (judgement.furniture.has(index) ? [] : [index]))
  return kept.length === 0 ? undefined : {first: kept[0]!, last: kept.at(-1)!}
}

function isParagraph(line: Line, judgement: LineJudgement, index: number): boolean {
  return line.prose && line.size >= MIN_PARAGRAPH && !judgement.furniture.has(index)
}

/**
 * "Publicado el 12 de abril de 2023 por Marta Ruiz", "Posted on May 3, 2024
 * by Jo Ek": a date, a few words before it, and a byline after it.
 */
function bylineAfterDate(value: string, rules: LanguageRules): {start: number; iso?: string} | undefined {
  const found = findDate(value, rules)
  if (!found || value.slice(0, found.index).split(/\s+/u).filter(Boolean).length > 3) return undefined
  const after = value.slice(found.index + found.length)
  const byline = after.replace(/^[\s,|•·–—-]+/u, '')
  if (byline === '' || !isByline(byline)) return undefined
  return {start: value.length - byline.length, iso: found.iso}
}

function isByline(value: string): boolean {
  return value.split(/\s+/u).length <= MAX_BYLINE_WORDS + 4 && bylineNames(value) !== undefined
}

function isCredits(line: Line): boolean {
  return line.words.length <= MAX_CREDITS_WORDS && isCreditsLine(line.value)
}

/**
 * A name with no prefix ("Mark Di Stefano", "Our Foreign Staff") is a byline
 * only beside a date line, where pages print the two.
 */
function isNameBesideDate(lines: readonly Line[], index: number, rules: LanguageRules): boolean {
  const value = lines[index]!.value
  const names = value.split(/\s+/u)
  if (names.length < 2 || names.length > 5 || endsSentence(value) || !names.every((name) => isCapitalized(name) || /^(?:de|da|di|van|von|bin|al|of|and|y|e)$/iu.test(name))) return false
  return [lines[index - 1], lines[index + 1]].some((line) => line !== undefined && isDateLine(line.value, rules))
}
