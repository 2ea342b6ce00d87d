/**
 * The lead image the metadata names (`image: photo.jpg`, Hugo's
 * `featured_image`, PaperMod's `cover.image`, Astro's `heroImage`…), put
 * into the tree as the figure a reader marks `lead`, so the resources pass
 * reads it like any image of the source: from inside the source's folder,
 * offline unless `--allow-remote`, checked by its bytes.
 *
 * The source's own lead photo wins: a page or Markdown file that opens
 * with one keeps it, and the metadata only fills its alt text, caption and
 * credit (normalize does that). A lead the text reader knows only by its
 * caption gets the image. An image the body already shows (a Hugo post's
 * `featured_image` is often its first figure too) is not shown twice.
 */
import {posix} from 'node:path'
import type {Element, Root} from 'hast'
import type {Role} from '../article.ts'
import type {MetaInput} from '../schema/meta.ts'

export function placeLeadImage(tree: Root, image: MetaInput['image']): void {
  if (image?.src === undefined) return
  const img: Element = {type: 'element', tagName: 'img', properties: {src: image.src, ...(image.alt === undefined ? {} : {alt: image.alt})}, children: []}
  if (showsImage(tree, image.src)) return
  const lead = findLead(tree)
  if (lead && hasImage(lead)) return
  if (lead) {
    lead.children.unshift(img)
    return
  }
  tree.children.unshift({type: 'element', tagName: 'figure', properties: {dataImprint: 'lead' satisfies Role}, children: [img]})
}

function findLead(node: Root | Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.properties.dataImprint === ('lead' satisfies Role)) return child
    const found = findLead(child)
    if (found) return found
  }
  return undefined
}

/** Whether an image of the tree has this address, `./img/a.jpg` and `img/a.jpg` alike. */
function showsImage(node: Root | Element, src: string): boolean {
  const same = (address: unknown) => typeof address === 'string' && posix.normalize(address) === posix.normalize(src)
  return node.children.some((child) => child.type === 'element' && ((child.tagName === 'img' && same(child.properties.src)) || showsImage(child, src)))
}

function hasImage(node: Element): boolean {
  return node.children.some((child) => child.type === 'element' && (child.tagName === 'img' || hasImage(child)))
}
