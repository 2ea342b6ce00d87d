/**
 * Finish a PDF that Chromium printed: document metadata Chromium has no
 * option for, outline titles repaired, dates fixed for reproducible bytes.
 *
 * pdf-lib rewrites the file from the objects reachable from the catalog, and
 * the structure tree (/StructTreeRoot, /MarkInfo) hangs off the catalog, so
 * the tags survive; the end-to-end tests check `pdfinfo` still says Tagged.
 */
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
  return pdf.save({useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false})
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
