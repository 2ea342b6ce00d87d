/**
 * Bundled fonts. Outputs must not depend on the machine's fonts, so every
 * script of the publisher's languages (Latin, Cyrillic, Greek, Arabic,
 * Armenian, Georgian, Hebrew) and emoji come from the @fontsource Noto
 * packages in node_modules:
 *
 * - the print document loads them all by `file:` URL; Chromium fetches only
 *   the faces whose unicode-range the text needs and embeds the glyphs used;
 * - an EPUB carries only the woff2 subsets its text falls into.
 *
 * The families are tried in the order of `styles/base.css`'s font stacks, so
 * the face a character lands on here is the face a browser would pick.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

const require = createRequire(import.meta.url)

/** `normal` or `italic`, with the weight: the fontsource file name part. */
type Style = '400' | '400-italic' | '700' | '700-italic'

interface FamilySpec {
  readonly pkg: string
  /** Weights and styles the print stylesheet uses. */
  readonly print: readonly Style[]
  /** The fewer an EPUB carries, the smaller it is; readers synthesize the rest. */
  readonly epub: readonly Style[]
  /**
   * The script packages repeat Latin subsets; Noto Serif and Sans come first
   * in every stack and answer for Latin, so only the script's own are kept.
   */
  readonly subsets?: readonly string[]
}

export type FontRole = 'serif' | 'sans'

/** The font stacks of `styles/base.css`, in order. The test suite checks they agree. */
export const FONT_STACKS: Readonly<Record<FontRole, readonly FamilySpec[]>> = {
  serif: [
    {pkg: '@fontsource/noto-serif', print: ['400', '400-italic', '700', '700-italic'], epub: ['400', '400-italic', '700']},
    {pkg: '@fontsource/noto-naskh-arabic', print: ['400', '700'], epub: ['400', '700'], subsets: ['arabic']},
    {pkg: '@fontsource/noto-serif-armenian', print: ['400', '700'], epub: ['400', '700'], subsets: ['armenian']},
    {pkg: '@fontsource/noto-serif-georgian', print: ['400', '700'], epub: ['400', '700'], subsets: ['georgian']},
    {pkg: '@fontsource/noto-serif-hebrew', print: ['400', '700'], epub: ['400', '700'], subsets: ['hebrew']},
    // Monochrome outlines: Chromium would otherwise embed the system's colour
    // emoji font as bitmaps, megabytes for a handful of emoji.
    {pkg: '@fontsource/noto-emoji', print: ['400'], epub: ['400']}
  ],
  sans: [
    {pkg: '@fontsource/noto-sans', print: ['400', '400-italic', '700'], epub: ['400', '400-italic']},
    {pkg: '@fontsource/noto-sans-arabic', print: ['400', '700'], epub: ['400'], subsets: ['arabic']},
    {pkg: '@fontsource/noto-sans-armenian', print: ['400', '700'], epub: ['400'], subsets: ['armenian']},
    {pkg: '@fontsource/noto-sans-georgian', print: ['400', '700'], epub: ['400'], subsets: ['georgian']},
    {pkg: '@fontsource/noto-sans-hebrew', print: ['400', '700'], epub: ['400'], subsets: ['hebrew']},
    {pkg: '@fontsource/noto-emoji', print: ['400'], epub: ['400']}
  ]
}

/** One `@font-face` of a fontsource package: one subset of one weight and style. */
export interface FontFace {
  readonly family: string
  readonly style: 'normal' | 'italic'
  readonly weight: number
  readonly subset: string
  /** Absolute path of the woff2 file. */
  readonly file: string
  readonly ranges: ReadonlyArray<readonly [from: number, to: number]>
  readonly unicodeRange: string
}

/** A font file for the EPUB, named as it will be in the zip. */
export interface EpubFont {
  readonly href: string
  readonly mediaType: 'font/woff2'
  readonly data: Uint8Array
}

/** Characters the stylesheets add with `content:` (the kicker's `· `). */
const GENERATED_TEXT = '\u00b7\u00a0'

let printCss: string | undefined

/** `@font-face` rules for the print document, with absolute `file:` URLs. */
export function fontFaceCss(): string {
  printCss ??= uniqueFaces('print')
    .map((face) => faceRule(face, pathToFileURL(face.file).href))
    .join('\n')
  return printCss
}

/** Folders the print document may load fonts from. */
export function fontRoots(): string[] {
  return [...new Set(Object.values(FONT_STACKS).flat().map((spec) => packageDir(spec.pkg)))]
}

/**
 * The fonts an EPUB needs for `text`: for each character, the subset a
 * browser would take it from (first family in the stack whose subsets cover
 * it), in every weight and style the EPUB stylesheet uses. Returns the
 * `@font-face` rules, with `url(fonts/…)`, and the files to pack.
 */
