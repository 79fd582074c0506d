// SMS one-time codes: issue (rate-limited), verify (3 tries, 5 minutes, single use), and the token a verified code yields.
import { randomInt } from 'node:crypto';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { HOUR_MS } from '../clock.js';
import type { DomainContext } from '../context.js';
import { newId, newToken } from '../ids.js';
import { keyedHash } from '../keys.js';
import type { Locale, OtpPurpose } from '../notifications/messages.js';

export type { OtpPurpose };

import { enqueueSms } from '../notifications/outbox.js';

export type RequestCodeResult =
  | { ok: true; challengeId: string; expiresAt: number }
  | { ok: false; error: 'otp_rate_limited'; retryAfterMs: number };

export type VerifyCodeResult =
  | { ok: true; token: string; purpose: OtpPurpose; expiresAt: number }
  | { ok: false; error: 'otp_invalid' | 'otp_expired' | 'otp_used' | 'otp_attempts_exceeded' }
  | { ok: false; error: 'otp_incorrect'; attemptsRemaining: number };

interface ChallengeRow {
  [column: string]: unknown;
  phone: string;
  purpose: OtpPurpose;
  code_hash: Buffer;
  attempts: bigint;
  expires_at: bigint;
  verified_at: bigint | null;
}

/** How a code is stored: keyed hash of challenge id and code, so equal codes never share a hash. */
function codeHash(ctx: DomainContext, challengeId: string, code: string): Buffer {
  return keyedHash(ctx.keys.otp, `${challengeId}:${code}`);
}

function tokenHash(ctx: DomainContext, token: string): Buffer {
  return keyedHash(ctx.keys.otp, `token:${token}`);
}

async function countSince(tx: SqlExecutor, column: 'phone' | 'client_address', value: string, since: number) {
  const row = await tx.get<{ n: bigint; newest: bigint | null }>(
    `SELECT count(*) AS n, max(created_at) AS newest FROM otp_challenges WHERE ${column} = $1 AND created_at > $2`,
    [value, BigInt(since)],
  );
  return { count: Number(row?.n ?? 0n), newest: row?.newest ? Number(row.newest) : null };
}

/** The reason a new code may not be sent yet, if any (counted inside the sending transaction). */
async function rateLimit(
  ctx: DomainContext,
  tx: SqlExecutor,
  phone: string,
  clientAddress: string,
  now: number,
): Promise<number | undefined> {
  const { otp } = ctx.settings;
  await ctx.db.serialize(tx, `otp:${phone}`);
  const byPhone = await countSince(tx, 'phone', phone, now - HOUR_MS);
  if (byPhone.newest !== null && now - byPhone.newest < otp.minIntervalMs) {
    return byPhone.newest + otp.minIntervalMs - now;
  }
  if (byPhone.count >= otp.perPhonePerHour) return HOUR_MS;
  const byAddress = await countSince(tx, 'client_address', clientAddress, now - HOUR_MS);
  return byAddress.count >= otp.perAddressPerHour ? HOUR_MS : undefined;
}

/**
 * Sends a 6-digit code to `phone` (already E.164). `deliver` is false when the purpose needs a
 * registered customer and there is none: the caller still gets a challenge id, so the reply does
 * not reveal who is registered, but no SMS is sent and the code can never be verified.
 */
