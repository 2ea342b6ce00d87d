/**
 * What an interrupted build must not leave behind: Chromium process groups
 * and temporary folders. Emitters register them while they live; the CLI's
 * SIGINT/SIGTERM handler calls `cleanUpSync` before it exits. Synchronous,
 * because a signal handler that awaits may never get its turn.
 */
import {readdirSync, readFileSync, readlinkSync, rmSync} from 'node:fs'
import path from 'node:path'

const browsers = new Set<number>()
const folders = new Set<string>()

/**
 * Remove a Chromium profile and the folder its `SingletonSocket` link points
 * to: Chromium puts that socket in a folder of its own under TMPDIR
 * (`org.chromium.Chromium.XXXXXX`) and removes it only when it exits
 * cleanly, so a killed browser would leave it behind.
 */
export function removeProfileSync(profile: string): void {
  let socket: string | undefined
  try {
    socket = readlinkSync(path.join(profile, 'SingletonSocket'))
  } catch {
    // No singleton: the browser never got that far, or cleaned up itself.
  }
  const folder = socket && path.isAbsolute(socket) ? path.dirname(socket) : undefined
  if (folder && /^\.?(?:org\.chromium\.Chromium|com\.google\.Chrome[\w.]*)\.\w+$/.test(path.basename(folder))) removeSync(folder)
  removeSync(profile)
}

/** A browser launched detached, so its PID names its whole process group. */
export function trackBrowser(pid: number): void {
  browsers.add(pid)
}

export function forgetBrowser(pid: number): void {
  browsers.delete(pid)
}

export function trackFolder(folder: string): void {
  folders.add(folder)
}

export function forgetFolder(folder: string): void {
  folders.delete(folder)
}

/**
 * Kill every live browser (renderers, GPU and zygotes with it) and remove
 * every temporary folder. Never throws: it runs on the way out.
 */
export function cleanUpSync(): void {
  for (const pid of browsers) killGroup(pid)
  killAndWaitSync([...browsers], [...folders], 2000)
  browsers.clear()
  // A folder may be a profile: removeProfileSync takes its socket folder too.
  for (const folder of folders) removeProfileSync(folder)
  folders.clear()
}

/**
 * SIGKILL is delivered, not awaited: a dying Chromium may still write a file
 * into its profile while we empty it (ENOTEMPTY). Try again for a moment.
 */
function removeSync(folder: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      rmSync(folder, {recursive: true, force: true})
      return
    } catch {
      Atomics.wait(pause, 0, 0, 50)
    }
  }
}

/**
 * Kill, and wait until they are dead (zombies are: only their parent, this
 * process, can reap them), the processes of these groups and any other
 * process that names one of these folders on its command line: Chromium's
 * zygote and renderers may leave the browser's group, and a process still
 * dying may write into its profile after we emptied it. At most `ms`; reads
 * /proc, so where there is none (not Linux) it returns at once.
 */
function killAndWaitSync(groups: readonly number[], folders: readonly string[], ms: number): void {
  if (groups.length === 0 && folders.length === 0) return
  const wanted = new Set(groups)
  const pause = new Int32Array(new SharedArrayBuffer(4))
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    let alive = false
    try {
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
        try {
          const stat = readFileSync(`/proc/${entry}/stat`, 'latin1')
          // pid (comm) state ppid pgrp …: the name may hold spaces and brackets.
          const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
          if (state === 'Z') continue
          const ours =
            wanted.has(Number(group)) ||
            (folders.length > 0 && folders.some((folder) => readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(folder)))
          if (!ours) continue
          alive = true
          process.kill(Number(entry), 'SIGKILL')
        } catch {
          // Gone while we looked, or not ours to read.
        }
      }
    } catch {
      return
    }
    if (!alive) return
    Atomics.wait(pause, 0, 0, 20)
  }
}

/** SIGKILL a process group; the process alone when it has no group of its own. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}
