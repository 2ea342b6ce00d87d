/**
 * The Node passes of one source, timed apart: load, prepare (read, parse,
 * normalize), the web page, the EPUB and the print rendering Chromium would
 * be given. For finding the pass that grows too fast; Chromium itself is not run.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import {prepareArticle} from '../src/build/prepare-article.ts'
import {makeArticleEpub} from '../src/formats/epub/article-epub.ts'
import {makePage} from '../src/formats/html/page.ts'
import {DEFAULT_SCREEN} from '../src/formats/screen.ts'
import {DEFAULT_LIMITS, type Limits} from '../src/limits.ts'
import {loadSource} from '../src/load/load.ts'
import {renderArticle} from '../src/render/render-article.ts'
import type {HostileInput} from '../test/helpers/hostile-inputs.ts'

export type Stage = 'load' | 'prepare' | 'page' | 'epub' | 'print'

/** The limits a pass is measured under: the text limits opened, so the passes themselves are timed. */
export const OPEN_LIMITS: Limits = {...DEFAULT_LIMITS, blocks: 1e9, paragraph: 1e9, emphasis: 1e9, 'meta-size': 1e9, 'source-size': 1e9}

/** Cases that are one paragraph: no EPUB can split it into chapters small enough, so it is not made. */
const ONE_PARAGRAPH = new Set(['pasted-one-line', 'html-one-paragraph', 'markdown-links', 'opening-quotes', 'guillemets', 'straight-quotes', 'dots', 'markdown-open-emphasis', 'markdown-emphasis', 'pasted-spaces', 'markdown-nested-list'])

/** The stages that say something of a case of test/helpers/hostile-inputs.ts. */
export function stagesFor(id: string): Stage[] {
  if (id === 'sidecar-keys') return ['load']
  return ONE_PARAGRAPH.has(id) ? ['load', 'prepare', 'page', 'print'] : ['load', 'prepare', 'page', 'epub', 'print']
}

/**
 * Milliseconds of CPU per stage (this process's, so that other work on a
 * shared machine weighs less than on a clock); stops at the first stage
 * that throws or reports an error.
 */
export async function timeStages(input: HostileInput, limits: Limits = DEFAULT_LIMITS, stages: readonly Stage[] = ['load', 'prepare', 'page', 'epub', 'print']): Promise<{times: Partial<Record<Stage, number>>; error?: string}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-stages-'))
  const times: Partial<Record<Stage, number>> = {}
  const timed = async <T>(stage: Stage, work: () => Promise<T> | T): Promise<T> => {
    const start = process.cpuUsage()
    const result = await work()
    const used = process.cpuUsage(start)
    times[stage] = (used.user + used.system) / 1000
    return result
  }
  try {
    const file = path.join(dir, input.name)
    await writeFile(file, input.text)
    if (input.sidecar !== undefined) await writeFile(file.replace(/\.[^.]+$/, '.meta.yaml'), input.sidecar)
    const source = await timed('load', () => loadSource(file, {limits}))
    if (!source.ok) return {times, error: source.file.messages.map(String).join('; ')}
    if (!stages.includes('prepare')) return {times}
    const article = await timed('prepare', () => prepareArticle(source, {limits}))
    const fatal = source.file.messages.find((message) => message.fatal)
    if (fatal) return {times, error: String(fatal)}
    if (stages.includes('page')) await timed('page', () => makePage(article, DEFAULT_SCREEN))
    if (stages.includes('epub')) await timed('epub', () => makeArticleEpub(article, new Date(0), DEFAULT_SCREEN))
    if (stages.includes('print')) await timed('print', () => toHtml(renderArticle(article, {target: 'print', paper: 'a4', pages: 'handout'})))
    return {times}
  } catch (error) {
    return {times, error: error instanceof Error ? error.message : String(error)}
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}
