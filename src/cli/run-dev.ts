/**
 * `imprint dev`: the preview's address first, then a line per rebuild with
 * its time, and each source's messages when they change. Ctrl-C stops the
 * watcher, the preview and the browser, and leaves no temporary file.
 */
import {mkdir} from 'node:fs/promises'
import type {VFile} from 'vfile'
import {removePendingSync} from '../build/write-atomic.ts'
import {startDev, type BuildReport} from '../dev/dev-session.ts'
import {startPreview} from '../dev/preview-server.ts'
import {buildProblems, crashProblem} from '../dev/problems.ts'
import {cleanUpSync} from '../formats/pdf/interrupt.ts'
import {lanAddresses, lanQrCode, servesNetwork, terminalQrCode} from '../serve/lan.ts'
import {EXIT, type DevCommandLine} from './options.ts'
import {report} from './run-build.ts'
import {relative} from './report.ts'
import {stopped} from './run-serve.ts'

export async function runDev(command: DevCommandLine): Promise<number> {
  const {listen, verbosity, ...options} = command
  const network = servesNetwork(listen.host)
  const addresses = network ? lanAddresses(listen.host) : []
  let qr: ((html: string, served: Parameters<ReturnType<typeof lanQrCode>>[1]) => string) | undefined
  let preview
  try {
    // The preview is up before the first build is done: the page it shows reloads when the build is.
    await mkdir(options.outDir, {recursive: true})
    preview = await startPreview({root: options.outDir, host: listen.host, port: listen.port, transformHtml: (html, served) => (qr ? qr(html, served) : html)})
  } catch (error) {
    process.stderr.write(`imprint: ${(error as Error).message}\n`)
    return EXIT.failed.code
  }
  if (network) qr = lanQrCode(addresses, preview.port)
  process.stdout.write(`${preview.url}\n`)
  for (const address of addresses) process.stdout.write(`\nOn the network: http://${address}:${preview.port}/\n${await terminalQrCode(`http://${address}:${preview.port}/`)}`)

  // Until the session is up, a signal stops as a build does: at once, cleaning up.
  const early = () => {
    removePendingSync()
    cleanUpSync()
    process.exit(EXIT.built.code)
  }
  process.once('SIGINT', early)
  process.once('SIGTERM', early)

  const shown = new Map<string, string>()
  const onBuild = (built: BuildReport) => {
    const time = new Date().toTimeString().slice(0, 8)
    const what = built.changed.length === 0 ? 'built' : `${built.changed.map(relative).slice(0, 3).join(', ')}${built.changed.length > 3 ? ', …' : ''} changed: rebuilt`
    if (built.error !== undefined) {
      process.stderr.write(`${time} build failed after ${built.ms} ms: ${crashProblem(built.error).reason}\n`)
      preview.publish([crashProblem(built.error)], false)
      return
    }
    const result = built.result!
    const written = [...result.articles.flatMap((article) => article.outputs), ...result.books.flatMap((book) => book.outputs), ...result.site].filter(
      (output) => output.state !== 'unchanged'
    ).length
    if (verbosity !== 'quiet') process.stderr.write(`${time} ${what} in ${built.ms} ms (${written} file${written === 1 ? '' : 's'} written)\n`)
    // A source's messages are printed when they change, not again at every rebuild.
    for (const file of [...result.articles.map((article) => article.file), ...new Set(result.books.map((book) => book.file))]) {
      const said = signature(file)
      if (shown.get(file.path) === said) continue
      shown.set(file.path, said)
      report(file, verbosity)
    }
    preview.publish(buildProblems(result), built.wrote)
  }

  const session = await startDev(options, {onBuild})
  process.off('SIGINT', early)
  process.off('SIGTERM', early)
  if (verbosity !== 'quiet') process.stderr.write(`Watching ${session.watched.map(relative).join(', ')}. Ctrl-C stops.\n`)

  await stopped()
  if (session.busy) {
    // A build in the middle of its work: stop it as a build is stopped.
    removePendingSync()
    cleanUpSync()
    removePendingSync()
    await preview.close()
    return EXIT.built.code
  }
  await Promise.all([session.close(), preview.close()])
  return EXIT.built.code
}

function signature(file: VFile): string {
  return file.messages.map((message) => `${message.line}:${message.column}:${message.ruleId}:${message.reason}`).join('\n')
}
