/**
 * Readers for real artefacts: PDF text and facts from poppler-utils, EPUB
 * entries and EPUBCheck's verdict, HTML opened in Chromium. No mocks.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, readFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {inflateSync} from 'node:zlib'
import JSZip from 'jszip'
import {epubcheckReport} from './epubcheck.ts'

const run = promisify(execFile)

/**
 * Collapse white space (no-break spaces included) for comparing prose with
 * extracted PDF text. The text layer holds no soft hyphen (soft-hyphens.ts);
 * one left in text from elsewhere is still joined here.
 */
export function squash(text: string): string {
  return text.replace(/\u00ad\s*/g, '').replace(/[\s\u00a0\u202f]+/g, ' ').trim()
}

export async function pdfText(file: string, pages?: {first?: number; last?: number}): Promise<string> {
  const range = [...(pages?.first ? ['-f', String(pages.first)] : []), ...(pages?.last ? ['-l', String(pages.last)] : [])]
  const {stdout} = await run('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], {maxBuffer: 64 * 1024 * 1024})
  return stdout
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const {stdout} = await run('pdfinfo', [file])
  const info: Record<string, string> = {}
  for (const line of stdout.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line)
    if (match) info[match[1]!.trim()] = match[2]!.trim()
  }
  return info
}

export interface PdfFont {
  readonly name: string
  readonly type: string
  readonly embedded: boolean
}

export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const {stdout} = await run('pdffonts', [file])
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/)
      // name type [encoding…] emb sub uni object ID: read from the right.
      const embedded = columns[columns.length - 5] === 'yes'
      return {name: columns[0]!, type: columns[1]!, embedded}
    })
}

export async function readEpub(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(file))
  const entries = new Map<string, string>()
  for (const name of Object.keys(zip.files)) {
    const entry = zip.files[name]!
    if (!entry.dir) entries.set(name, await entry.async('string'))
  }
  return entries
}

export async function epubEntryNames(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await readFile(file))
  return Object.keys(zip.files)
}

export interface EpubCheckVerdict {
  readonly fatals: number
  readonly errors: number
  readonly warnings: number
  readonly messages: readonly string[]
}

/** EPUBCheck's verdict on `file`: counts by severity, and each message on a line. */
export async function epubcheck(file: string, parallel = 1): Promise<EpubCheckVerdict> {
  const report = await epubcheckReport(file, parallel)
  const count = (severity: string) => report.messages.filter((message) => message.severity === severity).length
  return {
    fatals: count('FATAL'),
    errors: count('ERROR'),
    warnings: count('WARNING'),
    messages: report.messages.map(
      (message) => `${message.severity} ${message.message} ${message.locations?.[0]?.path ?? ''}:${message.locations?.[0]?.line ?? ''}`
    )
  }
}

/** Text inside a rectangle of one page, in PDF points from the top left (pdftotext -x -y -W -H at 72 dpi). */
export async function pdfTextIn(
  file: string,
  page: number,
  box: {x: number; y: number; width: number; height: number}
): Promise<string> {
  const area = ['-x', box.x, '-y', box.y, '-W', box.width, '-H', box.height].map((value) => String(typeof value === 'number' ? Math.round(value) : value))
  const {stdout} = await run('pdftotext', ['-enc', 'UTF-8', '-r', '72', '-f', String(page), '-l', String(page), ...area, file, '-'])
  return stdout
}

/** Page size in points, from pdfinfo. */
export async function pdfPageSize(file: string, page = 1): Promise<{width: number; height: number}> {
  const {stdout} = await run('pdfinfo', ['-f', String(page), '-l', String(page), file])
  const match = /Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)/.exec(stdout) ?? /Page size:\s+([\d.]+) x ([\d.]+)/.exec(stdout)
  if (!match) throw new Error(`no page size in pdfinfo output for ${file}`)
  return {width: Number(match[1]), height: Number(match[2])}
}

/** Render one page with pdftoppm and decode every QR code on it with zbarimg. */
export async function decodeQrCodes(file: string, page: number): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-qr-'))
  const prefix = path.join(dir, 'page')
  await run('pdftoppm', ['-r', '150', '-gray', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, prefix])
  // zbarimg exits 4 when it finds no code; that is an empty answer, not a failure.
  const {stdout} = await run('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', `${prefix}.png`]).catch(
    (error: {stdout?: string}) => ({stdout: error.stdout ?? ''})
  )
  return stdout.split('\n').filter((line) => line !== '')
}

export interface PdfImage {
  readonly page: number
  readonly width: number
  readonly height: number
}

/** Every image drawn in a PDF (pdfimages -list), one row per drawing. */
export async function pdfImages(file: string): Promise<PdfImage[]> {
  const {stdout} = await run('pdfimages', ['-list', file])
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [page, , , width, height] = line.trim().split(/\s+/)
      return {page: Number(page), width: Number(width), height: Number(height)}
    })
}

/** A PDF's objects as qpdf's JSON gives them: values are strings (`u:` text, `/Name`, `n 0 R`), arrays and dictionaries. */
export interface PdfObjects {
  readonly trailer: Record<string, unknown>
  readonly catalog: Record<string, unknown>
  readonly objects: ReadonlyMap<string, unknown>
}

