/**
 * Finding and starting Chromium. One browser per build, closed in `finally`
 * by the caller; pages are sandboxed by printer.ts and tab.ts.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Readable, Writable} from 'node:stream'
import type {Browser, ConnectionTransport} from 'puppeteer-core'
import {killGroup, removeProfileSync} from './interrupt.ts'

export interface BrowserOptions {
  /** `--browser PATH`; otherwise PUPPETEER_EXECUTABLE_PATH, Puppeteer's cache, the system. */
  readonly executablePath?: string
  /** `--allow-remote`: let the network stack resolve host names at all. */
  readonly allowRemote?: boolean
  /** A profile folder the caller owns and removes; Puppeteer makes its own otherwise. */
  readonly userDataDir?: string
  /** Bounds every DevTools call, the first ones of the launch included. */
  readonly protocolTimeout?: number
  /** Pages in the browser process, when the sandbox is off anyway (see chromiumArgs). */
  readonly singleProcess?: boolean
}

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'
]

/** Resolve the Chromium executable, or throw an Error that says how to get one. */
export function resolveBrowser(explicit?: string): string {
  const chosen = explicit ?? process.env.PUPPETEER_EXECUTABLE_PATH
  if (chosen) {
    if (existsSync(chosen)) return chosen
    throw new Error(`browser not found at ${chosen} (from ${explicit ? '--browser' : 'PUPPETEER_EXECUTABLE_PATH'})`)
  }
  const cached = fromPuppeteerCache()
  if (cached) return cached
  const system = SYSTEM_PATHS.find((candidate) => existsSync(candidate))
  if (system) return system
  throw new Error(
    'No Chrome or Chromium found for printing PDFs. imprint looked at --browser, ' +
      'PUPPETEER_EXECUTABLE_PATH, Puppeteer\'s cache (~/.cache/puppeteer) and the usual system paths ' +
      `(${SYSTEM_PATHS.slice(0, 4).join(', ')}). On Debian or Ubuntu run \`sudo apt-get install -y chromium\`; ` +
      'on macOS install Google Chrome; or point to any Chrome 120+ with --browser PATH or PUPPETEER_EXECUTABLE_PATH. ' +
      'HTML and EPUB outputs do not need a browser: `imprint build --format html,epub`.'
  )
}

function fromPuppeteerCache(): string | undefined {
  const root = process.env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer')
  for (const product of ['chrome', 'chrome-headless-shell']) {
    const dir = path.join(root, product)
    if (!existsSync(dir)) continue
    // Newest build first: folder names are `linux-131.0.6778.85` and the like.
    const builds = readdirSync(dir).sort().reverse()
    for (const build of builds) {
      for (const binary of ['chrome-linux64/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell', 'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing', 'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing']) {
        const candidate = path.join(dir, build, binary)
        if (existsSync(candidate)) return candidate
      }
    }
  }
  return undefined
}

/** Chromium refuses its sandbox to root: the one case imprint turns it off. */
export function runsAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

