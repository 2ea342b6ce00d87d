/** Errors on a source's or a book's file: the build goes on with the others. */
import type {VFile} from 'vfile'

export function hasFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}

/** An error as a fatal message on `file`: its first line, after `prefix`. */
export function fail(file: VFile, error: unknown, ruleId: string, prefix = ''): void {
  const reason = error instanceof Error ? error.message : String(error)
  const message = file.message(prefix + reason.split('\n')[0], {ruleId, source: 'imprint'})
  message.fatal = true
}
