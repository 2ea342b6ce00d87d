/**
 * The XML documents of an EPUB 3 package, built as trees and serialized once:
 * chapters (made safe to package, then hast -> xast -> XML), the package
 * document (OPF), the navigation document and an NCX for EPUB 2 readers.
 *
 * Nothing here joins markup from strings: text and attribute values are
 * escaped by xast-util-to-xml, so a title such as `a < b & "c"` cannot break
 * a document.
 */
import type {Element as HastElement, ElementContent as HastContent} from 'hast'
import {toText} from 'hast-util-to-text'
import {toXast} from 'hast-util-to-xast'
import {h} from 'hastscript'
import {SKIP, visit} from 'unist-util-visit'
import type {Element, ElementContent, Root} from 'xast'
import {toXml} from 'xast-util-to-xml'
import type {ArticleMeta, Direction} from '../../article.ts'
import {accessibilityMetadata, type AccessibilityFacts} from './accessibility.ts'

/** Everything the package documents need, resolved by `emitEpub`. */
export interface PackagePlan {
  readonly identifier: string
  readonly meta: ArticleMeta
  /** `dcterms:modified`, `YYYY-MM-DDThh:mm:ssZ`. */
  readonly modified: string
  readonly description: string
  readonly rights?: string
  readonly contributor?: string
  /** MARC relator of the bylines: `aut` for an article's authors, `edt` for a book's editors. */
  readonly creatorRole?: 'aut' | 'edt'
  readonly chapters: readonly PlannedChapter[]
  readonly resources: readonly PlannedResource[]
  /** Images and their text alternatives: the EPUB Accessibility 1.1 claims. */
  readonly accessibility: AccessibilityFacts
}

/** EPUB 3 Structural Semantics a chapter can be a landmark for. */
export type Landmark = 'cover' | 'titlepage' | 'bodymatter' | 'backmatter'

export interface PlannedChapter {
  readonly id: string
  readonly href: string
  readonly title: string
  /** A landmark in the nav; the first chapter is `bodymatter` when none is. */
  readonly landmark?: Landmark
  /** Manifest properties: `svg`, `mathml`. */
  readonly properties: readonly string[]
  /** A later part of a split chapter: in the spine, not in the table of contents. */
  readonly continued?: boolean
}

export interface PlannedResource {
  readonly id: string
  readonly href: string
  readonly mediaType: string
  readonly cover: boolean
}

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

export const STYLESHEET_HREF = 'style.css'
export const NAV_HREF = 'toc.xhtml'
export const NCX_HREF = 'toc.ncx'

/**
 * Elements an EPUB must not carry: scripts would make it a scripted
 * publication, frames and plug-ins load remote content, and head-only
 * elements are invalid in a body. epub-gen-memory passes all of them through.
 */
const DROPPED = new Set([
  'applet', 'base', 'embed', 'frame', 'frameset', 'iframe', 'link', 'meta',
  'noscript', 'object', 'script', 'style', 'template'
])

const OPS_NS = 'http://www.idpf.org/2007/ops'
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

