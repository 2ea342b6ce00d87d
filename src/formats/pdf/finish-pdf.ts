/**
 * Finish a PDF that Chromium printed: document metadata Chromium has no
 * option for, outline titles repaired, dates fixed for reproducible bytes.
 *
 * pdf-lib rewrites the file from the objects reachable from the catalog, and
 * the structure tree (/StructTreeRoot, /MarkInfo) hangs off the catalog, so
 * the tags survive; the end-to-end tests check `pdfinfo` still says Tagged.
 */
import {createHash} from 'node:crypto'
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFRef, PDFStream, PDFString, type PDFObject} from 'pdf-lib'
import {rewriteContent} from './content-stream.ts'
import {markArtifacts} from './mark-artifacts.ts'
import {dropSoftHyphenSpans} from './soft-hyphens.ts'

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
  setFacts(pdf, facts)
  repairOutline(pdf, facts.headings)
  return savePdf(pdf)
}

/** Document metadata Chromium has no option for, and fixed dates. */
export function setFacts(pdf: PDFDocument, facts: PdfFacts): void {
  pdf.setTitle(facts.title, {showInWindowTitleBar: true})
  if (facts.author) pdf.setAuthor(facts.author)
  if (facts.subject) pdf.setSubject(facts.subject)
  if (facts.keywords && facts.keywords.length > 0) pdf.setKeywords([...facts.keywords])
  pdf.setCreator(facts.creator)
  pdf.setProducer('imprint with Skia/PDF')
  pdf.setCreationDate(facts.date)
  pdf.setModificationDate(facts.date)
  pdf.catalog.set(PDFName.of('Lang'), PDFString.of(facts.lang))
}

/** Save with a document /ID hashed from the finished file (see `setDocumentId`). */
export async function savePdf(pdf: PDFDocument): Promise<Uint8Array> {
  rewriteContent(pdf, [dropSoftHyphenSpans, markArtifacts])
  describeFigures(pdf)
  renumberStructureIds(pdf)
  renumberObjects(pdf)
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(ID_PLACEHOLDER), PDFHexString.of(ID_PLACEHOLDER)])
  const saved = await pdf.save({useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false})
  return setDocumentId(saved)
}

export interface OutlineEntry {
  readonly title: string
  /** 0-based index of the page the entry opens. */
  readonly pageIndex: number
}

/**
 * Replace Chromium's outline (every heading of every article) with a flat
 * one of our own, such as one entry per article of a book.
 */
export function setOutline(pdf: PDFDocument, entries: readonly OutlineEntry[]): void {
  const pages = pdf.getPages()
  const root = pdf.context.obj({Type: 'Outlines'})
  const rootRef = pdf.context.register(root)
  const refs = entries.map(() => pdf.context.nextRef())
  entries.forEach((entry, index) => {
    const page = pages[entry.pageIndex]
    if (!page) throw new TypeError(`outline entry “${entry.title}” names page ${entry.pageIndex + 1} of ${pages.length}`)
    const item = pdf.context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: rootRef,
      Dest: [page.ref, 'XYZ', null, null, null]
    })
    if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!)
    if (index < entries.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!)
    pdf.context.assign(refs[index]!, item)
  })
  if (entries.length > 0) {
    root.set(PDFName.of('First'), refs[0]!)
    root.set(PDFName.of('Last'), refs.at(-1)!)
    root.set(PDFName.of('Count'), pdf.context.obj(entries.length))
  }
  pdf.catalog.set(PDFName.of('Outlines'), rootRef)
}

/**
 * Outline entries in document order: title and 0-based page index, at any
 * depth. Chromium writes each destination as `[pageRef /XYZ x y z]`.
 */
export function readOutline(pdf: PDFDocument): OutlineEntry[] {
  const pageIndex = new Map(pdf.getPages().map((page, index) => [page.ref.toString(), index]))
  const entries: OutlineEntry[] = []
  const visit = (first: PDFDict | undefined): void => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = item.lookup(PDFName.of('Title'))
      const dest = item.lookup(PDFName.of('Dest'))
      const target = dest instanceof PDFArray ? dest.get(0) : undefined
      const index = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined
      if ((title instanceof PDFString || title instanceof PDFHexString) && index !== undefined) {
        entries.push({title: title.decodeText(), pageIndex: index})
      }
      visit(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  visit(pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict))
  return entries
}

