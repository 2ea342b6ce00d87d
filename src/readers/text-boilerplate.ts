/**
 * Which lines of a pasted page are the article and which are the page
 * around it, by jusText's method (Pomikálek, "Removing Boilerplate and
 * Duplicate Content from Web Corpora", 2011) adapted to text that has lost
 * its markup.
 *
 * Each line is first judged alone: page furniture by its words (the
 * language table) or its shape (markup, a copyright line, a banner, a
 * ticker of figures), prose by its length and its density of function
 * words, and the many lines in between left "short" or "near-good". Those
 * are then judged by their neighbours, as jusText does: short lines between
 * prose are prose (a subheading, a list), between furniture are furniture.
 * Without links to count, a line's end stands in for jusText's link
 * density: prose ends its sentences, menus and teasers do not.
 *
 * The article is then the largest run of prose with the gaps inside it
 * closed (boilerpipe's "largest block" for news pages, Kohlschütter et
 * al. 2010): teasers with full sentences further down the page stay out.
 */
import {bylineNames, hasPromoWords, isChromeLine, isListHead} from '../languages.ts'
import {isDateLine} from './text-dates.ts'
import {endsSentence, isMarkup, isUnspaced, isWrapped, type Line} from './text-lines.ts'

export type LineClass = 'good' | 'bad'

/** Why a line is furniture whatever its neighbours, for the note that drops it. */
export type FurnitureReason = 'chrome' | 'list-head' | 'markup' | 'copyright' | 'banner' | 'figures'

export interface LineJudgement {
  readonly classes: readonly LineClass[]
  /** Lines that are furniture by themselves, and why. */
  readonly furniture: ReadonlyMap<number, FurnitureReason>
  /** The article's lines: first and last index, inclusive; undefined when nothing reads as prose. */
  readonly region?: {readonly first: number; readonly last: number}
}

// jusText's lengths, in characters of Latin text: shorter is too short to
// judge alone, longer is a paragraph.
const LENGTH_LOW = 70
const LENGTH_HIGH = 200
// jusText's densities (0.30 and 0.32 of words) assume large lists of
// function words; ours are short, so a line is measured against the
// document's own prose instead: at least this share of its median density.
const STOPWORDS_LOW = 0.5
const STOPWORDS_HIGH = 0.7
// A gap of furniture this long, in lines, or holding a list head, ends the article.
const MAX_GAP_LINES = 8
// A button's label: a word or two ("Share", "Print", "Comments (4)").
const LONE_BUTTON_WORDS = 3
// A "Related" box set inside an article: its head and a few titles, in lines.
const INLINE_BOX = 6
// Short sentences after the article's last good line that are still its own.
const CLOSING_SENTENCES = 2
// Prose enough to be a section of the article of its own: several paragraphs.
const SUBSTANTIAL = 1000

type Initial = 'good' | 'near' | 'short' | 'bad'

// Long lines enough to tell whether a text ends its lines as sentences.
const PUNCTUATION_SAMPLE = 20

/**
 * A line's end stands in for jusText's link density only in a text that ends
 * its paragraphs as sentences. Some writers do not: a blog in Chinese or
 * Japanese may set each clause on a line of its own, with a space for a comma
 * and no full stop. In such a text (most long lines in a script without
 * spaces, and most of them ending no sentence) every long line counts as
 * prose, and length and function words judge it, as in jusText. A page in
 * another script whose long lines end no sentence is more likely a portal's
 * column of teasers, so there line ends still count.
 */
export function proseByLength(lines: readonly Line[]): readonly Line[] {
  const long = lines.filter((line) => line.size >= LENGTH_LOW)
  const unspaced = long.filter((line) => isUnspaced(line.value)).length * 2 > long.length
  if (!unspaced || long.length < PUNCTUATION_SAMPLE || long.filter((line) => line.prose).length * 3 >= long.length) return lines
  return lines.map((line) => (line.size >= LENGTH_LOW && !line.prose ? {...line, prose: true} : line))
}

