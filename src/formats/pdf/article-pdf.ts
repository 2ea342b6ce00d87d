/**
 * An article's PDF handout: printed by the build's Chromium from the print
 * rendering, then finished (metadata, outline, language, fixed dates, an
 * /ID from the content) and, on request, imposed as a booklet.
 */
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import type {Article} from '../../article.ts'
import {fontRoots} from '../../fonts.ts'
import type {Paper} from '../../paper.ts'
import {describeArticle, headingsOf, renderArticle} from '../../render/render-article.ts'
import {STYLES_DIR, TEMPLATES_DIR} from '../../render/template.ts'
import {IMPRINT_VERSION} from '../../version.ts'
import {finishPdf, type PdfFacts} from './finish-pdf.ts'
import {imposeBooklet} from './impose-booklet.ts'
import type {PdfPrinter} from './printer.ts'

export interface PdfJob {
  readonly printer: PdfPrinter
  readonly paper: Paper
  readonly date: Date
  /** A request outside the build's own folders was blocked, and why. */
  readonly onBlocked: (url: string, reason: string) => void
}

/** Print one article and finish its PDF. */
export async function makeArticlePdf(article: Article, job: PdfJob): Promise<Uint8Array> {
  const pdf = await job.printer.print(toHtml(renderArticle(article, {target: 'print', paper: job.paper})), {
    allowedRoots: [path.dirname(article.path), STYLES_DIR, TEMPLATES_DIR, ...fontRoots()],
    onBlocked: job.onBlocked
  })
  return finishPdf(pdf, pdfFacts(article, job.date))
}

/**
 * Impose an article's booklet from its finished PDF: the one just printed,
 * or the one already in the output folder when only `--booklet` is new.
 */
export async function makeArticleBooklet(article: Article, pdf: Uint8Array, date: Date): Promise<Uint8Array> {
  const facts = pdfFacts(article, date)
  return imposeBooklet(pdf, {title: `${facts.title} (booklet)`, date: facts.date, creator: facts.creator})
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
