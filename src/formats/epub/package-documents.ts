/**
 * The XML documents of an EPUB 3 package, built as trees and serialized once:
 * the package document (OPF), the navigation document and an NCX for EPUB 2
 * readers. The chapters are in chapter-documents.ts.
 *
 * Nothing here joins markup from strings: text and attribute values are
 * escaped by xast-util-to-xml, so a title such as `a < b & "c"` cannot break
 * a document.
 */
import {toXast} from 'hast-util-to-xast'
import {h} from 'hastscript'
import type {Element} from 'xast'
import type {ArticleMeta} from '../../article.ts'
import {accessibilityMetadata, type AccessibilityFacts} from './accessibility.ts'
import {OPS_NS, STYLESHEET_HREF, type Landmark} from './chapter-documents.ts'
import {indent, serialize, x} from './xml.ts'

/** Everything the package documents need, resolved by `emitEpub`. */
export interface PackagePlan {
  readonly identifier: string
  readonly meta: ArticleMeta
  /** `dcterms:modified`, `YYYY-MM-DDThh:mm:ssZ`. */
  readonly modified: string
  readonly description: string
  readonly rights?: string
  /** The attribution line, as an unroled contributor. */
  readonly contributor?: string
  readonly contributors: readonly Contributor[]
  /** MARC relator of the bylines: `aut` for an article's authors, `edt` for a book's editors. */
  readonly creatorRole?: 'aut' | 'edt'
  readonly chapters: readonly PlannedChapter[]
  readonly resources: readonly PlannedResource[]
  /** Images and their text alternatives: the EPUB Accessibility 1.1 claims. */
  readonly accessibility: AccessibilityFacts
}


export interface Contributor {
  readonly name: string
  /** MARC relator code: `pbl` publisher, `aut` author. */
  readonly role: 'pbl' | 'aut'
}

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

export const NAV_HREF = 'toc.xhtml'
export const NCX_HREF = 'toc.ncx'
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
    ...plan.contributors.flatMap(({name, role}, index) => [
      x('dc:contributor', {id: `contributor-${index + 1}`}, [name]),
      x('meta', {refines: `#contributor-${index + 1}`, property: 'role', scheme: 'marc:relators'}, [role])
    ]),
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