export async function requestCode(
  ctx: DomainContext,
  request: { phone: string; purpose: OtpPurpose; clientAddress: string; locale: Locale; deliver: boolean },
): Promise<RequestCodeResult> {
  const now = ctx.clock();
  const challengeId = newId('otp');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = now + ctx.settings.otp.ttlMs;
  // An undeliverable challenge stores the hash of a code nobody was told: it cannot be verified.
  const stored = request.deliver ? code : newToken();
  return ctx.db.transaction(async (tx): Promise<RequestCodeResult> => {
    const retryAfterMs = await rateLimit(ctx, tx, request.phone, request.clientAddress, now);
    if (retryAfterMs !== undefined) return { ok: false, error: 'otp_rate_limited', retryAfterMs };
    await tx.run(
      `INSERT INTO otp_challenges (id, phone, purpose, code_hash, client_address, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        challengeId,
        request.phone,
        request.purpose,
        codeHash(ctx, challengeId, stored),
        request.clientAddress,
        BigInt(now),
        BigInt(expiresAt),
      ],
    );
    if (request.deliver) {
      await enqueueSms(
        tx,
        {
          id: challengeId,
          customerId: null,
          phone: request.phone,
          locale: request.locale,
          message: { kind: 'otp', code, purpose: request.purpose },
        },
        now,
      );
    }
    return { ok: true, challengeId, expiresAt };
  });
}

type CodeFailure = Exclude<VerifyCodeResult, { ok: true }>;

/** Judges a code against its locked challenge row, counting a wrong one; undefined when the code is right. */
async function judgeCode(
  ctx: DomainContext,
  tx: SqlExecutor,
  challengeId: string,
  row: ChallengeRow,
  code: string,
  now: number,
): Promise<CodeFailure | undefined> {
  if (row.verified_at !== null) return { ok: false, error: 'otp_used' };
  if (now >= Number(row.expires_at)) return { ok: false, error: 'otp_expired' };
  const attempts = Number(row.attempts);
  if (attempts >= ctx.settings.otp.maxAttempts) return { ok: false, error: 'otp_attempts_exceeded' };
  if (/^\d{6}$/.test(code) && codeHash(ctx, challengeId, code).equals(row.code_hash)) return undefined;
  await tx.run('UPDATE otp_challenges SET attempts = attempts + 1 WHERE id = $1', [challengeId]);
  const attemptsRemaining = ctx.settings.otp.maxAttempts - attempts - 1;
  return attemptsRemaining > 0
    ? { ok: false, error: 'otp_incorrect', attemptsRemaining }
    : { ok: false, error: 'otp_attempts_exceeded' };
}

const CHALLENGE_COLUMNS = 'id, phone, purpose, code_hash, attempts, expires_at, verified_at';

/** Checks a code; the right one yields a single-use token for the purpose it was sent for. */
export async function verifyCode(
  ctx: DomainContext,
  challengeId: string,
  code: string,
): Promise<VerifyCodeResult> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx): Promise<VerifyCodeResult> => {
    const row = await tx.get<ChallengeRow>(
      `SELECT ${CHALLENGE_COLUMNS} FROM otp_challenges WHERE id = $1${ctx.db.forUpdate}`,
      [challengeId],
    );
    if (!row) return { ok: false, error: 'otp_invalid' };
    const failure = await judgeCode(ctx, tx, challengeId, row, code, now);
    if (failure) return failure;
    const token = newToken();
    await tx.run('UPDATE otp_challenges SET verified_at = $1, token_hash = $2 WHERE id = $3', [
      BigInt(now),
      tokenHash(ctx, token),
      challengeId,
    ]);
    return { ok: true, token, purpose: row.purpose, expiresAt: now + ctx.settings.otp.tokenTtlMs };
  });
}

/**
 * Checks a code typed without its challenge id, inside the caller's transaction: it must be the code of the
 * newest challenge sent to the phone for the purpose. With `consume` a right code is used up (a replay is
 * `otp_used`); without, it stays usable, for a first step that only asks the client to choose.
 */
export async function checkPhoneCode(
  ctx: DomainContext,
  tx: SqlExecutor,
  check: { phone: string; purpose: OtpPurpose; code: string; consume: boolean },
): Promise<{ ok: true } | CodeFailure> {
  const now = ctx.clock();
  const row = await tx.get<ChallengeRow & { id: string }>(
    `SELECT ${CHALLENGE_COLUMNS} FROM otp_challenges WHERE phone = $1 AND purpose = $2
     ORDER BY created_at DESC, id DESC LIMIT 1${ctx.db.forUpdate}`,
    [check.phone, check.purpose],
  );
  if (!row) return { ok: false, error: 'otp_invalid' };
  const failure = await judgeCode(ctx, tx, row.id, row, check.code, now);
  if (failure) return failure;
  if (check.consume) {
    await tx.run('UPDATE otp_challenges SET verified_at = $1 WHERE id = $2', [BigInt(now), row.id]);
  }
  return { ok: true };
}

/** The phone number a still-usable token proves, without using it up (read in `tx` when given). */
export async function peekToken(
  ctx: DomainContext,
  token: unknown,
  purpose: OtpPurpose,
  tx: SqlExecutor = ctx.db,
): Promise<string | undefined> {
  return findToken(ctx, tx, token, purpose).then((row) => row?.phone);
}

async function findToken(
  ctx: DomainContext,
  tx: SqlExecutor,
  token: unknown,
  purpose: OtpPurpose,
  lock = '',
) {
  if (typeof token !== 'string' || token.length === 0 || token.length > 100) return undefined;
  const oldest = ctx.clock() - ctx.settings.otp.tokenTtlMs;
  return tx.get<{ id: string; phone: string }>(
    `SELECT id, phone FROM otp_challenges
     WHERE token_hash = $1 AND purpose = $2 AND token_used_at IS NULL AND verified_at > $3${lock}`,
    [tokenHash(ctx, token), purpose, BigInt(oldest)],
  );
}

/**
 * Uses up a verification token inside the caller's transaction. Returns the phone number it
 * proves, or undefined when the token is unknown, for another purpose, used or too old.
 */
export async function consumeToken(
  ctx: DomainContext,
  tx: SqlExecutor,
  token: unknown,
  purpose: OtpPurpose,
): Promise<string | undefined> {
  const row = await findToken(ctx, tx, token, purpose, ctx.db.forUpdate);
  if (!row) return undefined;
  await tx.run('UPDATE otp_challenges SET token_used_at = $1 WHERE id = $2', [BigInt(ctx.clock()), row.id]);
  return row.phone;
}