/** Judge every line; `stopWords` are the text's language's function words, when known. */
export function judgeLines(lines: readonly Line[], stopWords: ReadonlySet<string> | undefined): LineJudgement {
  const furniture = new Map<number, FurnitureReason>()
  const counts = repetitions(lines)
  const densities = lines.map((line) => density(line.words, stopWords))
  const baseline = proseDensity(lines, densities)

  // An article's date stands in its header, above the first paragraph, or under a byline (each
  // article of an edition); any other date is a comment's or a teaser's stamp.
  const firstParagraph = firstParagraphOf(lines)
  const dated = (index: number): boolean => firstParagraph === -1 || index < firstParagraph || bylineNames(lines[index - 1]?.value ?? '') !== undefined
  const reasons = lines.map((line, index) => furnitureReason(line, counts.get(line.key) ?? 1, isWrapped(lines, index), dated(index)))
  const initial: Initial[] = lines.map((line, index) => {
    const reason = reasons[index]
    if (reason) {
      furniture.set(index, reason)
      // A lone button between the article's lines ("Share", "Image") is dropped, but says no more
      // of its neighbours than any short line: as jusText's short blocks, it takes their class.
      // So is a banner set between two paragraphs ("Sign up to our daily newsletter…").
      const clear = (at: number): boolean => at >= 0 && at < lines.length && !reasons[at]
      const lone =
        (reason === 'chrome' && line.words.length <= LONE_BUTTON_WORDS && clear(index - 1) && clear(index + 1)) ||
        (reason === 'banner' && [index - 1, index + 1].every((at) => clear(at) && lines[at]!.prose))
      return lone ? 'short' : 'bad'
    }
    const size = line.size
    if (size < LENGTH_LOW) return 'short'
    const share = baseline === undefined ? 1 : (densities[index] ?? 0) / baseline
    if (line.prose) {
      if (share >= STOPWORDS_HIGH) return size > LENGTH_HIGH ? 'good' : 'near'
      return share >= STOPWORDS_LOW ? 'near' : 'short'
    }
    // A long paragraph that lost its full stop, or a teaser's headline.
    return size > LENGTH_HIGH && share >= STOPWORDS_HIGH ? 'near' : 'short'
  })
  const classes = reviseByNeighbours(promoteClusters(initial))
  return {classes, furniture, region: closingSentences(lines, classes, furniture, articleRegion(lines, classes, furniture))}
}

/** The first long paragraph, or without one the first of two paragraphs in a row (a standfirst stands alone). */
function firstParagraphOf(lines: readonly Line[]): number {
  const long = lines.findIndex((line) => line.prose && line.size > LENGTH_HIGH)
  if (long !== -1) return long
  const paragraph = (line: Line | undefined): boolean => line !== undefined && line.prose && line.size >= LENGTH_LOW
  return lines.findIndex((line, index) => paragraph(line) && (paragraph(lines[index + 1]) || paragraph(lines[index + 2])))
}

/** What makes a line furniture on its own, if anything. */
function furnitureReason(line: Line, repeated: number, wrapped: boolean, dated: boolean): FurnitureReason | undefined {
  const {value, words} = line
  if (isChromeLine(value) || isLinkRow(value)) return 'chrome'
  if (isListHead(value)) return 'list-head'
  if (isMarkup(value)) return 'markup'
  // "© 2024 Harbour Gazette", "Copyright 2015 The Washington Post".
  if (/©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}/iu.test(value) && words.length <= 20) return 'copyright'
  // Words of a banner inside a wrapped sentence ("…determines if cookies / for the other domain…") are prose.
  if (wrapped) return undefined
  if (hasPromoWords(value) && words.length <= 30 && !(endsSentence(value) && repeated === 1 && words.length > 15)) return 'banner'
  // A ticker, a score or a counter: more figures than words. A table's row
  // (cells apart by tabs) is left to its neighbours.
  const figures = words.filter((word) => /^\p{N}/u.test(word)).length
  // A date is figures too, but the header's date is the article's: text-layout reads it.
  if (words.length > 0 && figures * 2 > words.length && !endsSentence(value) && !value.includes('\t') && !(dated && isDateLine(value))) return 'figures'
  return undefined
}

