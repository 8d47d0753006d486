/**
 * Which URLs may receive webhooks. Sello POSTs from inside AWS, so a subscription must not point
 * it at addresses only reachable from there (instance metadata at 169.254.169.254, VPC hosts,
 * localhost): a basic SSRF guard.
 *
 * In production mode:
 * - the URL must be `https:`, without user:password and without a fragment;
 * - an IP literal must be a public unicast address (see `NON_PUBLIC` below);
 * - a host name is resolved when the subscription is created, and every address it resolves to
 *   must be public. A name that does not resolve (yet) is accepted: the check that matters is the
 *   one at delivery, where the transport resolves the name again for every connection and refuses
 *   to connect if any address is not public (so DNS rebinding after creation does not help).
 *
 * In local mode (the local platform and tests) `http:` is allowed too, for `localhost`,
 * `127.0.0.1` and `[::1]` only, and addresses are not checked.
 */
import { BlockList, isIP } from 'node:net';
import { ValidationError } from '../errors.ts';

export interface WebhookUrlPolicy {
  /** Allow `http://localhost`, `http://127.0.0.1` and `http://[::1]` (local platform, tests). */
  allowLocalHttp: boolean;
  /** Refuse hosts that are or resolve to non-public addresses (production). */
  requirePublicAddresses: boolean;
}

export const PRODUCTION_URL_POLICY: WebhookUrlPolicy = {
  allowLocalHttp: false,
  requirePublicAddresses: true,
};
export const LOCAL_URL_POLICY: WebhookUrlPolicy = {
  allowLocalHttp: true,
  requirePublicAddresses: false,
};

/** Resolves a host name to every address it has; rejects when it does not resolve. */
export type HostResolver = (hostname: string) => Promise<string[]>;

// IANA special-purpose registries: nothing here is a public unicast destination.
const NON_PUBLIC: Array<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local (instance metadata)
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.88.99.0', 24, 'ipv4'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['64:ff9b::', 96, 'ipv6'], // NAT64: may embed a private IPv4 address
  ['100::', 64, 'ipv6'], // discard
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['fc00::', 7, 'ipv6'], // unique local (incl. EC2's fd00:ec2::254)
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];
const blocked = new BlockList();
for (const [network, prefix, family] of NON_PUBLIC) blocked.addSubnet(network, prefix, family);

/**
 * True for a public unicast IP address. IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as the
 * IPv4 address it carries; anything that is not an IP address is not public.
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLocalName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

const refuse = (message: string) =>
  new ValidationError(`Webhook URL refused: ${message}`, [{ path: 'url', message }]);

/**
 * Checks a subscription URL against the policy (see the module comment) and returns it
 * normalised; a ValidationError on `url` says what is wrong.
 */
export async function checkWebhookUrl(
  raw: string,
  policy: WebhookUrlPolicy,
  resolve: HostResolver,
): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('Not an absolute URL');
  }
  if (url.username || url.password) {
    throw refuse('Must not carry a user name or password');
  }
  if (url.hash) throw refuse('Must not have a #fragment');
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'http:') {
    if (!(policy.allowLocalHttp && LOOPBACK_HOSTS.has(host))) throw refuse('Use an https URL');
  } else if (url.protocol !== 'https:') {
    throw refuse('Use an https URL');
  }
  if (!policy.requirePublicAddresses) return url.href;

  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isIP(literal)) {
    if (!isPublicAddress(literal)) throw refuse(`${literal} is not a public address`);
    return url.href;
  }
  if (isLocalName(host)) throw refuse(`${host} is not a public host`);
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    // Not resolvable now: delivery resolves and checks again before every connection.
    return url.href;
  }
  const internal = addresses.find((a) => !isPublicAddress(a));
  if (internal) throw refuse(`${host} resolves to ${internal}, which is not a public address`);
  return url.href;
}
