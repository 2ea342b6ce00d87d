/**
 * Join tagged PDFs into one, structure and all: a book is printed in parts
 * (cover, front matter, each article, colophon) and joined here.
 *
 * pdf-lib's copyPages copies pages alone. In a tagged PDF each page's
 * /StructParents, and each link's /StructParent, is a key into the document's
 * parent tree (PDF 32000-1 §14.7.4.4): copied alone, a part's keys would
 * name another part's elements, and a screen reader would read the wrong
 * text for a page. So each part's structure elements go under the joined
 * document's element after those before it, its parent tree's entries move
 * to fresh keys, with its pages and links renumbered to match, and the
 * names its table cells use for their headers (/ID, the ID tree) are made
 * its own, since every part's Chromium numbered them from the same start.
 */
import {PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, PDFRef, PDFString, type PDFDocument, type PDFObject} from 'pdf-lib'

/** Append every page of `source` after the last page of `target`; returns how many. `prefix` makes the part's element names its own. */
export function appendPages(target: PDFDocument, source: PDFDocument, prefix: string): number {
  const copier = PDFObjectCopier.for(source.context, target.context)
  const sourceRoot = structTreeRoot(source)
  const targetRoot = structTreeRoot(target)
  if (sourceRoot) renameIds(source, sourceRoot, prefix)
  const sourceTop = sourceRoot ? topElements(sourceRoot, source.catalog.get(PDFName.of('StructTreeRoot')) as PDFRef) : undefined
  // Cut the top elements loose from the source's tree first, or copying them would copy all of it.
  for (const kid of sourceTop?.items ?? []) {
    const element = kid instanceof PDFRef ? source.context.lookup(kid) : kid
    if (element instanceof PDFDict) element.delete(PDFName.of('P'))
  }

  // Pages are copied by reference, so that the elements' /Pg and /Obj find the same copies.
  const pages = source.getPages().map((page) => {
    const ref = copier.copy(page.ref) as PDFRef
    return PDFPage.of(target.context.lookup(ref) as PDFPageLeaf, ref, target)
  })
  for (const page of pages) target.addPage(page)
  // Without a structure on both sides there are no keys to keep apart.
  if (!sourceRoot || !targetRoot) return pages.length

  const offset = nextKey(targetRoot)
  for (const page of pages) {
    shiftKey(page.node, 'StructParents', offset)
    const annots = page.node.Annots()
    for (let at = 0; at < (annots?.size() ?? 0); at++) shiftKey(annots!.lookup(at, PDFDict), 'StructParent', offset)
  }
  // One flat tree of the target's entries, then the source's under their new keys.
  const tree = targetRoot.lookup(PDFName.of('ParentTree'), PDFDict)
  const entries = [
    ...numberTree(target, tree, true),
    ...numberTree(source, sourceRoot.lookup(PDFName.of('ParentTree'), PDFDict)).map(([key, value]): [number, PDFObject] => [key + offset, copier.copy(value)])
  ]
  const nums = PDFArray.withContext(target.context)
  for (const [key, value] of entries) {
    nums.push(PDFNumber.of(key))
    nums.push(value)
  }
  tree.delete(PDFName.of('Kids'))
  tree.delete(PDFName.of('Limits'))
  tree.set(PDFName.of('Nums'), nums)
  targetRoot.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(offset + nextKey(sourceRoot)))

  const targetTop = topElements(targetRoot, target.catalog.get(PDFName.of('StructTreeRoot')) as PDFRef)
  const copied = sourceTop!.items.map((kid) => copier.copy(kid))
  for (const kid of copied) {
    const element = kid instanceof PDFRef ? target.context.lookup(kid) : kid
    if (element instanceof PDFDict) element.set(PDFName.of('P'), targetTop.parent)
  }
  targetTop.holder.set(PDFName.of('K'), target.context.obj([...targetTop.items, ...copied]))
  mergeIdTrees(target, targetRoot, sourceRoot, copier)
  return pages.length
}

/** A blank page after the last, of the size of the page before it: the verso a part leaves empty. */
export function addBlankPage(pdf: PDFDocument, at = pdf.getPageCount()): void {
  const model = pdf.getPage(Math.max(0, Math.min(at, pdf.getPageCount()) - 1))
  const {width, height} = model.getSize()
  pdf.insertPage(at, [width, height])
}

/** Prefix every element name in the source (its /ID, the /Headers that refer to it, its ID tree's keys). */
function renameIds(pdf: PDFDocument, root: PDFDict, prefix: string): void {
  const rename = (value: PDFObject | undefined): PDFObject | undefined =>
    value instanceof PDFString || value instanceof PDFHexString ? PDFString.of(prefix + value.decodeText()) : value
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || !object.has(PDFName.of('S'))) continue
    const id = rename(object.get(PDFName.of('ID')))
    if (id) object.set(PDFName.of('ID'), id)
    const headers = object.lookupMaybe(PDFName.of('Headers'), PDFArray)
    headers?.asArray().forEach((item, at) => headers.set(at, rename(item)!))
  }
  const tree = root.lookupMaybe(PDFName.of('IDTree'), PDFDict)
  if (tree) root.set(PDFName.of('IDTree'), pdf.context.obj({Names: nameTree(tree).flatMap(([name, value]) => [PDFString.of(prefix + name), value])}))
}

/** The target's ID tree with the source's names added, as one flat, sorted /Names array. */
function mergeIdTrees(target: PDFDocument, targetRoot: PDFDict, sourceRoot: PDFDict, copier: PDFObjectCopier): void {
  const incoming = sourceRoot.lookupMaybe(PDFName.of('IDTree'), PDFDict)
  if (!incoming) return
  const own = targetRoot.lookupMaybe(PDFName.of('IDTree'), PDFDict)
  const pairs = [...(own ? nameTree(own) : []), ...nameTree(incoming).map(([name, value]): [string, PDFObject] => [name, copier.copy(value)])]
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  targetRoot.set(PDFName.of('IDTree'), target.context.obj({Names: pairs.flatMap(([name, value]) => [PDFString.of(name), value])}))
}

/** A name tree's entries, leaves in order (§7.9.6). */
function nameTree(node: PDFDict): Array<[string, PDFObject]> {
  const entries: Array<[string, PDFObject]> = []
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)
  for (let at = 0; names && at + 1 < names.size(); at += 2) {
    const key = names.lookup(at)
    if (key instanceof PDFString || key instanceof PDFHexString) entries.push([key.decodeText(), names.get(at + 1)])
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
  for (let at = 0; kids && at < kids.size(); at++) entries.push(...nameTree(kids.lookup(at, PDFDict)))
  return entries
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
  // /K is one kid or an array of them, either of which may be a reference.
  const resolved = value instanceof PDFRef ? holder.context.lookup(value) : undefined
  const list = resolved instanceof PDFArray ? resolved : value
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
