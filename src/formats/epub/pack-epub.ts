/**
 * emit: rendered chapters -> the bytes of a reproducible, valid EPUB 3.
 *
 * epub-gen-memory packs the zip, but each of its defects is tamed here:
 * - its package template hard-codes "All rights reserved", a copyright for the
 *   build year and `xml:lang="en"`; its identifier is a random uuid and every
 *   date is the build time;
 * - its fixHTML deletes attributes outside an allow-list (`datetime`, `scope`…),
 *   lets `<script>` and `<iframe>` through, and fetches every image over the
 *   network (node-fetch) under a random name.
 * So every XML document is built here as a tree (see `chapter-documents.ts` and `package-documents.ts`) and
 * handed over through the template options; the subclass below supplies the
 * identifier, the dates and the images and fonts from memory, and never
 * lets the library fetch anything.
 */
import {createHash} from 'node:crypto'
import {EPub, type Chapter, type Options} from 'epub-gen-memory'
import type {Element} from 'hast'
import {toText} from 'hast-util-to-text'
import type {ArticleMeta, Direction} from '../../article.ts'
import {assertInert} from '../../render/assert-inert.ts'
import {
  appendMissingAttribution,
  buildChapterDocument,
  findCustomProperty,
  prepareChapter,
  STYLESHEET_HREF,
  type Landmark,
  type PreparedChapter
} from './chapter-documents.ts'
import {buildNavDocument, buildNcx, buildPackageDocument, NAV_HREF, NCX_HREF, type PackagePlan, type PlannedResource} from './package-documents.ts'
import {assessChapters} from './accessibility.ts'
import {CHAPTER_LIMIT, splitChapter} from './split-chapter.ts'

export interface EpubChapter {
  /** Names the file (`<id>.xhtml`): letters, digits, `-`, `_`, starting with a letter. */
  id: string
  title: string
  lang: string
  dir: Direction
  /** The `<body>`'s content wrapper (the rendered `<article>`), already sanitized. */
  body: Element
  /** The nav's landmark for this chapter; the first chapter is `bodymatter` when none is. */
  landmark?: Landmark
}

export interface EpubResource {
  /** Relative to the chapters, such as `images/lead-3f2a9c1b.jpg` or `fonts/noto-serif-latin-400-normal.woff2`. */
  href: string
  mediaType: string
  data: Uint8Array
}

export interface EpubInput {
  meta: ArticleMeta
  /** The attribution line, verbatim. */
  credits?: string
  /** The publisher's notice, verbatim, one string per paragraph. */
  notice: readonly string[]
  description?: string
  chapters: EpubChapter[]
  /** The EPUB stylesheet: no custom properties; `url()`s name resources. */
  css: string
  /** Images and fonts, already in memory. */
  resources: EpubResource[]
  cover?: EpubResource
  /** What the bylines in `meta` are: authors (the default) or a book's editors. */
  creatorRole?: 'aut' | 'edt'
  /** `dcterms:modified` and every zip entry's date. */
  modified: Date
}

