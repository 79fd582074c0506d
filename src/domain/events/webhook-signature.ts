// Standard Webhooks signing (standardwebhooks.com): `whsec_` secrets, `v1,` HMAC-SHA256 signatures and their verification.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
const SIGNATURE_VERSION = 'v1';

export interface WebhookHeaders {
  'webhook-id'?: string;
  'webhook-timestamp'?: string;
  'webhook-signature'?: string;
}

export type WebhookVerification =
  | { ok: true }
  | { ok: false; error: 'missing_headers' | 'timestamp_out_of_range' | 'signature_mismatch' };

/** A new signing secret as merchants see it: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

/** The key bytes of a `whsec_…` secret (a secret without the prefix is read as plain base64). */
export function webhookSecretBytes(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

function signatureBytes(secret: Buffer, id: string, timestampSeconds: number, body: string): Buffer {
  return createHmac('sha256', secret).update(`${id}.${timestampSeconds}.${body}`).digest();
}

/** The `webhook-signature` header value for one delivery: `v1,` + base64(HMAC-SHA256(secret, `id.timestamp.body`)). */
export function signWebhook(secret: Buffer, id: string, timestampSeconds: number, body: string): string {
  return `${SIGNATURE_VERSION},${signatureBytes(secret, id, timestampSeconds, body).toString('base64')}`;
}

/**
 * Checks a delivery as a receiver should: all three headers present, the timestamp within
 * `toleranceSeconds` of now (replay protection), and one of the space-separated `v1,…`
 * signatures (several during secret rotation) matching the body, compared in constant time.
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): WebhookVerification {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp))
    return { ok: false, error: 'missing_headers' };
  const timestampSeconds = Number(timestamp);
  if (Math.abs(nowSeconds - timestampSeconds) > toleranceSeconds) {
    return { ok: false, error: 'timestamp_out_of_range' };
  }
  const expected = signatureBytes(webhookSecretBytes(secret), id, timestampSeconds, body);
  const matches = signatures.split(' ').some((entry) => {
    const [version, encoded] = entry.split(',', 2);
    if (version !== SIGNATURE_VERSION || !encoded) return false;
    const candidate = Buffer.from(encoded, 'base64');
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  return matches ? { ok: true } : { ok: false, error: 'signature_mismatch' };
}