/** The package document (`content.opf`). */
export function buildPackageDocument(plan: PackagePlan): string {
  const {meta} = plan
  const creators = meta.bylines.length > 0 ? meta.bylines : meta.publisher ? [meta.publisher] : []
  const metadata: Element[] = [
    x('dc:identifier', {id: 'pub-id'}, [plan.identifier]),
    x('dc:title', {id: 'title'}, [meta.title]),
    x('dc:language', {}, [meta.lang]),
    ...creators.flatMap((name, index) => [
      x('dc:creator', {id: `creator-${index + 1}`}, [name]),
      // Bylines are authors; a publisher standing in for none stays unroled.
      ...(meta.bylines.length > 0
        ? [x('meta', {refines: `#creator-${index + 1}`, property: 'role', scheme: 'marc:relators'}, [plan.creatorRole ?? 'aut'])]
        : [])
    ]),
    ...(meta.publisher ? [x('dc:publisher', {}, [meta.publisher])] : []),
    ...(meta.keywords ?? []).map((keyword) => x('dc:subject', {}, [keyword])),
    ...(plan.contributor ? [x('dc:contributor', {}, [plan.contributor])] : []),
    x('dc:date', {}, [meta.date ?? plan.modified]),
    ...(meta.sourceUrl ? [x('dc:source', {}, [meta.sourceUrl])] : []),
    ...(plan.rights ? [x('dc:rights', {}, [plan.rights])] : []),
    x('dc:description', {}, [plan.description]),
    x('meta', {property: 'dcterms:modified'}, [plan.modified]),
    ...accessibilityMetadata(plan.accessibility).map(([property, value]) => x('meta', {property}, [value]))
  ]
  const cover = plan.resources.find((resource) => resource.cover)
  // EPUB 2 reading systems find the cover only through this meta.
  if (cover) metadata.push(x('meta', {name: 'cover', content: cover.id}))

  const manifest = [
    x('item', {id: 'nav', href: NAV_HREF, 'media-type': 'application/xhtml+xml', properties: 'nav'}),
    x('item', {id: 'ncx', href: NCX_HREF, 'media-type': 'application/x-dtbncx+xml'}),
    x('item', {id: 'css', href: STYLESHEET_HREF, 'media-type': 'text/css'}),
    ...plan.chapters.map((chapter) =>
      x('item', {
        id: chapter.id,
        href: chapter.href,
        'media-type': 'application/xhtml+xml',
        properties: chapter.properties.length > 0 ? chapter.properties.join(' ') : undefined
      })
    ),
    ...plan.resources.map((resource) =>
      x('item', {
        id: resource.id,
        href: resource.href,
        'media-type': resource.mediaType,
        properties: resource.cover ? 'cover-image' : undefined
      })
    )
  ]
  const spine = x(
    'spine',
    {toc: 'ncx', 'page-progression-direction': meta.dir === 'rtl' ? 'rtl' : undefined},
    plan.chapters.map((chapter) => x('itemref', {idref: chapter.id}))
  )
  const opf = x(
    'package',
    {
      xmlns: 'http://www.idpf.org/2007/opf',
      version: '3.0',
      'unique-identifier': 'pub-id',
      'xml:lang': meta.lang,
      dir: meta.dir
    },
    [
      x('metadata', {'xmlns:dc': 'http://purl.org/dc/elements/1.1/'}, metadata),
      x('manifest', {}, manifest),
      spine
    ]
  )
  return serialize(indent(opf), false)
}

/** The EPUB 3 navigation document: the table of contents and landmarks. */
export function buildNavDocument(plan: PackagePlan): string {
  const {meta} = plan
  const marked = plan.chapters.filter((chapter) => chapter.landmark !== undefined)
  const first = plan.chapters[0]
  const landmarks = marked.some((chapter) => chapter.landmark === 'bodymatter') || !first ? marked : [{...first, landmark: 'bodymatter' as const}, ...marked]
  const html = h('html', {lang: meta.lang, xmlLang: meta.lang, dir: meta.dir, 'xmlns:epub': OPS_NS}, [
    h('head', [
      h('title', meta.title),
      h('link', {rel: 'stylesheet', type: 'text/css', href: STYLESHEET_HREF})
    ]),
    h('body', [
      h('nav', {'epub:type': 'toc', role: 'doc-toc', id: 'toc'}, [
        h('h1', meta.title),
        h('ol', listed(plan).map((chapter) => h('li', [h('a', {href: chapter.href}, chapter.title)])))
      ]),
      // Landmarks let a reading system open the book at its text, not at the nav.
      h('nav', {'epub:type': 'landmarks', id: 'landmarks', hidden: true}, [
        h('ol', [
          // No `toc` landmark: the nav is not in the spine, and EPUBCheck
          // (RSC-011) refuses links to documents outside it.
          ...landmarks.map((chapter) => h('li', [h('a', {'epub:type': chapter.landmark, href: chapter.href}, chapter.title)]))
        ])
      ])
    ])
  ])
  const tree = toXast(html)
  if (tree.type !== 'element') throw new TypeError('expected an element from hast-util-to-xast')
  return serialize(tree, true)
}