/** Build the EPUB; the same input always gives the same bytes. */
export async function emitEpub(input: EpubInput): Promise<Uint8Array> {
  const {meta} = input
  checkInput(input)
  const resources = planResources(input.resources, input.cover)
  const hrefs = new Set(resources.map((resource) => resource.href))
  const chapters = input.chapters.flatMap((chapter) => splitChapter(chapter)).map((chapter) => prepareChapter(chapter, hrefs))
  appendMissingAttribution(chapters, input.credits, input.notice)
  // Nothing may run in a book that is handed around: no `scripted` property, ever.
  for (const chapter of chapters) assertInert(chapter.body, `EPUB chapter \`${chapter.id}\``)

  const plan: PackagePlan = {
    identifier: meta.identifier ?? deriveIdentifier(meta, chapters),
    meta,
    modified: input.modified.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    // An empty dc:description, as epub-gen-memory writes by default, fails EPUBCheck.
    description: nonBlank(input.description) ?? meta.title,
    rights: nonBlank(meta.rights) ?? nonBlank(input.notice.join('\n')),
    contributor: nonBlank(input.credits),
    creatorRole: input.creatorRole,
    chapters: chapters.map(({id, href, title, properties, continued, landmark}) => ({id: `chapter-${id}`, href, title, properties, continued, landmark})),
    resources,
    accessibility: assessChapters(
      chapters.map((chapter) => chapter.body),
      resources
    )
  }
  const opf = inertTemplate(buildPackageDocument(plan))
  const nav = inertTemplate(buildNavDocument(plan))
  const ncx = inertTemplate(buildNcx(plan))
  const css = prepareCss(input.css, hrefs)
  const chapterDocuments = chapters.map((chapter) => buildChapterDocument(chapter))
  chapterDocuments.forEach((document, index) => checkChapterSize(chapters[index]!.href, document))
  const epub = new InMemoryEpub(
    {
      title: meta.title,
      lang: meta.lang,
      date: input.modified.toISOString(),
      css,
      // Passed as templates with no `%` left in them (see `inertTemplate`),
      // so EJS finds no tag to act on and copies them verbatim.
      contentOPF: opf,
      tocXHTML: nav,
      tocNCX: ncx,
      // Chapters go in as EJS *data*, never parsed as a template.
      chapterXHTML: '<%- content %>',
      verbose: false
    } satisfies Options,
    chapters.map(({href, title}) => ({title, filename: href, content: ''}) satisfies Chapter),
    {
      identifier: plan.identifier,
      chapters: chapterDocuments,
      resources,
      documents: new Map([
        ['OEBPS/content.opf', opf],
        [`OEBPS/${NAV_HREF}`, nav],
        [`OEBPS/${NCX_HREF}`, ncx],
        [`OEBPS/${STYLESHEET_HREF}`, css],
        ...chapters.map((chapter, index): [string, string] => [`OEBPS/${chapter.href}`, chapterDocuments[index] ?? ''])
      ]),
      modified: input.modified
    }
  )
  return epub.pack()
}

interface Payload {
  readonly identifier: string
  readonly chapters: readonly string[]
  readonly resources: readonly MemoryResource[]
  /** Every file we generated, by zip path, to check it arrives byte for byte. */
  readonly documents: ReadonlyMap<string, string>
  readonly modified: Date
}

/**
 * epub-gen-memory with its randomness and its network access taken out.
 *
 * Its constructor runs fixHTML over each chapter's content, deleting
 * attributes outside its allow-list. We bypass it rather than fight it: the
 * constructor gets an empty placeholder, and the serialized chapter replaces
 * the normalized content afterwards; `chapterXHTML` is `<%- content %>`, so
 * EJS prints it as data. With no `<img>` in what fixHTML saw, its image list
 * stays empty and it has nothing to fetch.
 */
class InMemoryEpub extends EPub {
  readonly #payload: Payload

  constructor(options: Options, chapters: Chapter[], payload: Payload) {
    super(options, chapters)
    this.#payload = payload
    // The library draws this from Math.random(); ours comes from the content.
    this.uuid = payload.identifier
    this.content.forEach((chapter, index) => {
      chapter.content = payload.chapters[index] ?? ''
    })
  }

