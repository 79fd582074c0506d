// One webhook or callback HTTP request (POST, or PUT for GSMA callbacks) that can only reach addresses passing the private-address check.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './webhook-url.js';

export type PostOutcome = { statusCode: number; error: null } | { statusCode: null; error: string };

const PRIVATE_ADDRESS = 'private_address';

/**
 * A DNS lookup that refuses private addresses. The socket connects to exactly what it returns, so a
 * name that resolves to a public address for a check and to a private one a moment later (DNS
 * rebinding) cannot reach the private network.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const found = addresses.filter((entry) => !isPrivateAddress(entry.address));
    if (found.length < addresses.length || found.length === 0) {
      return callback(Object.assign(new Error(PRIVATE_ADDRESS), { code: 'EPRIVATE' }), '', 0);
    }
    if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, found);
    const [first] = found as [LookupAddress];
    return callback(null, first.address, first.family);
  });
};

/** Sends `body` (POST unless told) and answers the status code (the response body is discarded), or why there was none. */
export function postWebhook(
  url: URL,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean; method?: 'POST' | 'PUT' },
): Promise<PostOutcome> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!options.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
    return Promise.resolve({ statusCode: null, error: PRIVATE_ADDRESS });
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      url,
      {
        method: options.method ?? 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        response.resume();
        resolve({ statusCode: response.statusCode ?? 0, error: null });
      },
    );
    request.setTimeout(options.timeoutMs, () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ statusCode: null, error: error.message }));
    request.end(body);
  });
}
