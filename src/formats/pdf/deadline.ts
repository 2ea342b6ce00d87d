/**
 * Deadlines for the printer: a launch, a print or a screenshot that does not
 * answer in time is given up, and reported in the words of `--timeout`.
 */

/** `--timeout`'s default: a print, a screenshot or a launch that takes longer is given up. */
export const DEFAULT_TIMEOUT_MS = 60_000

export class DeadlineError extends Error {}

/** Reject after `ms`; the work is left to fail on its own, its rejection swallowed. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => {})
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`no answer within ${ms / 1000} s`)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

/** The first line of what went wrong, a missed deadline in the words of `--timeout`. */
export function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DeadlineError) return `the page did not print within ${timeoutMs / 1000} s (--timeout)`
  const reason = error instanceof Error ? error.message : String(error)
  return reason.split('\n')[0] ?? reason
}

