/**
 * normalize: hast (with roles marked by a reader) + metadata -> Article.
 *
 * Every reader ends here, so credits, notice and lead photo are found the
 * same way whatever the source format. Order matters: typography first (it
 * skips the verbatim credits and notice), roles lifted out next, sanitize
 * last, after the last step that could add markup.
 */
import type {Element, ElementContent, Root, RootContent} from 'hast'
import type {VFile} from 'vfile'
import {roleOf, type Article, type ArticleMeta, type Figure, type ImageAsset} from '../article.ts'
import {bylineNames, languageRules} from '../languages.ts'
import {report} from '../messages.ts'
import {isolateBidi} from './bidi.ts'
import {detectLanguage} from './detect-language.ts'
import type {MetaInput} from '../schema/meta.ts'
import {safeImageSrc, sanitize} from './sanitize.ts'
import {typography} from './typography.ts'
import {repairMarkup} from './valid-markup.ts'

export interface NormalizeInput {
  readonly tree: Root
  readonly file: VFile
  readonly slug: string
  readonly meta: MetaInput
  /** The language when neither metadata, the source nor detection can say. */
  readonly fallbackLang?: string
  /** The images the resources pass kept; the tree's `src`s name them. */
  readonly images?: readonly ImageAsset[]
}

export function normalize({tree, file, slug, meta, fallbackLang = 'en', images}: NormalizeInput): Article {
  const lang = meta.lang ?? documentLang(tree) ?? detectedLang(tree, file) ?? undetermined(file, fallbackLang)
  typography(tree, lang)

  const found = liftRoles(tree)
  const title = meta.title ?? found.headline ?? firstHeading(tree, file) ?? fallbackTitle(file, slug)
  const bylines = meta.byline === undefined ? found.bylines : [meta.byline].flat()
  const notice = meta.notice === undefined ? found.notice : [meta.notice].flat()

  const articleMeta: ArticleMeta = {
    title,
    subtitle: meta.subtitle ?? found.subtitle,
    bylines,
    date: meta.date,
    lang,
    dir: meta.dir ?? languageRules(lang).dir,
    publisher: meta.publisher,
    sourceUrl: meta.source,
    rights: meta.rights,
    keywords: meta.keywords === undefined ? undefined : [meta.keywords].flat(),
    identifier: meta.identifier
  }

  // Runs in the other direction are isolated after the roles are lifted:
  // credits and notice stay verbatim strings.
  isolateBidi(tree, articleMeta.dir)

  const body = sanitize(tree)
  repairMarkup(body)

  return {
    slug,
    path: file.path,
    meta: articleMeta,
    // The lead photo left the tree before sanitize, so its source is checked on its own.
    lead: withImageMeta(found.lead && {...found.lead, src: safeImageSrc(found.lead.src)}, meta.image),
    body,
    credits: meta.credits ?? found.credits,
    notice,
    images
  }
}

/** Metadata fills what the source's lead figure lacks; the source's own words win. */
function withImageMeta(lead: Figure | undefined, image: MetaInput['image']): Figure | undefined {
  if (!lead || !image) return lead
  return {
    ...lead,
    alt: lead.alt || image.alt,
    caption: lead.caption ?? image.caption,
    credit: lead.credit ?? image.credit
  }
}

interface Found {
  headline?: string
  subtitle?: string
  bylines: string[]
  lead?: Figure
  credits?: string
  notice: string[]
}

/**
 * Take the role-marked elements out of the tree into fields. The first h1
 * is the headline when no element is marked; later h1s become h2, since an
 * article has one title.
 */
function liftRoles(tree: Root): Found {
  const found: Found = {bylines: [], notice: []}
  const marked = hasRole(tree, 'headline')

  const visit = (parent: Root | Element): void => {
    const kept: RootContent[] = []
    for (const child of parent.children) {
      if (child.type !== 'element') {
        kept.push(child)
        continue
      }
      const role = roleOf(child)
      if (role === 'dateline') {
        delete child.properties.dataImprint
        child.properties.className = ['dateline']
        kept.push(child)
        continue
      }
      if (role === undefined && child.tagName === 'h1') {
        if (!marked && found.headline === undefined) {
          found.headline = clean(textOf(child))
          continue
        }
        child.tagName = 'h2'
      }
      switch (role) {
        case 'headline':
          found.headline ??= clean(textOf(child))
          continue
        case 'subtitle':
          found.subtitle ??= clean(textOf(child))
          continue
        case 'byline':
          // "By Jane Doe", "Автор: Ирина Соколова": the metadata (PDF Author,
          // dc:creator) wants the names, not the language's prefix.
          found.bylines.push(bylineNames(clean(textOf(child))) ?? clean(textOf(child)))
          continue
        case 'lead':
          found.lead ??= figureOf(child)
          continue
        case 'credits':
          found.credits ??= verbatim(textOf(child))
          continue
        case 'notice':
          found.notice.push(...noticeOf(child))
          continue
        default:
          visit(child)
          kept.push(child)
      }
    }
    parent.children = kept as typeof parent.children
  }

  visit(tree)
  return found
}

