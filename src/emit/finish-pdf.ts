/**
 * Finish a PDF that Chromium printed: document metadata Chromium has no
 * option for, outline titles repaired, dates fixed for reproducible bytes.
 *
 * pdf-lib rewrites the file from the objects reachable from the catalog, and
 * the structure tree (/StructTreeRoot, /MarkInfo) hangs off the catalog, so
 * the tags survive; the end-to-end tests check `pdfinfo` still says Tagged.
 */
import {createHash} from 'node:crypto'
import {PDFDict, PDFDocument, PDFHexString, PDFName, PDFString} from 'pdf-lib'

export interface PdfFacts {
  readonly title: string
  readonly author?: string
  readonly subject?: string
  readonly keywords?: readonly string[]
  readonly lang: string
  /** Heading texts as written, to repair outline titles. */
  readonly headings: readonly string[]
  /** Creation and modification date. */
  readonly date: Date
  readonly creator: string
}

export async function finishPdf(bytes: Uint8Array, facts: PdfFacts): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, {updateMetadata: false})
  pdf.setTitle(facts.title, {showInWindowTitleBar: true})
  if (facts.author) pdf.setAuthor(facts.author)
  if (facts.subject) pdf.setSubject(facts.subject)
  if (facts.keywords && facts.keywords.length > 0) pdf.setKeywords([...facts.keywords])
  pdf.setCreator(facts.creator)
  pdf.setProducer('imprint with Skia/PDF')
  pdf.setCreationDate(facts.date)
  pdf.setModificationDate(facts.date)
  pdf.catalog.set(PDFName.of('Lang'), PDFString.of(facts.lang))
  repairOutline(pdf, facts.headings)
  setDocumentId(pdf, bytes, facts)
  return pdf.save({useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false})
}

/**
 * The trailer /ID (ISO 32000-1 § 14.4) names this exact document. Chromium's
 * print has none, and tools that add one use a random value; ours is a hash
 * of what went in, so the same sources give the same bytes, and a changed
 * article or date gives a new /ID.
 */
function setDocumentId(pdf: PDFDocument, printed: Uint8Array, facts: PdfFacts): void {
  const hash = createHash('sha256')
    .update(printed)
    .update(JSON.stringify({...facts, date: facts.date.toISOString()}))
    .digest('hex')
    .slice(0, 32)
  // Both halves are equal: this file was never modified after it was made.
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(hash), PDFHexString.of(hash)])
}

/**
 * Chromium drops the space where a heading wraps when it writes the
 * bookmark title ("Solution ToIsland Dispute"). Match each bookmark to the
 * heading whose text is the same once white space is removed, and put the
 * heading's own text back.
 */
function repairOutline(pdf: PDFDocument, headings: readonly string[]): void {
  const byKey = new Map(headings.map((heading) => [squeeze(heading), heading.replace(/\s+/g, ' ').trim()]))
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const visit = (first: PDFDict | undefined): void => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = item.lookup(PDFName.of('Title'))
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const fixed = byKey.get(squeeze(title.decodeText()))
        if (fixed !== undefined) item.set(PDFName.of('Title'), PDFHexString.fromText(fixed))
      }
      visit(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict))
}

function squeeze(text: string): string {
  return text.replace(/[\s\u00ad]+/g, '')
}
