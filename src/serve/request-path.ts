/**
 * Where a request's path leads inside the served folder, or why it may not
 * go there. The one gate every file request passes, before any library
 * reads the disk: `send` has its own `..` check, but it knows nothing of
 * symbolic links, and a second, stricter look costs nothing.
 *
 * Refused, whatever the encoding: `..` and `.` segments (`..%2f`,
 * `%2e%2e`, `%252e` is left encoded and so is no segment), backslashes
 * (Windows separators, `%5c`), NUL and other control characters, malformed
 * percent-encoding, names that start with a dot (the build's temporary
 * files), and any path whose real location, symbolic links resolved, is
 * outside the folder.
 */
import {realpath, stat} from 'node:fs/promises'
import path from 'node:path'

export type ResolvedPath =
  | {readonly kind: 'file'; readonly file: string; readonly relative: string; readonly size: number; readonly mtime: Date}
  /** A folder asked for without its trailing slash: the browser should ask again with one. */
  | {readonly kind: 'redirect'; readonly location: string}
  | {readonly kind: 'refused'; readonly status: 400 | 403 | 404; readonly reason: string}

/** `root` must be the folder's real path (see `realpath`). */
export async function resolveRequestPath(root: string, rawPath: string): Promise<ResolvedPath> {
  if (!rawPath.startsWith('/')) return refuse(400, 'the path does not start with /')
  if (/\\|%5c/i.test(rawPath)) return refuse(400, 'a backslash in the path')
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return refuse(400, 'malformed percent-encoding')
  }
  // NUL cuts a path short in C; the other control characters have no place in a file name we write.
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return refuse(400, 'a control character in the path')
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '..' || segment === '.')) return refuse(403, 'a `..` or `.` segment')
  if (segments.some((segment) => segment.startsWith('.'))) return refuse(404, 'a hidden file')

  const asked = path.join(root, ...segments)
  let real: string
  try {
    real = await realpath(asked)
  } catch {
    return refuse(404, 'no such file')
  }
  if (real !== root && !real.startsWith(root + path.sep)) return refuse(403, 'a symbolic link out of the folder')
  const info = await stat(real).catch(() => undefined)
  if (!info) return refuse(404, 'no such file')
  if (info.isDirectory()) {
    // No listings: a folder is its index.html, or nothing.
    if (!decoded.endsWith('/')) return {kind: 'redirect', location: `${rawPath}/`}
    return resolveRequestPath(root, `${rawPath}index.html`)
  }
  if (!info.isFile()) return refuse(404, 'not a regular file')
  return {kind: 'file', file: real, relative: path.relative(root, real), size: info.size, mtime: info.mtime}
}

function refuse(status: 400 | 403 | 404, reason: string): ResolvedPath {
  return {kind: 'refused', status, reason}
}