function figureOf(figure: Element): Figure {
  let src: string | undefined
  let alt: string | undefined
  let caption: string | undefined
  let credit: string | undefined
  const walk = (node: Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (child.tagName === 'img' && src === undefined) {
        src = typeof child.properties.src === 'string' ? child.properties.src : undefined
        alt = typeof child.properties.alt === 'string' ? child.properties.alt : undefined
      } else if (child.tagName === 'figcaption' && caption === undefined) {
        // A reader may set the photo credit apart in a span.image-credit.
        const isCredit = (node: ElementContent) =>
          node.type === 'element' && [node.properties.className].flat().includes('image-credit')
        const creditNode = child.children.find(isCredit)
        credit = creditNode ? clean(textOf(creditNode)) || undefined : undefined
        caption = clean(child.children.filter((node) => !isCredit(node)).map(textOf).join(''))
      } else {
        walk(child)
      }
    }
  }
  walk(figure)
  return {src, alt, caption: caption || undefined, credit}
}

/** Notice paragraphs: one per block child, or the whole element as one. */
function noticeOf(element: Element): string[] {
  const blocks = element.children.filter(
    (child): child is Element => child.type === 'element' && child.tagName !== 'br'
  )
  const texts = blocks.length > 0 ? blocks.map((block) => textOf(block)) : [textOf(element)]
  return texts.map(verbatim).filter((text) => text !== '')
}

function hasRole(node: Root | Element, role: string): boolean {
  return node.children.some(
    (child) => child.type === 'element' && (roleOf(child) === role || hasRole(child, role))
  )
}

/** Detection is a guess: the editor hears about it, and can pin `lang` in the metadata. */
function detectedLang(tree: Root, file: VFile): string | undefined {
  const lang = detectLanguage(tree)
  if (lang === undefined) return undefined
  report(file, 'detected-language', `no language given; detected \`${lang}\` (${languageRules(lang).name}) from the text`, {
    note: 'Set `lang` in the metadata if this is wrong.'
  })
  return lang
}

function undetermined(file: VFile, fallbackLang: string): string {
  report(file, 'detected-language', `no language given and the text is too short to detect one; using \`${fallbackLang}\``, {
    note: 'Set `lang` in the metadata.'
  })
  return fallbackLang
}

function documentLang(tree: Root): string | undefined {
  for (const child of tree.children) {
    if (child.type === 'element' && child.tagName === 'html') {
      const lang = child.properties.lang
      return typeof lang === 'string' && lang.trim() !== '' ? lang.trim() : undefined
    }
  }
  return undefined
}

/**
 * With no h1 and no title anywhere, the first lower heading (h2–h6) names
 * the article, before the file name does: a document that starts its
 * headings at h2 still says what it is. It leaves the body, as an h1 does.
 */
function firstHeading(tree: Root, file: VFile): string | undefined {
  const take = (parent: Root | Element): string | undefined => {
    for (const [index, child] of parent.children.entries()) {
      if (child.type !== 'element') continue
      if (/^h[2-6]$/.test(child.tagName)) {
        const text = clean(textOf(child))
        if (text === '') continue
        parent.children.splice(index, 1)
        report(file, 'no-title', `no title found; using the first heading, “${text}”. Add a headline or a \`title\` field`, {place: child.position})
        return text
      }
      const found = take(child)
      if (found !== undefined) return found
    }
    return undefined
  }
  return take(tree)
}

function fallbackTitle(file: VFile, slug: string): string {
  report(file, 'no-title', 'no title found; using the file name. Add a headline or a `title` field')
  const name = slug.replace(/[-_]+/g, ' ').trim()
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** Credits and notice keep every character; only the ends are trimmed. */
function verbatim(text: string): string {
  return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
}

/** Titles, bylines and captions: collapse runs of ordinary white space. */
function clean(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').trim()
}

export function textOf(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' || node.type === 'root') {
    if (node.type === 'element' && node.tagName === 'br') return '\n'
    return node.children.map((child) => textOf(child as ElementContent)).join('')
  }
  return ''
}
