/**
 * The print documents' shared stylesheet, and the warm-up page that loads
 * its fonts. Kept apart from render-article.ts, which needs the parsers and
 * the hyphenation patterns: the printer asks for these before Chromium
 * starts, and must not wait for those to load.
 */
import {readFileSync} from 'node:fs'
import {fontFaceCss} from '../fonts.ts'
import {STYLES_DIR} from './paths.ts'

let shared: string | undefined

/**
 * The first stylesheet of every article's print document: the same text for
 * all of them, so that a tab keeps it, and its loaded fonts, from one
 * article to the next (see emit-pdf.ts). What differs per article goes in
 * the second, the page style.
 */
export function printStyles(): string {
  shared ??= [fontFaceCss(), readFileSync(STYLES_DIR + 'base.css', 'utf8'), readFileSync(STYLES_DIR + 'print.css', 'utf8')].join('\n')
  return shared
}

const SAMPLE = 'Warm-up: the quick brown fox jumps over the lazy dog, 0123456789.'

/**
 * A page the printer's tabs open with while Chromium starts: the shared
 * stylesheet and a line in each face an article's handout usually sets
 * (serif body, italic, bold; sans headline, byline and footer), so that the
 * fonts most handouts need are fetched and decoded before the first one
 * arrives. Faces of other scripts load as their text needs them.
 */
export function printWarmup(): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title></title>',
    `<style>${printStyles()}</style></head><body>`,
    '<article class="article"><header class="article-header">',
    `<p class="kicker"><span class="publisher">${SAMPLE}</span></p><h1 class="headline">${SAMPLE}</h1><p class="byline">${SAMPLE}</p></header>`,
    `<div class="article-body"><p>${SAMPLE} <em>${SAMPLE}</em> <strong>${SAMPLE}</strong></p></div>`,
    `<footer class="article-footer"><p class="credits">${SAMPLE}</p><aside class="notice"><p>${SAMPLE} <em>${SAMPLE}</em></p></aside></footer>`,
    '</article></body></html>'
  ].join('')
}
