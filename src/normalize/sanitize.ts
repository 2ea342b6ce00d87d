/**
 * Sanitize: the last step of normalize, after every step that could add
 * markup. Sources come from the web; what survives this schema is inert text
 * and structure: no script, no event handler, no form, no frame, no style
 * attribute (so no CSS `url()`), no foreign SVG, no `javascript:` URL, no
 * `srcset`, no `data:` URL but a raster image's.
 *
 * URLs are checked after the HTML parser has decoded them, so `jav&#x09;ascript:`
 * arrives as `jav\tascript:`, whose scheme is not on the allow-list; the
 * scheme match is case-sensitive, so `JaVaScRiPt:` fails it too.
 */
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import type {Schema} from 'hast-util-sanitize'
import rehypeSanitize from 'rehype-sanitize'
import {unified} from 'unified'

/**
 * An image source: a relative path, an http(s) URL (the resource policy
 * decides whether remote ones stay), or a `data:` URL of a raster image.
 * Not `//host/…`, which the reader's browser would fetch from the network;
 * not `data:image/svg+xml`, a document that can carry script when opened on
 * its own; not `data:text/html` and the like.
 */
const SAFE_SRC = /^(?:https?:\/\/|data:image\/(?:png|jpeg|gif|webp)[;,]|(?![a-z][a-z\d+.-]*:|[\\/]{2}))/i

const aria = ['ariaLabel', 'ariaDescribedBy', 'ariaLabelledBy', 'ariaHidden']
const text = ['lang', 'dir', 'title']

/** A table column's alignment, as GFM's `:--:` and old HTML's `align` give it, kept as a class (styles/base.css). */
const ALIGNMENTS = ['left', 'center', 'right'] as const
const ALIGN_CLASSES = ALIGNMENTS.map((value) => `align-${value}`)

/** Everything an article body may hold after normalize. */
export const ARTICLE_SCHEMA: Schema = {
  // `head` and `title` too: a page's head is no part of its article, and
  // unwrapped it would leave its title as a stray line of body text.
  strip: ['head', 'title', 'script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'select', 'textarea', 'button'],
  tagNames: [
    'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'hr', 'br', 'div', 'span', 'section', 'aside',
    'figure', 'figcaption', 'img',
    // GFM task lists: a disabled checkbox in its label, nothing a reader can submit.
    'input', 'label',
    'a', 'em', 'strong', 'i', 'b', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark',
    'cite', 'q', 'abbr', 'dfn', 'time', 'bdi', 'bdo', 'wbr',
    'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'
  ],
  ancestors: {
    li: ['ul', 'ol'],
    tbody: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'], td: ['table'], th: ['table'],
    caption: ['table'], col: ['table'], colgroup: ['table'],
    figcaption: ['figure'], dt: ['dl'], dd: ['dl'],
    input: ['li']
  },
  attributes: {
    '*': [...text, ...aria, 'id', ['className', 'dateline', 'image-credit', 'footnotes', 'footnote', 'footnote-ref', 'footnote-backref', 'lead', 'task-list-item', 'contains-task-list', ...ALIGN_CLASSES]],
    a: ['href', 'rel', ['role', 'doc-noteref', 'doc-backlink'], 'dataFootnoteRef', 'dataFootnoteBackref'],
    img: [['src', SAFE_SRC], 'alt', 'width', 'height'],
    input: [['type', 'checkbox'], ['disabled', true], 'checked'],
    blockquote: ['cite'], q: ['cite'], del: ['cite', 'dateTime'], ins: ['cite', 'dateTime'],
    time: ['dateTime'],
    ol: ['start', 'reversed', 'type'], li: ['value'],
    td: ['colSpan', 'rowSpan', 'headers'], th: ['colSpan', 'rowSpan', 'headers', 'scope', 'abbr'],
    col: ['span'], colgroup: ['span'],
    aside: [['role', 'doc-footnote', 'doc-endnotes', 'note']],
    section: [['role', 'doc-endnotes']],
    bdo: ['dir']
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
    // `data:` stays allowed for images; the normalizer checks its media type.
    src: ['http', 'https', 'data']
  },
  // Ids are kept as written: nothing scripted reads these documents, so DOM
  // clobbering (the reason for the default prefix) cannot happen, and
  // footnote links need the ids intact.
  // A task-list checkbox must stay inert: `required` adds what a source left out.
  required: {input: {type: 'checkbox', disabled: true}},
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false
}

const processor = unified().use(rehypeSanitize, ARTICLE_SCHEMA)

/** Sanitize an article tree in place (returns the new tree). */
export function sanitize(tree: Root): Root {
  alignCells(tree)
  return processor.runSync(tree) as Root
}

/**
 * `align` on a table cell is obsolete HTML, and the schema drops it: a
 * cell's `align` of left, center or right becomes the class that sets it,
 * so a right-aligned column of figures stays right-aligned.
 */
function alignCells(tree: Root | Element): void {
  for (const child of tree.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'td' || child.tagName === 'th') {
      const value = String(child.properties.align ?? '').toLowerCase()
      if ((ALIGNMENTS as readonly string[]).includes(value)) {
        const classes = Array.isArray(child.properties.className) ? child.properties.className : []
        child.properties.className = [...classes, `align-${value}`]
      }
      delete child.properties.align
    }
    alignCells(child)
  }
}

/**
 * An image source that passes the same schema, or `undefined`. For URLs
 * lifted out of the tree before it is sanitized, such as the lead photo's.
 */
export function safeImageSrc(src: string | undefined): string | undefined {
  if (src === undefined) return undefined
  const clean = sanitize({type: 'root', children: [h('img', {src})]})
  const img = clean.children[0]
  const value = img?.type === 'element' ? img.properties.src : undefined
  return typeof value === 'string' ? value : undefined
}
