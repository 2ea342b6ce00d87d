#!/usr/bin/env node
// The `imprint` command. The sources are TypeScript with no compile step
// between an edit and a build, but loading them through tsx file by file
// costs about a second before any work starts. So the CLI runs from one
// bundle that esbuild compiles into node_modules/.cache/imprint/cli/, named
// by the sizes and times of the sources: an edit makes a new bundle on the
// next run, and a stale one is never used. When the bundle cannot be made
// (no esbuild, a read-only install), the sources run through tsx as before.
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const SRC = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.dirname(SRC)

const {main} = await loadCli()
process.exitCode = await main(process.argv.slice(2))

async function loadCli() {
  if (!process.env.IMPRINT_NO_BUNDLE) {
    try {
      const {bundleCli} = await import('./compile-cli.js')
      const entry = await bundleCli({src: SRC, root: ROOT, stamp: sourceStamp()})
      // Worker threads of the build run the bundle's copy of stage-worker.ts.
      globalThis[Symbol.for('imprint.stage-worker')] = path.join(path.dirname(entry), 'stage-worker.js')
      return await import(pathToFileURL(entry).href)
    } catch {
      // Fall through to the sources: slower to start, same results.
    }
  }
  const {register} = await import('tsx/esm/api')
  register()
  return import('./cli/main.ts')
}

/** Sizes and modification times of everything the bundle is made from. */
function sourceStamp() {
  const hash = createHash('sha256')
  const files = readdirSync(SRC, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
  for (const file of [...files, path.join(ROOT, 'package.json'), path.join(ROOT, 'package-lock.json')]) {
    if (!existsSync(file)) continue
    const info = statSync(file)
    hash.update(`${path.relative(ROOT, file)}\0${info.size}\0${info.mtimeMs}\n`)
  }
  return hash.digest('hex').slice(0, 16)
}
