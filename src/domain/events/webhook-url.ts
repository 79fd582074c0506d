// Webhook URL safety: a merchant's endpoint must be a plain https URL whose host is not inside our network (SSRF).
import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const MAX_URL_LENGTH = 2048;

export type WebhookUrlCheck =
  | { ok: true; url: URL }
  | { ok: false; error: 'webhook_url_invalid' | 'webhook_url_private'; detail: string };

/** Ranges a webhook must never reach: loopback, unspecified, private, link-local, CGNAT, multicast, reserved, tunnels. */
const NON_PUBLIC_RANGES: readonly [network: string, prefix: number, family: 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses can carry a private IPv4.
  ['::', 96, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['2002::', 16, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const nonPublic = new BlockList();
for (const [network, prefix, type] of NON_PUBLIC_RANGES) nonPublic.addSubnet(network, prefix, type);

/**
 * True when `ip` is not a public unicast address. IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`)
 * match the IPv4 ranges (BlockList does this). Anything that is not an IP address counts as private.
 */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true;
  return nonPublic.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** The addresses a URL's host stands for (a literal IP stands for itself), or undefined when it does not resolve. */
export async function hostAddresses(url: URL): Promise<string[] | undefined> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return [host];
  try {
    const found = await dns.lookup(host, { all: true });
    return found.length > 0 ? found.map((entry) => entry.address) : undefined;
  } catch {
    return undefined;
  }
}

const invalid = (detail: string): WebhookUrlCheck => ({ ok: false, error: 'webhook_url_invalid', detail });

/**
 * Accepts an absolute https URL of at most 2048 characters, without credentials or fragment, whose
 * host resolves only to public addresses. `allowPrivate` (development, tests) also accepts http and
 * private addresses.
 */
export async function checkWebhookUrl(
  text: string,
  options: { allowPrivate: boolean },
): Promise<WebhookUrlCheck> {
  if (text.length > MAX_URL_LENGTH) return invalid(`longer than ${MAX_URL_LENGTH} characters`);
  if (!URL.canParse(text)) return invalid('not an absolute URL');
  const url = new URL(text);
  const schemes = options.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return invalid(`scheme ${url.protocol} is not allowed (use https)`);
  if (url.username !== '' || url.password !== '') return invalid('credentials in the URL are not allowed');
  if (url.href.includes('#')) return invalid('a fragment is not allowed');
  const addresses = await hostAddresses(url);
  if (!addresses) return invalid(`host ${url.hostname} does not resolve`);
  const privateAddress = options.allowPrivate ? undefined : addresses.find(isPrivateAddress);
  if (privateAddress) {
    return {
      ok: false,
      error: 'webhook_url_private',
      detail: `host ${url.hostname} resolves to non-public ${privateAddress}`,
    };
  }
  return { ok: true, url };
}
