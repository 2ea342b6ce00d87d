/**
 * Running the real `imprint` for the fetch tests: in a folder of the test's
 * choosing, with the options every test on 127.0.0.1 passes, and reading
 * what it printed and built.
 */
import assert from 'node:assert/strict'
import {execFile} from 'node:child_process'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'
import {CLI} from './imprint.ts'

/** The fetch options every test on 127.0.0.1 passes: the server is local, and the test need not wait. */
export const LOCAL = ['--allow-private', '--delay', '0']

export interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export function cli(args: readonly string[], cwd?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], {cwd, env: {...process.env, ...env}, maxBuffer: 64 * 2 ** 20}, (error, stdout, stderr) => {
      resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr})
    })
  })
}

export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => / {2}error {2}/.test(line))
}

/** The text of the article element, without the source line: what a reader reads of the article. */
export function articleText(html: string): string {
  const tree = fromHtml(html)
  const article = find(tree, (node) => node.tagName === 'article')
  assert.ok(article, 'no <article>')
  const source = find(article, (node) => String(node.properties.className ?? '').includes('source'))
  if (source) source.children = []
  return toText(article).replace(/\s+/g, ' ').trim()
}

function find(node: Root | Element, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (test(child)) return child
    const deeper = find(child, test)
    if (deeper) return deeper
  }
  return undefined
}

