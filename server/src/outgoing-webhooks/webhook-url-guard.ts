import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/**
 * Keeps outgoing webhooks away from this server's own network (SSRF): an endpoint URL names an http(s) host whose
 * every address is public. Checked when an endpoint is saved (a clear field error) and again right before each
 * delivery, whose connection then goes to the very addresses checked (DNS can change between the two, or between a
 * check and a connection: a name that resolved to a public address once may resolve to 127.0.0.1 the next time).
 */

/** IPv4 blocks that are not the public internet (IANA special-purpose registry). */
const nonPublicIpv4 = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  nonPublicIpv4.addSubnet(network, prefix, 'ipv4')
}

/** IPv6 is public only within global unicast (2000::/3): that leaves out ::, ::1, IPv4-mapped, NAT64, fc00::/7, fe80::/10 and ff00::/8. */
const globalUnicastIpv6 = new BlockList()
globalUnicastIpv6.addSubnet('2000::', 3, 'ipv6')
/** …and not these blocks inside it. */
const nonPublicIpv6 = new BlockList()
for (const [network, prefix] of [
  ['2001::', 23], // IETF protocol assignments (Teredo, which tunnels to an IPv4 address, among them)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address, private ones included
  ['3fff::', 20], // documentation
] as const) {
  nonPublicIpv6.addSubnet(network, prefix, 'ipv6')
}

/** Whether a connection to this address leaves for the public internet. */
export function isPublicAddress(address: string): boolean {
  try {
    const family = isIP(address)
    if (family === 4) return !nonPublicIpv4.check(address, 'ipv4')
    if (family === 6) return globalUnicastIpv6.check(address, 'ipv6') && !nonPublicIpv6.check(address, 'ipv6')
  } catch {
    // A form BlockList cannot read (a zone index such as fe80::1%eth0) is no public address.
  }
  return false
}

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** Why a URL may not receive webhooks, in words fit for a form's field error and the delivery log. */
export class WebhookUrlRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookUrlRefusedError'
  }
}

/** A slow resolver must not hold a request (or a delivery worker) for long. */
const lookupTimeoutMs = 5000

async function resolveAll(hostname: string): Promise<ResolvedAddress[]> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WebhookUrlRefusedError(`${hostname} did not resolve within ${lookupTimeoutMs / 1000} s.`)), lookupTimeoutMs)
  })
  try {
    const found = await Promise.race([lookup(hostname, { all: true, verbatim: true }), timeout])
    return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }))
  } catch (error) {
    if (error instanceof WebhookUrlRefusedError) throw error
    throw new WebhookUrlRefusedError(`${hostname} could not be found (DNS).`)
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The URL and the addresses its host resolves to now, all of them public unless `isPrivateAllowed`; throws a
 * WebhookUrlRefusedError saying why not.
 */
export async function resolveWebhookUrl(text: string, { isPrivateAllowed }: { isPrivateAllowed: boolean }): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = URL.parse(text.trim())
  if (!url) throw new WebhookUrlRefusedError('Enter a full URL, such as https://example.com/webhooks.')
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlRefusedError('Use an http:// or https:// URL.')
  // Settings shows endpoint URLs to every admin, and they sit in the database in the clear: no passwords in them.
  if (url.username || url.password) throw new WebhookUrlRefusedError('Leave credentials out of the URL: requests are signed instead.')
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (!hostname) throw new WebhookUrlRefusedError('Enter a URL with a host name.')
  const literalFamily = isIP(hostname)
  const addresses = literalFamily ? [{ address: hostname, family: literalFamily as 4 | 6 }] : await resolveAll(hostname)
  if (addresses.length === 0) throw new WebhookUrlRefusedError(`${hostname} has no address.`)
  if (!isPrivateAllowed) {
    const refused = addresses.find(({ address }) => !isPublicAddress(address))
    if (refused) {
      const where = literalFamily ? `${hostname} is` : `${hostname} resolves to ${refused.address}, which is`
      throw new WebhookUrlRefusedError(`${where} not a public internet address (private, loopback, link-local or reserved).`)
    }
  }
  return { url, addresses }
}
