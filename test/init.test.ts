/**
 * `imprint init`: a fresh folder becomes a project that builds with the
 * README's commands (`npm install && npm run build`, with the real npm),
 * filled from --title, --publisher and --lang, and a second init refuses
 * to overwrite anything and names each file in its way.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {after, before, test} from 'node:test'
import {epubcheck, readEpub} from './helpers/artefacts.ts'
import {imprint} from './helpers/imprint.ts'

const run = promisify(execFile)
let dir: string
let project: string

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-init-'))
  project = path.join(dir, 'reader')
})

after(async () => {
  await rm(dir, {recursive: true, force: true})
})

test('init writes a project from the flags', async () => {
  const made = await imprint(['init', project, '--title', 'Spring Reader', '--publisher', 'Harbour Gazette', '--lang', 'en-GB'])
  assert.equal(made.code, 0, made.stderr)
  const files = (await readdir(project, {recursive: true})).sort()
  for (const file of ['package.json', 'imprint.config.yaml', '.gitignore', 'content/harbour-ferry.txt', 'content/harbour-ferry.meta.yaml', 'content/night-market.md', 'content/reading-room.html']) {
    assert.ok(files.includes(file), `${file} is made`)
  }
  const config = await readFile(path.join(project, 'imprint.config.yaml'), 'utf8')
  assert.match(config, /^title: Spring Reader$/m)
  assert.match(config, /^publisher: Harbour Gazette$/m)
  assert.match(config, /^lang: en-GB$/m)
  assert.match(await readFile(path.join(project, 'content/night-market.md'), 'utf8'), /^publisher: Harbour Gazette$/m)
  const manifest = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as {scripts: Record<string, string>; dependencies: Record<string, string>}
  assert.equal(manifest.scripts.build, 'imprint build')
  assert.equal(manifest.dependencies.imprint, `file:${path.resolve('.')}`)
  assert.match(made.stderr, /npm install && npm run build/)
})

test('init refuses to overwrite, names each file, and writes nothing', async () => {
  await writeFile(path.join(project, 'content/night-market.md'), 'mine\n')
  const again = await imprint(['init', project])
  assert.equal(again.code, 1)
  for (const file of ['package.json', 'imprint.config.yaml', path.join('content', 'night-market.md')]) {
    assert.ok(again.stderr.includes(`${path.join(project, file)} exists; not overwritten`), `${file} is named:\n${again.stderr}`)
  }
  assert.equal(await readFile(path.join(project, 'content/night-market.md'), 'utf8'), 'mine\n')
})

test('`npm install && npm run build` builds the new project: every article and the book', async () => {
  const fresh = path.join(dir, 'fresh')
  assert.equal((await imprint(['init', fresh, '--title', 'Spring Reader'])).code, 0)
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {cwd: fresh, timeout: 240_000})
  const built = await run('npm', ['run', 'build'], {cwd: fresh, env: {...process.env, CI: '1'}, timeout: 240_000})
  assert.match(built.stdout, /dist\/spring-reader\.epub/)
  const dist = await readdir(path.join(fresh, 'dist'))
  for (const slug of ['harbour-ferry', 'night-market', 'reading-room']) {
    for (const extension of ['html', 'pdf', 'epub']) assert.ok(dist.includes(`${slug}.${extension}`), `${slug}.${extension}`)
  }
  assert.ok(dist.includes('spring-reader.epub') && dist.includes('spring-reader.pdf') && dist.includes('index.html') && dist.includes('opds.xml'))
  // The pasted text kept the notice its sidecar gives, word for word.
  const chapters = [...(await readEpub(path.join(fresh, 'dist/harbour-ferry.epub'))).values()].join('\n')
  assert.match(chapters, /Shared with permission; keep this notice\./)
  // The saved page's notice is its own © line, not the site's menu in the footer.
  const page = await readFile(path.join(fresh, 'dist/reading-room.html'), 'utf8')
  assert.match(page, /class="notice"[^>]*>(?:<h2[^>]*>[^<]*<\/h2>)?<p>© 2025 [^<]*\. Shared with permission; keep this notice\.<\/p>/)
  assert.doesNotMatch(page, /Newsletter/)
  const verdict = await epubcheck(path.join(fresh, 'dist/spring-reader.epub'))
  assert.equal(verdict.fatals + verdict.errors, 0, verdict.messages.join('\n'))
})
