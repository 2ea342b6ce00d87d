/**
 * Impose a PDF for saddle-stitch folding: each landscape sheet side holds two
 * pages side by side, in the order that reads right once the printed stack is
 * folded in half and stapled at the fold. Blank pages pad the count to a
 * multiple of 4, since every folded sheet carries four pages.
 */
import {PDFDocument, type PDFEmbeddedPage} from 'pdf-lib'

export interface ImposeOptions {
  /** Title and creation date for the imposed file's metadata. */
  readonly title: string
  readonly date: Date
  readonly creator: string
}

/** Sheets per page size: two A5 pages fit an A4 sheet, an A4 or Letter page shrinks onto its own size. */
const MM = 72 / 25.4
const A4_LANDSCAPE: readonly [number, number] = [297 * MM, 210 * MM]

export async function imposeBooklet(bytes: Uint8Array, options: ImposeOptions): Promise<Uint8Array> {
  const source = await PDFDocument.load(bytes, {updateMetadata: false})
  const count = source.getPageCount()
  if (count === 0) throw new TypeError('cannot impose an empty PDF')
  const booklet = await PDFDocument.create({updateMetadata: false})
  const pages = await booklet.embedPages(source.getPages())
  const [sheetWidth, sheetHeight] = sheetSize(pages[0]!)

  for (const [left, right] of bookletOrder(count)) {
    const sheet = booklet.addPage([sheetWidth, sheetHeight])
    for (const [slot, index] of [left, right].entries()) {
      const page = index === undefined ? undefined : pages[index]
      if (!page) continue // a padding page stays blank
      const half = sheetWidth / 2
      const scale = Math.min(half / page.width, sheetHeight / page.height)
      const width = page.width * scale
      const height = page.height * scale
      sheet.drawPage(page, {x: slot * half + (half - width) / 2, y: (sheetHeight - height) / 2, width, height})
    }
  }
  booklet.setTitle(options.title)
  booklet.setCreator(options.creator)
  booklet.setProducer('imprint with pdf-lib')
  booklet.setCreationDate(options.date)
  booklet.setModificationDate(options.date)
  return booklet.save({useObjectStreams: false, addDefaultPage: false})
}

/**
 * Page indexes (0-based) for each sheet side, left then right; `undefined`
 * is a blank. With n pages padded to m: sheet k's front carries m-1-2k and
 * 2k, its back 2k+1 and m-2-2k. For 8 pages: [8,1] [2,7] [6,3] [4,5] in
 * page numbers.
 */
export function bookletOrder(count: number): Array<[number | undefined, number | undefined]> {
  const padded = Math.ceil(count / 4) * 4
  const real = (index: number) => (index < count ? index : undefined)
  const sides: Array<[number | undefined, number | undefined]> = []
  for (let sheet = 0; sheet < padded / 4; sheet++) {
    sides.push([real(padded - 1 - 2 * sheet), real(2 * sheet)])
    sides.push([real(2 * sheet + 1), real(padded - 2 - 2 * sheet)])
  }
  return sides
}

/**
 * The landscape sheet: A5 pages go two-up on A4 at full size; larger pages
 * (A4, Letter) are printed on a sheet of their own size turned sideways,
 * each page shrunk to half of it, as office printers' booklet modes do.
 */
function sheetSize(first: PDFEmbeddedPage): [number, number] {
  const short = Math.min(first.width, first.height)
  const long = Math.max(first.width, first.height)
  if (long <= A4_LANDSCAPE[1] + 1) return [...A4_LANDSCAPE]
  return [long, short]
}
