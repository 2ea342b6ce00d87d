/**
 * `npm run compile`: src/ -> lib/, the JavaScript that `imprint` runs.
 *
 * esbuild bundles each entry with everything it imports, the dependencies
 * too, split into shared chunks that load only when used. Loading imprint
 * file by file meant some 700 modules for one article (Puppeteer's, the
 * unified ecosystem's, pdf-lib's), and compiling them cost more CPU than
 * reading and typesetting the article. Type checking is `npm run typecheck`.
 *
 * Modules find their files relative to themselves (templates/, styles/,
 * package.json, the fonts' packages), so each keeps the URL it would have
 * unbundled: `import.meta.url` in src/render/template.ts becomes
 * lib/render/template.js, resolved against the file it lands in. That
 * holds because every file the bundle writes sits directly in lib/, except
 * the worker's entry, which the compile checks holds none of those modules.
 */
import {createHash} from 'node:crypto'
import {readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build, version as esbuildVersion, type Plugin} from 'esbuild'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SRC = path.join(ROOT, 'src')
const LIB = path.join(ROOT, 'lib')

/** What lib/ holds: the command, the install-time set-up, and the build's worker threads (found beside build/workers.js). */
const ENTRIES = {bin: 'bin.ts', setup: 'setup.ts', 'build/worker': 'build/worker.ts'}

/** Native code and optional native speed-ups: loaded from node_modules at run time, never bundled. */
const EXTERNAL = ['sharp', 'bufferutil', 'utf-8-validate']

/** Modules whose `import.meta.url` was rewritten, relative to the root as esbuild's metafile names them. */
const rewritten = new Set<string>()

/** Rewrites `import.meta.url` in imprint's modules to the URL each would have in an unbundled lib/. */
const keepModuleUrls: Plugin = {
  name: 'keep-module-urls',
  setup(builder) {
    builder.onLoad({filter: /\.ts$/}, async (args) => {
      const text = await readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url') || !args.path.startsWith(SRC + path.sep)) return undefined
      rewritten.add(path.relative(ROOT, args.path).split(path.sep).join('/'))
      const own = path.relative(SRC, args.path).replace(/\.ts$/, '.js').split(path.sep).join('/')
      return {contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`), loader: 'ts'}
    })
  }
}

/**
 * Made in a folder of its own and swapped in whole: a build or a test
 * running from lib/ meanwhile (an `npm install` that links imprint runs
 * this too) never finds it missing or half written.
 */
async function compile(): Promise<void> {
  // Sources as they were at the last compile: lib/ stands. An `npm install`
  // that links imprint into a project runs this, while imprint may be running.
  const stamp = await sourceStamp()
  if ((await readFile(path.join(LIB, STAMP_FILE), 'utf8').catch(() => '')) === stamp) return
  const made = `${LIB}.tmp-${process.pid}`
  const old = `${LIB}.old-${process.pid}`
  await rm(made, {recursive: true, force: true})
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(SRC, file)])),
    outdir: made,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunk-[hash]',
    external: EXTERNAL,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: {js: "import {createRequire as __imprintRequire} from 'node:module';const require = __imprintRequire(import.meta.url);"},
    plugins: [keepModuleUrls]
  })
  // The worker's entry is one level down: a module that finds files from
  // its own URL must not land in it (esbuild puts code used by both entries in a chunk).
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (path.dirname(path.resolve(ROOT, file)) === made) continue
    const misplaced = Object.keys(output.inputs).filter((input) => rewritten.has(input))
    if (misplaced.length > 0) throw new Error(`compile: ${misplaced.join(', ')} landed in ${file}, where its file paths would be wrong`)
  }
  await writeFile(path.join(made, STAMP_FILE), stamp)
  await rename(LIB, old).catch(() => undefined)
  await rename(made, LIB)
  await rm(old, {recursive: true, force: true})
}

/** Names the sources lib/ was compiled from. */
const STAMP_FILE = '.stamp'

/** A hash of everything lib/ is made from: src/, the manifests and esbuild's version. */
async function sourceStamp(): Promise<string> {
  const hash = createHash('sha256').update(esbuildVersion)
  const files = (await readdir(SRC, {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
  for (const file of [...files, path.join(ROOT, 'package.json'), path.join(ROOT, 'package-lock.json')]) {
    hash.update(`${path.relative(ROOT, file)}\0`).update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0')
  }
  return hash.digest('hex')
}

await compile()