/**
 * Page labels (PDF 32000-1 §12.4.2), so a viewer's page box shows the
 * printed folios: front matter in roman numerals, the body from 1.
 */
export function setPageLabels(pdf: PDFDocument, bodyStart: number): void {
  const nums = bodyStart > 0 ? [0, pdf.context.obj({S: 'r'}), bodyStart, pdf.context.obj({S: 'D'})] : [0, pdf.context.obj({S: 'D'})]
  pdf.catalog.set(PDFName.of('PageLabels'), pdf.context.obj({Nums: nums}))
}

/**
 * Chromium tags an HTML `<figure>` as a /Figure and the `<img>` in it as a
 * /Figure of its own, and writes the image's alt text on the inner one
 * only. PDF/UA (ISO 14289-1 § 7.3, Matterhorn 13-004) wants an alternative
 * description on every /Figure, so a /Figure with neither /Alt nor
 * /ActualText gets the alt text of the figures inside it, in document
 * order. One that has none inside (a captioned image with `alt=""`) is left
 * as it is: the caption is not a description of the image, and nothing
 * here could write one.
 */
function describeFigures(pdf: PDFDocument): void {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!root) return
  const seen = new Set<PDFDict>()
  const elements = (value: PDFObject | undefined): PDFDict[] => {
    const node = value instanceof PDFRef ? pdf.context.lookup(value) : value
    if (node instanceof PDFArray) return node.asArray().flatMap(elements)
    // Marked-content and object references are dicts too, but have no /S.
    return node instanceof PDFDict && node.has(PDFName.of('S')) && !seen.has(node) ? [node] : []
  }
  // The alt texts of an element's subtree, outermost first: a described element stands for what is inside it.
  const described = (element: PDFDict): string[] => {
    const own = textOf(element, 'Alt')
    if (own) return [own]
    return elements(element.get(PDFName.of('K'))).flatMap(described)
  }
  const visit = (element: PDFDict): void => {
    seen.add(element)
    const kids = elements(element.get(PDFName.of('K')))
    if (element.get(PDFName.of('S')) === PDFName.of('Figure') && !textOf(element, 'Alt') && !textOf(element, 'ActualText')) {
      const alts = [...new Set(kids.flatMap(described))]
      if (alts.length > 0) element.set(PDFName.of('Alt'), PDFHexString.fromText(alts.join('; ')))
      else undescribed(element, kids)
    }
    kids.forEach(visit)
  }
  elements(root.get(PDFName.of('K'))).forEach(visit)
}

/**
 * A `<figure>` whose image has empty alt text: the image is drawn as an
 * artifact (mark-artifacts.ts), and what is left to read is its caption. A
 * /Figure stands for its alternate description, which it has none of, so it
 * becomes a /Div, and its /Caption a paragraph, read as the text it is.
 */
function undescribed(figure: PDFDict, kids: readonly PDFDict[]): void {
  figure.set(PDFName.of('S'), PDFName.of('Div'))
  for (const kid of kids) if (kid.get(PDFName.of('S')) === PDFName.of('Caption')) kid.set(PDFName.of('S'), PDFName.of('P'))
}

/** A text string entry of a dict, if it is there and not blank. */
function textOf(dict: PDFDict, key: string): string | undefined {
  const value = dict.lookup(PDFName.of(key))
  const text = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText().trim() : ''
  return text === '' ? undefined : text
}

/** Where a structure element's name is written or referred to. */
const ID_KEYS = new Set(['/ID', '/Headers'])

/**
 * Chromium names structure elements (a table's header cell, which each
 * data cell names in its /Headers) after DOM node numbers, and those count
 * every node the renderer made before, in an order of its own: the same
 * document printed second in a tab got other names, in another order, and
 * other bytes. Name them in document order, `node00000001` on, and write
 * the ID tree again, sorted by the new names.
 */
