/**
 * EPUB Accessibility 1.1 metadata, derived from what the book really holds.
 *
 * The European Accessibility Act makes these claims legal statements, so each
 * one is earned by the content: `alternativeText` and `accessModeSufficient:
 * textual` only when every image has alt text, and `dcterms:conformsTo` only
 * when nothing the build can check stands in the way of WCAG 2.2 AA.
 */
import type {Element as HastElement} from 'hast'
import {visit} from 'unist-util-visit'

/** What the package documents declare; `emitEpub` derives it from the chapters. */
export interface AccessibilityFacts {
  readonly images: number
  /** Images whose `alt` is missing or blank. */
  readonly imagesWithoutAlt: number
  /** A GIF may animate or flash; we cannot tell which, so we say so. */
  readonly mayFlash: boolean
  readonly hasMath: boolean
}

/** The EPUB Accessibility 1.1 conformance statement (§ 2.1). */
export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA'

/** Count images and their text alternatives in the chapter bodies. */
export function assessChapters(
  bodies: readonly HastElement[],
  resources: ReadonlyArray<{readonly href: string; readonly mediaType: string; readonly cover: boolean}>
): AccessibilityFacts {
  let images = 0
  let imagesWithoutAlt = 0
  let hasMath = false
  const shown = new Set<string>()
  for (const body of bodies) {
    visit(body, 'element', (node) => {
      if (node.tagName === 'math') hasMath = true
      if (node.tagName !== 'img' && node.tagName !== 'svg') return
      // An inline <svg> with role="img" names itself with aria-label or <title>.
      if (node.tagName === 'svg' && node.properties.role !== 'img') return
      images++
      const alt = node.tagName === 'img' ? node.properties.alt : node.properties.ariaLabel ?? svgTitle(node)
      if (typeof alt !== 'string' || alt.trim() === '') imagesWithoutAlt++
      if (typeof node.properties.src === 'string') shown.add(node.properties.src)
    })
  }
  const mayFlash = resources.some((resource) => resource.mediaType === 'image/gif' && (shown.has(resource.href) || resource.cover))
  return {images, imagesWithoutAlt, mayFlash, hasMath}
}

/** True when the build stands behind WCAG 2.2 AA: every image has a text alternative. */
export function conforms(facts: AccessibilityFacts): boolean {
  return facts.imagesWithoutAlt === 0
}

/** The `<meta>` entries for the OPF, as [property, value] pairs in a fixed order. */
export function accessibilityMetadata(facts: AccessibilityFacts): Array<[property: string, value: string]> {
  const entries: Array<[string, string]> = [['schema:accessMode', 'textual']]
  if (facts.images > 0) entries.push(['schema:accessMode', 'visual'])
  // Text alone suffices when every image is described; with images, text and
  // sight together always do.
  if (facts.images === 0 || facts.imagesWithoutAlt === 0) entries.push(['schema:accessModeSufficient', 'textual'])
  if (facts.images > 0) entries.push(['schema:accessModeSufficient', 'textual,visual'])
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability']
  if (facts.images > 0 && facts.imagesWithoutAlt === 0) features.push('alternativeText')
  if (facts.hasMath) features.push('MathML')
  for (const feature of features) entries.push(['schema:accessibilityFeature', feature])
  entries.push(['schema:accessibilityHazard', facts.mayFlash ? 'unknownFlashingHazard' : 'none'])
  if (facts.mayFlash) {
    entries.push(['schema:accessibilityHazard', 'noMotionSimulationHazard'], ['schema:accessibilityHazard', 'noSoundHazard'])
  }
  entries.push(['schema:accessibilitySummary', summarize(facts)])
  if (conforms(facts)) entries.push(['dcterms:conformsTo', CONFORMS_TO])
  return entries
}

function summarize(facts: AccessibilityFacts): string {
  const parts = [
    'A reflowable text with a table of contents, headings in reading order and the language of the text declared;',
    'readers can change fonts, sizes and colours.'
  ]
  if (facts.images === 0) parts.push('It has no images.')
  else if (facts.imagesWithoutAlt === 0) parts.push(`Each of its ${facts.images} image${facts.images === 1 ? ' has' : 's has'} a text alternative.`)
  else parts.push(`${facts.imagesWithoutAlt} of its ${facts.images} images ${facts.imagesWithoutAlt === 1 ? 'has' : 'have'} no text alternative.`)
  parts.push(
    conforms(facts)
      ? `It meets ${CONFORMS_TO}.`
      : 'It does not claim WCAG conformance until every image is described.'
  )
  return parts.join(' ')
}

function svgTitle(node: HastElement): string | undefined {
  const title = node.children.find((child): child is HastElement => child.type === 'element' && child.tagName === 'title')
  const text = title?.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
  return text
}
