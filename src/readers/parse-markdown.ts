/**
 * parse: Markdown -> hast, with roles marked as the text reader marks them.
 *
 * CommonMark with GFM (tables, footnotes, strikethrough, task lists, autolinks)
 * through remark; the front matter was read by the load stage and is skipped
 * here. Conventions an editor writes by hand, in reading order:
 *
 *   # Headline                      the first `#` heading
 *   By Jane Doe                     a byline right under it
 *   ![alt](photo.jpg "Caption. Photo: AP")   an image alone, before the body: the lead figure
 *   PORTVIK -- The lighthouse…      a dateline opening the first paragraph
 *   …body, with footnotes[^1]…
 *   With reporting by AFP and AP.   a closing paragraph opening with a credit prefix
 *   > The publisher's notice.       blockquotes after that credits line: the notice
 *   [^1]: The note.
 *
 * Raw HTML is not rendered (a warning says where it was): a Markdown file is
 * written by hand, and everything it needs has a Markdown form.
 */
import type {Element, ElementContent, Root, RootContent} from 'hast'
import type {List, Root as MdastRoot} from 'mdast'
import {defaultHandlers, type Handler} from 'mdast-util-to-hast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import type {Role} from '../article.ts'
import {bylineNames, isCreditsLine} from '../languages.ts'
import {report} from '../messages.ts'
import {findFrontMatter} from './front-matter.ts'
import {markDateline} from './parse-text.ts'
import {DEFAULT_LIMITS} from '../limits.ts'
import {assertDepth, markdownDepth} from './depth.ts'
import type {Reader} from './reader.ts'

/**
 * The reader of Markdown (CommonMark and GFM). Its front matter was read
 * with the sidecar when the source was loaded; of it, the language names
 * the note list.
 */
export const parseMarkdown: Reader = (file, meta, limits = DEFAULT_LIMITS) => {
  // micromark takes minutes over 100,000 nested quotes, and the tree walks after it would overflow the stack.
  assertDepth(markdownDepth(String(file)), limits.depth, 'Markdown blocks')
  const lang = meta.lang ?? 'en'
  const found = findFrontMatter(String(file))
  const matter = found && 'syntax' in found ? [{type: found.syntax, fence: {open: found.open, close: found.close}}] : []
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, matter)
    .use(remarkGfm)
    .use(remarkRehype, {
      // Ids stay as written (`fn-1`, `fnref-1`): sanitize keeps them, and
      // nothing scripted reads these documents (see sanitize.ts).
      clobberPrefix: '',
      // A visible heading, not the default `sr-only` one: it also names the notes in print.
      footnoteLabel: notesLabel(lang),
      footnoteLabelProperties: {},
      handlers: {listItem: listItemOnce()}
    })
  const mdast = processor.parse(file) as MdastRoot
  reportRawHtml(mdast, file)
  reportLiteralSyntax(mdast, file)
  reportUnusedNotes(mdast, file)
  const tree = processor.runSync(mdast, file) as Root
  markFootnotes(tree)
  labelTaskItems(tree)
  makeFigures(tree)
  markRoles(tree)
  return {tree, meta}
}

/**
 * mdast-util-to-hast's own list items, with whether their list is loose
 * decided once per list: it asks again for every item, looking at all of
 * them, so a list of 100,000 items took minutes. The item is given a
 * stand-in parent that answers at once, as the whole list would.
 */
function listItemOnce(): Handler {
  const looseness = new WeakMap<List, boolean>()
  return (state, node, parent) => {
    if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent)
    let loose = looseness.get(parent)
    if (loose === undefined) {
      loose = Boolean(parent.spread) || parent.children.some((item) => item.spread ?? item.children.length > 1)
      looseness.set(parent, loose)
    }
    return defaultHandlers.listItem(state, node, {type: 'list', spread: loose, children: []})
  }
}

// Beyond these a paragraph is prose, not a byline or credits line (as in parse-text).
const MAX_BYLINE_WORDS = 12
const MAX_CREDITS_WORDS = 30

