/**
 * The heavy stages of a build: parse and normalize a source, render and
 * emit its outputs, render the index. build.ts imports this module only
 * when something must be made, so a no-op rebuild loads none of unified,
 * parse5, pdf-lib or epub-gen-memory. Each function returns bytes; build.ts
 * writes them.
 */
import path from 'node:path'
import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {toText} from 'hast-util-to-text'
import type {Article, ImageAsset, Paper} from '../article.ts'
import {emitEpub, type EpubResource} from '../formats/epub/pack-epub.ts'
import type {PdfPrinter} from '../formats/pdf/printer.ts'
import {finishPdf, type PdfFacts} from '../formats/pdf/finish-pdf.ts'
import {imposeBooklet} from '../formats/pdf/impose-booklet.ts'
import {epubFonts, fontRoots} from '../fonts.ts'
import type {Source} from '../load/load.ts'
import type {MetaInput} from '../schema/meta.ts'
import {normalize} from '../normalize/normalize.ts'
import {resolveResources} from '../normalize/resources.ts'
import {parseText} from '../readers/parse-text.ts'
import {articleElement, describeArticle, headingsOf, renderArticle} from '../render/render-article.ts'
import {loadStyle, STYLES_DIR, TEMPLATES_DIR} from '../render/template.ts'
import {IMPRINT_VERSION} from '../version.ts'

/** Parse, resolve images and normalize one source. Throws when the source cannot be read as an article. */
export async function prepare(source: Source, options: {readonly allowRemote?: boolean}): Promise<Article> {
  const {tree, meta} = await parse(source)
  // A web page's relative links point into its site; a Markdown file's at files beside it.
  const baseUrl = source.format === 'html' ? meta.source : undefined
  const {images, dependencies} = await resolveResources(tree, source.file, {root: source.root, allowRemote: options.allowRemote, baseUrl})
  return {...normalize({tree, file: source.file, slug: source.slug, meta, images}), dependencies}
}

/**
 * A reader's tree, and the source's metadata with what the source itself
 * says under it. The readers of web pages (a DOM and Readability) and of
 * Markdown (remark) load when a source of theirs comes: a build of text
 * sources alone does without their 0.15 s of loading.
 */
async function parse(source: Source): Promise<{tree: Root; meta: MetaInput}> {
  switch (source.format) {
    case 'text':
      return {tree: parseText(source.file, {lang: source.meta.lang ?? 'en', publisher: source.meta.publisher}), meta: source.meta}
    case 'html': {
      const {parseHtml} = await import('../readers/parse-html.ts')
      return parseHtml(source.file, {sidecar: source.meta})
    }
    case 'markdown': {
      const {parseMarkdown} = await import('../readers/parse-markdown.ts')
      return {tree: parseMarkdown(source.file, {lang: source.meta.lang ?? 'en'}), meta: source.meta}
    }
  }
}

/** The standalone web page. */
export function renderPage(article: Article): string {
  return toHtml(renderArticle(article, {target: 'page'}))
}

export async function makeEpub(article: Article, date: Date): Promise<Uint8Array> {
  const chapter = articleElement(renderArticle(article, {target: 'epub'}))
  const fonts = epubFonts(`${article.meta.title}\n${toText(chapter)}`)
  return emitEpub({
    meta: article.meta,
    credits: article.credits,
    notice: article.notice,
    // The same one line the PDF's Subject and the page's meta description carry.
    description: describeArticle(article),
    chapters: [{id: chapterId(article.slug), title: article.meta.title, lang: article.meta.lang, dir: article.meta.dir, body: chapter}],
    css: [fonts.css, loadStyle('base.css'), loadStyle('epub.css')].join('\n'),
    resources: [...fonts.fonts, ...(article.images ?? []).map(imageResource)],
    modified: date
  })
}

/** An image as the EPUB stores it: under its content-hash name. */
function imageResource(image: ImageAsset): EpubResource {
  return {href: image.href, mediaType: image.mediaType, data: Buffer.from(image.base64, 'base64')}
}

/**
 * The EPUB chapter id: the slug when it is an ASCII name; a slug may start
 * with a digit (`002`) or be Persian, and the id stays unique and stable.
 */
function chapterId(slug: string): string {
  if (/^[A-Za-z][\w-]*$/.test(slug)) return slug
  return 'chapter-' + [...slug].map((char) => (/[\w-]/.test(char) ? char : char.codePointAt(0)!.toString(16))).join('')
}

export interface PdfJob {
  readonly printer: PdfPrinter
  readonly paper: Paper
  readonly date: Date
  /** A request outside the build's own folders was blocked, and why. */
  readonly onBlocked: (url: string, reason: string) => void
}

export interface PrintedPdf {
  readonly pdf: Uint8Array
  /** `<slug>-booklet.pdf`, when asked for. */
  readonly booklet?: Uint8Array
}

/** Print one article and finish its PDF (metadata, outline, fixed dates); impose its booklet. */
export async function makePdf(article: Article, job: PdfJob & {readonly booklet?: boolean}): Promise<PrintedPdf> {
  const pdf = await printArticle(article, job)
  if (!job.booklet) return {pdf}
  return {pdf, booklet: await makeBooklet(article, pdf, job.date)}
}

/**
 * Impose an article's booklet from its finished PDF: the one just printed,
 * or the one already in the output folder when only `--booklet` is new.
 */
export async function makeBooklet(article: Article, pdf: Uint8Array, date: Date): Promise<Uint8Array> {
  const facts = pdfFacts(article, date)
  return imposeBooklet(pdf, {title: `${facts.title} (booklet)`, date: facts.date, creator: facts.creator})
}

async function printArticle(article: Article, job: PdfJob): Promise<Uint8Array> {
  const pdf = await job.printer.print(toHtml(renderArticle(article, {target: 'print', paper: job.paper})), {
    allowedRoots: [path.dirname(article.path), STYLES_DIR, TEMPLATES_DIR, ...fontRoots()],
    onBlocked: job.onBlocked
  })
  return finishPdf(pdf, pdfFacts(article, job.date))
}

function pdfFacts(article: Article, date: Date): PdfFacts {
  const {meta} = article
  return {
    title: meta.title,
    author: meta.bylines.length > 0 ? meta.bylines.join(', ') : meta.publisher,
    subject: describeArticle(article),
    keywords: [meta.publisher, ...meta.bylines, ...(meta.keywords ?? [])].filter((item): item is string => Boolean(item)),
    lang: meta.lang,
    headings: headingsOf(article),
    date,
    creator: `imprint ${IMPRINT_VERSION}`
  }
}
