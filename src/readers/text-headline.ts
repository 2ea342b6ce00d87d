/**
 * The headline of a pasted page, chosen among the lines above the body by a
 * score, as Readability scores candidates for a page's content: no single
 * rule finds a headline among a menu's items, a section's name, a date and
 * a photo caption, but together they do.
 *
 * A headline is one line of a few words that does not go on as prose (no
 * full stop, comma or colon at its end). It stands close above the body,
 * shares words with the body's opening (menus and section names share
 * none), is longer than the lines around it, and is often followed by a
 * byline, a date or a standfirst; it stands above the byline, never below.
 * A page also prints it more than once (its title strip, the last step of a
 * breadcrumb, a share text); menus repeat too, so repetition counts only for
 * a line of a headline's length.
 */
import {bylineNames, type LanguageRules} from '../languages.ts'
import {findDate, isDateLine} from './text-dates.ts'
import {endsLikeProse, hasCasedLetters, isWrapped, latinSize, squash, type Line} from './text-lines.ts'

export interface HeadlineContext {
  readonly lines: readonly Line[]
  /** Lines that are furniture by themselves: never a headline. */
  readonly furniture: ReadonlyMap<number, unknown>
  /** The first line of the body: its lead paragraph. */
  readonly bodyStart: number
  /** The last line of the article's region. */
  readonly bodyEnd: number
  readonly stopWords: ReadonlySet<string> | undefined
  readonly rules: LanguageRules
}

// How far above the body a headline is looked for, in lines: past a
// standfirst, a caption, a byline, a date and a row of share buttons.
const WINDOW = 40
// The body words the candidates are compared with: the article's opening.
const OPENING_WORDS = 400
const MIN_SCORE = 1
// A headline and its standfirst stand this close (a photo caption may come between)
// and score this near each other.
const STANDFIRST_REACH = 3
const STANDFIRST_MARGIN = 1.5
const STANDFIRST_WORDS = 10
const STANDFIRST_LONG = 15
// A subject the lead paragraph opens with is named in a few words, and outweighs a line's length.
const SUBJECT_WORDS = 6
const SUBJECT_BONUS = 2.5
// A rubric's name above a headline: a few words.
const KICKER_WORDS = 5
// A line of a headline's length that the page prints twice.
const REPEATED_HEADLINE = 1
// A line below the byline: rarely the headline.
const BELOW_BYLINE = 1.5
// Share and print buttons between a headline and its byline, in lines.
const BUTTONS_REACH = 20

/** The index of the headline line, or undefined when no line scores as one. */
export function chooseHeadline(context: HeadlineContext): number | undefined {
  const candidates = scoreHeadlines(context)
  let best: HeadlineCandidate | undefined
  for (const candidate of candidates) {
    // On a tie the later line, nearer the body, wins.
    if (candidate.score >= MIN_SCORE && (!best || candidate.score >= best.score)) best = candidate
  }
  // A standfirst follows its headline and says more: when the best reads as
  // one, a clearly shorter line just above, scoring nearly as well, is the headline.
  // A photo's caption may stand between a standfirst and the body: look up twice.
  for (let step = 0; best && step < 2; step++) best = headlineAbove(context, candidates, best) ?? best
  if (best) best = headlineBelow(context, candidates, best) ?? best
  return best?.index
}

/**
 * A kicker (the rubric's name, "Sur vos écrans cette semaine") stands right
 * above its headline, and may share more words with the body's opening. When
 * the best line is followed by a longer line, scoring nearly as well and itself
 * followed by the byline or the date, that line is the headline.
 */
function headlineBelow(context: HeadlineContext, candidates: readonly HeadlineCandidate[], best: HeadlineCandidate): HeadlineCandidate | undefined {
  const {lines} = context
  const below = candidates.find((candidate) => candidate.index === best.index + 1)
  const after = lines[best.index + 2]
  if (!below || !after || below.score < best.score - STANDFIRST_MARGIN) return undefined
  const [kicker, headline] = [lines[best.index]!, lines[below.index]!]
  const signed = bylineNames(after.value) !== undefined || isDateLine(after.value, context.rules)
  return signed && kicker.words.length <= KICKER_WORDS && headline.words.length > kicker.words.length && headline.words.length < STANDFIRST_LONG ? below : undefined
}

function headlineAbove(context: HeadlineContext, candidates: readonly HeadlineCandidate[], best: HeadlineCandidate): HeadlineCandidate | undefined {
  const standfirst = context.lines[best.index]!
  // A standfirst is a sentence: long, or going on past a comma ("On the day, the coach…").
  if (standfirst.words.length < STANDFIRST_WORDS || (standfirst.words.length < STANDFIRST_LONG && !/[,،、，]\s/u.test(standfirst.value))) return undefined
  let headline: HeadlineCandidate | undefined
  for (const candidate of candidates) {
    const fits =
      candidate.index < best.index &&
      best.index - candidate.index <= STANDFIRST_REACH &&
      candidate.score >= Math.max(MIN_SCORE, best.score - STANDFIRST_MARGIN) &&
      // A section's name above a headline is a word or two; a headline says more.
      context.lines[candidate.index]!.words.length >= 4 &&
      context.lines[candidate.index]!.size * 1.15 <= standfirst.size
    if (fits && (!headline || candidate.score > headline.score)) headline = candidate
  }
  return headline
}

