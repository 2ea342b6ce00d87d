/**
 * `imprint serve [DIR]`: the output folder over HTTP, read-only, until
 * Ctrl-C. The first line on stdout is the address; with --lan, every LAN
 * address follows with a QR code to scan.
 */
import {stat} from 'node:fs/promises'
import {addSearchLink, searchRoutes} from '../serve/catalog-search.ts'
import {lanAddresses, lanQrCode, servesNetwork, terminalQrCode} from '../serve/lan.ts'
import {listen} from '../serve/listen.ts'
import {createSiteServer, type RequestLog, type SiteOptions} from '../serve/site-server.ts'
import {EXIT, type ServeCommandLine} from './options.ts'

export async function runServe(flags: ServeCommandLine): Promise<number> {
  const {host, port} = flags.listen
  const info = await stat(flags.dir).catch(() => undefined)
  if (!info?.isDirectory()) {
    process.stderr.write(`imprint: no folder ${flags.dir} to serve: build one with \`imprint build\`, or name another\n`)
    return EXIT.failed.code
  }
  const network = servesNetwork(host)
  const addresses = network ? lanAddresses(host) : []
  // The page's QR code needs the port, known once listening (--port 0).
  let qr: SiteOptions['transformHtml']
  const server = await createSiteServer({
    root: flags.dir,
    routes: searchRoutes(flags.dir),
    transformCatalog: addSearchLink,
    transformHtml: (html, served) => (qr ? qr(html, served) : html),
    onRequest: flags.verbose ? (entry) => process.stdout.write(formatLog(entry)) : undefined
  })
  let listening
  try {
    listening = await listen(server, host, port)
  } catch (error) {
    process.stderr.write(`imprint: ${(error as Error).message}\n`)
    return EXIT.failed.code
  }
  if (network) qr = lanQrCode(addresses, listening.port)

  process.stdout.write(`${listening.url}\n`)
  if (network) {
    if (addresses.length === 0) process.stdout.write('No network address found: is this machine on a network?\n')
    for (const address of addresses) {
      const url = `http://${address}:${listening.port}/`
      process.stdout.write(`\nOn the network: ${url}   (e-reader apps: ${url}opds.xml)\n${await terminalQrCode(url)}`)
    }
  }
  process.stderr.write(`Serving ${flags.dir} read-only${network ? ' to the local network' : ''}. Ctrl-C stops.\n`)
  await stopped()
  await listening.close()
  return EXIT.built.code
}

/** Resolves on the first Ctrl-C or SIGTERM. */
export function stopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/** `12:04:31 192.168.1.20 GET /book.epub 206 1048576 B 12 ms` */
export function formatLog(entry: RequestLog): string {
  const time = new Date().toTimeString().slice(0, 8)
  const bytes = entry.bytes === undefined ? '-' : `${entry.bytes} B`
  return `${time} ${entry.remote.replace(/^::ffff:/, '')} ${entry.method} ${entry.url} ${entry.status} ${bytes} ${entry.ms} ms\n`
}

