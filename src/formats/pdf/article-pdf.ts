/**
 * An article's PDF handout: printed by the build's Chromium from the print
 * rendering, then finished (metadata, outline, language, fixed dates, an
 * /ID from the content); and on request its booklet, printed again on
 * facing pages half the size of the sheet they are imposed on.
 */
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import type {Article} from '../../article.ts'
import {fontRoots} from '../../fonts.ts'
import {bookletOf, type Paper} from '../../paper.ts'
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

/** Print one article as a handout and finish its PDF. */
export async function makeArticlePdf(article: Article, job: PdfJob): Promise<Uint8Array> {
  return printArticle(article, job, job.paper, 'handout')
}

/**
 * An article's booklet: its pages printed at half the sheet of the
 * handout's paper family (A5 from A4, half-letter from Letter), facing and
 * mirrored, at the same type size as a book of that page; then imposed two
 * to a side of the sheet.
 */
export async function makeArticleBooklet(article: Article, job: PdfJob): Promise<Uint8Array> {
  const {sheet, page} = bookletOf(job.paper)
  const pages = await printArticle(article, job, page, 'booklet')
  const facts = pdfFacts(article, job.date)
  return imposeBooklet(pages, {title: `${facts.title} (booklet)`, date: facts.date, creator: facts.creator, sheet, rtl: article.meta.dir === 'rtl'})
}

async function printArticle(article: Article, job: PdfJob, paper: Paper, pages: 'handout' | 'booklet'): Promise<Uint8Array> {
  const pdf = await job.printer.print(toHtml(renderArticle(article, {target: 'print', paper, pages})), {
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
