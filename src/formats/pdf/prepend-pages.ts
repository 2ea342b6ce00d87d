/**
 * Put one tagged PDF's pages in front of another's, structure and all.
 *
 * pdf-lib's copyPages copies pages alone. In a tagged PDF each page's
 * /StructParents, and each link's /StructParent, is a key into the document's
 * parent tree (PDF 32000-1 §14.7.4.4): copied alone, the front matter's keys
 * would name the body's elements, and a screen reader would read the body's
 * text for the contents page. So the front's structure elements go first
 * under the body's document element, and its parent tree's entries move to
 * fresh keys after the body's, with the pages and links renumbered to match.
 */
import {PDFArray, PDFDict, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, PDFRef, type PDFDocument, type PDFObject} from 'pdf-lib'

/** Insert every page of `front` before the first page of `body`; returns how many. */
export function prependPages(body: PDFDocument, front: PDFDocument): number {
  const copier = PDFObjectCopier.for(front.context, body.context)
  const frontRoot = structTreeRoot(front)
  const bodyRoot = structTreeRoot(body)
  const frontTop = frontRoot ? topElements(frontRoot, front.catalog.get(PDFName.of('StructTreeRoot')) as PDFRef) : undefined
  // Cut the top elements loose from the front's tree first, or copying them would copy all of it.
  for (const kid of frontTop?.items ?? []) {
    const element = kid instanceof PDFRef ? front.context.lookup(kid) : kid
    if (element instanceof PDFDict) element.delete(PDFName.of('P'))
  }

  // Pages are copied by reference, so that the elements' /Pg and /Obj find the same copies.
  const pages = front.getPages().map((page) => {
    const ref = copier.copy(page.ref) as PDFRef
    return PDFPage.of(body.context.lookup(ref) as PDFPageLeaf, ref, body)
  })
  pages.forEach((page, index) => body.insertPage(index, page))
  // Without a structure on both sides there are no keys to keep apart.
  if (!frontRoot || !bodyRoot) return pages.length

  const offset = nextKey(bodyRoot)
  for (const page of pages) {
    shiftKey(page.node, 'StructParents', offset)
    const annots = page.node.Annots()
    for (let at = 0; at < (annots?.size() ?? 0); at++) shiftKey(annots!.lookup(at, PDFDict), 'StructParent', offset)
  }
  // One flat tree of the body's entries, then the front's under their new keys.
  const tree = bodyRoot.lookup(PDFName.of('ParentTree'), PDFDict)
  const entries = [
    ...numberTree(body, tree, true),
    ...numberTree(front, frontRoot.lookup(PDFName.of('ParentTree'), PDFDict)).map(([key, value]): [number, PDFObject] => [key + offset, copier.copy(value)])
  ]
  const nums = PDFArray.withContext(body.context)
  for (const [key, value] of entries) {
    nums.push(PDFNumber.of(key))
    nums.push(value)
  }
  tree.delete(PDFName.of('Kids'))
  tree.delete(PDFName.of('Limits'))
  tree.set(PDFName.of('Nums'), nums)
  bodyRoot.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(offset + nextKey(frontRoot)))

  const bodyTop = topElements(bodyRoot, body.catalog.get(PDFName.of('StructTreeRoot')) as PDFRef)
  const copied = frontTop!.items.map((kid) => copier.copy(kid))
  for (const kid of copied) {
    const element = kid instanceof PDFRef ? body.context.lookup(kid) : kid
    if (element instanceof PDFDict) element.set(PDFName.of('P'), bodyTop.parent)
  }
  bodyTop.holder.set(PDFName.of('K'), body.context.obj([...copied, ...bodyTop.items]))
  return pages.length
}

function structTreeRoot(pdf: PDFDocument): PDFDict | undefined {
  return pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
}

interface TopElements {
  /** The document element, or the root when there is none. */
  readonly holder: PDFDict
  /** The holder's reference: the /P of its children. */
  readonly parent: PDFRef
  readonly items: PDFObject[]
}

/**
 * The elements at the top of a structure tree: the children of its one
 * document element (Chromium writes a /Document), else the root's own.
 */
function topElements(root: PDFDict, rootRef: PDFRef): TopElements {
  const k = root.get(PDFName.of('K'))
  const document = k instanceof PDFRef ? root.context.lookupMaybe(k, PDFDict) : undefined
  const isDocument = document?.get(PDFName.of('S')) === PDFName.of('Document')
  const holder = isDocument ? document! : root
  const value = holder.get(PDFName.of('K'))
  const list = value instanceof PDFRef ? holder.context.lookupMaybe(value, PDFArray) ?? value : value
  return {holder, parent: isDocument ? (k as PDFRef) : rootRef, items: list instanceof PDFArray ? list.asArray() : list ? [list] : []}
}

/** /ParentTreeNextKey, or one past the parent tree's highest key when it is missing. */
function nextKey(root: PDFDict): number {
  const next = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)
  if (next) return next.asNumber()
  const tree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict)
  return tree ? Math.max(-1, ...numberTree(undefined, tree).map(([key]) => key)) + 1 : 0
}

/**
 * A number tree's entries, leaves in order (§7.9.7). With `pdf` and
 * `release`, its nodes are dropped from the file: the tree is written anew.
 */
function numberTree(pdf: PDFDocument | undefined, node: PDFDict, release = false): Array<[number, PDFObject]> {
  const entries: Array<[number, PDFObject]> = []
  const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray)
  for (let at = 0; nums && at + 1 < nums.size(); at += 2) entries.push([nums.lookup(at, PDFNumber).asNumber(), nums.get(at + 1)])
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
  for (let at = 0; kids && at < kids.size(); at++) {
    entries.push(...numberTree(pdf, kids.lookup(at, PDFDict), release))
    const ref = kids.get(at)
    if (release && pdf && ref instanceof PDFRef) pdf.context.delete(ref)
  }
  return entries
}

function shiftKey(dict: PDFDict, name: string, offset: number): void {
  const key = dict.lookupMaybe(PDFName.of(name), PDFNumber)
  if (key) dict.set(PDFName.of(name), PDFNumber.of(key.asNumber() + offset))
}
