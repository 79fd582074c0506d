// A merchant's team: its users with roles (owner, manager, cashier) added, re-roled and removed, audited; one owner stays.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { normalizePhone } from '../customers/phone.js';
import { newId } from '../ids.js';
import { invalidName, MERCHANT_ROLES, type MerchantRole } from './merchant-outlets.js';
import { findStore } from './merchant-queries.js';
import { endPortalSessions } from './portal-sessions.js';

export interface TeamMember {
  id: string;
  phone: string;
  name: string;
  role: MerchantRole;
  storeId: string | null;
  createdAt: number;
}

export type TeamError =
  | 'invalid_outlet'
  | 'store_not_found'
  | 'merchant_user_exists'
  | 'merchant_user_not_found'
  | 'last_owner';

export type TeamResult = { ok: true; id: string } | { ok: false; error: TeamError; detail?: string };

interface MemberRow {
  [column: string]: unknown;
  id: string;
  phone: string;
  name: string;
  role: MerchantRole;
  store_id: string | null;
  created_at: bigint;
}

const MEMBER_COLUMNS = 'id, phone, name, role, store_id, created_at';

const memberFromRow = (row: MemberRow): TeamMember => ({
  id: row.id,
  phone: row.phone,
  name: row.name,
  role: row.role,
  storeId: row.store_id,
  createdAt: Number(row.created_at),
});

/** The merchant's current users (not removed), owners first. */
export async function listTeam(db: SqlExecutor, merchantId: string): Promise<TeamMember[]> {
  const rows = await db.all<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM merchant_users WHERE merchant_id = $1 AND removed_at IS NULL
     ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, created_at, id`,
    [merchantId],
  );
  return rows.map(memberFromRow);
}

export interface NewMember {
  phone: string;
  name: string;
  role: MerchantRole;
  storeId?: string;
}

/** Adds a user to the merchant (a phone number is a user of a merchant at most once at a time); audited. */
export async function addTeamMember(
  ctx: DomainContext,
  merchantId: string,
  user: NewMember,
  actor: string,
): Promise<TeamResult> {
  const invalid = invalidName('name', user.name);
  if (invalid)
    return { ok: false, error: 'invalid_outlet', ...(invalid.ok ? {} : { detail: invalid.detail }) };
  if (!MERCHANT_ROLES.includes(user.role)) {
    return { ok: false, error: 'invalid_outlet', detail: `role: one of ${MERCHANT_ROLES.join(', ')}` };
  }
  const phone = normalizePhone(user.phone, ctx.settings.defaultRegion);
  if (!phone.ok) return { ok: false, error: 'invalid_outlet', detail: 'phone: a mobile number' };
  if (user.storeId !== undefined) {
    if (!(await findStore(ctx.db, merchantId, user.storeId))) return { ok: false, error: 'store_not_found' };
  }
  const id = newId('mus');
  const now = ctx.clock();
  return ctx.db.transaction(async (tx): Promise<TeamResult> => {
    const inserted = await tx.run(
      `INSERT INTO merchant_users (id, merchant_id, phone, name, role, store_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [id, merchantId, phone.e164, user.name, user.role, user.storeId ?? null, BigInt(now)],
    );
    if (inserted === 0) return { ok: false, error: 'merchant_user_exists' };
    await recordAudit(
      tx,
      {
        actor,
        action: 'merchant.user.add',
        subject: `merchant:${merchantId}`,
        details: { userId: id, role: user.role, storeId: user.storeId ?? null },
      },
      now,
    );
    return { ok: true, id };
  });
}

/**
 * Runs a change to one current user inside a transaction that holds the merchant's owner lock, refusing it
 * when it would leave the merchant without an owner (`losesOwner`: the change demotes or removes its user).
 */
async function changeMember(
  ctx: DomainContext,
  merchantId: string,
  userId: string,
  losesOwner: boolean,
  change: (tx: SqlExecutor, member: TeamMember, now: number) => Promise<void>,
): Promise<TeamResult> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx): Promise<TeamResult> => {
    await ctx.db.serialize(tx, `merchant-owners:${merchantId}`);
    const row = await tx.get<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM merchant_users WHERE id = $1 AND merchant_id = $2 AND removed_at IS NULL`,
      [userId, merchantId],
    );
    if (!row) return { ok: false, error: 'merchant_user_not_found' };
    const member = memberFromRow(row);
    if (losesOwner && member.role === 'owner') {
      const owners = await tx.get<{ n: bigint }>(
        "SELECT count(*) AS n FROM merchant_users WHERE merchant_id = $1 AND role = 'owner' AND removed_at IS NULL",
        [merchantId],
      );
      if (Number(owners?.n ?? 0n) <= 1) return { ok: false, error: 'last_owner' };
    }
    await change(tx, member, now);
    return { ok: true, id: userId };
  });
}

/** Gives a user another role (effective at their next request); audited. The last owner stays an owner. */
export async function changeMemberRole(
  ctx: DomainContext,
  merchantId: string,
  userId: string,
  role: MerchantRole,
  actor: string,
): Promise<TeamResult> {
  if (!MERCHANT_ROLES.includes(role)) return { ok: false, error: 'invalid_outlet', detail: 'role' };
  return changeMember(ctx, merchantId, userId, role !== 'owner', async (tx, member, now) => {
    if (member.role === role) return;
    await tx.run('UPDATE merchant_users SET role = $1 WHERE id = $2', [role, userId]);
    await recordAudit(
      tx,
      {
        actor,
        action: 'merchant.user.role',
        subject: `merchant:${merchantId}`,
        details: { userId, from: member.role, to: role },
      },
      now,
    );
  });
}

/** Removes a user: they can no longer log in and their sessions end; audited. The last owner stays. */
export async function removeMember(
  ctx: DomainContext,
  merchantId: string,
  userId: string,
  actor: string,
): Promise<TeamResult> {
  return changeMember(ctx, merchantId, userId, true, async (tx, member, now) => {
    await tx.run('UPDATE merchant_users SET removed_at = $1 WHERE id = $2', [BigInt(now), userId]);
    await endPortalSessions(tx, { userId }, now);
    await recordAudit(
      tx,
      {
        actor,
        action: 'merchant.user.remove',
        subject: `merchant:${merchantId}`,
        details: { userId, role: member.role },
      },
      now,
    );
  });
}