export async function pdfObjects(file: string): Promise<PdfObjects> {
  const {stdout} = await run('qpdf', ['--json', '--json-key=qpdf', file], {maxBuffer: 256 * 1024 * 1024})
  const [, raw] = (JSON.parse(stdout) as {qpdf: [unknown, Record<string, {value?: unknown}>]}).qpdf
  const objects = new Map<string, unknown>()
  for (const [key, entry] of Object.entries(raw)) objects.set(key.replace(/^obj:/, ''), entry.value)
  const trailer = objects.get('trailer') as Record<string, unknown>
  const catalog = objects.get(String(trailer['/Root'])) as Record<string, unknown>
  return {trailer, catalog, objects}
}

/** The structure types (`/H1`, `/P`…) used in a tagged PDF's structure tree. */
export function structureTypes(pdf: PdfObjects): Set<string> {
  const types = new Set<string>()
  for (const value of pdf.objects.values()) {
    if (value && typeof value === 'object' && '/S' in value && '/P' in value) types.add(String((value as Record<string, unknown>)['/S']))
  }
  return types
}

/** The PDF's objects uncompressed (qpdf --qdf), as Latin-1 text: for looking for actions and URIs. */
export async function pdfRaw(file: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-qdf-'))
  const out = path.join(dir, 'raw.pdf')
  // qpdf exits 3 on warnings; the file is written either way.
  await run('qpdf', ['--qdf', '--object-streams=disable', file, out]).catch(() => {})
  return (await readFile(out)).toString('latin1')
}

export interface Png {
  readonly width: number
  readonly height: number
  /** Grey level 0–255 of the pixel at (x, y): the mean of its red, green and blue. */
  grey(x: number, y: number): number
}

/**
 * Decode an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's
 * screenshots are) with node:zlib: enough to look at a cover's pixels.
 */
export async function readPng(file: string): Promise<Png> {
  const data = await readFile(file)
  const width = data.readUInt32BE(16)
  const height = data.readUInt32BE(20)
  const [depth, colour, , , interlace] = data.subarray(24, 29)
  if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`${file}: not an 8-bit RGB(A) PNG`)
  const channels = colour === 6 ? 4 : 3
  const chunks: Buffer[] = []
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at)
    if (data.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(data.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(chunks))
  const stride = width * channels
  const pixels = Buffer.alloc(stride * height)
  // Undo each row's filter (PNG spec, section 9).
  for (let y = 0; y < height; y++) {
    const filter = raw.readUInt8(y * (stride + 1))
    for (let i = 0; i < stride; i++) {
      const value = raw.readUInt8(y * (stride + 1) + 1 + i)
      const a = i >= channels ? pixels.readUInt8(y * stride + i - channels) : 0
      const b = y > 0 ? pixels.readUInt8((y - 1) * stride + i) : 0
      const c = i >= channels && y > 0 ? pixels.readUInt8((y - 1) * stride + i - channels) : 0
      const p = a + b - c
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]
      if (predicted === undefined) throw new Error(`${file}: unknown filter ${filter} on row ${y}`)
      pixels[y * stride + i] = (value + predicted) & 0xff
    }
  }
  return {
    width,
    height,
    grey: (x, y) => {
      const at = y * stride + x * channels
      return (pixels.readUInt8(at) + pixels.readUInt8(at + 1) + pixels.readUInt8(at + 2)) / 3
    }
  }
}

/**
 * The type size most of a PDF's characters are set in, in points as the
 * page shows them (scaled by any imposition), read by MuPDF's structured
 * text: the body text’s size. Every page, or `page` alone.
 */
export async function pdfBodySize(file: string, page?: number): Promise<number> {
  const pages = page === undefined ? [] : [String(page)]
  const {stdout} = await run('mutool', ['draw', '-F', 'stext', '-o', '-', file, ...pages], {maxBuffer: 64 * 1024 * 1024})
  const counts = new Map<number, number>()
  for (const match of stdout.matchAll(/<font name="[^"]*" size="([\d.]+)">([\s\S]*?)<\/font>/g)) {
    const size = Math.round(Number(match[1]) * 100) / 100
    counts.set(size, (counts.get(size) ?? 0) + (match[2]!.match(/<char /g)?.length ?? 0))
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1])
  if (!best) throw new Error(`no text in ${file}`)
  return best[0]
}

/**
 * Each line of a PDF as its glyphs are drawn, read by MuPDF's structured
 * text: a hyphen Chromium draws where it broke a word shows here, though
 * the text layer (pdftotext) reads the whole word.
 */
export async function pdfDrawnLines(file: string): Promise<string[]> {
  const {stdout} = await run('mutool', ['draw', '-F', 'stext', '-o', '-', file], {maxBuffer: 64 * 1024 * 1024})
  const decode = (text: string) => text.replace(/&#x([\da-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16))).replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
  return [...stdout.matchAll(/<line\b[\s\S]*?<\/line>/g)].map((line) => [...line[0].matchAll(/\bc="([^"]*)"/g)].map((match) => decode(match[1]!)).join(''))
}