// Articles after the first that make a page a collection of them (an edition).
const MORE_ARTICLES = 2

/**
 * The title of a page that holds several articles, each under its headline,
 * byline and date (a weekly edition, a digest): the line right above the first
 * article's headline, when it could be a title. Readability and a reader take
 * the page's own title for such a page, not its first article's.
 */
export function editionTitle(given: HeadlineContext, headline: number): number | undefined {
  const {lines, bodyStart, bodyEnd} = given
  const above = headline - 1
  // An edition is often named by its date ("Weekly Edition for March 26, 2015"): a line above
  // the headline may hold one, with words of its own beside it ("Updated March 3" has one).
  const isDate = (index: number): boolean => isDateLine(lines[index]?.value ?? '', given.rules) && (index !== above || wordsBesideDate(lines[index]!.value, given.rules) < 2)
  const context: Context = {...given, isDate}
  const signed = (index: number): boolean =>
    bylineNames(lines[index]?.value ?? '') !== undefined && (context.isDate(index + 1) || context.isDate(index))
  let own = false
  for (let index = headline + 1; index < bodyStart; index++) own ||= signed(index)
  let more = 0
  for (let index = bodyStart + 1; index <= bodyEnd; index++) if (signed(index) && !lines[index - 1]!.prose) more++
  if (!own || more < MORE_ARTICLES || above < 0 || lines[headline]!.blankBefore || !isCandidate(context, above)) return undefined
  return above
}

function wordsBesideDate(value: string, rules: LanguageRules): number {
  const date = findDate(value, rules)
  const rest = date === undefined ? value : value.slice(0, date.index) + ' ' + value.slice(date.index + date.length)
  return rest.split(/\s+/u).filter((word) => /\p{L}{2}/u.test(word)).length
}

export interface HeadlineCandidate {
  readonly index: number
  readonly score: number
}

/** Every line above the body that could be the headline, with its score. */
export function scoreHeadlines(given: HeadlineContext): HeadlineCandidate[] {
  const dates = new Map<number, boolean>()
  const context: Context = {
    ...given,
    isDate: (index) => {
      let date = dates.get(index)
      if (date === undefined) dates.set(index, (date = isDateLine(given.lines[index]?.value ?? '', given.rules)))
      return date
    }
  }
  const {lines, bodyStart} = context
  const opening = openingWords(context)
  const counts = new Map<string, number>()
  for (const line of lines) counts.set(line.key, (counts.get(line.key) ?? 0) + 1)
  const firstContent = lines.findIndex((_line, index) => !context.furniture.has(index))
  // Headings the body holds: above it they are a table of contents.
  const sections = new Set(lines.slice(bodyStart + 1, context.bodyEnd + 1).map((line) => line.key))

  const lead = lines[bodyStart]?.words ?? []
  const crumbs = new Set(lines.slice(0, bodyStart).flatMap((line) => (isBreadcrumb(line.value) ? [lastCrumb(line.value)] : [])))
  const byline = lastByline(context)
  const candidates: HeadlineCandidate[] = []
  for (let index = 0; index <= Math.min(bodyStart, lines.length - 1); index++) {
    const named = namesSubject(lines[index]!, lead)
    // Far above the body only the subject's name counts: an infobox may stand between.
    if ((index < bodyStart - WINDOW && !named) || !isCandidate(context, index)) continue
    const line = lines[index]!
    let score = 0
    score += 3 * overlap(line.words, opening, context.stopWords)
    score += named ? SUBJECT_BONUS : lengthScore(line)
    // Closer is likelier; the first lines below a headline are often a
    // standfirst, a caption, a byline and a date, so the cost grows slowly.
    score -= Math.min(2, 0.06 * (bodyStart - index))
    // A text pasted by hand often starts with its headline.
    if (index === firstContent && bodyStart - index <= 6) score += 2
    // A page prints its headline again (the title strip, a breadcrumb, a share
    // text); menus repeat too, but a menu's items are not a headline's length.
    if ((counts.get(line.key) ?? 1) > 1) score += headlineSized(line) ? REPEATED_HEADLINE : 0.3
    if (introducesArticle(context, index)) score += 1
    // A headline stands above its byline; a line between the byline and the body
    // is a photo's or a gallery's title, a caption or a standfirst.
    if (byline !== undefined && index > byline) score -= BELOW_BYLINE
    if (standsOut(lines, index)) score += 0.5
    if (isShouted(line.value)) score -= 1
    if (sections.has(line.key) && !named) score -= 2
    if (isBreadcrumb(line.value)) score -= 2
    // A breadcrumb ends in the page's own title: "Home > Fables > The Greedy Dog".
    if (crumbs.has(line.key)) score += 1
    candidates.push({index, score})
  }
  return candidates
}

