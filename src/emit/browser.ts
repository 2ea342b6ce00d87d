/**
 * Finding and starting Chromium. One browser per build, closed in `finally`
 * by the caller; pages are sandboxed by emit-pdf.ts.
 */
import {existsSync, readdirSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Browser} from 'puppeteer-core'

export interface BrowserOptions {
  /** `--browser PATH`; otherwise PUPPETEER_EXECUTABLE_PATH, Puppeteer's cache, the system. */
  readonly executablePath?: string
  /** `--allow-remote`: let the network stack resolve host names at all. */
  readonly allowRemote?: boolean
  /** A profile folder the caller owns and removes; Puppeteer makes its own otherwise. */
  readonly userDataDir?: string
  /** Bounds every DevTools call, the first ones of the launch included. */
  readonly protocolTimeout?: number
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

/** The flags imprint adds to Puppeteer's defaults, each with its reason. */
export function chromiumArgs(options: Pick<BrowserOptions, 'allowRemote'> = {}): string[] {
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
    // The sandbox for content. Request interception (emit-pdf.ts) is the
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
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox')
  return args
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const executablePath = resolveBrowser(options.executablePath)
  const {default: puppeteer} = await import('puppeteer-core')
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: chromiumArgs(options),
    userDataDir: options.userDataDir,
    protocolTimeout: options.protocolTimeout,
    // DevTools over a pipe, not a TCP port: no other process on the machine
    // can connect to the browser and drive it to read files, and Chromium
    // exits by itself when the pipe closes because our process died.
    pipe: true,
    // Our own SIGINT/SIGTERM handling closes the browser after removing
    // temporary files; Puppeteer's handlers would race it.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false
  })
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
