// Staff accounts: created by an administrator (initial password and TOTP secret shown once), listed, disabled.
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
  const initialPassword = request.password ?? randomBytes(12).toString('base64url');
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
    await tx.run('UPDATE staff_sessions SET revoked_at = $1 WHERE username = $2 AND revoked_at IS NULL', [
      now,
      username,
    ]);
    await recordAudit(
      tx,
      { actor, action: 'staff.disable', subject: `staff:${username}`, details: {} },
      Number(now),
    );
    return { ok: true } as const;
  });
}
