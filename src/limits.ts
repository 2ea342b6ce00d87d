/**
 * The limits every input is held to, written once: each one's name (the
 * `--limit NAME=VALUE` a user raises it with), default, unit and what it
 * bounds. Each is checked before the work it bounds, so an input made to
 * exhaust a builder costs a message, not the build. docs/limits.md gives
 * the margins the defaults leave over the pages we know.
 */

export const LIMITS = {
  'source-size': {default: 20 * 1024 * 1024, unit: 'bytes', bounds: 'the size of one article source'},
  'meta-size': {default: 1024 * 1024, unit: 'bytes', bounds: 'the size of a metadata sidecar or a book configuration'},
  'image-size': {default: 15 * 1024 * 1024, unit: 'bytes', bounds: 'the size of one image (local, data: or fetched) or cover'},
  'image-pixels': {default: 50_000_000, unit: 'pixels', bounds: "an image's width × height as its header declares them"},
  depth: {default: 500, unit: 'levels', bounds: 'how deeply HTML elements or Markdown blocks nest'},
  'yaml-aliases': {default: 100, unit: 'aliases', bounds: 'YAML aliases (`*name`) in one metadata or configuration file, each counted with its anchor and the aliases it expands to, as the yaml package counts them'},
  blocks: {default: 50_000, unit: 'blocks', bounds: 'the blocks (paragraphs, headings, list items, table rows and cells) one source begins'},
  paragraph: {default: 100_000, unit: 'characters', bounds: "the text of one paragraph, or of one line of pasted text (an HTML page's markup aside)"},
  emphasis: {default: 2_000, unit: 'runs', bounds: 'runs of emphasis marks (`*` or `_`) in one Markdown paragraph, which the parser pairs in time that grows with their square'},
  deadline: {default: 120, unit: 'seconds', bounds: 'the time a worker thread may take over one source (reading it, or making its page or EPUB) before it is stopped'},
  memory: {default: 1024 * 1024 * 1024, unit: 'bytes', bounds: "a worker thread's JavaScript heap while it works on one source"}
} as const satisfies Record<string, {default: number; unit: 'bytes' | 'pixels' | 'levels' | 'aliases' | 'blocks' | 'characters' | 'runs' | 'seconds'; bounds: string}>

export type LimitName = keyof typeof LIMITS

export type Limits = Readonly<Record<LimitName, number>>

export const DEFAULT_LIMITS: Limits = Object.fromEntries(Object.entries(LIMITS).map(([name, limit]) => [name, limit.default])) as Record<LimitName, number>

const MULTIPLIERS: Readonly<Record<string, number>> = {'': 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3}

/**
 * `source-size=40MB` to `['source-size', 41943040]`. Sizes take K, M or G
 * (powers of 1024); counts are plain whole numbers. Throws with the
 * message a user sees on a wrong one.
 */
export function parseLimit(text: string): [LimitName, number] {
  const match = /^([a-z-]+)=(\d+)([a-z]*)$/i.exec(text.trim())
  const name = match?.[1]?.toLowerCase()
  if (!match || !isLimitName(name)) {
    throw new Error(`--limit takes NAME=VALUE with NAME one of ${Object.keys(LIMITS).join(', ')}, not \`${text}\``)
  }
  const suffix = match[3]!.toLowerCase()
  const multiplier = LIMITS[name].unit === 'bytes' ? MULTIPLIERS[suffix] : suffix === '' ? 1 : undefined
  const value = Number(match[2]) * (multiplier ?? Number.NaN)
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--limit ${name} takes a whole number above 0${LIMITS[name].unit === 'bytes' ? ' of bytes, with K, M or G if you like' : ''}, not \`${match[2]}${match[3]}\``)
  }
  return [name, value]
}

/** The defaults with the given `NAME=VALUE` pairs over them (the last of a name wins). */
export function limitsOf(pairs: readonly (readonly [LimitName, number])[]): Limits {
  return {...DEFAULT_LIMITS, ...Object.fromEntries(pairs)}
}

/** A limit's value as a person reads it: `20.0 MB`, `500 levels`. */
export function showLimit(name: LimitName, value: number): string {
  return LIMITS[name].unit === 'bytes' ? formatBytes(value) : `${value.toLocaleString('en')} ${LIMITS[name].unit}`
}

/** The end of every message about a limit: the option that moves it. */
export function raiseHint(name: LimitName): string {
  return `raise it with --limit ${name}=…`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`
}

function isLimitName(name: string | undefined): name is LimitName {
  return name !== undefined && Object.hasOwn(LIMITS, name)
}