  /** Write the zip: fixed order, fixed dates, `mimetype` first and stored. */
  async pack(): Promise<Uint8Array> {
    await this.render()
    await this.checkFiles()
    // DOS dates start in 1980; jszip writes them in UTC.
    const date = new Date(Math.max(this.#payload.modified.getTime(), Date.UTC(1980, 0, 1)))
    this.zip.forEach((_path, file) => {
      file.date = date
    })
    return this.generateAsync({
      type: 'uint8array',
      mimeType: 'application/epub+zip',
      compression: 'DEFLATE',
      compressionOptions: {level: 9}
    })
  }

  protected override async downloadAllFonts(): Promise<void> {
    this.writeResources((resource) => CORE_MEDIA_TYPES.get(resource.mediaType) === 'font')
  }

  protected override async downloadAllImages(): Promise<void> {
    this.writeResources((resource) => CORE_MEDIA_TYPES.get(resource.mediaType) === 'image' && !resource.cover)
  }

  protected override async makeCover(): Promise<void> {
    this.writeResources((resource) => resource.cover)
  }

  private writeResources(select: (resource: MemoryResource) => boolean): void {
    for (const resource of this.#payload.resources) {
      // Fonts (woff2) and images are compressed already: deflating them again
      // costs most of an EPUB's build time and saves almost nothing.
      if (select(resource)) this.zip.file(`OEBPS/${resource.href}`, resource.data, {binary: true, compression: 'STORE'})
    }
  }

  /**
   * The zip must hold exactly the manifest plus the container, `mimetype`
   * first, and every generated document as we serialized it.
   */
  private async checkFiles(): Promise<void> {
    const names = Object.keys(this.zip.files)
    const files = names.filter((name) => !this.zip.files[name]?.dir)
    const expected = new Set([
      'mimetype',
      'META-INF/container.xml',
      ...this.#payload.documents.keys(),
      ...this.#payload.resources.map((resource) => `OEBPS/${resource.href}`)
    ])
    if (names[0] !== 'mimetype' || files.length !== expected.size || files.some((name) => !expected.has(name))) {
      throw new Error(`epub-gen-memory wrote unexpected files: ${files.join(', ')}`)
    }
    for (const [name, text] of this.#payload.documents) {
      if ((await this.zip.file(name)?.async('string')) !== text) {
        throw new Error(`epub-gen-memory altered \`${name}\` on its way into the zip`)
      }
    }
  }
}

/** A resource with its manifest id and its bytes. */
interface MemoryResource extends PlannedResource {
  readonly data: Uint8Array
}

/**
 * The EPUB 3.2 core media types we carry: reading systems need render nothing
 * else, and EPUBCheck rejects other images without a fallback.
 */
const CORE_MEDIA_TYPES = new Map<string, 'image' | 'font'>([
  ['image/gif', 'image'],
  ['image/jpeg', 'image'],
  ['image/png', 'image'],
  ['image/svg+xml', 'image'],
  ['font/woff2', 'font'],
  ['font/woff', 'font'],
  ['font/otf', 'font'],
  ['font/ttf', 'font'],
  ['application/font-woff', 'font'],
  ['application/font-sfnt', 'font'],
  ['application/vnd.ms-opentype', 'font']
])

const LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z\d]{1,8})*$/
const CHAPTER_ID = /^[A-Za-z][\w-]*$/
const RESOURCE_HREF = /^(?:[\w-][\w.-]*\/)*[\w-][\w.-]*$/
const RESERVED_HREFS = new Set(['content.opf', NAV_HREF, NCX_HREF, STYLESHEET_HREF])

function checkInput(input: EpubInput): void {
  const {meta} = input
  if (!nonBlank(meta.title)) throw new TypeError('meta.title must not be empty: it is the dc:title')
  if (!LANG.test(meta.lang)) throw new TypeError(`meta.lang \`${meta.lang}\` is not a BCP 47 tag such as \`en\` or \`fa-IR\``)
  if (Number.isNaN(input.modified.getTime())) throw new TypeError('modified must be a valid Date')
  if (input.chapters.length === 0) throw new TypeError('an EPUB needs at least one chapter')
  const ids = new Set<string>()
  for (const {id, title, lang} of input.chapters) {
    if (!CHAPTER_ID.test(id) || `${id}.xhtml` === NAV_HREF) {
      throw new TypeError(`chapter id \`${id}\` must start with a letter, hold only letters, digits, \`-\` and \`_\`, and not be \`toc\``)
    }
    if (ids.has(id)) throw new TypeError(`two chapters share the id \`${id}\``)
    ids.add(id)
    if (!nonBlank(title)) throw new TypeError(`chapter \`${id}\` needs a title: it names the chapter in the table of contents`)
    if (!LANG.test(lang)) throw new TypeError(`chapter \`${id}\`: lang \`${lang}\` is not a BCP 47 tag`)
  }
}

/** Check hrefs and media types, sort by href (zip order must not follow the caller's), number the ids. */
function planResources(resources: readonly EpubResource[], cover: EpubResource | undefined): MemoryResource[] {
  // A cover that is also a chapter image (the lead photo) is stored once.
  const all = cover && !resources.some((resource) => resource.href === cover.href) ? [...resources, cover] : [...resources]
  all.sort((a, b) => (a.href < b.href ? -1 : a.href > b.href ? 1 : 0))
  return all.map(({href, mediaType, data}, index) => {
    if (!RESOURCE_HREF.test(href) || RESERVED_HREFS.has(href)) {
      throw new TypeError(`resource href \`${href}\` must be a relative path of letters, digits, \`.\`, \`-\`, \`_\` and \`/\`, and not a reserved name`)
    }
    if (all[index + 1]?.href === href) throw new TypeError(`two resources share the href \`${href}\``)
    const kind = CORE_MEDIA_TYPES.get(mediaType)
    if (!kind) {
      throw new TypeError(`resource \`${href}\` is \`${mediaType}\`; an EPUB holds only core media types: ${[...CORE_MEDIA_TYPES.keys()].join(', ')}`)
    }
    const isCover = href === cover?.href
    if (isCover && kind !== 'image') throw new TypeError(`the cover \`${href}\` must be an image, not \`${mediaType}\``)
    if (mediaType === 'image/svg+xml' && /<script\b/i.test(new TextDecoder().decode(data))) {
      throw new TypeError(`\`${href}\` holds a <script>: an EPUB with scripts is a scripted publication`)
    }
    return {id: isCover ? 'cover-image' : `resource-${index + 1}`, href, mediaType, cover: isCover, data}
  })
}

