/**
 * The screen formats: an image larger than --image-max is scaled down in
 * the EPUB and the web page, in its own format, while the PDF prints it at
 * full resolution; a smaller image passes byte for byte. `--epub-fonts
 * none` makes a smaller EPUB without fonts that EPUBCheck still passes;
 * each article's EPUB carries its drawn cover.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import {mkdir, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {after, before, test} from 'node:test'
import JSZip from 'jszip'
import sharp from 'sharp'
import {epubcheck, pdfImages} from './helpers/artefacts.ts'
import {CLI} from './helpers/imprint.ts'

const run = promisify(execFile)
let dir: string
let large: Buffer
let small: Buffer

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-screen-'))
  const content = path.join(dir, 'content')
  await mkdir(path.join(content, 'images'), {recursive: true})
  // A wide photograph-like picture (noise does not compress away) and a small one.
  large = await sharp({create: {width: 2400, height: 1200, channels: 3, background: '#808080', noise: {type: 'gaussian', mean: 120, sigma: 30}}})
    .jpeg({quality: 92})
    .toBuffer()
  small = await sharp({create: {width: 640, height: 480, channels: 3, background: '#2060a0'}}).png().toBuffer()
  await writeFile(path.join(content, 'images/wide.jpg'), large)
  await writeFile(path.join(content, 'images/small.png'), small)
  await writeFile(
    path.join(content, 'pictures.md'),
    '---\ntitle: Pictures of the Harbour\npublisher: Harbour Gazette\ndate: 2025-02-03\nlang: en\n---\n\n' +
      '![The harbour at dawn, seen from the pier](images/wide.jpg)\n\nThe first picture is wide.\n\n' +
      '![A blue square of sky](images/small.png)\n\nThe second is small.\n'
  )
  for (const [out, extra] of [['embed', []], ['none', ['--epub-fonts', 'none']]] as const) {
    await run(process.execPath, [CLI, 'build', content, '--out', path.join(dir, out), '--no-cache', '--quiet', ...extra])
  }
})

after(async () => {
  await rm(dir, {recursive: true, force: true})
})

test('the EPUB holds the large image at 1600 px and the small one as it was', async () => {
  const zip = await JSZip.loadAsync(await readFile(path.join(dir, 'embed/pictures.epub')))
  const images = Object.keys(zip.files).filter((name) => /images\/.+\.(png|jpe?g)$/.test(name) && !/cover\.png$/.test(name))
  assert.equal(images.length, 2)
  const sizes = await Promise.all(
    images.map(async (name) => {
      const bytes = Buffer.from(await zip.files[name]!.async('uint8array'))
      const info = await sharp(bytes).metadata()
      return {name, bytes, width: info.width, height: info.height, format: info.format}
    })
  )
  const wide = sizes.find((image) => image.format === 'jpeg')!
  assert.deepEqual([wide.width, wide.height], [1600, 800])
  assert.ok(wide.bytes.byteLength < large.byteLength, 'smaller than the original')
  const kept = sizes.find((image) => image.format === 'png')!
  assert.ok(kept.bytes.equals(small), 'an image within the limit is not touched')
})

test('the web page embeds the scaled image; the PDF prints the original resolution', async () => {
  const page = await readFile(path.join(dir, 'embed/pictures.html'), 'utf8')
  const uris = [...page.matchAll(/src="data:(image\/[a-z]+);base64,([^"]+)"/g)].map((match) => Buffer.from(match[2]!, 'base64'))
  const widths = await Promise.all(uris.map(async (bytes) => (await sharp(bytes).metadata()).width))
  assert.deepEqual(widths.sort((a, b) => a! - b!), [640, 1600])
  const printed = await pdfImages(path.join(dir, 'embed/pictures.pdf'))
  assert.ok(
    printed.some((image) => image.width === 2400 && image.height === 1200),
    `the PDF keeps 2400 × 1200: ${JSON.stringify(printed)}`
  )
})

test('each article EPUB carries a cover image, marked as the cover', async () => {
  const zip = await JSZip.loadAsync(await readFile(path.join(dir, 'embed/pictures.epub')))
  const opf = await zip.file(/content\.opf$/)[0]!.async('string')
  assert.match(opf, /<item [^>]*properties="cover-image"[^>]*\/>|<item [^>]*href="images\/cover\.png"[^>]*properties="cover-image"/)
  const cover = Buffer.from(await zip.file(/images\/cover\.png$/)[0]!.async('uint8array'))
  const info = await sharp(cover).metadata()
  assert.deepEqual([info.width, info.height], [600, 800])
  assert.ok((await stat(path.join(dir, 'embed/pictures-cover.png'))).size === cover.byteLength, 'the same cover is in the folder for the catalog')
})

test('--epub-fonts none: no fonts, a smaller EPUB, and EPUBCheck passes both', async () => {
  const withFonts = path.join(dir, 'embed/pictures.epub')
  const without = path.join(dir, 'none/pictures.epub')
  const zip = await JSZip.loadAsync(await readFile(without))
  assert.deepEqual(Object.keys(zip.files).filter((name) => /\.(woff2?|ttf|otf)$/.test(name)), [])
  const css = await zip.file(/\.css$/)[0]!.async('string')
  assert.doesNotMatch(css, /@font-face/)
  assert.ok((await stat(without)).size < (await stat(withFonts)).size - 20_000)
  for (const file of [withFonts, without]) {
    const verdict = await epubcheck(file)
    assert.equal(verdict.fatals + verdict.errors + verdict.warnings, 0, verdict.messages.join('\n'))
  }
})
