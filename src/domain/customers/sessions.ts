// Sessions: opaque random bearer tokens stored as keyed hashes, bound to a device, with expiry and revocation.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import { newId, newToken } from '../ids.js';
import { keyedHash } from '../keys.js';

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: number;
}

/** Who a valid token belongs to. */
export interface SessionPrincipal {
  sessionId: string;
  customerId: string;
  deviceId: string;
  /** When the device was bound and how: a device bound by SMS code is "new" for the step-up policy. */
  deviceBoundAt: number;
  deviceBoundBy: 'registration' | 'sms_code';
}

function tokenHash(ctx: DomainContext, token: string): Buffer {
  return keyedHash(ctx.keys.sessions, token);
}

export async function createSession(
  ctx: DomainContext,
  tx: SqlExecutor,
  customerId: string,
  deviceId: string,
): Promise<NewSession> {
  const token = newToken();
  const now = ctx.clock();
  const session = { token, sessionId: newId('ses'), expiresAt: now + ctx.settings.sessionTtlMs };
  await tx.run(
    `INSERT INTO sessions (token_hash, id, customer_id, device_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [tokenHash(ctx, token), session.sessionId, customerId, deviceId, BigInt(now), BigInt(session.expiresAt)],
  );
  return session;
}

interface PrincipalRow {
  [column: string]: unknown;
  id: string;
  customer_id: string;
  device_id: string;
  bound_at: bigint;
  bound_by: 'registration' | 'sms_code';
}

/** The principal of a live session: not expired or revoked, on a device still bound, of an open wallet. */
export async function authenticate(ctx: DomainContext, token: string): Promise<SessionPrincipal | undefined> {
  if (token.length === 0 || token.length > 100) return undefined;
  const row = await ctx.db.get<PrincipalRow>(
    `SELECT s.id, s.customer_id, s.device_id, d.bound_at, d.bound_by
     FROM sessions s JOIN devices d ON d.id = s.device_id JOIN customers c ON c.id = s.customer_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
       AND d.revoked_at IS NULL AND c.status = 'active'`,
    [tokenHash(ctx, token), BigInt(ctx.clock())],
  );
  if (!row) return undefined;
  return {
    sessionId: row.id,
    customerId: row.customer_id,
    deviceId: row.device_id,
    deviceBoundAt: Number(row.bound_at),
    deviceBoundBy: row.bound_by,
  };
}

export async function revokeSession(ctx: DomainContext, sessionId: string): Promise<void> {
  await ctx.db.run('UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
    BigInt(ctx.clock()),
    sessionId,
  ]);
}

/** Ends every session of a customer (remote lock, PIN reset, closing the wallet). */
export async function revokeAllSessions(
  ctx: DomainContext,
  tx: SqlExecutor,
  customerId: string,
): Promise<void> {
  await tx.run('UPDATE sessions SET revoked_at = $1 WHERE customer_id = $2 AND revoked_at IS NULL', [
    BigInt(ctx.clock()),
    customerId,
  ]);
}
