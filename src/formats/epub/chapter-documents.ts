/**
 * An EPUB's content documents: each chapter copied into a `<body>` of our
 * own, made safe to package (no scripts, frames, handlers or resources
 * outside the manifest), then hast -> xast -> XHTML.
 */
import type {Element as HastElement, ElementContent as HastContent} from 'hast'
import {toText} from 'hast-util-to-text'
import {toXast} from 'hast-util-to-xast'
import {h} from 'hastscript'
import {SKIP, visit} from 'unist-util-visit'
import type {Element} from 'xast'
import type {Direction} from '../../article.ts'
import {serialize} from './xml.ts'

/** EPUB 3 Structural Semantics a chapter can be a landmark for. */
export type Landmark = 'cover' | 'titlepage' | 'bodymatter' | 'backmatter'

export const STYLESHEET_HREF = 'style.css'

/** A chapter as `emitEpub` receives it. */
export interface ChapterSource {
  readonly id: string
  readonly title: string
  readonly lang: string
  readonly dir: Direction
  /** The `<body>`'s content wrapper, such as the rendered `<article>`. */
  readonly body: HastElement
  /** A later part of a chapter split for size (see split-chapter.ts). */
  readonly continued?: boolean
  readonly landmark?: Landmark
}

/** A chapter ready to serialize; `body` is now a `<body>` element of our own. */
export interface PreparedChapter extends ChapterSource {
  readonly href: string
  /** Manifest properties: `svg`, `mathml`. */
  readonly properties: readonly string[]
}

/**
 * Elements an EPUB must not carry: scripts would make it a scripted
 * publication, frames and plug-ins load remote content, and head-only
 * elements are invalid in a body. epub-gen-memory passes all of them through.
 */
const DROPPED = new Set([
  'applet', 'base', 'embed', 'frame', 'frameset', 'iframe', 'link', 'meta',
  'noscript', 'object', 'script', 'style', 'template'
])

export const OPS_NS = 'http://www.idpf.org/2007/ops'
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML'

/**
 * Copy the chapter into a `<body>` and make it safe to package: drop comments
 * (XHTML forbids `--` in them, and some e-readers choke on them) and the
 * `DROPPED` elements, remove event handlers, `javascript:` links and
 * `srcset`, and require every `src` to name one of the resources.
 */