/** A row of bracketed links and nothing else: "[Docs] [txt|pdf] [Tracker]", "[Edit] [History]". */
function isLinkRow(value: string): boolean {
  return (value.match(/\[[^\]]+\]/gu)?.length ?? 0) >= 2 && value.replace(/\[[^\]]+\]/gu, '').trim() === ''
}

/**
 * News paragraphs are often shorter than jusText's long block (200
 * characters), so a page may hold no "good" line at all. Prose clusters,
 * though: a near-good line between two other prose lines (short lines
 * aside) is good.
 */
function promoteClusters(initial: readonly Initial[]): Initial[] {
  const prose = (index: number, step: 1 | -1): boolean => {
    for (let at = index + step; at >= 0 && at < initial.length; at += step) {
      const kind = initial[at]!
      if (kind !== 'short') return kind === 'near' || kind === 'good'
    }
    return false
  }
  return initial.map((kind, index) => (kind === 'near' && prose(index, -1) && prose(index, 1) ? 'good' : kind))
}

/**
 * jusText's context-sensitive pass. A short line takes the class of its
 * nearest good or bad neighbours when they agree; between prose and
 * furniture it is prose only when a near-good line stands between it and
 * the furniture. A near-good line is furniture only between furniture. The
 * edges of the page count as furniture.
 */
function reviseByNeighbours(initial: readonly Initial[]): LineClass[] {
  const neighbour = (classes: readonly Initial[], from: number, step: 1 | -1, skipNear: boolean): Initial => {
    for (let index = from + step; index >= 0 && index < classes.length; index += step) {
      const kind = classes[index]!
      if (kind === 'short' || (skipNear && kind === 'near')) continue
      return kind
    }
    return 'bad'
  }
  const afterShort = initial.map((kind, index): Initial => {
    if (kind !== 'short') return kind
    const before = neighbour(initial, index, -1, true)
    const after = neighbour(initial, index, 1, true)
    if (before === after) return before
    const nearer = before === 'bad' ? neighbour(initial, index, -1, false) : neighbour(initial, index, 1, false)
    return nearer === 'near' ? 'good' : 'bad'
  })
  return afterShort.map((kind, index): LineClass => {
    if (kind !== 'near') return kind === 'good' ? 'good' : 'bad'
    const before = neighbour(afterShort, index, -1, true)
    const after = neighbour(afterShort, index, 1, true)
    return before === 'bad' && after === 'bad' ? 'bad' : 'good'
  })
}

/**
 * The article: runs of good lines joined across short gaps, the best of
 * them, grown over the runs around it. A gap ends a run when it is long or
 * holds the head of a list of other articles ("Related", "More stories").
 *
 * The best run has the most prose, but a run of teasers (a title, then its
 * summary, again and again) counts for less: such a run can hold as much
 * prose as a short article. A neighbouring run joins the article across a
 * short gap, or across a longer one (a table, an infobox, a gallery) when
 * it holds a good share of prose itself; never across a list head, and
 * never a run of teasers.
 */
function articleRegion(lines: readonly Line[], classes: readonly LineClass[], furniture: ReadonlyMap<number, FurnitureReason>): LineJudgement['region'] {
  const runs = goodRuns(lines, classes, furniture)
  let best: Run | undefined
  for (const run of runs) if (!best || weight(run) > weight(best)) best = run
  if (!best) return undefined
  let [first, last] = [runs.indexOf(best), runs.indexOf(best)]
  let prose = best.prose
  const joins = (gap: Run, next: Run): boolean =>
    // A list head ends the article, unless the list is a small box inside it, prose of the article's weight resuming after.
    (!gap.endsBefore || (gap.gapAfter <= INLINE_BOX && next.prose * 2 >= prose)) &&
    !isTeasers(next) &&
    next.prose > 0 &&
    (gap.gapAfter <= MAX_GAP_LINES ||
      (!gap.chromeAfter && (next.prose * 5 >= prose || next.prose >= SUBSTANTIAL) && gap.gapAfter <= 2 * (next.last - next.first + 1) + MAX_GAP_LINES))
  for (let grown = true; grown; ) {
    grown = false
    if (first > 0 && joins(runs[first - 1]!, runs[first - 1]!)) {
      prose += runs[--first]!.prose
      grown = true
    }
    if (last + 1 < runs.length && joins(runs[last]!, runs[last + 1]!)) {
      prose += runs[++last]!.prose
      grown = true
    }
  }
  return {first: runs[first]!.first, last: runs[last]!.last}
}

