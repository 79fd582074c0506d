// Merchant API credentials: key ids with secrets sealed at rest, rotation with an overlap, and request verification.
import { randomBytes } from 'node:crypto';
import { seal, unseal } from '../../secrets/sealed-box.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';
import type { Merchant } from './merchant.js';
import { findMerchant } from './merchant-queries.js';
import { parseSignatureHeader, type SignedParts, signatureMatches } from './request-signing.js';

export interface NewCredential {
  keyId: string;
  /** Shown once; only its sealed form is stored. */
  secret: string;
  /** When an older key stops working (rotation), if one was replaced. */
  previousKeyExpiresAt: string | null;
}

/** Requests whose timestamp is further than this from the server's clock are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** How long a rotated-out key keeps working by default. */
export const DEFAULT_ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

/** Issues a new key for the merchant; with `rotateFrom`, that key stops working after `overlapMs`. */
export async function issueCredential(
  ctx: DomainContext,
  merchantId: string,
  actor: string,
  rotateFrom?: { keyId: string; overlapMs: number },
): Promise<NewCredential> {
  const keyId = newId('mk');
  const secret = `msk_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock();
  const previousExpiry = rotateFrom ? now + rotateFrom.overlapMs : null;
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO merchant_credentials (key_id, merchant_id, secret, created_at) VALUES ($1, $2, $3, $4)',
      [keyId, merchantId, seal(ctx.keys.merchantSecrets, Buffer.from(secret, 'utf8')), BigInt(now)],
    );
    if (rotateFrom && previousExpiry !== null) {
      await tx.run(
        `UPDATE merchant_credentials SET expires_at = $1
         WHERE key_id = $2 AND merchant_id = $3 AND (expires_at IS NULL OR expires_at > $1)`,
        [BigInt(previousExpiry), rotateFrom.keyId, merchantId],
      );
    }
    await recordAudit(
      tx,
      {
        actor,
        action: rotateFrom ? 'merchant.credential.rotate' : 'merchant.credential.issue',
        subject: `merchant:${merchantId}`,
        details: { keyId, replaces: rotateFrom?.keyId ?? null },
      },
      now,
    );
  });
  return {
    keyId,
    secret,
    previousKeyExpiresAt: previousExpiry === null ? null : new Date(previousExpiry).toISOString(),
  };
}

export type VerifyError = 'signature_missing' | 'signature_invalid' | 'timestamp_skew' | 'nonce_replayed';

export type VerifyResult =
  | { ok: true; merchant: Merchant; keyId: string }
  | { ok: false; error: VerifyError };

/**
 * Checks a merchant API request: a known, unexpired key; a timestamp within 5 minutes; the signature; and a
 * nonce never seen before for the key (recorded only once the signature holds, so nobody can burn nonces).
 */
export async function verifyMerchantRequest(
  ctx: DomainContext,
  authorization: string | undefined,
  request: Omit<SignedParts, 'timestamp' | 'nonce'>,
): Promise<VerifyResult> {
  if (authorization === undefined) return { ok: false, error: 'signature_missing' };
  const header = parseSignatureHeader(authorization);
  if (!header) return { ok: false, error: 'signature_invalid' };
  const now = ctx.clock();
  if (Math.abs(now - header.timestamp * 1000) > MAX_CLOCK_SKEW_MS)
    return { ok: false, error: 'timestamp_skew' };
  const row = await ctx.db.get<{ merchant_id: string; secret: Buffer; expires_at: bigint | null }>(
    'SELECT merchant_id, secret, expires_at FROM merchant_credentials WHERE key_id = $1',
    [header.keyId],
  );
  if (!row || (row.expires_at !== null && Number(row.expires_at) <= now)) {
    return { ok: false, error: 'signature_invalid' };
  }
  const secret = unseal(ctx.keys.merchantSecrets, row.secret).toString('utf8');
  const parts = { ...request, timestamp: header.timestamp, nonce: header.nonce };
  if (!signatureMatches(secret, parts, header.signature)) return { ok: false, error: 'signature_invalid' };
  const fresh = await ctx.db.run(
    'INSERT INTO merchant_nonces (key_id, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [header.keyId, header.nonce, BigInt(now)],
    // A nonce lost in a power cut could be replayed once, within 5 minutes; the request's own idempotency
    // key still stops it from moving money twice.
    { durable: false },
  );
  if (fresh === 0) return { ok: false, error: 'nonce_replayed' };
  const merchant = await findMerchant(ctx.db, row.merchant_id);
  if (!merchant) return { ok: false, error: 'signature_invalid' };
  return { ok: true, merchant, keyId: header.keyId };
}

/** Whether a key of the merchant is a current one (not rotated out): only current keys may issue new ones. */
export async function isCurrentKey(ctx: DomainContext, merchantId: string, keyId: string): Promise<boolean> {
  const row = await ctx.db.get<{ expires_at: bigint | null }>(
    'SELECT expires_at FROM merchant_credentials WHERE key_id = $1 AND merchant_id = $2',
    [keyId, merchantId],
  );
  return row !== undefined && row.expires_at === null;
}

/** What the merchant may see of a key: never its secret. */
export interface CredentialListing {
  keyId: string;
  createdAt: number;
  /** When a rotated-out key stops (or stopped) working; null for a current key. */
  expiresAt: number | null;
}

/** The merchant's keys, newest first (expired ones too, so the portal can show the rotation history). */
export async function listCredentials(ctx: DomainContext, merchantId: string): Promise<CredentialListing[]> {
  const rows = await ctx.db.all<{ key_id: string; created_at: bigint; expires_at: bigint | null }>(
    `SELECT key_id, created_at, expires_at FROM merchant_credentials WHERE merchant_id = $1
     ORDER BY created_at DESC, key_id DESC`,
    [merchantId],
  );
  return rows.map((row) => ({
    keyId: row.key_id,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  }));
}

/** Forgets nonces older than the allowed skew (their timestamps are refused anyway). */
export async function pruneNonces(ctx: DomainContext): Promise<void> {
  await ctx.db.run('DELETE FROM merchant_nonces WHERE seen_at < $1', [
    BigInt(ctx.clock() - 2 * MAX_CLOCK_SKEW_MS),
  ]);
}
