/**
 * build: the whole pipeline for a set of content paths.
 *
 *   load -> parse -> normalize -> render -> emit
 *
 * Problems in one source are messages on its VFile; the other sources still
 * build. Only the CLI prints them.
 */
import {readFileSync} from 'node:fs'
import {mkdir, mkdtemp, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {toText} from 'hast-util-to-text'
import type {Browser} from 'puppeteer-core'
import {VFile} from 'vfile'
import type {Article, Format, Paper} from './article.ts'
import {launchBrowser} from './emit/browser.ts'
import {emitEpub} from './emit/emit-epub.ts'
import {printPdf} from './emit/emit-pdf.ts'
import {finishPdf, type PdfFacts} from './emit/finish-pdf.ts'
import {imposeBooklet} from './emit/impose-booklet.ts'
import {writeAtomic} from './emit/write-atomic.ts'
import {epubFonts, fontRoots} from './fonts.ts'
import {findSources, formatSize, loadSource, type Source} from './load.ts'
import {normalize} from './normalize/normalize.ts'
import {parseHtml} from './parse/parse-html.ts'
import {parseText} from './parse/parse-text.ts'
import type {MetaInput} from './meta-schema.ts'
import {articleElement, describeArticle, headingsOf, renderArticle} from './render/render-article.ts'
import {renderIndex, type IndexEntry} from './render/render-index.ts'
import {loadStyle, STYLES_DIR, TEMPLATES_DIR} from './render/template.ts'

export const IMPRINT_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}
).version

export interface BuildOptions {
  readonly inputs: readonly string[]
  readonly outDir: string
  readonly formats: readonly Format[]
  readonly paper: Paper
  readonly browserPath?: string
  /** PDF pages printed at once in the one browser. */
  readonly concurrency?: number
  /** Also write `<slug>-booklet.pdf`, imposed for saddle-stitch folding. */
  readonly booklet?: boolean
  /** Fixed time for reproducible outputs; defaults to SOURCE_DATE_EPOCH, then the article's date. */
  readonly sourceDateEpoch?: number
}

export interface Output {
  readonly format: Format | 'index'
  readonly path: string
  readonly bytes: number
}

export interface ArticleResult {
  readonly file: VFile
  readonly slug: string
  readonly article?: Article
  readonly outputs: Output[]
}

export interface BuildResult {
  readonly articles: readonly ArticleResult[]
  readonly index?: Output
  /** True when any source had a fatal problem or an output failed. */
  readonly failed: boolean
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const outDir = path.resolve(options.outDir)
  const sources = await loadAll(options.inputs)
  const results: ArticleResult[] = sources.map((source) => prepare(source))
  rejectDuplicateSlugs(results)

  await mkdir(outDir, {recursive: true})
  const ready = results.filter((result) => result.article && !hasFatal(result.file))
  const formats = new Set(options.formats)

  // Start Chromium first: its launch overlaps the HTML and EPUB work.
  const browserPromise =
    formats.has('pdf') && ready.length > 0 ? launchBrowser({executablePath: options.browserPath}) : undefined
  browserPromise?.catch(() => {})

  const work: Promise<void>[] = []
  for (const result of ready) {
    if (formats.has('html')) work.push(guard(result, 'html', () => emitHtmlFile(result, outDir)))
    if (formats.has('epub')) work.push(guard(result, 'epub', () => emitEpubFile(result, outDir, options)))
  }
  if (browserPromise) work.push(printAll(browserPromise, ready, outDir, options))
  await Promise.all(work)

  const index = await writeIndex(results, outDir)
  const failed = results.some((result) => hasFatal(result.file))
  return {articles: results, index, failed}
}

async function loadAll(inputs: readonly string[]): Promise<Source[]> {
  const paths: string[] = []
  const missing: Source[] = []
  for (const input of inputs) {
    try {
      paths.push(...(await findSources([input])))
    } catch (error) {
      const file = new VFile({path: path.resolve(input)})
      const message = file.message(`cannot read input: ${(error as NodeJS.ErrnoException).code ?? error}`, {
        ruleId: 'missing-input',
        source: 'imprint'
      })
      message.fatal = true
      missing.push({file, format: 'text', slug: '', root: '', meta: {}, ok: false})
    }
  }
  return [...missing, ...(await Promise.all([...new Set(paths)].map((file) => loadSource(file))))]
}