/**
 * The lead paragraph opens with the line's words, as an encyclopedia's or
 * a reference's does with its subject ("Mozilla is a free-software
 * community…"): the title however short, and wherever it stands above.
 */
function namesSubject(line: Line, lead: readonly string[]): boolean {
  const {words} = line
  return words.length > 0 && words.length <= SUBJECT_WORDS && words.length < lead.length && words.every((word, at) => lead[at] === word)
}

interface Context extends HeadlineContext {
  /** Whether a line is a date line; asked often of the same lines, so remembered. */
  readonly isDate: (index: number) => boolean
}

function isCandidate(context: Context, index: number): boolean {
  const {value, size, words} = context.lines[index]!
  return (
    !context.furniture.has(index) &&
    !isWrapped(context.lines, index) &&
    // Text set in columns (a table's row, a plain-text memo's header) is two fields, not a title.
    !/\S(?:\s{3,}|\t)\S/u.test(value) &&
    size >= 6 &&
    words.length <= 30 &&
    !endsLikeProse(value) &&
    bylineNames(value) === undefined &&
    !context.isDate(index)
  )
}

/** A headline says in few words what the article says: between 4 and 20 words is the usual. */
function lengthScore({size, words}: Line): number {
  if (size < 10) return -2
  if (size > 180) return -1
  if (size < 25 && !(words.length >= 4 && size >= 15)) return -0.5
  return 1
}

/** The share of a candidate's content words that the body's opening uses. */
function overlap(words: readonly string[], opening: ReadonlySet<string>, stopWords: ReadonlySet<string> | undefined): number {
  const content = words.filter((word) => !stopWords?.has(word) && latinSize(word) >= 3)
  if (content.length === 0) return 0
  return content.filter((word) => opening.has(word) || opening.has(stem(word))).length / content.length
}

/** The words of the body's opening, and their first five letters (a crude stem, so "sanctions" meets "sanction"). */
function openingWords(context: HeadlineContext): Set<string> {
  const opening = new Set<string>()
  let count = 0
  for (let index = context.bodyStart; index < context.lines.length && count < OPENING_WORDS; index++) {
    // Its paragraphs, not the buttons and teasers between them.
    if (!context.lines[index]!.prose || context.furniture.has(index)) continue
    for (const word of context.lines[index]!.words) {
      opening.add(word)
      opening.add(stem(word))
      count++
    }
  }
  return opening
}

function stem(word: string): string {
  return [...word].slice(0, 5).join('')
}

/**
 * A byline or a date follows within the next few lines, or further down
 * past nothing but shorter lines that end no sentence: the share and print
 * buttons a page sets between its headline and its byline.
 */
function introducesArticle(context: Context, index: number): boolean {
  const {lines} = context
  for (let next = index + 1; next <= Math.min(index + BUTTONS_REACH, lines.length - 1); next++) {
    if (bylineNames(lines[next]!.value) !== undefined || context.isDate(next)) return true
    if (next >= index + 4 && (lines[next]!.size >= lines[index]!.size || lines[next]!.prose)) return false
  }
  return false
}

/** The last byline line above the body, near enough to be the article's. */
function lastByline(context: Context): number | undefined {
  for (let index = context.bodyStart - 1; index >= Math.max(0, context.bodyStart - WINDOW); index--) {
    const line = context.lines[index]!
    if (!context.furniture.has(index) && line.words.length <= 16 && bylineNames(line.value) !== undefined) return index
  }
  return undefined
}

/** Of a headline's length: a few words, more than a menu item's. */
function headlineSized(line: Line): boolean {
  return lengthScore(line) === 1 && line.words.length >= 4
}

/** Longer than the lines on either side, as a headline is in a menu's column of items. */
function standsOut(lines: readonly Line[], index: number): boolean {
  const {size} = lines[index]!
  const around = [lines[index - 1], lines[index + 1]].filter((line): line is Line => line !== undefined)
  return around.every((line) => line.size * 2 <= size)
}

/** Capitals throughout, in a cased script: a section's label ("AFRICA", "TOP POST"), rarely a headline. */
function isShouted(value: string): boolean {
  return hasCasedLetters(value) && value === value.toUpperCase() && value.split(/\s+/u).length <= 5
}

/** The last step of a breadcrumb, as a line's key is written. */
function lastCrumb(value: string): string {
  return squash(value.split(/\s[>›»/|]\s/u).at(-1) ?? '')
}

/**
 * "News > World > Africa", "Home / Sport / Football": the path to a page,
 * ending in its title; or switches between a page's versions ("ひらがな ←→ 日本語").
 */
function isBreadcrumb(value: string): boolean {
  return (value.match(/\s[>›»/|]\s|[←→↔⇄⇆]/gu)?.length ?? 0) >= 2
}