/** What splitting cannot shrink (one paragraph over the limit) is refused, not shipped to fail on a reader. */
function checkChapterSize(href: string, document: string): void {
  const bytes = Buffer.byteLength(document)
  if (bytes >= CHAPTER_LIMIT) {
    throw new TypeError(
      `\`${href}\` is ${Math.ceil(bytes / 1024)} KB even after splitting; Adobe Digital Editions refuses content documents ` +
        `over ${CHAPTER_LIMIT / 1024} KB, so break its longest paragraph or table into smaller blocks`
    )
  }
}

/** `urn:uuid:` from a SHA-256 of the content, laid out as a version-5 UUID. */
function deriveIdentifier(meta: ArticleMeta, chapters: readonly PreparedChapter[]): string {
  const text = chapters.map((chapter) => toText(chapter.body)).join('\n')
  const hex = createHash('sha256').update([meta.title, text, meta.lang].join('\u0000')).digest('hex')
  // RFC 4122 §4.1.3 version nibble and §4.1.1 variant bits, so readers accept it.
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/**
 * Strip comments and refuse what e-readers choke on: custom properties
 * (Adobe RMSDK and older Kindles drop the rule or the whole sheet),
 * `direction`/`unicode-bidi`, `@import` and `url()`s that are not among the
 * resources (remote or `data:`).
 */
function prepareCss(css: string, hrefs: ReadonlySet<string>): string {
  const {text, code} = stripCssComments(css)
  const custom = findCustomProperty(code)
  if (custom) {
    const line = code.slice(0, custom.index).split('\n').length
    throw new TypeError(`the EPUB stylesheet uses \`${custom.name}\` on line ${line}; e-readers drop custom properties, resolve them when building it`)
  }
  // EPUB 3 CSS profile: bidi belongs to the `dir` attribute (EPUBCheck CSS-001).
  const bidi = /(?:^|[{;\s])(direction|unicode-bidi)\s*:/i.exec(code)
  if (bidi) throw new TypeError(`the EPUB stylesheet sets \`${bidi[1]}\`, which EPUB forbids; chapters carry \`dir\` instead`)
  if (/@import\b/i.test(code)) throw new TypeError('the EPUB stylesheet may not @import: inline the imported rules')
  for (const [, , url = ''] of text.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    const target = url.trim().replace(/[?#].*$/s, '')
    if (target !== '' && !hrefs.has(target)) {
      throw new TypeError(`the EPUB stylesheet refers to \`${url}\`, which is not among the resources`)
    }
  }
  return text
}

/** Remove comments, keeping their line breaks; `code` is `text` with string contents blanked. */
function stripCssComments(css: string): {text: string; code: string} {
  let text = ''
  let code = ''
  let quote = ''
  for (let index = 0; index < css.length; index++) {
    const char = css.charAt(index)
    if (quote) {
      const token = char === '\\' ? css.slice(index, index + 2) : char
      text += token
      code += token.replace(/[^\n]/g, ' ')
      index += token.length - 1
      if (char === quote) quote = ''
    } else if (char === '/' && css.charAt(index + 1) === '*') {
      const end = css.indexOf('*/', index + 2)
      const stop = end === -1 ? css.length : end + 2
      const breaks = css.slice(index, stop).replace(/[^\n]/g, '')
      text += breaks
      code += breaks
      index = stop - 1
    } else {
      if (char === '"' || char === "'") quote = char
      text += char
      code += char
    }
  }
  return {text, code}
}

/**
 * EJS acts on `<%`, `%>`, `-%>`, `%%>`… even in literal text (a stray `%>`
 * is silently dropped), and each contains `%`. In our serialized documents a
 * `%` can only stand in text or an attribute value (XML names cannot hold it
 * and we write no comments), where `&#37;` is the same character; so after
 * this, EJS finds no tag and copies the document verbatim.
 */
function inertTemplate(xml: string): string {
  return xml.replaceAll('%', '&#37;')
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}
