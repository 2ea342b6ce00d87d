/**
 * Why one URL could not be brought in, as one kind and one line of reason.
 * Each kind is a rule of messages.ts, so the CLI prints it in the same
 * `where  error  reason  rule` shape as a build's problems.
 */
import type {VFile} from 'vfile'
import {report} from '../messages.ts'

export type FailureKind =
  /** An address, scheme or URL imprint does not fetch from. */
  | 'refused'
  /** robots.txt disallows it. */
  | 'robots'
  /** An HTTP status other than 200 or 304, a time-out, a reset, too many redirects. */
  | 'failed'
  | 'too-large'
  /** A Content-Type not accepted for what was asked for. */
  | 'type'
  /** A feed that no feed parser reads. */
  | 'feed'
  /** The page holds no article. */
  | 'not-article'

export class FetchFailure extends Error {
  readonly kind: FailureKind
  /** A connection dropped before the response: worth one more try, as a kept-alive connection the server had just closed. */
  readonly retry: boolean

  constructor(kind: FailureKind, reason: string, retry = false) {
    super(reason)
    this.name = 'FetchFailure'
    this.kind = kind
    this.retry = retry
  }
}

/** Put `failure` on `file` (the URL's) as an error under its kind's rule. */
export function reportFailure(file: VFile, failure: FetchFailure): void {
  switch (failure.kind) {
    case 'refused':
      report(file, 'fetch-refused', failure.message)
      return
    case 'robots':
      report(file, 'robots-disallowed', failure.message)
      return
    case 'failed':
      report(file, 'fetch-failed', failure.message)
      return
    case 'too-large':
      report(file, 'fetch-too-large', failure.message)
      return
    case 'type':
      report(file, 'wrong-content-type', failure.message)
      return
    case 'feed':
      report(file, 'bad-feed', failure.message)
      return
    case 'not-article':
      report(file, 'no-article', failure.message)
      return
  }
}