/** The switches of imprint's own choosing, each with its reason; launchArgs adds Chromium's usual headless ones. */
export function chromiumArgs(options: Pick<BrowserOptions, 'allowRemote' | 'singleProcess'> = {}): string[] {
  const args = [
    // A closed network: without these Chromium keeps dialling Google's
    // services (safe browsing lists, variations, component updates), which
    // here fail noisily and elsewhere leak that a build ran.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-default-apps',
    '--disable-domain-reliability',
    // Containers often give /dev/shm only 64 MB; big pages then crash the renderer.
    '--disable-dev-shm-usage',
    // The same glyph positions on every machine: hinting depends on FreeType
    // settings, and reproducible PDFs must not.
    '--font-render-hinting=none',
    // The sandbox for content. Request interception (tab.ts) is the
    // first wall; these close what it cannot see. Hyperlink auditing pings
    // are sent by the browser, not the page:
    '--no-pings',
    // WebRTC needs JavaScript, which is off; should a page ever get it, ICE
    // must not reveal local addresses over UDP.
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    // Prefetch, preconnect and prerender come only from <link> elements and
    // speculation-rule scripts, which sanitize strips and assert-inert.ts
    // refuses; DNS prefetching of link hosts meets the resolver rule below.
    // Service workers need JavaScript and a secure origin; file: pages have
    // neither.
  ]
  // The second wall: no host name resolves, not even an IP literal (tested:
  // Chromium maps those too), so nothing the interception might miss can
  // open a connection. Only `--allow-remote` lifts it.
  if (!options.allowRemote) args.push('--host-resolver-rules=MAP * ~NOTFOUND')
  // Chromium refuses to start as root with its sandbox on. Drop the sandbox
  // only then; for every other user the sandbox stays, because the pages we
  // render come from the web.
  const root = runsAsRoot()
  if (root) args.push('--no-sandbox')
  // With the sandbox off, a renderer process walls off nothing that the
  // browser process does not already expose: as root, a build with many
  // documents runs its pages in the browser process itself. Each print then
  // spares starting a print-compositor process: 100 articles in two tabs
  // cost 33 ms of Chromium CPU each, against 56 ms (measured here). The
  // launch costs some 0.2 s more, so it is asked for only with many
  // documents to print (see launch.ts), never with the sandbox on.
  if (root && options.singleProcess) args.push('--single-process')
  return args
}

/**
 * Chromium's switches for a headless print server, the same kind Puppeteer's
 * launch adds (its `defaultArgs`), each kept for its effect on a print:
 */
const HEADLESS_ARGS = [
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  // Colours in the PDF must not depend on the machine's display profile.
  '--force-color-profile=srgb',
  // Tagged PDF and the outline from headings (older Chromium needs the switches too).
  '--export-tagged-pdf',
  '--generate-pdf-document-outline',
  // No crash dumps, extensions, first-run or keyring prompts, phishing checks.
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--disable-extensions',
  '--disable-component-extensions-with-background-pages',
  '--disable-client-side-phishing-detection',
  '--disable-search-engine-choice-screen',
  '--disable-infobars',
  '--password-store=basic',
  '--use-mock-keychain',
  '--metrics-recording-only',
  // A tab behind another must print as fast as the one in front.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  // Driven by a program: no dialogs to wait on, and the browser says so.
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--allow-pre-commit-input',
  '--enable-automation',
  // Fewer processes: no per-iframe isolation of sandboxed frames, which
  // JavaScript-free documents do not need; no translation or media router.
  // The built-in PDF viewer in a frame of its own, as Puppeteer sets it.
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif'
]

/** Every switch imprint starts Chromium with, but the profile and the DevTools channel. */
export function launchArgs(options: Pick<BrowserOptions, 'allowRemote' | 'singleProcess'> = {}): string[] {
  return [...HEADLESS_ARGS, ...chromiumArgs(options)]
}

/**
 * A browser of one's own (tests, tools), started as the printer starts its
 * own, in a temporary profile unless given one. Closing it waits for the
 * process to exit and removes that profile.
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const profile = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'imprint-chromium-'))
  const started = spawnBrowser({...options, userDataDir: profile})
  const exited = new Promise<void>((resolve) => started.process.once('exit', () => resolve()))
  if (!options.userDataDir) void exited.then(() => removeProfileSync(profile))
  const browser = await started.browser
  const close = browser.close.bind(browser)
  browser.close = async () => {
    await close()
    await exited
  }
  return browser
}

export interface SpawnedBrowser {
  /** The browser's main process, started detached: its PID names the process group. */
  readonly process: ChildProcess
  /** Puppeteer's handle, once the browser answers on its pipe. */
  readonly browser: Promise<Browser>
}

