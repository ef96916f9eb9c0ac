import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Webhook URLs come from people outside the operator's network (chairs), so by default they may
 * not point into it: loopback, private, link-local (cloud metadata) and other non-public ranges
 * are refused. WEBHOOK_ALLOW_PRIVATE_TARGETS=true lifts this for receivers on an internal network.
 */
const NON_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(net, bits, 'ipv6');
}

export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? NON_PUBLIC.check(mapped[1], 'ipv4') : NON_PUBLIC.check(address, 'ipv6');
  }
  return false;
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
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
