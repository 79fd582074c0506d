// Staff accounts: created by an administrator (initial password and TOTP secret shown once), listed, disabled, password reset.
import { randomBytes } from 'node:crypto';
import { seal } from '../../secrets/sealed-box.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { createPinVerifier } from '../customers/pin-hash.js';
import { isStaffRole, type StaffRole } from './roles.js';
import { encodeRoles, STAFF_COLUMNS, type StaffMember, type StaffRow, staffFromRow } from './staff.js';
import { newTotpSecret, totpUri } from './totp.js';

export interface NewStaff {
  username: string;
  displayName: string;
  roles: readonly string[];
  /** Fixed credentials (demo data only); otherwise a random password and TOTP secret are made. */
  password?: string;
  totpSecret?: string;
}

export interface CreatedStaff {
  staff: StaffMember;
  /** Shown once; only its slow hash is stored. */
  initialPassword: string;
  /** Base32, shown once; stored sealed. */
  totpSecret: string;
  totpUri: string;
}

export type StaffError = 'invalid_username' | 'invalid_display_name' | 'invalid_roles' | 'staff_exists';

const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;
const DISPLAY_NAME = /^[^\p{C}]{1,64}$/u;

/** A one-time password for someone else to hand over: its owner must replace it at the next login. */
function generatedPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Ends every session of a staff member at once. */
async function endSessions(tx: SqlExecutor, username: string, now: bigint): Promise<void> {
  await tx.run('UPDATE staff_sessions SET revoked_at = $1 WHERE username = $2 AND revoked_at IS NULL', [
    now,
    username,
  ]);
}

function validate(request: NewStaff): StaffError | StaffRole[] {
  if (!USERNAME.test(request.username)) return 'invalid_username';
  const name = request.displayName;
  if (!DISPLAY_NAME.test(name) || name.trim() !== name) return 'invalid_display_name';
  const roles = [...new Set(request.roles)];
  if (roles.length === 0 || !roles.every(isStaffRole)) return 'invalid_roles';
  return roles;
}

export async function createStaff(
  ctx: DomainContext,
  request: NewStaff,
  actor: string,
): Promise<{ ok: true; created: CreatedStaff } | { ok: false; error: StaffError }> {
  const roles = validate(request);
  if (typeof roles === 'string') return { ok: false, error: roles };
  const initialPassword = request.password ?? generatedPassword();
  const totpSecret = request.totpSecret ?? newTotpSecret();
  const verifier = await createPinVerifier(ctx.keys.staffPepper, initialPassword);
  const now = ctx.clock();
  const inserted = await ctx.db.transaction(async (tx) => {
    const added = await tx.run(
      `INSERT INTO staff (username, display_name, roles, password_salt, password_hash, totp_secret, status,
         created_at, created_by, password_change_required)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9) ON CONFLICT (username) DO NOTHING`,
      [
        request.username,
        request.displayName,
        encodeRoles(roles),
        verifier.salt,
        verifier.hash,
        seal(ctx.keys.staffSecrets, Buffer.from(totpSecret, 'utf8')),
        BigInt(now),
        actor,
        // A generated password was shown to whoever ran the command: its owner must replace it.
        request.password === undefined ? 1n : 0n,
      ],
    );
    if (added === 0) return false;
    await recordAudit(
      tx,
      {
        actor,
        action: 'staff.create',
        subject: `staff:${request.username}`,
        details: { roles: encodeRoles(roles) },
      },
      now,
    );
    return true;
  });
  const staff = inserted ? await findStaff(ctx.db, request.username) : undefined;
  if (!staff) return { ok: false, error: 'staff_exists' };
  return {
    ok: true,
    created: { staff, initialPassword, totpSecret, totpUri: totpUri(request.username, totpSecret) },
  };
}

export async function findStaff(db: SqlExecutor, username: string): Promise<StaffMember | undefined> {
  const row = await db.get<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff WHERE username = $1`, [username]);
  return row && staffFromRow(row);
}

export async function listStaff(ctx: DomainContext): Promise<StaffMember[]> {
  const rows = await ctx.db.all<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff ORDER BY username`);
  return rows.map(staffFromRow);
}

/** Disables an account and ends its sessions at once; disabling a disabled account changes nothing. */
export async function disableStaff(
  ctx: DomainContext,
  username: string,
  actor: string,
): Promise<{ ok: true } | { ok: false; error: 'staff_not_found' }> {
  const now = BigInt(ctx.clock());
  return ctx.db.transaction(async (tx) => {
    const row = await tx.get<{ status: string }>(
      `SELECT status FROM staff WHERE username = $1${ctx.db.forUpdate}`,
      [username],
    );
    if (!row) return { ok: false, error: 'staff_not_found' } as const;
    if (row.status === 'disabled') return { ok: true } as const;
    await tx.run("UPDATE staff SET status = 'disabled' WHERE username = $1", [username]);
    await endSessions(tx, username, now);
    await recordAudit(
      tx,
      { actor, action: 'staff.disable', subject: `staff:${username}`, details: {} },
      Number(now),
    );
    return { ok: true } as const;
  });
}

export type PasswordResetResult =
  | { ok: true; oneTimePassword: string }
  | { ok: false; error: 'staff_not_found' | 'staff_disabled' };

/**
 * An administrator gives a staff member who lost their password a new one-time password (shown once; the TOTP
 * secret stays): it must be replaced at the next login, as an initial one. Their sessions end, and a lockout after
 * failed logins is lifted. A disabled account is refused: it gets no credentials.
 */
export async function resetStaffPassword(
  ctx: DomainContext,
  username: string,
  actor: string,
): Promise<PasswordResetResult> {
  const oneTimePassword = generatedPassword();
  const verifier = await createPinVerifier(ctx.keys.staffPepper, oneTimePassword);
  const now = BigInt(ctx.clock());
  return ctx.db.transaction(async (tx): Promise<PasswordResetResult> => {
    const row = await tx.get<{ status: string }>(
      `SELECT status FROM staff WHERE username = $1${ctx.db.forUpdate}`,
      [username],
    );
    if (!row) return { ok: false, error: 'staff_not_found' };
    if (row.status === 'disabled') return { ok: false, error: 'staff_disabled' };
    await tx.run(
      `UPDATE staff SET password_salt = $1, password_hash = $2, password_change_required = 1, failed_logins = 0,
         locked_until = NULL WHERE username = $3`,
      [verifier.salt, verifier.hash, username],
    );
    await endSessions(tx, username, now);
    await recordAudit(
      tx,
      { actor, action: 'staff.password_reset', subject: `staff:${username}`, details: {} },
      Number(now),
    );
    return { ok: true, oneTimePassword };
  });
}