export function prepareChapter(chapter: ChapterSource, hrefs: ReadonlySet<string>): PreparedChapter {
  const {tagName} = chapter.body
  if (tagName === 'html' || tagName === 'head') {
    throw new TypeError(`chapter \`${chapter.id}\`: body must be the <body>'s content wrapper, not <${tagName}>`)
  }
  const copy = structuredClone(chapter.body)
  const body = tagName === 'body' ? copy : h('body', [copy])
  const properties = new Set<string>()
  visit(body, (node, index, parent) => {
    const type: string = node.type
    if (type !== 'element' && type !== 'text' && type !== 'comment') {
      throw new TypeError(`chapter \`${chapter.id}\`: cannot serialize a \`${type}\` node to XHTML; parse it to elements first`)
    }
    if (node.type === 'element' && !DROPPED.has(node.tagName)) {
      cleanElement(node, chapter.id, hrefs)
      if (node.tagName === 'svg') properties.add('svg')
      if (node.tagName === 'math') properties.add('mathml')
    }
    // A <source> whose srcset was removed has nothing left to offer.
    const dropped =
      node.type === 'comment' ||
      (node.type === 'element' &&
        (DROPPED.has(node.tagName) || (node.tagName === 'source' && node.properties.src === undefined)))
    if (dropped && parent && index !== undefined) {
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    return undefined
  })
  return {
    id: chapter.id,
    href: `${chapter.id}.xhtml`,
    title: chapter.title,
    lang: chapter.lang,
    dir: chapter.dir,
    body,
    properties: [...properties].sort(),
    continued: chapter.continued ?? false,
    landmark: chapter.landmark
  }
}

/**
 * The credits line and the notice must reach the reader word for word. The
 * rendered article normally carries them; if a chapter lost them, append them
 * to the last one, inside its article so they share its language and style.
 */
export function appendMissingAttribution(
  chapters: readonly PreparedChapter[],
  credits: string | undefined,
  notice: readonly string[]
): void {
  const text = collapse(chapters.map((chapter) => toText(chapter.body)).join('\n'))
  const missing: HastContent[] = []
  if (credits && credits.trim() !== '' && !text.includes(collapse(credits))) {
    missing.push(h('p', {className: ['credits'], dataImprint: 'credits'}, credits))
  }
  if (notice.some((paragraph) => paragraph.trim() !== '' && !text.includes(collapse(paragraph)))) {
    missing.push(h('section', {className: ['notice'], dataImprint: 'notice'}, notice.map((paragraph) => h('p', paragraph))))
  }
  const last = chapters.at(-1)
  if (!last || missing.length === 0) return
  const elements = last.body.children.filter((child): child is HastElement => child.type === 'element')
  const target = elements.length === 1 && elements[0] ? elements[0] : last.body
  target.children.push(...missing)
}

/** One prepared chapter as an XHTML content document. */
export function buildChapterDocument(chapter: PreparedChapter): string {
  const html = h('html', {lang: chapter.lang, xmlLang: chapter.lang, dir: chapter.dir, 'xmlns:epub': OPS_NS}, [
    h('head', [
      h('title', chapter.title),
      h('link', {rel: 'stylesheet', type: 'text/css', href: STYLESHEET_HREF})
    ]),
    chapter.body
  ])
  const tree = toXast(html)
  if (tree.type !== 'element') throw new TypeError('expected an element from hast-util-to-xast')
  declareMathml(tree)
  return serialize(tree, true)
}

/** A `--name` that starts a token (a custom property or `-->`), not a BEM `block--modifier`. */
export function findCustomProperty(code: string): {name: string; index: number} | undefined {
  const match = /(?:^|[^\p{L}\p{N}_-])(--[\p{L}\p{N}_-]*)/u.exec(code)
  const name = match?.[1]
  return match && name ? {name, index: match.index + match[0].length - name.length} : undefined
}

function cleanElement(node: HastElement, chapter: string, hrefs: ReadonlySet<string>): void {
  const {properties} = node
  for (const [key, value] of Object.entries(properties)) {
    // `on*` handlers make a scripted publication; `srcset` names images outside the manifest.
    const unsafe =
      /^on/i.test(key) ||
      key === 'srcSet' ||
      key === 'sizes' ||
      (/^(?:href|xLinkHref)$/.test(key) && typeof value === 'string' && /^\s*javascript:/i.test(value))
    if (unsafe) delete properties[key]
  }
  const {style, src} = properties
  const custom = typeof style === 'string' ? findCustomProperty(style) : undefined
  if (custom) {
    throw new TypeError(`chapter \`${chapter}\`: style \`${String(style)}\` uses \`${custom.name}\`; e-readers drop custom properties, resolve them first`)
  }
  if (src !== undefined && src !== null && !hrefs.has(String(src))) {
    throw new TypeError(
      `chapter \`${chapter}\`: <${node.tagName} src="${String(src)}"> is not among the resources; ` +
        'an EPUB may not load remote or data: URLs, so pass the bytes as an EpubResource and point src at its href'
    )
  }
}

/**
 * hast-util-to-xast gives `<svg>` its namespace but leaves MathML in the
 * XHTML one, where EPUBCheck rejects it; declare it on each `<math>`.
 */
function declareMathml(node: Element): void {
  if (node.name === 'math' && node.attributes.xmlns === undefined) node.attributes.xmlns = MATHML_NS
  for (const child of node.children) if (child.type === 'element') declareMathml(child)
}

function collapse(value: string): string {
  return value.replace(/[ \t\n\r\f]+/g, ' ').trim()
}
