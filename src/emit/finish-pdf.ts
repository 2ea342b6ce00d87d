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
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(ID_PLACEHOLDER), PDFHexString.of(ID_PLACEHOLDER)])
  const saved = await pdf.save({useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false})
  return setDocumentId(saved)
}

const ID_PLACEHOLDER = '0'.repeat(32)

/**
 * The trailer /ID (ISO 32000-1 § 14.4) names this exact document. Chromium's
 * print has none, and tools that add one use a random value; ours is a hash
 * of the finished file, so the same sources give the same bytes and any
 * change gives a new /ID. Chromium's raw output varies with the time zone in
 * places pdf-lib rewrites, so the hash is taken after saving, over the file
 * with a placeholder /ID, and written over the placeholder (same length, so
 * no offset moves).
 */
function setDocumentId(saved: Uint8Array): Uint8Array {
  const bytes = Buffer.from(saved)
  const placeholder = Buffer.from(`<${ID_PLACEHOLDER}> <${ID_PLACEHOLDER}>`, 'latin1')
  const at = bytes.lastIndexOf(placeholder)
  if (at === -1) throw new Error('pdf-lib did not write the trailer /ID placeholder')
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32)
  bytes.write(`<${hash}> <${hash}>`, at, 'latin1')
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
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