/**
 * Start Chromium now, synchronously, and connect Puppeteer to it once
 * Puppeteer is loaded. Puppeteer's own launch would first load Puppeteer
 * (about 0.13 s here) and run on an event loop the build keeps busy
 * parsing: Chromium started 0.44 s after imprint did for one article, and
 * 1.1 s for a hundred. Started here, it boots while both happen.
 *
 * DevTools speaks over a pipe (fds 3 and 4), not a TCP port: no other
 * process on the machine can connect to the browser and drive it to read
 * files, and Chromium exits by itself when the pipe closes because our
 * process died.
 */
export function spawnBrowser(options: BrowserOptions & {readonly startUrl?: string} = {}): SpawnedBrowser {
  const executablePath = resolveBrowser(options.executablePath)
  const args = [...launchArgs(options), '--remote-debugging-pipe', ...(options.userDataDir ? [`--user-data-dir=${options.userDataDir}`] : []), options.startUrl ?? 'about:blank']
  const child = spawn(executablePath, args, {
    // Its own process group, so that killing the group takes renderers and zygotes too.
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']
  })
  // Chromium's last words, for the error when it dies before answering.
  let said = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    said = (said + chunk).slice(-4000)
  })
  const died = new Promise<never>((_resolve, reject) => {
    child.once('error', (error) => reject(new Error(`could not start ${executablePath}: ${error.message}`)))
    child.once('exit', (code, signal) => {
      const last = said.split('\n').filter((line) => line.trim() && !/dbus|Fontconfig/i.test(line)).slice(-5).join('\n')
      reject(new Error(`${executablePath} exited (${signal ?? `code ${code}`}) before it answered${last ? `:\n${last}` : ''}`))
    })
  })
  died.catch(() => {})
  const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable)
  const browser = (async () => {
    // Puppeteer's entry for connecting only (documented for running it in a
    // browser): it leaves out the launchers and browser downloads, half the
    // loading time of the full entry (62 ms against 125 ms here).
    const {connect} = await import('puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js')
    return Promise.race([
      died,
      // The same classes as the main entry's; its typings declare them a second time.
      connect({transport, protocolTimeout: options.protocolTimeout, defaultViewport: {width: 800, height: 600}}) as unknown as Promise<Browser>
    ])
  })()
  // No browser to drive: do not leave its process running.
  browser.catch(() => {
    if (child.pid !== undefined && child.exitCode === null) killGroup(child.pid)
  })
  return {process: child, browser}
}

/** DevTools messages over Chromium's pipe: JSON text, each ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void
  onclose?: () => void
  readonly #write: Writable
  #partial: Buffer[] = []
  #closed = false

  constructor(write: Writable, read: Readable) {
    this.#write = write
    read.on('data', (chunk: Buffer) => this.#receive(chunk))
    read.on('close', () => {
      this.#closed = true
      this.onclose?.()
    })
    // A dead browser shows as the pipe closing; the errors add nothing.
    read.on('error', () => {})
    write.on('error', () => {})
  }

  send(message: string): void {
    if (this.#closed) return
    this.#write.write(message)
    this.#write.write('\0')
  }

  close(): void {
    this.#closed = true
    this.#write.end()
  }

  #receive(chunk: Buffer): void {
    let start = 0
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      this.#partial.push(chunk.subarray(start, end))
      const message = Buffer.concat(this.#partial).toString('utf8')
      this.#partial = []
      start = end + 1
      this.onmessage?.(message)
    }
    if (start < chunk.length) this.#partial.push(chunk.subarray(start))
  }
}

/**
 * Connect to a browser someone else runs (`--browser-ws-endpoint`), such as
 * a browserless pool or `chromium --remote-debugging-port`. We never close
 * it; the printer closes only what it opened.
 */
export async function connectBrowser(browserWSEndpoint: string): Promise<Browser> {
  const {default: puppeteer} = await import('puppeteer-core')
  return puppeteer.connect({browserWSEndpoint, defaultViewport: null})
}
