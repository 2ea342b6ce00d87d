/**
 * The browser sandbox, on a real Chromium: a print document that asks for
 * everything (the network, files outside its folder, symlinks out of it, a
 * FIFO, other schemes) gets nothing, and each refusal is reported.
 */
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdir, mkdtemp, readFile, symlink, writeFile} from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {after, before, test} from 'node:test'
import {openPrinter} from '../src/formats/pdf/printer.ts'
import {requestPolicy} from '../src/formats/pdf/request-policy.ts'
import {pdfText, squash} from './helpers/artefacts.ts'

const CANARY = 'CANARY-OUTSIDE-THE-ROOT-91c2'

let dir: string
let root: string
let outside: string
let server: http.Server
let port: number
const requests: string[] = []

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'imprint-sandbox-'))
  root = path.join(dir, 'root')
  outside = path.join(dir, 'outside')
  await mkdir(root)
  await mkdir(outside)
  await writeFile(path.join(outside, 'canary.txt'), CANARY + '\n')
  await writeFile(path.join(root, 'inside.txt'), 'INSIDE-THE-ROOT\n')
  await symlink('/etc', path.join(root, 'escape'))
  await symlink(path.join(outside, 'canary.txt'), path.join(root, 'canary-link.txt'))
  execFileSync('mkfifo', [path.join(root, 'pipe')])
  server = http.createServer((request, response) => {
    requests.push(request.url ?? '')
    response.end('REMOTE-CONTENT')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

after(() => {
  server.close()
})

test('the request policy: the roots, resolved through symlinks, and data: only', () => {
  const check = requestPolicy({allowedRoots: [root]})
  const file = (name: string) => pathToFileURL(path.join(root, name)).href
  assert.equal(check(file('inside.txt')), undefined)
  assert.equal(check('data:image/png;base64,iVBORw0KGgo='), undefined)
  assert.match(check('file:///etc/hostname')!, /outside/)
  assert.match(check(file('escape/hostname'))!, /outside/)
  assert.match(check(file('canary-link.txt'))!, /outside/)
  assert.match(check(pathToFileURL(root).href + '/../outside/canary.txt')!, /outside/)
  assert.match(check(file('pipe'))!, /not a regular file/)
  assert.match(check(file(''))!, /not a regular file/)
  assert.match(check(file('missing.png'))!, /no such file/)
  assert.match(check('file://evil.example/share/a.png')!, /not a local file/)
  assert.match(check(`http://127.0.0.1:${port}/x`)!, /--allow-remote/)
  assert.match(check('https://example.org/x')!, /--allow-remote/)
  for (const url of ['ftp://example.org/x', 'ws://example.org/x', 'blob:http://x/1', 'chrome://settings', 'about:blank#x', 'javascript:x']) {
    assert.match(check(url)!, /never loaded/, url)
  }
  const remote = requestPolicy({allowedRoots: [root], allowRemote: true})
  assert.equal(remote('https://example.org/x'), undefined)
  assert.match(remote('file:///etc/hostname')!, /outside/, '--allow-remote never opens file:')
})

/** A print document that reaches for everything it should not have. */
function greedyDocument(): string {
  const remote = `http://127.0.0.1:${port}`
  const canary = pathToFileURL(path.join(outside, 'canary.txt')).href
  // The printer resolves relative URLs against a folder of its own: name files in the root absolutely.
  const inRoot = (name: string) => pathToFileURL(root).href + '/' + name
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${remote}/link.css">
<link rel="preconnect" href="${remote}/">
<style>@import url(${remote}/import.css); body { background: url(${remote}/background.png) }
@font-face { font-family: X; src: url(${remote}/font.woff2) } p { font-family: X, serif }</style>
<script>document.write('SCRIPT-RAN')</script>
</head><body>
<p>VISIBLE-PARAGRAPH</p>
<img src="${remote}/image.png"><img srcset="${remote}/srcset.png 1x">
<iframe src="${canary}"></iframe>
<iframe src="file:///etc/hostname"></iframe>
<iframe src="${inRoot('escape/hostname')}"></iframe>
<iframe src="${inRoot('canary-link.txt')}"></iframe>
<iframe src="${inRoot('../outside/canary.txt')}"></iframe>
<iframe src="${inRoot('inside.txt')}"></iframe>
<img src="${inRoot('pipe')}">
<video poster="${remote}/poster.png"></video>
<object data="${remote}/object"></object><embed src="${remote}/embed">
<img src="ftp://127.0.0.1:${port}/ftp.png">
</body></html>`
}

test('printing: no request leaves, nothing outside the root is read, every refusal is reported', async () => {
  const html = greedyDocument()
  const blocked: string[] = []
  const printer = openPrinter({timeoutMs: 30_000})
  let pdf: Uint8Array
  try {
    pdf = await printer.print(html, {allowedRoots: [root], onBlocked: (url) => blocked.push(url)})
  } finally {
    await printer.close()
  }
  assert.deepEqual(requests, [], 'the local listener heard nothing')
  const file = path.join(dir, 'greedy.pdf')
  await writeFile(file, pdf)
  const text = squash(await pdfText(file))
  assert.ok(text.includes('VISIBLE-PARAGRAPH'))
  assert.ok(text.includes('INSIDE-THE-ROOT'), 'a file inside the root may load')
  assert.ok(!text.includes(CANARY), 'the canary outside the root leaked into the PDF')
  assert.ok(!text.includes('SCRIPT-RAN'), 'JavaScript ran')
  const hostname = (await readFile('/etc/hostname', 'utf8').catch(() => '')).trim()
  if (hostname.length >= 4) assert.ok(!text.includes(hostname), '/etc/hostname leaked into the PDF')
  for (const name of ['link.css', 'import.css', 'background.png', 'image.png', 'font.woff2']) {
    assert.ok(blocked.includes(`http://127.0.0.1:${port}/${name}`), `${name} was not reported: ${blocked.join(' ')}`)
  }
  assert.ok(blocked.includes('file:///etc/hostname'))
  assert.ok(blocked.some((url) => url.endsWith('/escape/hostname')))
  assert.ok(blocked.some((url) => url.endsWith('/canary-link.txt')))
  assert.ok(blocked.some((url) => url.endsWith('/pipe')), 'the FIFO was refused, not left to hang the page')
})

test('--allow-remote lets http(s) through, and still never a file outside the root', async () => {
  const canary = pathToFileURL(path.join(outside, 'canary.txt')).href
  const html = (`<!DOCTYPE html><p>REMOTE-PAGE</p><img src="http://127.0.0.1:${port}/allowed.png"><iframe src="${canary}"></iframe>`)
  const blocked: string[] = []
  const printer = openPrinter({timeoutMs: 30_000, allowRemote: true})
  let pdf: Uint8Array
  try {
    pdf = await printer.print(html, {allowedRoots: [root], onBlocked: (url) => blocked.push(url)})
  } finally {
    await printer.close()
  }
  assert.ok(requests.includes('/allowed.png'), 'the remote image was fetched')
  assert.deepEqual(blocked, [canary])
  const file = path.join(dir, 'remote.pdf')
  await writeFile(file, pdf)
  assert.ok(!squash(await pdfText(file)).includes(CANARY))
})
