/**
 * The printed page: how large the body type is, how wide the text block
 * (the measure), and the margins, for any paper; and the @page rules that
 * set them with the running head and the folio.
 *
 * A comfortable line of print holds 60 to 75 characters; imprint aims at
 * 66. How many ems that takes depends on the script (Noto Serif sets
 * English at half an em a character, Russian at 0.56, Armenian at 0.63,
 * Persian at 0.45), so the measure is worked out for the text's language,
 * and the type size is the largest that lets it fit the page with margins
 * of at least a fifth of its width: 11 pt on A4 and Letter, 10 to 10.5 pt
 * on A5, and 9 pt, the smallest imprint prints, on a pocket page (where the
 * line then holds fewer characters). Facing pages (books and booklets)
 * mirror their margins: the inner margin at the fold is two fifths of the
 * white, the outer three fifths, and the folio and running head sit at
 * the outer edge.
 */
import type {Direction} from '../article.ts'
import {paperSize, type Paper, type PaperSize} from '../paper.ts'

export interface PageLayout {
  readonly paper: PaperSize
  /** The body's type size, in points. */
  readonly fontPt: number
  /** Margins in millimetres; `inner` is at the fold (on a handout, the two sides are equal). */
  readonly inner: number
  readonly outer: number
  readonly top: number
  readonly bottom: number
}

/** Type sizes to choose from, largest first; below 9 pt a booklet is hard to read. */
const SIZES = [11, 10.5, 10, 9.5, 9]
const MM_PER_PT = 25.4 / 72
/** The characters a line aims at, and the fewest a type size may leave it before a smaller size is tried. */
const CHARACTERS = 66
const FEWEST = 62

/**
 * The average width of a character of running text set in the bundled
 * fonts, in ems, by script: measured on news prose (test fixtures and
 * sentences of the same kind) in Chromium.
 */
const EM_PER_CHARACTER: Readonly<Record<string, number>> = {Latn: 0.5, Cyrl: 0.56, Grek: 0.55, Geor: 0.55, Armn: 0.63, Hebr: 0.48, Arab: 0.45}

export function pageLayout(paper: Paper, facing: boolean, lang = 'en'): PageLayout {
  const size = paperSize(paper)
  const [width, height] = size.mm
  const em = emPerCharacter(lang)
  // The margins take at least a fifth of the width, and 28 mm on a small page.
  const available = width - Math.max(28, 0.2 * width)
  const fontPt = SIZES.find((pt) => FEWEST * em * pt * MM_PER_PT <= available) ?? SIZES.at(-1)!
  const measure = Math.min(CHARACTERS * em * fontPt * MM_PER_PT, available)
  const white = width - measure
  return {
    paper: size,
    fontPt,
    inner: round(facing ? white * 0.4 : white / 2),
    outer: round(facing ? white * 0.6 : white / 2),
    top: round(Math.max(14, height * 0.08)),
    bottom: round(Math.max(16, height * 0.1))
  }
}

/** The script's character width (see EM_PER_CHARACTER), by the language's likely script; Latin's when it is unknown. */
function emPerCharacter(lang: string): number {
  let script: string | undefined
  try {
    script = new Intl.Locale(lang).maximize().script
  } catch {
    // A tag Intl cannot read: Latin's width, the commonest.
  }
  return EM_PER_CHARACTER[script ?? 'Latn'] ?? EM_PER_CHARACTER.Latn!
}

/** What the margins of a printed document show. */
export interface PageText {
  /** The document's page progression: right to left, the first page is a left-hand one. */
  readonly dir: Direction
  /**
   * `handout`: one side, the head at the start of the line from the second
   * page on, "page k of n" at its end; `facing`: mirrored pages, the verso's
   * head and the recto's at the outer edge, the folio under them.
   */
  readonly kind: 'handout' | 'facing'
  /** Running heads as text: the verso's (every head of a handout) and the recto's. */
  readonly verso?: string
  readonly recto?: string
  /** The folio as CSS `content`: `counter(page)`, or "page k of n" built by `pageOfContent`. */
  readonly folio: string
  /** The first page's folio, when the document continues a book's numbering. */
  readonly firstFolio?: number
}

/**
 * The document's @page rules and type size. Chromium has no `string-set`,
 * so the heads are written into the rules as CSS strings; and it lets a
 * later @page rule win over an earlier `:first` whatever the spec says,
 * so `:first` comes last.
 */
export function pageCss(layout: PageLayout, text: PageText): string {
  const {paper, top, bottom, inner, outer} = layout
  const size = `size: ${paper.mm[0]}mm ${paper.mm[1]}mm; margin: ${top}mm 0 ${bottom}mm 0;`
  const start = text.dir === 'rtl' ? 'right' : 'left'
  const end = text.dir === 'rtl' ? 'left' : 'right'
  const head = (value: string | undefined) => (value === undefined ? 'none' : cssString(runningHead(value)))
  const rules =
    text.kind === 'handout'
      ? [
          `@page { ${size} margin-left: ${inner}mm; margin-right: ${outer}mm; @top-${start} { content: ${head(text.verso)}; } @bottom-${end} { content: ${text.folio}; } }`,
          `@page :first { @top-${start} { content: none; } }`
        ]
      : [
          `@page { ${size} }`,
          // Chromium turns the pages as the root's direction says: right to left, the first page is a
          // left-hand one, and the verso the right-hand one. The outer edge is the left of a left-hand page either way.
          `@page :left { ${sides('left', outer, inner)} @top-left { content: ${head(text.dir === 'rtl' ? text.recto : text.verso)}; } @bottom-left { content: ${text.folio}; } }`,
          `@page :right { ${sides('right', outer, inner)} @top-right { content: ${head(text.dir === 'rtl' ? text.verso : text.recto)}; } @bottom-right { content: ${text.folio}; } }`,
          // An opening page carries no running head.
          `@page :first { @top-left { content: none; } @top-right { content: none; } }`
        ]
  const counter = text.firstFolio === undefined ? '' : ` counter-reset: page ${text.firstFolio - 1};`
  return [...rules, `html { font-size: ${layout.fontPt}pt;${counter} }`].join('\n')
}

/** `"Page " counter(page) " of " counter(pages)` from a label such as `Page {page} of {pages}`, in the counter style of the language's digits. */
export function pageOfContent(template: string, style = 'decimal'): string {
  return template
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? `counter(page, ${style})` : part === '{pages}' ? `counter(pages, ${style})` : cssString(part)))
    .join(' ')
}

/** A CSS string literal; `<` is escaped so the text can never close <style>. */
export function cssString(text: string): string {
  return '"' + text.replace(/[\\"<\n\r]/g, (char) => '\\' + char.codePointAt(0)!.toString(16) + ' ') + '"'
}

/** The outer margin on `side`, the inner on the other. */
function sides(side: 'left' | 'right', outer: number, inner: number): string {
  return side === 'left' ? `margin-left: ${outer}mm; margin-right: ${inner}mm;` : `margin-left: ${inner}mm; margin-right: ${outer}mm;`
}

/** A head fits one line of the margin: a long title is cut at a word, with an ellipsis. */
function runningHead(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if ([...flat].length <= 60) return flat
  const cut = [...flat].slice(0, 58).join('')
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).replace(/[\s,;:.–—-]+$/u, '') + '…'
}

function round(mm: number): number {
  return Math.round(mm * 10) / 10
}
