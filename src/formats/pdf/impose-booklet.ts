/**
 * Impose a PDF for saddle-stitch folding: each landscape sheet side holds two
 * pages side by side, in the order that reads right once the printed stack is
 * folded in half and stapled at the fold. Blank pages pad the count to a
 * multiple of 4, since every folded sheet carries four pages. The pages are
 * printed for it at half the sheet (A5 for A4, half-letter for Letter), so
 * they go on at full size; a right-to-left booklet is bound on the right,
 * and its pages run from right to left across each sheet.
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
import {POINTS_PER_MM, type PaperSize} from '../../paper.ts'

export interface ImposeOptions {
  /** Title and creation date for the imposed file's metadata. */
  readonly title: string
  readonly date: Date
  readonly creator: string
  /** The sheet, printed landscape: each side holds two pages. */
  readonly sheet: PaperSize
  /** Bound on the right: page 1 is the left half of the outer sheet's front. */
  readonly rtl?: boolean
}

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
  const [sheetWidth, sheetHeight] = [options.sheet.mm[1] * POINTS_PER_MM, options.sheet.mm[0] * POINTS_PER_MM]

  for (const side of bookletOrder(count)) {
    const sheet = booklet.addPage([sheetWidth, sheetHeight])
    for (const [slot, index] of (options.rtl ? [...side].reverse() : side).entries()) {
      const page = index === undefined ? undefined : pages[index]
      if (!page) continue // a padding page stays blank
      const half = sheetWidth / 2
      const scale = Math.min(1, half / page.width, sheetHeight / page.height)
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
 * stream of operators split anywhere) goes through embedPage instead; a
 * blank page is undefined, and its half of the sheet stays white.
 */
async function formPages(source: PDFDocument, booklet: PDFDocument): Promise<Array<FormPage | undefined>> {
  const copier = PDFObjectCopier.for(source.context, booklet.context)
  return Promise.all(
    source.getPages().map(async (page): Promise<FormPage | undefined> => {
      const {width, height} = page.getSize()
      const contents = page.node.Contents()
      // A blank page (a book's empty verso) has nothing to draw.
      if (contents === undefined) return undefined
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