/** The heading of the note list, per language; others get the English one. */
const NOTES_LABELS: Readonly<Record<string, string>> = {
  en: 'Notes',
  ru: 'Примечания',
  uk: 'Примітки',
  be: 'Заўвагі',
  de: 'Anmerkungen',
  fr: 'Notes',
  es: 'Notas',
  it: 'Note',
  pt: 'Notas',
  pl: 'Przypisy',
  ro: 'Note',
  fa: 'یادداشت‌ها',
  ar: 'حواشٍ',
  he: 'הערות',
  tr: 'Notlar'
}

function notesLabel(lang: string): string {
  return NOTES_LABELS[lang.toLowerCase().split(/[-_]/)[0] ?? ''] ?? 'Notes'
}

/** What opens a photo credit: "Photo:", "Фото:", "©". */
const CREDIT_MARKER = /(?:photo(?:graph)?|image|picture|credit|фото|світлина|عکس|صورة|foto|bild)\s*:|©/iu

/**
 * Split a caption into its text and a trailing photo credit: "(Photo: AP)",
 * "Фото: ТАСС", "© Reuters". A credit holds no brackets, so it can only
 * start after the caption's last one; found by plain scans, with no pattern
 * that could backtrack over a caption made of spaces (one such pattern took
 * minutes over 1,000 of them).
 */
