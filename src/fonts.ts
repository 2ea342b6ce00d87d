/**
 * Bundled fonts. The PDF must not depend on the machine's fonts, so the print
 * document loads Noto from the @fontsource packages in node_modules, and
 * Chromium embeds the subsets it uses.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

const require = createRequire(import.meta.url)

/** Families and the weight/style files each needs. */
const FAMILIES: ReadonlyArray<readonly [pkg: string, files: readonly string[]]> = [
  ['@fontsource/noto-serif', ['400.css', '400-italic.css', '700.css', '700-italic.css']],
  ['@fontsource/noto-sans', ['400.css', '400-italic.css', '700.css']]
]

let cached: string | undefined

/** `@font-face` rules with absolute `file:` URLs, for pages loaded from disk. */
export function fontFaceCss(): string {
  if (cached !== undefined) return cached
  const parts: string[] = []
  for (const [pkg, files] of FAMILIES) {
    for (const name of files) {
      const cssPath = require.resolve(`${pkg}/${name}`)
      const base = pathToFileURL(path.dirname(cssPath) + '/').href
      const css = readFileSync(cssPath, 'utf8')
      // Drop the .woff fallbacks: Chromium reads woff2, and one src is enough.
      parts.push(
        css
          .replace(/,\s*url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g, '')
          .replace(/url\(\.\/files\//g, `url(${base}files/`)
      )
    }
  }
  cached = parts.join('\n')
  return cached
}

/** Folders the print document may load fonts from. */
export function fontRoots(): string[] {
  return FAMILIES.map(([pkg]) => path.dirname(require.resolve(`${pkg}/400.css`)))
}
