/**
 * Which addresses `imprint fetch` may connect to. A URL given to it, a
 * feed's item or an image in a page is a request to open a connection, and
 * a page on the web must not make it open one to the machine it runs on or
 * to the network behind it (SSRF). So, unless `allowPrivate`:
 *
 * - only `http:` and `https:` URLs, without a user name or password in them;
 * - every address a name resolves to must be public: loopback, private,
 *   link-local, multicast, carrier-grade NAT, documentation, benchmarking
 *   and the other special-use ranges of IPv4 and IPv6 are refused, and an
 *   IPv4 address written inside IPv6 (`::ffff:127.0.0.1`, NAT64) is judged
 *   as the IPv4 address it carries;
 * - the check happens in the connection's own DNS lookup (`guardedLookup`),
 *   and the socket connects to the very address that was checked, so a
 *   name cannot resolve to a public address for the check and a private
 *   one for the connection (DNS rebinding). An address written in the URL
 *   is never looked up: `checkUrl` judges it instead.
 *
 * The ranges are ipaddr.js's tables of the IANA special-purpose registries.
 */
import dns from 'node:dns'
import net, {type LookupFunction} from 'node:net'
import ipaddr from 'ipaddr.js'
import {FetchFailure} from './fetch-failure.ts'

/** Why `address` is not a public unicast address, as a few words; undefined when it is one. */
export function refusedRange(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6
  try {
    parsed = ipaddr.parse(address)
  } catch {
    return 'not an IP address'
  }
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6
    // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), and NAT64 (64:ff9b::a.b.c.d), reach the IPv4 address they carry.
    if (v6.isIPv4MappedAddress()) return refusedRange(v6.toIPv4Address().toString())
    const range = v6.range()
    if (range === 'rfc6052') return refusedRange(new ipaddr.IPv4(v6.toByteArray().slice(12)).toString())
    // The deprecated IPv4-compatible form (::a.b.c.d) is in no table of ipaddr.js.
    if (range === 'unicast' && v6.parts.slice(0, 6).every((part) => part === 0)) return 'an IPv4-compatible IPv6 address'
    return range === 'unicast' ? undefined : describeRange(range)
  }
  const range = parsed.range()
  return range === 'unicast' ? undefined : describeRange(range)
}

const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'a loopback address',
  private: 'a private address',
  uniqueLocal: 'a private (unique local) address',
  linkLocal: 'a link-local address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  unspecified: 'the unspecified address',
  carrierGradeNat: 'a carrier-grade NAT address',
  reserved: 'a reserved or documentation address'
}

function describeRange(range: string): string {
  return RANGE_NAMES[range] ?? `a special-use address (${range})`
}

/** Why an address may not be connected to (a few words), or undefined when it may. */
export type AddressJudge = (address: string) => string | undefined

/** How a name becomes addresses: the system's resolver, unless a test gives another. */
export type Resolver = (hostname: string) => Promise<dns.LookupAddress[]>

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, {all: true})

/**
 * A URL imprint may request: http(s), no credentials in it, and, when its
 * host is an IP address, one `judge` allows (none judges with --allow-private).
 * Throws a FetchFailure saying why not.
 */
export function checkUrl(url: URL, judge: AddressJudge | undefined): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchFailure('refused', `refused: \`${url.protocol}\` URLs are not fetched; only http and https`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new FetchFailure('refused', 'refused: the URL holds a user name or password; give credentials with --header instead')
  }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (!judge || net.isIP(host) === 0) return
  const refused = judge(host)
  if (refused) throw refusedAddress(host, refused)
}

/**
 * The DNS lookup the connections use: the resolver's answer, refused whole
 * when `judge` refuses any address in it (a name that resolves to both a
 * public and a private address is no safer than the private one).
 */
export function guardedLookup(judge: AddressJudge | undefined, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const answer = callback as (error: Error | null, address: string | dns.LookupAddress[], family?: number) => void
    resolve(hostname).then(
      (found) => {
        const addresses = found.filter((entry) => !options.family || entry.family === options.family)
        const bad = judge && addresses.find((entry) => judge(entry.address) !== undefined)
        if (bad) return answer(refusedAddress(bad.address, judge(bad.address)!, hostname), '', 4)
        const first = addresses[0]
        if (!first) return answer(Object.assign(new Error(`no address for ${hostname}`), {code: 'ENOTFOUND'}), '', 4)
        // Node asks for every address when it tries them in turn (autoSelectFamily).
        if (options.all) return answer(null, addresses)
        answer(null, first.address, first.family)
      },
      (error: Error) => answer(error, '', 4)
    )
  }
}

function refusedAddress(address: string, range: string, hostname?: string): FetchFailure {
  const name = hostname === undefined || hostname === address ? address : `${hostname} (${address})`
  return new FetchFailure('refused', `refused: ${name} is ${range}; pass --allow-private to fetch from your own network`)
}
