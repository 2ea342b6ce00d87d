/**
 * Point each `<img src="images/<hash>.<ext>">` at the copy its output carries:
 * - the web page embeds a data: URI, so it stays one standalone file that
 *   loads nothing;
 * - the print page loads the original from file:// inside the content root,
 *   which the PDF printer's allow-list admits (images without a local file,
 *   from data: or --allow-remote, go in as data: URIs);
 * - the EPUB chapter keeps the href: the image is a resource of that name.
 * An `<img>` that names no asset is removed, so no output ever loads a URL
 * the resources pass did not check.
 */
import {pathToFileURL} from 'node:url'
import type {Root} from 'hast'
import {SKIP, visit} from 'unist-util-visit'
import type {ImageAsset} from '../article.ts'
import type {Target} from './target.ts'

export function bindImages(tree: Root, images: readonly ImageAsset[], target: Target): void {
  const byHref = new Map(images.map((image) => [image.href, image]))
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'img') return undefined
    const image = byHref.get(String(node.properties.src ?? ''))
    if (!image) {
      if (parent && index !== undefined) parent.children.splice(index, 1)
      return [SKIP, index]
    }
    node.properties.src = sourceFor(image, target)
    return undefined
  })
}

function sourceFor(image: ImageAsset, target: Target): string {
  switch (target) {
    case 'epub':
      return image.href
    case 'print':
      if (image.path) return pathToFileURL(image.path).href
      return dataUri(image)
    case 'page':
      return dataUri(image)
  }
}

function dataUri(image: ImageAsset): string {
  return `data:${image.mediaType};base64,${image.base64}`
}