export function splitCaption(caption: string): {caption?: string; credit?: string} {
  const whole = caption.trim()
  // A credit in brackets: its closing bracket is not part of it.
  const body = /[)\]]$/.test(whole) ? whole.slice(0, -1) : whole
  const lastBracket = Math.max(body.lastIndexOf('('), body.lastIndexOf(')'), body.lastIndexOf('['), body.lastIndexOf(']'))
  const tail = body.slice(lastBracket + 1)
  const marker = CREDIT_MARKER.exec(tail)
  const credit = marker ? tail.slice(marker.index).trim() : ''
  if (!marker || credit.length === marker[0].length) return {caption: whole || undefined}
  let text = body.slice(0, lastBracket + 1 + marker.index).trim()
  // The credit's opening bracket goes with it.
  if (text.length === lastBracket + 1 && /[([]$/.test(text)) text = text.slice(0, -1).trim()
  return {caption: text || undefined, credit}
}

/** Raw HTML is dropped by remark-rehype; say where, so nothing vanishes silently. Comments are the editor's own. */
function reportRawHtml(tree: MdastRoot, file: VFile): void {
  visit(tree, 'html', (node) => {
    const value = node.value.trim()
    if (value.startsWith('<!--') && value.endsWith('-->')) return
    report(file, 'raw-html', `raw HTML \`${truncate(node.value)}\` is not rendered; its text stays`, {
      place: node.position,
      note: 'Write it in Markdown: images as ![alt](file), the notice as a blockquote after the credits line.'
    })
  })
}

/**
 * Syntax of other Markdown dialects that CommonMark reads as text, and
 * that would print as written: pandoc's attributes after an image, link or
 * heading (`{width=50%}`, `{.class}`, `{#id}`), its fenced divs (`:::`),
 * and TeX math. A `$` counts as math by pandoc's own rule (no space inside
 * either dollar, no digit right after the closing one), and only with
 * something only TeX writes inside, so "$5 and $10" stays money.
 */
const LITERAL_SYNTAX: ReadonlyArray<{readonly pattern: RegExp; readonly what: string}> = [
  {pattern: /\{\s*(?:[#.][\w:-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+))(?:\s+(?:[#.][\w:-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+)))*\s*\}/g, what: 'pandoc attributes'},
  {pattern: /^:::+(?:\s|$)/gm, what: 'a pandoc fenced div'},
  {pattern: /\$\$[\s\S]+?\$\$/g, what: 'TeX math'},
  {pattern: /(?<![\w$\\])\$(?=[^\s$])(?=[^$\n]*?(?:\\[A-Za-z]+|[\^_{}=]))[^$\n]*?[^\s$\\]\$(?!\d)|(?<![\w$\\])\$[A-Za-z]\$(?!\d)/g, what: 'TeX math'}
]

function reportLiteralSyntax(tree: MdastRoot, file: VFile): void {
  visit(tree, 'text', (node) => {
    const start = node.position?.start
    for (const {pattern, what} of LITERAL_SYNTAX) {
      for (const match of node.value.matchAll(pattern)) {
        const before = node.value.slice(0, match.index).split('\n')
        const place = start && {
          line: start.line + before.length - 1,
          column: (before.length === 1 ? start.column : 1) + before.at(-1)!.length
        }
        report(file, 'literal-syntax', `${what} \`${truncate(match[0])}\` is not Markdown imprint reads; it prints as written`, {place})
      }
    }
  })
}

/** remark leaves out a footnote nobody refers to; say so, since its text is lost. */
function reportUnusedNotes(tree: MdastRoot, file: VFile): void {
  const used = new Set<string>()
  visit(tree, 'footnoteReference', (node) => {
    used.add(node.identifier)
  })
  visit(tree, 'footnoteDefinition', (node) => {
    if (used.has(node.identifier)) return
    report(file, 'unused-footnote', `footnote \`[^${node.label ?? node.identifier}]\` is never referred to; it is left out`, {
      place: node.position,
      note: `Refer to it in the text with [^${node.label ?? node.identifier}], or remove it.`
    })
  })
}

/**
 * Noterefs and backlinks get their DPUB-ARIA roles; the EPUB renderer adds
 * `epub:type` later (sanitize would drop it here).
 */
function markFootnotes(tree: Root): void {
  visit(tree, 'element', (node) => {
    const {properties} = node
    if (node.tagName === 'a' && properties.dataFootnoteRef !== undefined) properties.role = 'doc-noteref'
    if (node.tagName === 'a' && properties.dataFootnoteBackref !== undefined) {
      properties.role = 'doc-backlink'
      // mdast-util-to-hast names it `data-footnote-backref`; our stylesheets use `footnote-backref`.
      properties.className = ['footnote-backref']
    }
    if (node.tagName === 'section' && properties.dataFootnotes !== undefined) {
      properties.className = ['footnotes']
      properties.role = 'doc-endnotes'
    }
  })
}

/** Inline elements a task item's label may hold; a nested list or paragraph ends it. */
const BLOCKS = new Set(['ul', 'ol', 'p', 'div', 'blockquote', 'pre', 'table', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr'])

/**
 * A task-list checkbox with its item's text wrapped in a `<label>`: a form
 * control without a label is an accessibility violation (WCAG 4.1.2; Ace
 * and axe report it), and the text is the label the item already has.
 */
function labelTaskItems(tree: Root): void {
  visit(tree, 'element', (item) => {
    if (item.tagName !== 'li' || ![item.properties.className].flat().includes('task-list-item')) return
    const first = item.children.find((child) => child.type === 'element')
    const parent = first?.tagName === 'p' ? first : item
    const start = parent.children.findIndex((child) => child.type === 'element' && child.tagName === 'input')
    if (start === -1) return
    let end = start + 1
    while (end < parent.children.length) {
      const child = parent.children[end]!
      if (child.type === 'element' && BLOCKS.has(child.tagName)) break
      end++
    }
    const label = element('label', {}, parent.children.slice(start, end))
    parent.children.splice(start, end - start, label)
  })
}

/**
 * A paragraph holding one image and nothing else becomes a figure; the
 * image's title is its caption, and a trailing "Photo: …" the credit.
 */
function makeFigures(tree: Root): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'p' || !parent || index === undefined) return
    const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
    const [image] = content
    if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return
    const title = typeof image.properties.title === 'string' ? image.properties.title : undefined
    delete image.properties.title
    const {caption, credit} = splitCaption(title ?? '')
    const captionChildren: ElementContent[] = []
    if (caption) captionChildren.push({type: 'text', value: caption})
    if (credit) {
      if (caption) captionChildren.push({type: 'text', value: ' '})
      captionChildren.push(element('span', {className: ['image-credit']}, [{type: 'text', value: credit}]))
    }
    const children: ElementContent[] = [image]
    if (captionChildren.length > 0) children.push(element('figcaption', {}, captionChildren))
    const figure = element('figure', {}, children)
    if (node.position) figure.position = node.position
    parent.children[index] = figure
  })
}

/**
 * Headline, byline and lead figure at the top; credits and notice at the
 * end, before the note list.
 */
function markRoles(tree: Root): void {
  const blocks = tree.children.filter((child): child is Element => child.type === 'element')
  let at = 0
  const first = blocks[at]
  if (first?.tagName === 'h1') {
    setRole(first, 'headline')
    at++
  }
  const byline = blocks[at]
  if (byline?.tagName === 'p' && isShort(byline, MAX_BYLINE_WORDS) && bylineNames(textOf(byline)) !== undefined) {
    setRole(byline, 'byline')
    at++
  }
  const lead = blocks[at]
  if (lead?.tagName === 'figure') {
    setRole(lead, 'lead')
    at++
  }
  // "PORTVIK --" opening the first paragraph is a dateline, by the text reader's rule.
  const opening = blocks[at]
  if (opening?.tagName === 'p') markDateline(opening)

  const body = blocks.filter((block) => !isFootnotes(block))
  let end = body.length
  while (end > 0 && body[end - 1]?.tagName === 'blockquote') end--
  // Written as the text reader reads it, the notice is the plain paragraphs after the credits line.
  if (end === body.length) {
    for (let at = end - 1; at >= Math.max(0, end - 1 - MAX_NOTICE_PARAGRAPHS) && body[at]?.tagName === 'p'; at--) {
      if (!isCreditsBlock(body[at]!)) continue
      end = at + 1
      break
    }
  }
  const credits = body[end - 1]
  if (!credits || !isCreditsBlock(credits)) return
  setRole(credits, 'credits')
  const notice = body.slice(end)
  if (notice.length > 0) gatherNotice(tree, notice)
}

/** Paragraphs after a credits line that may be the notice: a notice is a few lines, never the article's end. */
const MAX_NOTICE_PARAGRAPHS = 3

function isCreditsBlock(block: Element): boolean {
  return block.tagName === 'p' && !roleOf(block) && isShort(block, MAX_CREDITS_WORDS) && isCreditsLine(textOf(block))
}

/** The blocks after the credits line (blockquotes, or plain paragraphs) become one notice section, in place of the first. */
function gatherNotice(tree: Root, quotes: readonly Element[]): void {
  const paragraphs = quotes.flatMap((quote) => (quote.tagName === 'blockquote' ? quote.children.filter((child) => child.type === 'element') : [quote]))
  const notice = element('section', {dataImprint: 'notice' satisfies Role}, paragraphs)
  const start = quotes[0]?.position?.start
  const end = quotes.at(-1)?.position?.end
  if (start && end) notice.position = {start, end}
  const kept: RootContent[] = []
  for (const child of tree.children) {
    if (child === quotes[0]) kept.push(notice)
    else if (!quotes.includes(child as Element)) kept.push(child)
  }
  tree.children = kept
}

function isFootnotes(node: Element): boolean {
  return node.tagName === 'section' && node.properties.dataFootnotes !== undefined
}

function isShort(node: Element, words: number): boolean {
  return textOf(node).trim().split(/\s+/u).length <= words
}

function setRole(node: Element, role: Role): void {
  node.properties.dataImprint = role
}

function roleOf(node: Element): unknown {
  return node.properties.dataImprint
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return {type: 'element', tagName, properties, children}
}

function textOf(node: Root | RootContent): string {
  if (node.type === 'text') return node.value
  if ('children' in node) return (node.children as RootContent[]).map((child) => textOf(child)).join('')
  return ''
}

function truncate(value: string): string {
  const line = value.trim().replace(/\s+/g, ' ')
  return line.length > 40 ? line.slice(0, 40) + '…' : line
}
