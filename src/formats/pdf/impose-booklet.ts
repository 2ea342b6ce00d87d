/**
 * Impose a PDF for saddle-stitch folding: each landscape sheet side holds two
 * pages side by side, in the order that reads right once the printed stack is
 * folded in half and stapled at the fold. Blank pages pad the count to a
 * multiple of 4, since every folded sheet carries four pages.
 */
import {
  concatTransformationMatrix,
  drawObject,
  PDFArray,
  PDFDocument,
  PDFName,
  PDFObjectCopier,
  PDFRawStream,
  popGraphicsState,
  pushGraphicsState,
  type PDFRef
} from 'pdf-lib'
import {PAPER_SIZES, POINTS_PER_MM} from '../../paper.ts'

export interface ImposeOptions {
  /** Title and creation date for the imposed file's metadata. */
  readonly title: string
  readonly date: Date
  readonly creator: string
}

/** Two A5 pages fit an A4 sheet side by side, at full size. */
const A4_LANDSCAPE: readonly [number, number] = [PAPER_SIZES.a4.mm[1] * POINTS_PER_MM, PAPER_SIZES.a4.mm[0] * POINTS_PER_MM]

/**
 * `source` is the PDF's bytes, or the document itself when the caller has
 * it loaded already (a book's PDF is hundreds of pages: one parse less).
 */
export async function imposeBooklet(source: Uint8Array | PDFDocument, options: ImposeOptions): Promise<Uint8Array> {
  const document = source instanceof PDFDocument ? source : await PDFDocument.load(source, {updateMetadata: false})
  const count = document.getPageCount()
  if (count === 0) throw new TypeError('cannot impose an empty PDF')
  const booklet = await PDFDocument.create({updateMetadata: false})
  const pages = await formPages(document, booklet)
  const [sheetWidth, sheetHeight] = sheetSize(pages[0]!)

  for (const [left, right] of bookletOrder(count)) {
    const sheet = booklet.addPage([sheetWidth, sheetHeight])
    for (const [slot, index] of [left, right].entries()) {
      const page = index === undefined ? undefined : pages[index]
      if (!page) continue // a padding page stays blank
      const half = sheetWidth / 2
      const scale = Math.min(half / page.width, sheetHeight / page.height)
      const x = slot * half + (half - page.width * scale) / 2
      const y = (sheetHeight - page.height * scale) / 2
      const name = sheet.node.newXObject('Page', page.ref)
      sheet.pushOperators(pushGraphicsState(), concatTransformationMatrix(scale, 0, 0, scale, x, y), drawObject(name), popGraphicsState())
    }
  }
  booklet.setTitle(options.title)
  booklet.setCreator(options.creator)
  booklet.setProducer('imprint with pdf-lib')
  booklet.setCreationDate(options.date)
  booklet.setModificationDate(options.date)
  return booklet.save({useObjectStreams: false, addDefaultPage: false})
}

/** A source page as a Form XObject of the booklet, and its size in points. */
interface FormPage {
  readonly ref: PDFRef
  readonly width: number
  readonly height: number
}

/**
 * Every page as a Form XObject (PDF 32000-1 §8.10) that reuses the page's
 * one content stream as it is, still compressed, with its resources copied
 * once for all pages. pdf-lib's embedPages decompresses every page's content
 * and compresses it again when saving: for a book of 200 pages that was most
 * of the booklet's time. A page with several content streams (they are one
 * stream of operators split anywhere) goes through embedPage instead.
 */
async function formPages(source: PDFDocument, booklet: PDFDocument): Promise<FormPage[]> {
  const copier = PDFObjectCopier.for(source.context, booklet.context)
  return Promise.all(
    source.getPages().map(async (page): Promise<FormPage> => {
      const {width, height} = page.getSize()
      const contents = page.node.Contents()
      const stream = contents instanceof PDFArray && contents.size() === 1 ? contents.lookup(0) : contents
      if (!(stream instanceof PDFRawStream)) {
        const embedded = await booklet.embedPage(page)
        return {ref: embedded.ref, width: embedded.width, height: embedded.height}
      }
      const box = page.getMediaBox()
      const form = copier.copy(stream)
      form.dict.set(PDFName.of('Type'), PDFName.of('XObject'))
      form.dict.set(PDFName.of('Subtype'), PDFName.of('Form'))
      form.dict.set(PDFName.of('BBox'), booklet.context.obj([box.x, box.y, box.x + box.width, box.y + box.height]))
      // The form's origin is the page's lower left corner, as embedPage places it.
      form.dict.set(PDFName.of('Matrix'), booklet.context.obj([1, 0, 0, 1, -box.x, -box.y]))
      const resources = page.node.getInheritableAttribute(PDFName.of('Resources'))
      if (resources) form.dict.set(PDFName.of('Resources'), copier.copy(resources))
      return {ref: booklet.context.register(form), width, height}
    })
  )
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
function sheetSize(first: FormPage): [number, number] {
  const short = Math.min(first.width, first.height)
  const long = Math.max(first.width, first.height)
  if (long <= A4_LANDSCAPE[1] + 1) return [...A4_LANDSCAPE]
  return [long, short]
}
