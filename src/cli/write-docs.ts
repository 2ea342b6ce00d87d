/** `npm run docs:cli`: write docs/cli.md from options.ts. */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {CLI_DOCS_PATH, renderCliDocs} from './cli-docs.ts'

mkdirSync(path.dirname(CLI_DOCS_PATH), {recursive: true})
writeFileSync(CLI_DOCS_PATH, renderCliDocs())
