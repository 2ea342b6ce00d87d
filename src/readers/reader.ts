/**
 * What every reader is: one signature from a decoded source and its
 * sidecar's metadata to hast and the article's metadata. The table of
 * readers is in readers.ts.
 */
import type {Root} from 'hast'
import type {VFile} from 'vfile'
import type {Limits} from '../limits.ts'
import type {MetaInput} from '../schema/meta.ts'

export interface ReaderResult {
  /** hast, with the roles it found marked by `data-imprint` (see Role in article.ts). */
  readonly tree: Root
  /** The sidecar's metadata, with what the source itself says laid under it. */
  readonly meta: MetaInput
  /** Where the source's relative links point: a web page's into its site. Unset: at files beside the source. */
  readonly baseUrl?: string
}

/**
 * Read a decoded source; problems become messages on `file`, and a source
 * that is no article throws (a LimitError, depth.ts, for one over a limit).
 */
export type Reader = (file: VFile, sidecar: MetaInput, limits?: Limits) => ReaderResult