/** Parse and normalize one source; never throws. */
function prepare(source: Source): ArticleResult {
  const result = {file: source.file, slug: source.slug, outputs: []}
  if (!source.ok) return result
  try {
    const {tree, meta} = parse(source)
    const article = normalize({tree, file: source.file, slug: source.slug, meta})
    return {...result, article}
  } catch (error) {
    fatal(source.file, error, 'parse-failed')
    return result
  }
}

/** A reader's tree, and the source's metadata with what the source itself says under it. */
function parse(source: Source): {tree: Root; meta: MetaInput} {
  switch (source.format) {
    case 'text':
      return {tree: parseText(source.file, {lang: source.meta.lang ?? 'en', publisher: source.meta.publisher}), meta: source.meta}
    case 'html':
      return parseHtml(source.file, {sidecar: source.meta})
    case 'markdown':
      throw new Error(`${source.format} sources are not supported yet; use a .txt file`)
  }
}

function rejectDuplicateSlugs(results: ArticleResult[]): void {
  const seen = new Map<string, ArticleResult>()
  for (const result of results) {
    if (!result.article) continue
    const first = seen.get(result.slug)
    if (!first) {
      seen.set(result.slug, result)
      continue
    }
    const message = result.file.message(
      `duplicate slug \`${result.slug}\`: ${first.file.path} already writes ${result.slug}.*; rename one of them`,
      {ruleId: 'duplicate-slug', source: 'imprint'}
    )
    message.fatal = true
  }
}

async function emitHtmlFile(result: ArticleResult, outDir: string): Promise<Output> {
  const tree = renderArticle(result.article!, {target: 'page'})
  return writeOutput('html', path.join(outDir, `${result.slug}.html`), toHtml(tree))
}

async function emitEpubFile(result: ArticleResult, outDir: string, options: BuildOptions): Promise<Output> {
  const article = result.article!
  const chapter = articleElement(renderArticle(article, {target: 'epub'}))
  const fonts = epubFonts(`${article.meta.title}\n${toText(chapter)}`)
  const bytes = await emitEpub({
    meta: article.meta,
    credits: article.credits,
    notice: article.notice,
    chapters: [{id: article.slug, title: article.meta.title, lang: article.meta.lang, dir: article.meta.dir, body: chapter}],
    css: [fonts.css, loadStyle('base.css'), loadStyle('epub.css')].join('\n'),
    resources: fonts.fonts,
    modified: buildDate(article, options)
  })
  return writeOutput('epub', path.join(outDir, `${result.slug}.epub`), bytes)
}

async function printAll(
  browserPromise: Promise<Browser>,
  ready: readonly ArticleResult[],
  outDir: string,
  options: BuildOptions
): Promise<void> {
  let browser: Browser
  try {
    browser = await browserPromise
  } catch (error) {
    for (const result of ready) fatal(result.file, error, 'no-browser')
    return
  }
  const temp = await mkdtemp(path.join(os.tmpdir(), 'imprint-'))
  try {
    const queue = [...ready]
    const worker = async () => {
      for (let result = queue.shift(); result; result = queue.shift()) {
        const current = result
        await guard(current, 'pdf', async () => {
          const article = current.article!
          const htmlPath = path.join(temp, `${current.slug}.html`)
          await writeFile(htmlPath, toHtml(renderArticle(article, {target: 'print', paper: options.paper})))
          const pdf = await printPdf(browser, htmlPath, {
            allowedRoots: [temp, path.dirname(article.path), STYLES_DIR, TEMPLATES_DIR, ...fontRoots()],
            onBlocked: (url) =>
              current.file.message(`blocked a request for ${url}: only the build's own files may load`, {
                ruleId: 'blocked-request',
                source: 'imprint'
              })
          })
          const facts = pdfFacts(article, options)
          const finished = await finishPdf(pdf, facts)
          if (options.booklet) current.outputs.push(await writeBooklet(finished, facts, path.join(outDir, `${current.slug}-booklet.pdf`)))
          return writeOutput('pdf', path.join(outDir, `${current.slug}.pdf`), finished)
        })
      }
    }
    const concurrency = Math.max(1, options.concurrency ?? Math.min(3, os.availableParallelism() + 1))
    await Promise.all(Array.from({length: Math.min(concurrency, ready.length)}, worker))
  } finally {
    await browser.close().catch(() => {})
    await rm(temp, {recursive: true, force: true})
  }
}

