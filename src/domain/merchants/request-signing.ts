// Merchant API request signatures: HMAC-SHA256 over method, path, timestamp, nonce and body hash (pure functions).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The Authorization scheme: `MWALLET-HMAC-SHA256 keyId=…,timestamp=…,nonce=…,signature=…`. */
export const SIGNING_SCHEME = 'MWALLET-HMAC-SHA256';

export interface SignedParts {
  method: string;
  /** Path and query exactly as sent, e.g. `/merchant/v1/payments?limit=10`. */
  path: string;
  /** Unix time in seconds. */
  timestamp: number;
  /** 16–64 characters [A-Za-z0-9_-], never reused by the key within the allowed clock skew. */
  nonce: string;
  body: string;
}

export interface SignatureHeader {
  keyId: string;
  timestamp: number;
  nonce: string;
  signature: Buffer;
}

/** The text that is signed: one field per line, the body as its SHA-256 in hex. */
export function canonicalRequest(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body, 'utf8').digest('hex');
  return [parts.method.toUpperCase(), parts.path, String(parts.timestamp), parts.nonce, bodyHash].join('\n');
}

/** The signature of a request: base64 HMAC-SHA256 of its canonical form under the key's secret. */
export function signRequest(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(canonicalRequest(parts)).digest('base64');
}

/** The Authorization header a client sends for a request. */
export function authorizationHeader(keyId: string, secret: string, parts: SignedParts): string {
  return `${SIGNING_SCHEME} keyId=${keyId},timestamp=${parts.timestamp},nonce=${parts.nonce},signature=${signRequest(secret, parts)}`;
}

const HEADER = new RegExp(
  `^${SIGNING_SCHEME} keyId=(mk_[A-Za-z0-9_-]{1,64}),timestamp=(\\d{1,12}),nonce=([A-Za-z0-9_-]{16,64}),signature=([A-Za-z0-9+/]{43}=)$`,
);

/** The parts of a well-formed Authorization header, or undefined. */
export function parseSignatureHeader(header: string | undefined): SignatureHeader | undefined {
  const match = header === undefined ? null : HEADER.exec(header);
  if (!match) return undefined;
  const [, keyId, timestamp, nonce, signature] = match;
  if (!keyId || !timestamp || !nonce || !signature) return undefined;
  return { keyId, timestamp: Number(timestamp), nonce, signature: Buffer.from(signature, 'base64') };
}

/** Whether `signature` is the secret's signature of the request (constant-time comparison). */
export function signatureMatches(secret: string, parts: SignedParts, signature: Buffer): boolean {
  const expected = Buffer.from(signRequest(secret, parts), 'base64');
  return expected.length === signature.length && timingSafeEqual(expected, signature);
}
