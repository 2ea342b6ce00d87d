/**
 * One Chromium for the printer: launched by us (with its own profile and a
 * blank page in the printer's own folder) or reached at a running one's
 * DevTools endpoint; and stopped, with everything it left on disk.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser, BrowserContext} from 'puppeteer-core'
import {connectBrowser, spawnBrowser} from './browser.ts'
import {withDeadline} from './deadline.ts'
import {forgetBrowser, forgetFolder, killGroup, removeProfileSync, trackBrowser, trackFolder} from './interrupt.ts'
import {requestPolicy} from './request-policy.ts'

/** Documents from which a sandbox-less browser prints faster with its pages in its own process. */
export const SINGLE_PROCESS_FROM = 16

export interface Started {
  readonly browser: Browser
  /** Where our tabs open: the browser itself, or our own context in a shared one. */
  readonly target: Browser | BrowserContext
  /** True when we launched it, so we close it. */
  readonly owned: boolean
  readonly pid?: number
  /** Settles when the browser we launched has exited. */
  readonly exited?: Promise<void>
  /** The profile folder we made for a browser we launched. */
  readonly profile?: string
  /** The printer's own folder: documents' relative URLs resolve here. */
  readonly folder: string
  /** The blank page each tab opens once. */
  readonly blank: string
  /** The request rule for that folder alone. */
  readonly folderCheck: (url: string) => string | undefined
}

/**
 * Synchronous up to Chromium's start, so that it starts now and boots while
 * the caller parses, rather than when the event loop next gets a turn.
 */
/** What a launch needs of the printer's options. */
export interface LaunchOptions {
  readonly executablePath?: string
  readonly wsEndpoint?: string
  readonly allowRemote?: boolean
  readonly onBrowser?: (pid: number) => void
}

export function start(options: LaunchOptions, timeoutMs: number, singleProcess: boolean): Promise<Started> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'imprint-print-'))
  trackFolder(folder)
  const blank = path.join(folder, 'blank.html')
  const folderCheck = requestPolicy({allowedRoots: [folder]})
  let profile: string | undefined
  const removeFolders = (): void => {
    for (const made of [folder, profile]) {
      if (made === undefined) continue
      removeProfileSync(made)
      forgetFolder(made)
    }
  }
  try {
    writeFileSync(blank, '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body></body></html>')
    if (options.wsEndpoint) {
      const endpoint = options.wsEndpoint
      return (async (): Promise<Started> => {
        const browser = await connectBrowser(endpoint)
        // A shared browser gets our own context: no cookies or cache cross
        // between builds, and closing it closes every tab we opened.
        const target = await browser.createBrowserContext()
        return {browser, target, owned: false, folder, blank, folderCheck}
      })().catch((error: unknown) => {
        removeFolders()
        throw error
      })
    }
    // Our own profile folder, so that a killed browser's profile is removed
    // too, and so that a supervisor can tell this build's Chromium by it.
    profile = mkdtempSync(path.join(os.tmpdir(), 'imprint-chromium-'))
    trackFolder(profile)
    const spawned = spawnBrowser({
      executablePath: options.executablePath,
      allowRemote: options.allowRemote,
      userDataDir: profile,
      protocolTimeout: timeoutMs,
      singleProcess,
      // The first tab opens on our blank page, so its renderer is the one for
      // file: pages already (about:blank's would be swapped out at the first
      // file: navigation, a process start on the way to the first print).
      startUrl: pathToFileURL(blank).href
    })
    const child = spawned.process
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const pid = child.pid
    if (pid !== undefined) {
      trackBrowser(pid)
      options.onBrowser?.(pid)
    }
    return spawned.browser.then(
      (browser): Started => ({browser, target: browser, owned: true, pid, exited, profile, folder, blank, folderCheck}),
      async (error: unknown) => {
        if (pid !== undefined) {
          killGroup(pid)
          forgetBrowser(pid)
        }
        await withDeadline(exited, 5_000).catch(() => {})
        removeFolders()
        throw error
      }
    )
  } catch (error) {
    removeFolders()
    return Promise.reject(error)
  }
}

export function wantsSingleProcess(documents = 0): boolean {
  const forced = process.env.IMPRINT_SINGLE_PROCESS
  if (forced === '1' || forced === '0') return forced === '1'
  return documents >= SINGLE_PROCESS_FROM
}

/**
 * Close a browser and remove its folders. One we launched is killed, not
 * asked to close: every PDF is in hand, its profile is thrown away, and a
 * polite close costs a tenth of a second of shutdown for nothing (or waits
 * on a frozen browser). A shared browser only loses our context.
 */
export async function stop(started: Started): Promise<void> {
  if (started.owned) {
    if (started.pid !== undefined) {
      killGroup(started.pid)
      forgetBrowser(started.pid)
    }
    await withDeadline(started.exited ?? Promise.resolve(), 5_000).catch(() => {})
    await started.browser.disconnect().catch(() => {})
  } else {
    await withDeadline(started.target.close(), 5_000).catch(() => {})
    await started.browser.disconnect().catch(() => {})
  }
  for (const made of [started.profile, started.folder]) {
    if (made === undefined) continue
    removeProfileSync(made)
    forgetFolder(made)
  }
}

