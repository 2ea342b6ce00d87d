/**
 * Serving the local network: the machine's LAN addresses, a QR code of each
 * for the terminal, and a QR code of the page's own LAN address added to
 * each page as it is served, so a phone can scan it off the laptop's screen.
 *
 * Why the server adds it and the build does not: the address exists only
 * while `imprint serve --lan` runs (it depends on the network and the port),
 * and the published site would otherwise carry a laptop's private address.
 * The site has no script, so a page cannot find its own LAN address; the
 * server knows it.
 */
import os from 'node:os'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import QRCode from 'qrcode'
import {qrCodeSvg} from '../render/qr-code.ts'
import type {ServedRequest} from './site-server.ts'

/** Whether an address is this machine alone: then no phone can reach it. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.')
}

/** Whether listening on `host` reaches other machines: every interface, or a LAN address. */
export function servesNetwork(host: string): boolean {
  return !isLoopback(host)
}

/** The machine's IPv4 addresses on its networks, for the URLs a phone can open. */
export function lanAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host]
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
    .map((info) => info!.address)
}

/** A QR code drawn with half blocks, two rows of modules per line of text, for a terminal. */
export async function terminalQrCode(url: string): Promise<string> {
  return QRCode.toString(url, {type: 'terminal', small: true, errorCorrectionLevel: 'L'})
}

/** A transform for served pages: the page's LAN address as a QR code at its end. */
export function lanQrCode(addresses: readonly string[], port: number): (html: string, served: ServedRequest) => string {
  return (html, served) => {
    // The address the phone should use: the one this request came in on, unless it came from the machine itself.
    const local = served.localAddress?.replace(/^::ffff:/, '')
    const address = local && !isLoopback(local) && addresses.includes(local) ? local : addresses[0]
    if (!address) return html
    const url = `http://${address}:${port}${served.path}`
    const note = h('aside', {role: 'note', style: 'margin:2em auto;max-width:12em;text-align:center;font:0.9em sans-serif'}, [
      h('div', {style: 'width:10em;margin:auto'}, [qrCodeSvg(url, `QR code of ${url}`)]),
      h('p', [h('a', {href: url}, url)]),
      h('p', 'Scan to open this page on a phone or reader on the same network.')
    ])
    return insertBeforeBodyEnd(html, toHtml(note))
  }
}

/** Put `snippet` (already serialized from a tree) just before `</body>`, or at the end. */
export function insertBeforeBodyEnd(html: string, snippet: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>')
  return at === -1 ? html + snippet : html.slice(0, at) + snippet + html.slice(at)
}