/** The NCX, for EPUB 2 reading systems; its `dtb:uid` must equal `dc:identifier`. */
export function buildNcx(plan: PackagePlan): string {
  const ncx = x('ncx', {xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1', 'xml:lang': plan.meta.lang}, [
    x('head', {}, [
      x('meta', {name: 'dtb:uid', content: plan.identifier}),
      x('meta', {name: 'dtb:depth', content: '1'}),
      x('meta', {name: 'dtb:totalPageCount', content: '0'}),
      x('meta', {name: 'dtb:maxPageNumber', content: '0'})
    ]),
    x('docTitle', {}, [x('text', {}, [plan.meta.title])]),
    x(
      'navMap',
      {},
      listed(plan).map((chapter, index) =>
        x('navPoint', {id: `navpoint-${index + 1}`, playOrder: String(index + 1)}, [
          x('navLabel', {}, [x('text', {}, [chapter.title])]),
          x('content', {src: chapter.href})
        ])
      )
    )
  ])
  return serialize(indent(ncx), false)
}

/** The chapters the table of contents names: the first part of each. */
function listed(plan: PackagePlan): PlannedChapter[] {
  return plan.chapters.filter((chapter) => !chapter.continued)
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
 * Serialize a document element with the XML declaration (and, for XHTML, the
 * HTML doctype). Empty elements are self-closed: EPUB reading systems parse
 * content documents as XML, where `<br/>` is the only unambiguous form.
 *
 * xast-util-to-xml 4.0 escapes `<` and `&` but leaves `]]>` in text, which
 * XML 1.0 §2.4 forbids outside CDATA; we write no CDATA, so every `]]>` is
 * text or an attribute value and `]]&#62;` means the same characters.
 */
function serialize(element: Element, xhtml: boolean): string {
  const root: Root = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'},
      {type: 'text', value: '\n'},
      ...(xhtml ? [{type: 'doctype', name: 'html'} as const, {type: 'text', value: '\n'} as const] : []),
      element,
      {type: 'text', value: '\n'}
    ]
  }
  return toXml(root, {closeEmptyElements: true, tightClose: true}).replaceAll(']]>', ']]&#62;')
}

/**
 * hast-util-to-xast gives `<svg>` its namespace but leaves MathML in the
 * XHTML one, where EPUBCheck rejects it; declare it on each `<math>`.
 */
function declareMathml(node: Element): void {
  if (node.name === 'math' && node.attributes.xmlns === undefined) node.attributes.xmlns = MATHML_NS
  for (const child of node.children) if (child.type === 'element') declareMathml(child)
}

/** Line breaks between element-only children, so the OPF and NCX read well in a diff. */
function indent(node: Element, depth = 0): Element {
  if (node.children.length === 0 || node.children.some((child) => child.type !== 'element')) return node
  const inner = '\n' + '  '.repeat(depth + 1)
  const children: ElementContent[] = []
  for (const child of node.children) {
    children.push({type: 'text', value: inner}, child.type === 'element' ? indent(child, depth + 1) : child)
  }
  children.push({type: 'text', value: '\n' + '  '.repeat(depth)})
  return {...node, children}
}

/** A xast element; `undefined` attributes are left out, strings become text. */
function x(
  name: string,
  attributes: Readonly<Record<string, string | undefined>>,
  children: ReadonlyArray<Element | string> = []
): Element {
  const defined: Record<string, string> = {}
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) defined[key] = value
  return {
    type: 'element',
    name,
    attributes: defined,
    children: children.map((child) => (typeof child === 'string' ? {type: 'text', value: child} : child))
  }
}

function collapse(value: string): string {
  return value.replace(/[ \t\n\r\f]+/g, ' ').trim()
}
