/** imprint's version, from package.json: stamped into PDFs and printed by --version. */
import {readFileSync} from 'node:fs'

export const IMPRINT_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}
).version
