/**
 * The rule every request of a print document meets, the browser's wall:
 * only `data:` URIs and regular files inside the allowed folders load, and
 * http(s) only with `--allow-remote`. The same rule is checked earlier, at
 * normalize time, by the resource policy; this one holds even if a template,
 * a stylesheet or a reader lets something through.
 */
import {realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export interface RequestRules {
  /** Folders the document may load from: its content root, styles, templates, fonts. */
  readonly allowedRoots: readonly string[]
  /** `--allow-remote`: http(s) requests may go out. `file:` outside the roots never may. */
  readonly allowRemote?: boolean
}

/**
 * A function from URL to the reason it is refused, or `undefined` when it
 * may load. Roots are resolved through symlinks once; each requested file is
 * resolved too, so a symlink inside a content root that points at /etc is
 * judged by where it leads.
 */
export function requestPolicy(rules: RequestRules): (url: string) => string | undefined {
  const roots = rules.allowedRoots.map((root) => realOrResolved(root))
  return (url) => {
    const scheme = /^([a-z][a-z\d+.-]*):/i.exec(url)?.[1]?.toLowerCase()
    if (scheme === 'data') return undefined
    if (scheme === 'http' || scheme === 'https') {
      return rules.allowRemote ? undefined : 'remote resources are not fetched without --allow-remote'
    }
    if (scheme !== 'file') return `\`${scheme ?? url}:\` URLs are never loaded`
    let file: string
    try {
      file = fileURLToPath(url)
    } catch {
      return 'not a local file path'
    }
    let real: string
    try {
      real = realpathSync(file)
      // A FIFO or a device would hang the load or stream forever.
      if (!statSync(real).isFile()) return 'not a regular file'
    } catch {
      return 'no such file'
    }
    const inside = roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep))
    return inside ? undefined : "outside the source's folder and the build's own files"
  }
}

function realOrResolved(root: string): string {
  try {
    return realpathSync(root)
  } catch {
    return path.resolve(root)
  }
}

export interface PrintOptions {
  /** Folders the document may load from: its content root, styles, fonts. */
  readonly allowedRoots: readonly string[]
  /** Called for each blocked request, with the reason, to become a warning on the source. */
  readonly onBlocked?: (url: string, reason: string) => void
}
