/**
 * Ace by DAISY, the EPUB accessibility checker, run as `ace-puppeteer` on the
 * Chromium imprint prints with (its Electron runner needs a display).
 */
import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {resolveBrowser} from '../../src/formats/pdf/browser.ts'

const run = promisify(execFile)
const ACE = path.resolve('node_modules/.bin/ace-puppeteer')

export interface AceReport {
  'earl:result': {'earl:outcome': string}
  'a11y-metadata': {missing: string[]; present: string[]}
  assertions: Array<{
    'earl:testSubject': {url: string}
    assertions: Array<{'earl:test': {'dct:title': string; 'earl:impact': string}; 'earl:result': {'dct:description': string}}>
  }>
}

/** Ace's report on `epub`, written under `outdir`. */
export async function ace(epub: string, outdir: string): Promise<AceReport> {
  // Named by the EPUB's folder too: two EPUBs of one article get a report each (Ace will not overwrite one).
  const report = path.join(outdir, `ace-${path.basename(path.dirname(epub))}-${path.basename(epub, '.epub')}`)
  await run(process.execPath, [ACE, '--silent', '--outdir', report, epub], {
    env: {...process.env, PUPPETEER_EXECUTABLE_PATH: resolveBrowser()},
    maxBuffer: 64 * 1024 * 1024
  })
  return JSON.parse(await readFile(path.join(report, 'report.json'), 'utf8')) as AceReport
}

/** Every violation, one line each: the document, the rule, its impact and what Ace says. */
export function violations(report: AceReport): string[] {
  return report.assertions.flatMap((subject) =>
    subject.assertions.map(
      (item) => `${subject['earl:testSubject'].url}: ${item['earl:test']['dct:title']} (${item['earl:test']['earl:impact']}) ${item['earl:result']['dct:description']}`
    )
  )
}