function pdfFacts(article: Article, options: BuildOptions): PdfFacts {
  const {meta} = article
  return {
    title: meta.title,
    author: meta.bylines.length > 0 ? meta.bylines.join(', ') : meta.publisher,
    subject: describeArticle(article),
    keywords: [meta.publisher, ...meta.bylines].filter((item): item is string => Boolean(item)),
    lang: meta.lang,
    headings: headingsOf(article),
    date: buildDate(article, options),
    creator: `imprint ${IMPRINT_VERSION}`
  }
}

async function writeBooklet(pdf: Uint8Array, facts: PdfFacts, target: string): Promise<Output> {
  const booklet = await imposeBooklet(pdf, {title: `${facts.title} (booklet)`, date: facts.date, creator: facts.creator})
  return writeOutput('pdf', target, booklet)
}

async function writeIndex(results: readonly ArticleResult[], outDir: string): Promise<Output | undefined> {
  const entries: IndexEntry[] = []
  for (const result of results) {
    if (!result.article || hasFatal(result.file)) continue
    const exists = async (ext: string) => {
      try {
        return (await stat(path.join(outDir, `${result.slug}.${ext}`))).size
      } catch {
        return undefined
      }
    }
    const [html, epub, pdf] = await Promise.all([exists('html'), exists('epub'), exists('pdf')])
    entries.push({
      article: result.article,
      html: html === undefined ? undefined : `${result.slug}.html`,
      epub: epub === undefined ? undefined : {href: `${result.slug}.epub`, size: formatSize(epub)},
      pdf: pdf === undefined ? undefined : {href: `${result.slug}.pdf`, size: formatSize(pdf)}
    })
  }
  if (entries.length === 0) return undefined
  const lang = entries[0]!.article.meta.lang
  const tree = renderIndex(entries, {title: 'Articles', lang})
  return writeOutput('index', path.join(outDir, 'index.html'), toHtml(tree))
}

async function writeOutput(format: Output['format'], target: string, data: string | Uint8Array): Promise<Output> {
  await writeAtomic(target, data)
  return {format, path: target, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength}
}

/** Run one output's work; a failure becomes a fatal message on the source. */
async function guard(result: ArticleResult, format: Format, run: () => Promise<Output>): Promise<void> {
  try {
    result.outputs.push(await run())
  } catch (error) {
    fatal(result.file, error, `${format}-failed`, `${format.toUpperCase()}: `)
  }
}

/** The date stamped into outputs: SOURCE_DATE_EPOCH, else the article's own date. */
export function buildDate(article: Article, options: Pick<BuildOptions, 'sourceDateEpoch'>): Date {
  const epoch = options.sourceDateEpoch ?? envEpoch()
  if (epoch !== undefined) return new Date(epoch * 1000)
  const own = article.meta.date ? new Date(article.meta.date.length === 10 ? article.meta.date + 'T00:00:00Z' : article.meta.date) : undefined
  // Zip dates cannot go before 1980; an undated article gets that floor.
  return own && !Number.isNaN(own.getTime()) ? own : new Date('1980-01-01T00:00:00Z')
}

function envEpoch(): number | undefined {
  const raw = process.env.SOURCE_DATE_EPOCH
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined
  return Number(raw.trim())
}

function hasFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}

function fatal(file: VFile, error: unknown, ruleId: string, prefix = ''): void {
  const reason = error instanceof Error ? error.message : String(error)
  const message = file.message(prefix + reason.split('\n')[0], {ruleId, source: 'imprint'})
  message.fatal = true
}
