// Merchant portal sessions: opaque bearer tokens stored as keyed hashes, with an absolute expiry and an idle timeout.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { HOUR_MS, MINUTE_MS } from '../clock.js';
import type { DomainContext } from '../context.js';
import { newId, newToken } from '../ids.js';
import { keyedHash } from '../keys.js';
import type { Merchant } from './merchant.js';
import type { MerchantRole } from './merchant-outlets.js';
import { findMerchant } from './merchant-queries.js';

/** A session ends this long after login, however busy. */
export const PORTAL_SESSION_TTL_MS = 12 * HOUR_MS;
/** A session unused for this long ends. */
export const PORTAL_IDLE_TIMEOUT_MS = 30 * MINUTE_MS;
/** Use is recorded at most this often per session (a write per request would be wasted). */
const TOUCH_INTERVAL_MS = MINUTE_MS;

export interface PortalUser {
  id: string;
  name: string;
  phone: string;
  role: MerchantRole;
  storeId: string | null;
}

/** Who a live portal session belongs to. */
export interface PortalPrincipal {
  sessionId: string;
  user: PortalUser;
  merchant: Merchant;
}

export interface NewPortalSession {
  token: string;
  sessionId: string;
  expiresAt: number;
}

const tokenHash = (ctx: DomainContext, token: string) => keyedHash(ctx.keys.sessions, `merchant:${token}`);

/** Opens a session for a merchant user (inside the login transaction). */
export async function createPortalSession(
  ctx: DomainContext,
  tx: SqlExecutor,
  merchantId: string,
  userId: string,
): Promise<NewPortalSession> {
  const token = newToken();
  const now = ctx.clock();
  const session = { token, sessionId: newId('mss'), expiresAt: now + PORTAL_SESSION_TTL_MS };
  await tx.run(
    `INSERT INTO merchant_sessions (token_hash, id, merchant_id, user_id, created_at, expires_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $5)`,
    [tokenHash(ctx, token), session.sessionId, merchantId, userId, BigInt(now), BigInt(session.expiresAt)],
  );
  return session;
}

interface SessionRow {
  [column: string]: unknown;
  id: string;
  merchant_id: string;
  last_seen_at: bigint;
  user_id: string;
  name: string;
  phone: string;
  role: MerchantRole;
  store_id: string | null;
}

/** The principal of a live session: not expired, idle or ended, of a user not removed, of an active merchant. */
export async function authenticatePortal(
  ctx: DomainContext,
  token: string,
): Promise<PortalPrincipal | undefined> {
  if (token.length === 0 || token.length > 100) return undefined;
  const now = ctx.clock();
  const row = await ctx.db.get<SessionRow>(
    `SELECT s.id, s.merchant_id, s.last_seen_at, u.id AS user_id, u.name, u.phone, u.role, u.store_id
     FROM merchant_sessions s JOIN merchant_users u ON u.id = s.user_id JOIN merchants m ON m.id = s.merchant_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
       AND u.removed_at IS NULL AND m.status = 'active'`,
    [tokenHash(ctx, token), BigInt(now), BigInt(now - PORTAL_IDLE_TIMEOUT_MS)],
  );
  const merchant = row && (await findMerchant(ctx.db, row.merchant_id));
  if (!row || !merchant) return undefined;
  if (now - Number(row.last_seen_at) >= TOUCH_INTERVAL_MS) {
    // Losing this write in a crash only shortens the idle allowance by a minute.
    await ctx.db.run('UPDATE merchant_sessions SET last_seen_at = $1 WHERE id = $2', [BigInt(now), row.id], {
      durable: false,
    });
  }
  const user = { id: row.user_id, name: row.name, phone: row.phone, role: row.role, storeId: row.store_id };
  return { sessionId: row.id, user, merchant };
}

export async function endPortalSession(ctx: DomainContext, sessionId: string): Promise<void> {
  await ctx.db.run('UPDATE merchant_sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
    BigInt(ctx.clock()),
    sessionId,
  ]);
}

/** Ends every session of a merchant (suspended, closed) or of one of its users (removed). */
export async function endPortalSessions(
  tx: SqlExecutor,
  of: { merchantId: string } | { userId: string },
  now: number,
): Promise<void> {
  const [column, value] = 'merchantId' in of ? ['merchant_id', of.merchantId] : ['user_id', of.userId];
  await tx.run(`UPDATE merchant_sessions SET revoked_at = $1 WHERE ${column} = $2 AND revoked_at IS NULL`, [
    BigInt(now),
    value,
  ]);
}
