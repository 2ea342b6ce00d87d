/**
 * The paper sizes a PDF can be printed on: the one table every stage reads,
 * from the command line's choices to the @page rule, the cover's
 * proportions and the booklet's sheet. Besides the named sizes, any size is
 * written as WIDTHxHEIGHT with a unit: `6x9in`, `182x257mm`, `14.8x21cm`.
 */

/**
 * The paper traditions a size belongs to. They decide the booklet: ISO
 * paper folds A5 pages out of A4 sheets, North American paper half-letter
 * pages out of Letter sheets, the sheets every office printer holds.
 */
export type PaperFamily = 'iso' | 'us'

export interface PaperSize {
  /** The canonical spelling: `a4`, or `152.4x228.6mm` for a size of one's own. */
  readonly name: string
  /** Width and height in millimetres. */
  readonly mm: readonly [width: number, height: number]
  readonly family: PaperFamily
}

/** The named sizes people ask for, in the order the command line lists them; the first is the default. */
export const PAPER_SIZES = {
  a4: {mm: [210, 297], family: 'iso'},
  a5: {mm: [148, 210], family: 'iso'},
  a6: {mm: [105, 148], family: 'iso'},
  b5: {mm: [176, 250], family: 'iso'},
  letter: {mm: [215.9, 279.4], family: 'us'},
  legal: {mm: [215.9, 355.6], family: 'us'},
  'half-letter': {mm: [139.7, 215.9], family: 'us'}
} as const satisfies Record<string, Omit<PaperSize, 'name'>>

/** A paper as the build's settings carry it: a named size or a `WIDTHxHEIGHT` with a unit, in its canonical spelling. */
export type Paper = string

export const PAPERS = Object.keys(PAPER_SIZES) as Array<keyof typeof PAPER_SIZES>

/** The sheet and page of a booklet, by family: two pages side by side on each side of a sheet. */
export const BOOKLET_PAPER: Readonly<Record<PaperFamily, {readonly sheet: keyof typeof PAPER_SIZES; readonly page: keyof typeof PAPER_SIZES}>> = {
  iso: {sheet: 'a4', page: 'a5'},
  us: {sheet: 'letter', page: 'half-letter'}
}

/** A booklet of `paper`: the sheet it is imposed on, and the page it is printed on, half the sheet. */
export function bookletOf(paper: Paper): {readonly sheet: PaperSize; readonly page: Paper} {
  const {sheet, page} = BOOKLET_PAPER[paperSize(paper).family]
  return {sheet: paperSize(sheet), page}
}

/** PostScript points per millimetre: PDF measures in points. */
export const POINTS_PER_MM = 72 / 25.4

const MM_PER_UNIT: Readonly<Record<string, number>> = {mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72}

/** The smallest and largest sides imprint sets a page for: an A7 card, an A0 poster. */
const SMALLEST_MM = 74
const LARGEST_MM = 1189

const CUSTOM = /^(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)$/

/** How a size is written: the named ones and the pattern, for messages and help. */
export const PAPER_SPELLINGS = `${PAPERS.join(', ')}, or WIDTHxHEIGHT with a unit (mm, cm, in, pt) such as 6x9in or 182x257mm`

/**
 * Read a size as a person writes it (`A4`, `Half-Letter`, `6 x 9 in`,
 * `182x257mm`) and give it in its canonical spelling; a `TypeError` says
 * what is wrong with it.
 */
export function parsePaper(text: string): Paper {
  const spelled = text.trim().toLowerCase()
  const named = spelled.replace(/[\s_]+/g, '-')
  if (named in PAPER_SIZES) return named
  const size = readSize(spelled.replace(/\s+/g, ''))
  if (!size) throw new TypeError(`unknown paper \`${text}\`; use ${PAPER_SPELLINGS}`)
  if (size.mixed) throw new TypeError(`paper \`${text}\`: give both sides in one unit, such as 6x9in`)
  if (size.mm.some((side) => side < SMALLEST_MM || side > LARGEST_MM)) {
    throw new TypeError(`paper \`${text}\` is ${size.mm.join(' × ')} mm; each side must be from ${SMALLEST_MM} to ${LARGEST_MM} mm`)
  }
  return `${size.width}x${size.height}${size.unit}`
}

/** The size a paper names. A paper `parsePaper` did not give is a misuse: `TypeError`. */
export function paperSize(paper: Paper): PaperSize {
  if (paper in PAPER_SIZES) {
    const named = PAPER_SIZES[paper as keyof typeof PAPER_SIZES]
    return {name: paper, mm: named.mm, family: named.family}
  }
  const size = readSize(paper)
  if (!size || size.mixed) throw new TypeError(`paper \`${paper}\` is not a size: spell it as parsePaper gives it`)
  // A size in inches is North American paper: its booklet folds from Letter.
  return {name: paper, mm: size.mm, family: size.unit === 'in' ? 'us' : 'iso'}
}

interface WrittenSize {
  /** The numbers as written, without trailing zeros. */
  readonly width: number
  readonly height: number
  readonly unit: string
  readonly mm: [number, number]
  /** Each side given its own unit, and they differ. */
  readonly mixed: boolean
}

function readSize(text: string): WrittenSize | undefined {
  const match = CUSTOM.exec(text)
  if (!match) return undefined
  const [, width, widthUnit, height, unit] = match
  const mm = [Number(width), Number(height)].map((side) => round(side * MM_PER_UNIT[unit!]!)) as [number, number]
  return {width: Number(width), height: Number(height), unit: unit!, mm, mixed: widthUnit !== undefined && widthUnit !== unit}
}

/** A tenth of a millimetre is finer than any printer places a page. */
function round(mm: number): number {
  return Math.round(mm * 10) / 10
}
