/**
 * Chromium's tagged PDF leaves some of what it draws outside any marked
 * content: the page margins (running head and page number), the page's
 * background and an image with `alt=""`. A reader of tagged PDF cannot tell
 * that from content it should read. PDF 32000-1 §14.8.2.2 says what such
 * drawing is: an artifact. This wraps every run of drawing that lies outside
 * marked content in `/Artifact BMC … EMC`, and leaves the rest of each
 * page's content stream byte for byte as it was (finish-pdf.ts runs it
 * over every page, with the other rewrites of content-stream.ts).
 *
 * The scanner knows the content-stream syntax it needs (strings, names,
 * arrays, dictionaries, comments, inline images) and no more. Where a
 * stream does something it does not expect, such as marked content opened
 * inside a text object it would have to split, it leaves that stream alone.
 */
import {rewriteStream, type ContentEdit, type ContentPass, type Operation, type Verdict} from './content-stream.ts'

const OPEN = '/Artifact BMC\n'
const CLOSE = '\nEMC\n'

/** Operators that start drawing: a path, an XObject, a shading, an inline image, a text object. */
const STARTS_DRAWING = new Set(['m', 're', 'Do', 'sh', 'BI', 'BT'])

/** The pass: every run of drawing outside marked content wrapped as an artifact (see above). */
export const markArtifacts: ContentPass = (source) => {
  const inserts: ContentEdit[] = []
  let depth = 0
  let inText = false
  let artifact = false
  return {
    operation({operator, from}: Operation): Verdict {
      if (operator === 'BDC' || operator === 'BMC') {
        if (artifact && depth === 0) {
          // Our artifact would have to end inside a text object it began outside of.
          if (inText) return 'fail'
          inserts.push({start: from, end: from, text: CLOSE})
          artifact = false
        }
        depth++
      } else if (operator === 'EMC') {
        if (--depth < 0) return 'fail'
      } else if (depth === 0 && !artifact && STARTS_DRAWING.has(operator)) {
        inserts.push({start: from, end: from, text: OPEN})
        artifact = true
      }
      if (operator === 'BT') inText = true
      else if (operator === 'ET') inText = false
      return 'keep'
    },
    edits(): ContentEdit[] | undefined {
      if (depth !== 0 || inText) return undefined
      return artifact ? [...inserts, {start: source.length, end: source.length, text: CLOSE}] : inserts
    }
  }
}

/**
 * One content stream with its unmarked drawing wrapped as artifacts, or
 * undefined when it stays as it was: nothing to wrap, or it cannot be done
 * safely (see above).
 */
export function wrapUnmarked(source: string): string | undefined {
  return rewriteStream(source, [markArtifacts])
}
