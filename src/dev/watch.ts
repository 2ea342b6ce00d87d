/**
 * Watching what a build reads, with chokidar (4: it runs on Node 20; 5
 * wants 20.19 and 6 wants 22). Changes are gathered until the files have
 * been quiet for a moment, so an editor's save (write a temporary file,
 * rename it over the old one, delete the backup) is one rebuild, not three.
 */
import path from 'node:path'
import {watch, type FSWatcher} from 'chokidar'

/** Quiet time after the last event before the changes are handed on. Long enough for a save's rename dance, short enough not to be felt. */
export const SETTLE_MS = 30

export interface Watcher {
  /** Resolves once the first scan is done: changes from then on are seen. */
  readonly ready: Promise<void>
  close(): Promise<void>
}

export interface WatchOptions {
  /** Folders and files to watch. */
  readonly paths: readonly string[]
  /** Folders whose changes are the build's own doing or no input: the output folder, the cache. */
  readonly ignore: readonly string[]
  /** The changed files, absolute, once they settle. */
  readonly onChange: (changed: ReadonlySet<string>) => void
}

export function watchInputs(options: WatchOptions): Watcher {
  const ignored = options.ignore.map((folder) => path.resolve(folder))
  const watcher: FSWatcher = watch([...options.paths], {
    ignoreInitial: true,
    ignored: (file) => {
      const absolute = path.resolve(file)
      if (ignored.some((folder) => absolute === folder || absolute.startsWith(folder + path.sep))) return true
      // Hidden files (editors' swap files, the build's temporary outputs) and dependencies.
      return path.basename(absolute).startsWith('.') || absolute.split(path.sep).includes('node_modules') || /~$/.test(absolute)
    }
  })
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const note = (file: string) => {
    pending.add(path.resolve(file))
    clearTimeout(timer)
    timer = setTimeout(() => {
      const changed = pending
      pending = new Set()
      options.onChange(changed)
    }, SETTLE_MS)
  }
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, note)
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    close: async () => {
      clearTimeout(timer)
      await watcher.close()
    }
  }
}
