/**
 * Inputs made to exhaust a builder, from issue 15's table, each at a
 * chosen scale: `scale` 1 is the size the issue measured. The growth
 * tests run them at small scales (1×, 4×, 16×), the end-to-end test and
 * the bench near full size.
 */

export interface HostileInput {
  /** The source's file name. */
  readonly name: string
  readonly text: string
  /** A metadata sidecar beside it, when the case is the sidecar. */
  readonly sidecar?: string
}

export interface HostileCase {
  readonly id: string
  /** What the issue measured, for the reader of a failure. */
  readonly what: string
  make(scale: number): HostileInput
}

const WORDS = ['the', 'harbour', 'opened', 'at', 'dawn', 'and', 'fishing', 'boats', 'came', 'back', 'with', 'their', 'nets', 'full', 'of', 'herring']

/** `count` words of plain prose, deterministic. */
export function prose(count: number): string {
  const words: string[] = []
  for (let at = 0; at < count; at++) words.push(WORDS[(at * 7 + (at >> 4)) % WORDS.length]!)
  return words.join(' ')
}

const HEAD = '# A hostile article\n\n'

/** An ordinary article of about `scale` MB: paragraphs of prose, a heading every ten, a link and an emphasis in each. */
export const NORMAL_CASE: HostileCase = {
  id: 'normal',
  what: 'an ordinary article',
  make: (scale) => {
    const blocks: string[] = []
    for (let at = 0, length = 0; length < scale * 1024 * 1024; at++) {
      if (at % 10 === 0) blocks.push(`## Part ${at / 10 + 1}\n\n`)
      blocks.push(`${prose(40)}, said the *harbour master*, "and ${prose(12)}". See [the timetable](https://example.org/${at}) ${prose(30)}.\n\n`)
      length += blocks.at(-1)!.length + (at % 10 === 0 ? blocks.at(-2)!.length : 0)
    }
    return {name: 'normal.md', text: HEAD + blocks.join('')}
  }
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  NORMAL_CASE,
  {id: 'pasted-one-line', what: '20 MB of pasted text on one line', make: (scale) => ({name: 'pasted.txt', text: 'A headline\n\n' + prose(Math.round(scale * 3_500_000)) + '.\n'})},
  {id: 'pasted-lines', what: '20 MB of pasted text in lines', make: (scale) => ({name: 'lines.txt', text: 'A headline\n\n' + Array.from({length: Math.round(scale * 100_000)}, (_, at) => `${prose(30)} ${at}.`).join('\n\n') + '\n'})},
  {id: 'pasted-spaces', what: '64 KB of spaces around a pasted notice and in a byline', make: (scale) => ({name: 'spaces.txt', text: `A headline\n\nBy${' '.repeat(Math.round(scale * 64 * 1024))}Jane Doe\n\n${prose(200)}.\n\n${' '.repeat(Math.round(scale * 64 * 1024))}© 2024 The Harbour Times. All rights reserved.${' '.repeat(Math.round(scale * 64 * 1024))}\n`})},
  {id: 'html-paragraphs', what: 'HTML with 50,000 paragraphs', make: (scale) => ({name: 'paragraphs.html', text: `<!doctype html><html><head><title>Paragraphs</title></head><body><article><h1>Paragraphs</h1>${Array.from({length: Math.round(scale * 50_000)}, (_, at) => `<p>${prose(30)} ${at}.</p>`).join('\n')}</article></body></html>`})},
  {id: 'html-one-paragraph', what: '19 MB HTML with one paragraph', make: (scale) => ({name: 'paragraph.html', text: `<!doctype html><html><head><title>One paragraph</title></head><body><article><h1>One paragraph</h1><p>${prose(Math.round(scale * 3_300_000))}.</p></article></body></html>`})},
  {id: 'markdown-list', what: 'Markdown with 100,000 list items', make: (scale) => ({name: 'list.md', text: HEAD + Array.from({length: Math.round(scale * 100_000)}, (_, at) => `- item ${at} of the list`).join('\n') + '\n'})},
  {id: 'markdown-nested-list', what: 'Markdown with 100,000 nested list items', make: (scale) => ({name: 'nested.md', text: HEAD + '- '.repeat(Math.round(scale * 100_000)) + 'item\n'})},
  {id: 'markdown-emphasis', what: 'Markdown with 100,000 emphasis runs', make: (scale) => ({name: 'emphasis.md', text: HEAD + Array.from({length: Math.round(scale * 100_000)}, (_, at) => (at % 2 ? '*a*' : '**b**')).join(' ') + '\n'})},
  {id: 'markdown-open-emphasis', what: 'Markdown with 100,000 unclosed emphasis openers', make: (scale) => ({name: 'openers.md', text: HEAD + 'x ' + '*a '.repeat(Math.round(scale * 100_000)) + '\n'})},
  {id: 'markdown-links', what: 'Markdown with 100,000 links', make: (scale) => ({name: 'links.md', text: HEAD + Array.from({length: Math.round(scale * 100_000)}, (_, at) => `[link ${at}](https://example.org/${at})`).join(' ') + '\n'})},
  {id: 'opening-quotes', what: '100,000 single opening quotes', make: (scale) => ({name: 'quotes.md', text: HEAD + " 'a".repeat(Math.round(scale * 100_000)) + '\n'})},
  {id: 'guillemets', what: '1 MB of French guillemets', make: (scale) => ({name: 'guillemets.md', text: '---\nlang: fr\n---\n' + HEAD + '« a » '.repeat(Math.round(scale * 170_000)) + '«'.repeat(Math.round(scale * 100_000)) + ' ' + '»'.repeat(Math.round(scale * 100_000)) + '\n'})},
  {id: 'straight-quotes', what: '1 MB of straight quotes', make: (scale) => ({name: 'straight.md', text: HEAD + '"'.repeat(Math.round(scale * 1_000_000)) + '\n'})},
  {id: 'dots', what: '1 MB of dots', make: (scale) => ({name: 'dots.md', text: HEAD + '.'.repeat(Math.round(scale * 1_000_000)) + '\n'})},
  {id: 'sidecar-keys', what: 'a sidecar with 900,000 keys', make: (scale) => ({name: 'keys.md', text: HEAD + 'Words.\n', sidecar: 'title: Keys\n' + Array.from({length: Math.round(scale * 900_000)}, (_, at) => `k${at}: ${at}`).join('\n') + '\n'})}
]
