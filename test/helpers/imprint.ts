/**
 * Run the real `imprint` command, and start a Chromium that stands in for a
 * shared browser pool (`--browser-ws-endpoint`).
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process'
import {mkdtemp, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {launchArgs, resolveBrowser} from '../../src/formats/pdf/browser.ts'

/** The compiled command, as npm links it: `npm test` compiles it first (pretest). */
export const CLI = path.resolve('lib/bin.js')

export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** `imprint …args`; resolves with the exit code instead of throwing on a failure. */
export function imprint(args: readonly string[], env: NodeJS.ProcessEnv = {}, cli = CLI): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], {env: {...process.env, ...env}, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({code, stdout, stderr})
    })
  })
}

/** Size, modification time and inode of a file: any write changes the time, a rename the inode. */
export async function fileStamp(file: string): Promise<string> {
  const info = await stat(file)
  return `${info.size}:${info.mtimeMs}:${info.ino}`
}

export interface DebugBrowser {
  readonly wsEndpoint: string
  readonly process: ChildProcess
  close(): Promise<void>
}

/**
 * A Chromium listening on a DevTools port, launched the way imprint
 * launches its own (the same switches), so a PDF
 * printed in it is byte for byte the one imprint prints.
 */
export async function startDebugBrowser(): Promise<DebugBrowser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'imprint-pool-'))
  const args = launchArgs()
  const child = spawn(resolveBrowser(), [...args, '--remote-debugging-port=0', `--user-data-dir=${profile}`], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    let seen = ''
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen)
      if (match) resolve(match[1]!)
    })
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}) before listening:\n${seen}`)))
  })
  return {
    wsEndpoint,
    process: child,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      // Chromium's helper processes can still write to the profile after the
      // browser exits (seen as ENOTEMPTY); rm retries those errors.
      await rm(profile, {recursive: true, force: true, maxRetries: 10, retryDelay: 100})
    }
  }
}
