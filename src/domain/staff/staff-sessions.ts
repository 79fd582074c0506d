// Staff sessions: opaque random bearer tokens stored as keyed hashes, with an absolute expiry and an idle timeout.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import { HOUR_MS, MINUTE_MS } from '../clock.js';
import type { DomainContext } from '../context.js';
import { newId, newToken } from '../ids.js';
import { keyedHash } from '../keys.js';
import { type Permission, permissionsOf, type StaffRole } from './roles.js';
import { STAFF_COLUMNS, type StaffRow, staffActor, staffFromRow } from './staff.js';

/** A staff session ends 8 hours after login (a working day), or after 15 minutes without a request. */
export const STAFF_SESSION_TTL_MS = 8 * HOUR_MS;
export const STAFF_IDLE_TIMEOUT_MS = 15 * MINUTE_MS;
/** Activity is written at most this often per session (each request would be a write otherwise). */
const SEEN_RESOLUTION_MS = 10_000;

export interface NewStaffSession {
  token: string;
  sessionId: string;
  expiresAt: number;
}

/** Who a valid staff token belongs to. */
export interface StaffPrincipal {
  sessionId: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  permissions: Permission[];
  /** The actor recorded in the audit log: `staff:<username>`. */
  actor: string;
  /** Until the generated initial password is replaced, the session may only do that (or log out). */
  passwordChangeRequired: boolean;
}

function tokenHash(ctx: DomainContext, token: string): Buffer {
  return keyedHash(ctx.keys.staffSessions, token);
}

export async function createStaffSession(
  ctx: DomainContext,
  tx: SqlExecutor,
  username: string,
): Promise<NewStaffSession> {
  const token = newToken();
  const now = ctx.clock();
  const session = { token, sessionId: newId('sts'), expiresAt: now + STAFF_SESSION_TTL_MS };
  await tx.run(
    `INSERT INTO staff_sessions (token_hash, id, username, created_at, expires_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $4)`,
    [tokenHash(ctx, token), session.sessionId, username, BigInt(now), BigInt(session.expiresAt)],
  );
  return session;
}

/** The principal of a live session: not expired, idle too long or revoked, of an active account. */
export async function authenticateStaff(
  ctx: DomainContext,
  token: string,
): Promise<StaffPrincipal | undefined> {
  if (token.length === 0 || token.length > 100) return undefined;
  const now = ctx.clock();
  const row = await ctx.db.get<StaffRow & { session_id: string; last_seen_at: bigint }>(
    `SELECT s.id AS session_id, s.last_seen_at, ${STAFF_COLUMNS.split(', ')
      .map((column) => `m.${column}`)
      .join(', ')}
     FROM staff_sessions s JOIN staff m ON m.username = s.username
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
       AND m.status = 'active'`,
    [tokenHash(ctx, token), BigInt(now), BigInt(now - STAFF_IDLE_TIMEOUT_MS)],
  );
  if (!row) return undefined;
  if (now - Number(row.last_seen_at) >= SEEN_RESOLUTION_MS) {
    // Losing this write in a crash only shortens the idle allowance.
    await ctx.db.run(
      'UPDATE staff_sessions SET last_seen_at = $1 WHERE id = $2',
      [BigInt(now), row.session_id],
      {
        durable: false,
      },
    );
  }
  const staff = staffFromRow(row);
  return {
    sessionId: row.session_id,
    username: staff.username,
    displayName: staff.displayName,
    roles: staff.roles,
    permissions: permissionsOf(staff.roles),
    actor: staffActor(staff.username),
    passwordChangeRequired: staff.passwordChangeRequired,
  };
}

/** Logs out: the token stops working at once. */
export async function endStaffSession(ctx: DomainContext, principal: StaffPrincipal): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const ended = await tx.run(
      'UPDATE staff_sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
      [BigInt(now), principal.sessionId],
    );
    if (ended === 0) return;
    await recordAudit(
      tx,
      {
        actor: principal.actor,
        action: 'staff.logout',
        subject: `staff:${principal.username}`,
        details: { session: principal.sessionId },
      },
      now,
    );
  });
}
