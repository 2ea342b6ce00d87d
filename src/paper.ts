/**
 * The paper sizes a PDF can be printed on: the one table every stage reads,
 * from the command line's choices to the @page rule, the book's full-bleed
 * cover and the booklet's sheet.
 */

export interface PaperSize {
  /** The CSS `@page { size }` keyword. */
  readonly css: string
  /** Width and height in millimetres, portrait. */
  readonly mm: readonly [number, number]
}

export const PAPER_SIZES = {
  a4: {css: 'A4', mm: [210, 297]},
  letter: {css: 'letter', mm: [215.9, 279.4]},
  a5: {css: 'A5', mm: [148, 210]}
} as const satisfies Record<string, PaperSize>

export type Paper = keyof typeof PAPER_SIZES

/** In the order the command line lists them; the first is the default. */
export const PAPERS = Object.keys(PAPER_SIZES) as Paper[]

/** PostScript points per millimetre: PDF measures in points. */
export const POINTS_PER_MM = 72 / 25.4