export function epubFonts(text: string): {css: string; fonts: EpubFont[]} {
  const wanted = new Set<string>()
  const characters = new Set<number>()
  for (const char of text + GENERATED_TEXT) {
    const code = char.codePointAt(0)!
    // White space and controls take the surrounding run's font.
    if (code > 0x20 && !(code >= 0x7f && code <= 0x9f)) characters.add(code)
  }
  for (const role of Object.keys(FONT_STACKS) as FontRole[]) {
    for (const code of characters) {
      const face = firstCovering(role, code)
      if (face) wanted.add(`${face.family}\u0000${face.subset}`)
    }
  }
  const chosen = uniqueFaces('epub').filter((face) => wanted.has(`${face.family}\u0000${face.subset}`))
  const fonts = chosen.map(
    (face): EpubFont => ({href: `fonts/${path.basename(face.file)}`, mediaType: 'font/woff2', data: readFileSync(face.file)})
  )
  const css = chosen.map((face, index) => faceRule(face, fonts[index]!.href)).join('\n')
  return {css, fonts}
}

/** Characters of `text` that no bundled font covers: they would fall back to the machine's fonts. */
export function uncoveredCharacters(text: string): string[] {
  const missing = new Set<string>()
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code > 0x20 && !(code >= 0x7f && code <= 0x9f) && !firstCovering('serif', code)) missing.add(char)
  }
  return [...missing]
}

function firstCovering(role: FontRole, code: number): FontFace | undefined {
  for (const spec of FONT_STACKS[role]) {
    // CSS Fonts 4 § 4.5: of overlapping faces, the last defined is tried first.
    const faces = facesOf(spec, spec.epub[0] ?? '400')
    for (let index = faces.length - 1; index >= 0; index--) {
      const face = faces[index]!
      if (face.ranges.some(([from, to]) => code >= from && code <= to)) return face
    }
  }
  return undefined
}

function uniqueFaces(use: 'print' | 'epub'): FontFace[] {
  const seen = new Set<string>()
  const faces: FontFace[] = []
  for (const spec of Object.values(FONT_STACKS).flat()) {
    for (const style of spec[use]) {
      for (const face of facesOf(spec, style)) {
        if (seen.has(face.file)) continue
        seen.add(face.file)
        faces.push(face)
      }
    }
  }
  return faces
}

const parsed = new Map<string, FontFace[]>()

/** The faces of one fontsource CSS file (`400-italic.css`), in its order, filtered to the kept subsets. */
function facesOf(spec: FamilySpec, style: Style): FontFace[] {
  const key = `${spec.pkg}/${style}`
  let faces = parsed.get(key)
  if (!faces) {
    const cssPath = require.resolve(`${spec.pkg}/${style}.css`)
    faces = parseFontsource(readFileSync(cssPath, 'utf8'), path.dirname(cssPath), spec.pkg).filter(
      (face) => !spec.subsets || spec.subsets.includes(face.subset)
    )
    parsed.set(key, faces)
  }
  return faces
}

/** Read fontsource's generated CSS; the subset is in each file name: `noto-serif-cyrillic-ext-400-italic.woff2`. */
function parseFontsource(css: string, dir: string, pkg: string): FontFace[] {
  const faces: FontFace[] = []
  const prefix = pkg.replace(/^@fontsource\//, '') + '-'
  for (const [, body = ''] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const family = /font-family:\s*'([^']+)'/.exec(body)?.[1]
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1]
    const unicodeRange = /unicode-range:\s*([^;]+);/.exec(body)?.[1]?.trim()
    const name = file && file.startsWith(prefix) ? /^(.+)-(\d+)-(normal|italic)\.woff2$/.exec(file.slice(prefix.length)) : null
    if (!family || !file || !unicodeRange || !name) continue
    faces.push({
      family,
      style: name[3] === 'italic' ? 'italic' : 'normal',
      weight: Number(name[2]),
      subset: name[1]!,
      file: path.join(dir, 'files', file),
      ranges: parseRanges(unicodeRange),
      unicodeRange
    })
  }
  return faces
}

function parseRanges(value: string): Array<[number, number]> {
  return value.split(',').map((part) => {
    const [from = '0', to] = part.trim().replace(/^U\+/i, '').split('-')
    return [Number.parseInt(from, 16), Number.parseInt(to ?? from, 16)]
  })
}

function faceRule(face: FontFace, url: string): string {
  return [
    '@font-face {',
    `  font-family: "${face.family}";`,
    `  font-style: ${face.style};`,
    `  font-weight: ${face.weight};`,
    // Print waits for every font (`block`), so no page is set in a fallback.
    '  font-display: block;',
    `  src: url(${url}) format("woff2");`,
    `  unicode-range: ${face.unicodeRange};`,
    '}'
  ].join('\n')
}

function packageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/400.css`))
}
