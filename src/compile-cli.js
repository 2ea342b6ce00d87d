// Compile the CLI and everything it imports into one ES module bundle with
// esbuild, so `imprint` starts by reading a few files instead of resolving
// and transpiling hundreds. Used by imprint.js; JavaScript because it runs
// before any TypeScript loader.
import {existsSync, readdirSync, statSync} from 'node:fs'
import {readFile, rename, rm} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

/** Lazily loaded chunks of an old bundle may still be read by a running build: keep it a day. */
const KEEP_OLD_MS = 24 * 60 * 60 * 1000

/**
 * The bundle's entry for this `stamp` of the sources, compiled first when
 * there is none. Throws when esbuild is missing or the folder is read-only.
 */
export async function bundleCli({src, root, stamp}) {
  const dir = path.join(root, 'node_modules', '.cache', 'imprint', 'cli')
  const entry = path.join(dir, stamp, 'cli.js')
  if (existsSync(entry)) return entry

  const {build} = await import('esbuild')
  const temp = path.join(dir, `.tmp-${stamp}-${process.pid}`)
  await build({
    // The stage worker is a second entry: worker threads of a build load it (stage-pool.ts).
    entryPoints: {cli: path.join(src, 'cli/main.ts'), 'stage-worker': path.join(src, 'build/worker.ts')},
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: temp,
    logLevel: 'silent',
    // Optional native speed-ups of `ws`, loaded in a try/catch when installed.
    external: ['bufferutil', 'utf-8-validate'],
    // CommonJS dependencies call require(); an ES module bundle has none of its own.
    banner: {js: "import {createRequire as __imprintRequire} from 'node:module'; const require = __imprintRequire(import.meta.url);"},
    plugins: [keepModuleUrls]
  })
  try {
    await rename(temp, path.join(dir, stamp))
  } catch (error) {
    // Another imprint compiled the same sources first: use theirs.
    await rm(temp, {recursive: true, force: true})
    if (!existsSync(entry)) throw error
  }
  removeOldBundles(dir, stamp)
  return entry
}

/**
 * Modules find their files relative to themselves (templates/, styles/,
 * package.json, the font packages). In a bundle every module would share
 * the bundle's URL, so each keeps its own: `import.meta.url` becomes the
 * source file's URL, as a literal.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({filter: /\.(ts|js|mjs|cjs)$/}, async (args) => {
      const text = await readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.ts') ? 'ts' : 'js'
      }
    })
  }
}

function removeOldBundles(dir, keep) {
  for (const name of readdirSync(dir)) {
    if (name === keep) continue
    const folder = path.join(dir, name)
    try {
      if (Date.now() - statSync(folder).mtimeMs > KEEP_OLD_MS) void rm(folder, {recursive: true, force: true})
    } catch {
      // Removed by another imprint meanwhile.
    }
  }
}
