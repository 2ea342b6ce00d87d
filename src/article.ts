/**
 * The domain model every stage agrees on.
 *
 *   load      content/ files  -> Source (VFile + sidecar metadata)
 *   parse     Source          -> hast Root, with roles marked by `data-imprint`
 *   normalize hast + metadata -> Article
 *   render    Article         -> hast documents (templates filled at tree level)
 *   emit      documents       -> dist/*.html, *.pdf, *.epub
 */
import type {Element, Root} from 'hast'

export type Format = 'html' | 'pdf' | 'epub'
export const FORMATS: readonly Format[] = ['html', 'pdf', 'epub']

export type {Paper} from './paper.ts'

export type Direction = 'ltr' | 'rtl'

/**
 * Roles a parser marks on hast elements with the `data-imprint` attribute
 * (`properties.dataImprint`), so that one normalizer serves every reader.
 */
export type Role =
  | 'headline' // h1: the article's title
  | 'subtitle' // p: a standfirst under the headline
  | 'byline' // p: "By Jane Doe"
  | 'dateline' // span at the start of the first paragraph: "MOSCOW --"
  | 'lead' // figure: the lead photo, with its figcaption
  | 'credits' // p: "With reporting by AFP, AP, and Interfax"
  | 'notice' // section: the publisher's closing notice, one p per paragraph

/** Facts about an article that the text itself may not carry. */
export interface ArticleMeta {
  readonly title: string
  readonly subtitle?: string
  readonly bylines: readonly string[]
  /** ISO 8601 date, `YYYY-MM-DD` or a full timestamp. */
  readonly date?: string
  /** BCP 47 language tag, such as `en` or `fa-IR`. */
  readonly lang: string
  readonly dir: Direction
  readonly publisher?: string
  readonly sourceUrl?: string
  readonly rights?: string
  /** Subjects for the PDF keywords and the EPUB's `dc:subject`. */
  readonly keywords?: readonly string[]
  /** A stable identifier (URN, ISBN…); derived from the content when absent. */
  readonly identifier?: string
}

/** The lead photo. The text reader may know only its caption. */
export interface Figure {
  readonly src?: string
  readonly alt?: string
  readonly caption?: string
  readonly credit?: string
}

/** The image types every output carries: EPUB 3 core media types that browsers and e-readers all show. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif'

/**
 * An image an article shows, read and checked by the resources pass. In the
 * body, `<img src>` holds `href`; each output then points it at its own copy.
 */
export interface ImageAsset {
  /** `images/<sha256-12>.<ext>`: stable, named by content. */
  readonly href: string
  readonly mediaType: ImageType
  /** The bytes, in base64: the web page embeds them as such, and a parsed Article is cached as JSON. */
  readonly base64: string
  /** The local file it came from, inside the source's folder; absent for `data:` and remote images. */
  readonly path?: string
}

/**
 * A normalized article. `body` holds only the article's own blocks: the
 * headline, lead figure, credits and notice live in their own fields so every
 * template can place them, and none can lose them.
 */
export interface Article {
  /** File name without extension; names every output. */
  readonly slug: string
  /** Absolute path of the source file. */
  readonly path: string
  readonly meta: ArticleMeta
  readonly lead?: Figure
  /** Body blocks (p, blockquote, ul, ol, h2…), typography applied, sanitized. */
  readonly body: Root
  /** The attribution line, verbatim. */
  readonly credits?: string
  /** The publisher's notice, verbatim, one string per paragraph. */
  readonly notice: readonly string[]
  /** Every image the body and lead figure show, by `href`. */
  readonly images?: readonly ImageAsset[]
  /** Local files the article was made from besides its source (images, found or not): a change to one rebuilds it. */
  readonly dependencies?: readonly string[]
}

/** Read the role a parser put on an element. */
export function roleOf(node: Element): Role | undefined {
  const value = node.properties?.dataImprint
  return typeof value === 'string' ? (value as Role) : undefined
}