function renumberStructureIds(pdf: PDFDocument): void {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  const tree = root?.lookupMaybe(PDFName.of('IDTree'), PDFDict)
  if (!root || !tree) return
  // Each name's element, from the old tree.
  const elements = new Map<string, PDFObject>()
  const collect = (node: PDFDict): void => {
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray)
    for (let at = 0; pairs && at + 1 < pairs.size(); at += 2) {
      const key = pairs.lookup(at)
      if (key instanceof PDFString || key instanceof PDFHexString) elements.set(key.decodeText(), pairs.get(at + 1))
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (let at = 0; kids && at < kids.size(); at++) collect(kids.lookup(at, PDFDict))
  }
  collect(tree)
  // New names in document order: depth first through /K.
  const renamed = new Map<string, string>()
  const seen = new Set<PDFDict>()
  const walk = (value: PDFObject | undefined): void => {
    const node = value instanceof PDFRef ? pdf.context.lookup(value) : value
    if (node instanceof PDFArray) {
      for (let at = 0; at < node.size(); at++) walk(node.get(at))
    } else if (node instanceof PDFDict && !seen.has(node)) {
      seen.add(node)
      const id = node.lookup(PDFName.of('ID'))
      if ((id instanceof PDFString || id instanceof PDFHexString) && !renamed.has(id.decodeText())) {
        renamed.set(id.decodeText(), `node${String(renamed.size + 1).padStart(8, '0')}`)
      }
      walk(node.get(PDFName.of('K')))
    }
  }
  walk(root.get(PDFName.of('K')))
  if (renamed.size === 0) return
  const rename = (value: PDFObject): PDFObject => {
    if (value instanceof PDFString || value instanceof PDFHexString) {
      const name = renamed.get(value.decodeText())
      return name === undefined ? value : PDFString.of(name)
    }
    if (value instanceof PDFArray) value.asArray().forEach((item, at) => value.set(at, rename(item)))
    return value
  }
  const visit = (value: PDFObject): void => {
    if (value instanceof PDFDict) {
      for (const [key, item] of value.entries()) {
        if (ID_KEYS.has(key.asString())) value.set(key, rename(item))
        else visit(item)
      }
    } else if (value instanceof PDFArray) {
      for (const item of value.asArray()) visit(item)
    }
  }
  for (const [, object] of pdf.context.enumerateIndirectObjects()) visit(object)
  const pairs = [...elements]
    .flatMap(([old, element]) => (renamed.has(old) ? [[renamed.get(old)!, element] as const] : []))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([name, element]) => [PDFString.of(name), element])
  root.set(PDFName.of('IDTree'), pdf.context.obj({Names: pairs}))
}

/**
 * Number the objects in the order they are reached from the trailer, and
 * drop those nothing reaches. Chromium numbers some structure elements in
 * an order that depends on what the renderer did before, so the same
 * document could be written with its objects in another order; reached in
 * the document's own order, they always come out the same.
 */
function renumberObjects(pdf: PDFDocument): void {
  const {context} = pdf
  const {Root, Info} = context.trailerInfo
  const renumbered = new Map<PDFRef, PDFRef>()
  const objects: PDFObject[] = []
  const reach = (ref: PDFRef): PDFRef => {
    let next = renumbered.get(ref)
    if (!next) {
      next = PDFRef.of(renumbered.size + 1)
      renumbered.set(ref, next)
      objects.push(context.lookup(ref) ?? PDFNull)
    }
    return next
  }
  const roots = [Root, Info].filter((ref): ref is PDFRef => ref instanceof PDFRef)
  roots.forEach(reach)
  // Breadth first, rewriting each reference as it is reached: every object is visited once.
  const rewrite = (value: PDFObject): PDFObject => {
    if (value instanceof PDFRef) return reach(value)
    if (value instanceof PDFDict) for (const [key, item] of value.entries()) value.set(key, rewrite(item))
    else if (value instanceof PDFArray) value.asArray().forEach((item, at) => value.set(at, rewrite(item)))
    else if (value instanceof PDFStream) rewrite(value.dict)
    return value
  }
  for (let at = 0; at < objects.length; at++) rewrite(objects[at]!)
  for (const [ref] of context.enumerateIndirectObjects()) context.delete(ref)
  for (const next of renumbered.values()) context.assign(next, objects[next.objectNumber - 1]!)
  context.largestObjectNumber = renumbered.size
  if (Root instanceof PDFRef) context.trailerInfo.Root = renumbered.get(Root)!
  if (Info instanceof PDFRef) context.trailerInfo.Info = renumbered.get(Info)!
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