/**
 * An article's last sentences may be shorter than jusText's short line ("Work
 * starts in the autumn."), and a short line takes the class of the furniture
 * after it. A few sentences right after the article, up to the first line
 * that is not one, are its own.
 */
function closingSentences(lines: readonly Line[], classes: LineClass[], furniture: ReadonlyMap<number, FurnitureReason>, region: LineJudgement['region']): LineJudgement['region'] {
  if (!region) return region
  let last = region.last
  for (let next = last + 1; next < lines.length && next - region.last <= CLOSING_SENTENCES && lines[next]!.prose && !furniture.has(next); next++) {
    classes[next] = 'good'
    last = next
  }
  return {first: region.first, last}
}

interface Run {
  first: number
  last: number
  /** Characters of its prose lines. */
  prose: number
  proseLines: number
  /** A title line right before a prose line: a teaser's shape, or a subheading's. */
  titled: number
  /** Bad lines after it, up to the next run. */
  gapAfter: number
  /** A list head stands between it and the next run. */
  endsBefore: boolean
  /** A line of the language table's chrome stands between it and the next run: the page's furniture, not a table of the article's. */
  chromeAfter: boolean
}

function goodRuns(lines: readonly Line[], classes: readonly LineClass[], furniture: ReadonlyMap<number, FurnitureReason>): Run[] {
  const runs: Run[] = []
  let gap = 0
  let head = false
  for (const [index, kind] of classes.entries()) {
    const run = runs.at(-1)
    if (kind === 'bad') {
      gap++
      head ||= furniture.get(index) === 'list-head'
      if (run) {
        ;[run.gapAfter, run.endsBefore] = [gap, head]
        run.chromeAfter ||= furniture.get(index) === 'chrome'
      }
      continue
    }
    const line = lines[index]!
    const current = run && gap <= MAX_GAP_LINES && !head ? run : undefined
    const target = current ?? {first: index, last: index, prose: 0, proseLines: 0, titled: 0, gapAfter: 0, endsBefore: false, chromeAfter: false}
    if (!current) runs.push(target)
    target.last = index
    if (line.prose) {
      target.prose += line.size
      target.proseLines++
      const before = lines[index - 1]
      if (before && classes[index - 1] === 'good' && !before.prose && before.size < LENGTH_LOW) target.titled++
    }
    gap = 0
    head = false
  }
  return runs
}

/** Three titled summaries or more, and most of its paragraphs titled. */
function isTeasers(run: Run): boolean {
  return run.titled >= 3 && run.titled * 2 > run.proseLines
}

function weight(run: Run): number {
  return isTeasers(run) ? run.prose / 4 : run.prose
}

function density(words: readonly string[], stopWords: ReadonlySet<string> | undefined): number {
  if (!stopWords || words.length === 0) return 0
  return words.filter((word) => stopWords.has(word)).length / words.length
}

/** The median density of function words in the text's clear prose, or undefined when it has too little. */
function proseDensity(lines: readonly Line[], densities: readonly number[]): number | undefined {
  const sample = lines.flatMap((line, index) => (line.prose && line.size > LENGTH_HIGH ? [densities[index] ?? 0] : []))
  if (sample.length < 3) return undefined
  sample.sort((a, b) => a - b)
  const median = sample[Math.floor(sample.length / 2)]!
  // A language whose words the list does not hold: density says nothing.
  return median >= 0.08 ? median : undefined
}

/** How often each line's text occurs in the page. */
function repetitions(lines: readonly Line[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const line of lines) counts.set(line.key, (counts.get(line.key) ?? 0) + 1)
  return counts
}
