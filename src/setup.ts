/**
 * Set-up for a fresh machine, run by `npm install` (browser) and before
 * `npm test` (test tools). Puppeteer cannot download a browser on a closed
 * network, so imprint uses the system's Chromium; when it is missing and we
 * are root on Debian or Ubuntu, install it with apt. Otherwise say exactly
 * what to run, and never fail the install: HTML and EPUB need no browser.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {resolveBrowser} from './formats/pdf/browser.ts'

interface Tool {
  readonly name: string
  readonly present: () => boolean
  readonly debian: string
}

const BROWSER: Tool = {
  name: 'Chromium',
  present: () => {
    try {
      resolveBrowser()
      return true
    } catch {
      return false
    }
  },
  debian: 'chromium'
}

/** What the end-to-end tests read real artefacts with. */
const TEST_TOOLS: readonly Tool[] = [
  {name: 'EPUBCheck', present: () => existsSync('/usr/share/java/epubcheck.jar'), debian: 'epubcheck'},
  {name: 'poppler-utils (pdftotext, pdfinfo, pdffonts)', present: () => onPath('pdftotext'), debian: 'poppler-utils'},
  {name: 'qpdf', present: () => onPath('qpdf'), debian: 'qpdf'},
  {name: 'mutool (reads the lines a PDF draws)', present: () => onPath('mutool'), debian: 'mupdf-tools'},
  {name: 'zbarimg (reads the handout QR codes)', present: () => onPath('zbarimg'), debian: 'zbar-tools'},
  {name: 'xmllint (checks the OPDS catalog)', present: () => onPath('xmllint'), debian: 'libxml2-utils'},
  {name: 'unzip', present: () => onPath('unzip'), debian: 'unzip'}
]

const which = process.argv[2] ?? 'browser'
const tools = which === 'test' ? [BROWSER, ...TEST_TOOLS] : [BROWSER]
const missing = tools.filter((tool) => !tool.present())

if (missing.length > 0) {
  const packages = missing.map((tool) => tool.debian)
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && onPath('apt-get') && process.env.IMPRINT_SKIP_APT !== '1') {
    process.stderr.write(`imprint: installing ${packages.join(', ')} with apt-get…\n`)
    const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'}
    run('apt-get', ['update', '-qq'], env)
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], env)
  }
  const still = missing.filter((tool) => !tool.present())
  if (still.length > 0) {
    process.stderr.write(
      `imprint: missing ${still.map((tool) => tool.name).join(', ')}.\n` +
        `  On Debian or Ubuntu: sudo apt-get install -y ${still.map((tool) => tool.debian).join(' ')}\n` +
        '  Or point PUPPETEER_EXECUTABLE_PATH (or --browser) at any Chrome or Chromium.\n'
    )
    if (which === 'test') process.exitCode = 1
  }
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(command, args, {stdio: ['ignore', 'ignore', 'inherit'], env})
  } catch {
    // Reported below as still missing, with the command to run by hand.
  }
}
