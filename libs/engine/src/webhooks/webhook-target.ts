import { lookup } from 'node:dns/promises';
import { isIP, isIPv4, isIPv6 } from 'node:net';

/**
 * Webhook URLs come from people outside the operator's network (chairs), so by default they may
 * only point at globally reachable addresses: never loopback, private, shared, link-local (cloud
 * metadata), documentation, benchmarking, multicast, reserved or any other of IANA's
 * special-purpose addresses, in whatever form they are written (IPv4, IPv4-mapped and
 * IPv4-compatible IPv6, NAT64, 6to4). WEBHOOK_ALLOW_PRIVATE_TARGETS=true lifts this for
 * receivers on an internal network.
 */

type Range = [bytes: number[], bits: number];

/** IPv4 ranges that are not globally reachable (IANA IPv4 Special-Purpose Address Registry, plus multicast). */
const IPV4_NOT_GLOBAL: Range[] = [
  [[0, 0, 0, 0], 8], // "this network"
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // shared address space (carrier-grade NAT)
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local, cloud metadata (169.254.169.254)
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments (service continuity, dummy, NAT64 discovery …)
  [[192, 0, 2, 0], 24], // documentation (TEST-NET-1)
  [[192, 88, 99, 0], 24], // deprecated 6to4 relay anycast
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // documentation (TEST-NET-2)
  [[203, 0, 113, 0], 24], // documentation (TEST-NET-3)
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, and the limited broadcast 255.255.255.255
];

/**
 * IPv6 is globally reachable only inside 2000::/3 (global unicast), and not in these parts of
 * it. Everything outside it (::/8 with loopback, unspecified and the deprecated IPv4-compatible
 * ::a.b.c.d; 64:ff9b:1::/48 local-use NAT64; 100::/64 discard; 5f00::/16 segment routing;
 * fc00::/7 unique local; fe80::/10 link-local; ff00::/8 multicast …) is not, except the forms
 * that carry an IPv4 address, which are judged by that address (ipv4Inside).
 */
const IPV6_GLOBAL_UNICAST: Range = [[0x20], 3];
const IPV6_NOT_GLOBAL: Range[] = [
  [[0x20, 0x01, 0x00], 23], // IETF protocol assignments: Teredo (2001::/32), benchmarking, ORCHID …
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x3f, 0xff, 0x00], 20], // documentation
];

function inRange(bytes: number[], [net, bits]: Range): boolean {
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== ((net[i] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address (its syntax checked by net.isIPv6), a trailing dotted IPv4 part included. */
export function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = ipv4Bytes(dotted[1]);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/** The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) or 6to4 (2002:AABB:CCDD::). */
function ipv4Inside(b: number[]): number[] | null {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return b.slice(12);
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6);
  return null;
}

function ipv4NotGlobal(bytes: number[]): boolean {
  return IPV4_NOT_GLOBAL.some((r) => inRange(bytes, r));
}

/** True for every address that is not globally reachable (and for anything that is not an IP address). */
export function isNonPublicAddress(address: string): boolean {
  if (isIPv4(address)) return ipv4NotGlobal(ipv4Bytes(address));
  if (!isIPv6(address)) return true;
  const bytes = ipv6Bytes(address);
  const v4 = ipv4Inside(bytes);
  if (v4) return ipv4NotGlobal(v4);
  return !inRange(bytes, IPV6_GLOBAL_UNICAST) || IPV6_NOT_GLOBAL.some((r) => inRange(bytes, r));
}

/** The host as fetch will use it: WHATWG-normalised (so 0x7f.1, 2130706433 and [::127.0.0.1] are plain addresses), without brackets or a trailing dot. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/**
 * A user name or password in the URL would be shown to everyone who may read the subscription
 * (and written to the event log); receivers authenticate deliveries by their signature instead.
 * Refused whatever WEBHOOK_ALLOW_PRIVATE_TARGETS says.
 */
export function credentialsProblem(url: string): string | null {
  const u = new URL(url);
  return u.username || u.password
    ? 'url: must not contain a user name or password (user:password@…); receivers check the webhook-signature of each delivery instead'
    : null;
}

/** At subscription time, without DNS (which may be slow or absent): literal addresses and localhost. */
export function literalTargetProblem(url: string): string | null {
  const host = hostOf(url).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return `url: ${host} is this machine`;
  if (isIP(host) && isNonPublicAddress(host)) return `url: ${host} is not a public address`;
  return null;
}

/** At delivery time, after DNS: every address the host resolves to must be public. */
export async function resolvedTargetProblem(url: string): Promise<string | null> {
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const bad = addresses.find(isNonPublicAddress);
  return bad ? `${host} resolves to ${bad}, which is not a public address` : null;
}
