import ipaddr from 'ipaddr.js';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (both families); injectable so tests need no DNS. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: ResolveHost = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

/** Why a webhook URL may not be called; the message is fit to show the caller as a field error. */
export class UnsafeUrlError extends Error {}

/** A URL that passed the guard, with the addresses that were checked: connect to these, never re-resolve. */
export interface SafeTarget {
  url: URL;
  addresses: ResolvedAddress[];
}

export interface GuardOptions {
  allowPrivateNetworks: boolean;
  resolve?: ResolveHost;
}

/**
 * IPv4-compatible IPv6 addresses (::a.b.c.d, deprecated) are not in any of ipaddr.js's special
 * ranges, so `::127.0.0.1` would count as unicast; they have no legitimate use for a webhook.
 */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

/**
 * The class of an address when it is not a public unicast one, else null. ipaddr.js `process()`
 * turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it carries, and `range()` names
 * the special-purpose block: loopback, private, linkLocal (169.254.169.254, fe80::/10),
 * uniqueLocal (fc00::/7), carrierGradeNat (100.64/10), unspecified, multicast, broadcast, reserved,
 * and the IPv6 transition blocks (6to4, teredo, NAT64) that can embed an internal IPv4 address.
 * Only `unicast` is allowed: an allow-list, so a block ipaddr.js adds later is refused too.
 */
export function blockedAddressClass(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return 'malformed';
  }
  const range = parsed.range();
  if (range !== 'unicast') return range;
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
  return null;
}

const CLASS_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private-network address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
};

function describeClass(range: string): string {
  return CLASS_NAMES[range] ?? `a special-purpose address (${range})`;
}

/**
 * Checks a webhook URL: http or https only, no credentials, and every address its host resolves
 * to must be public unless private networks are allowed. Returns the checked addresses so the
 * caller connects to exactly those (a second lookup could answer differently: DNS rebinding).
 *
 * Numeric host forms (2130706433, 0x7f.1, 0177.0.0.1, 127.1) are normalised to dotted IPv4 by the
 * WHATWG URL parser before we see them, and IPv6 literals arrive bracketed; both are then checked
 * as addresses without any DNS query.
 */
export async function checkWebhookUrl(raw: string, options: GuardOptions): Promise<SafeTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnsafeUrlError(`url must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username || url.password) {
    throw new UnsafeUrlError('url must not contain a user name or password');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new UnsafeUrlError('url must have a host');

  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch {
      throw new UnsafeUrlError(`url host ${host} could not be resolved`);
    }
    if (!addresses.length) throw new UnsafeUrlError(`url host ${host} could not be resolved`);
  }

  if (!options.allowPrivateNetworks) {
    for (const { address } of addresses) {
      const blocked = blockedAddressClass(address);
      if (blocked) {
        const via = literal ? '' : ` (${host} resolves to ${address})`;
        throw new UnsafeUrlError(
          `url must reach a public address, but it points to ${describeClass(blocked)}${via}`,
        );
      }
    }
  }
  return { url, addresses };
}
