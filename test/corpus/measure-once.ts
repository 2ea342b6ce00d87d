// scratch: not committed
import {execFile} from 'node:child_process'
import {readFile, readdir, mkdtemp} from 'node:fs/promises'
import {existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {slugOf} from '../../src/load/load.ts'
import {epubcheck} from '../helpers/artefacts.ts'
import {agreement, imprintText, median, readabilityText} from './agreement.ts'
const run = promisify(execFile)
const CORPUS = '/work/shared/corpus/web-pages'
const names = (await readdir(CORPUS, {withFileTypes: true})).filter((e) => e.isDirectory()).map((e) => e.name).sort()
const out = process.env.OUT ?? await mkdtemp(path.join(os.tmpdir(), 'imprint-measure-'))
const sources = names.map((n) => path.join(CORPUS, n, 'source.html'))
const r = process.env.OUT ? {code: 'reused'} : await run(process.execPath, ['lib/bin.js', 'build', ...sources, '--out', out, '--format', process.env.FORMATS ?? 'html,epub', '--no-cache'], {maxBuffer: 1 << 28}).catch((e) => e)
console.error('exit', r.code ?? 0)
const comparable = (t: string) => t.normalize('NFKC').toLocaleLowerCase('und').replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '')
let errors = 0, titles = 0
const ps: number[] = [], rs: number[] = []
const byId = new Map<string, number>()
const queue = [...names]
const rows: string[] = []
async function one(name: string) {
  console.error('page', name, new Date().toISOString())
  const source = path.join(CORPUS, name, 'source.html')
  const slug = slugOf(source)
  const expected = JSON.parse(await readFile(path.join(CORPUS, name, 'expected-metadata.json'), 'utf8'))
  const html = await readFile(path.join(out, slug + '.html'), 'utf8')
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? ''
  const decoded = title.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'")
  const ok = comparable(decoded) === comparable(expected.title ?? '')
  if (ok) titles++
  const a = agreement(imprintText(html), readabilityText(await readFile(source, 'utf8')))
  ps.push(a.precision); rs.push(a.recall)
  let e = 0
  if (!process.env.NOCHECK) {
    const v = await epubcheck(path.join(out, slug + '.epub'))
    e = v.errors + v.fatals
    errors += e
    for (const m of v.messages.filter((m) => /^(ERROR|FATAL)/.test(m))) { const id = m.split(' ').slice(0, 3).join(' '); byId.set(id, (byId.get(id) ?? 0) + 1) }
    if (process.env.SHOW && e) console.log(v.messages.filter((m) => /^(ERROR|FATAL)/.test(m)).slice(0, 8).join('\n'))
  }
  rows.push(`${name}\t${ok ? 'T' : 'x'}\t${a.precision.toFixed(3)}\t${a.recall.toFixed(3)}\t${e}\t${ok ? '' : JSON.stringify(decoded) + ' vs ' + JSON.stringify(expected.title)}`)
}
await Promise.all([0, 1].map(async () => { for (let n = queue.shift(); n; n = queue.shift()) await one(n) }))
console.log(rows.sort().join('\n'))
console.log('epubcheck errors', errors, 'pages with errors', rows.filter((r) => r.split('\t')[4] !== '0').length)
console.log([...byId].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v}\t${k}`).join('\n'))
console.log('titles', titles, '/', names.length, 'median precision', median(ps).toFixed(3), 'median recall', median(rs).toFixed(3), 'mean p', (ps.reduce((a, b) => a + b) / ps.length).toFixed(3), 'mean r', (rs.reduce((a, b) => a + b) / rs.length).toFixed(3))
console.log('out', out)
