// Staff login: password and TOTP code together, one answer for every failure, lockout after repeated failures.
import { unseal } from '../../secrets/sealed-box.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import { MINUTE_MS } from '../clock.js';
import type { DomainContext } from '../context.js';
import { createPinVerifier, pinMatches } from '../customers/pin-hash.js';
import { isStaffRole, type Permission, permissionsOf, type StaffRole } from './roles.js';
import { staffActor } from './staff.js';
import { createStaffSession, type NewStaffSession, STAFF_IDLE_TIMEOUT_MS } from './staff-sessions.js';
import { matchingTotpStep } from './totp.js';

/** Consecutive failed logins that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOGIN_LOCKOUT_MS = 15 * MINUTE_MS;

export interface StaffLogin extends NewStaffSession {
  idleTimeoutMs: number;
  staff: {
    username: string;
    displayName: string;
    roles: StaffRole[];
    permissions: Permission[];
    passwordChangeRequired: boolean;
  };
}

export type StaffLoginResult =
  | { ok: true; session: StaffLogin }
  | { ok: false; error: 'invalid_staff_credentials' };

interface CredentialRow {
  [column: string]: unknown;
  password_salt: Buffer;
  password_hash: Buffer;
  totp_secret: Buffer;
  totp_last_step: bigint | null;
  status: string;
  failed_logins: bigint;
  locked_until: bigint | null;
  display_name: string;
  roles: string;
  password_change_required: bigint;
}

const CREDENTIAL_COLUMNS =
  'password_salt, password_hash, totp_secret, totp_last_step, status, failed_logins, locked_until, display_name, roles, ' +
  'password_change_required';

/** Why a login failed: kept in the audit log for the operator, never told to the client. */
type FailureReason = 'password' | 'totp' | 'totp_replayed' | 'locked' | 'disabled';

const REFUSED: StaffLoginResult = { ok: false, error: 'invalid_staff_credentials' };

export async function staffLogin(
  ctx: DomainContext,
  request: { username: string; password: string; totp: string },
): Promise<StaffLoginResult> {
  const pepper = ctx.keys.staffPepper;
  const stored = await ctx.db.get<CredentialRow>(
    `SELECT ${CREDENTIAL_COLUMNS} FROM staff WHERE username = $1`,
    [request.username],
  );
  if (!stored) {
    // The same slow hash as for a real account: the answer's timing does not tell who has one.
    await createPinVerifier(pepper, request.password);
    return REFUSED;
  }
  const passwordOk = await pinMatches(pepper, request.password, {
    salt: stored.password_salt,
    hash: stored.password_hash,
  });
  const now = ctx.clock();
  const secret = unseal(ctx.keys.staffSecrets, stored.totp_secret).toString('utf8');
  const step = passwordOk ? matchingTotpStep(secret, request.totp, now) : undefined;
  return ctx.db.transaction(async (tx): Promise<StaffLoginResult> => {
    const row = await tx.get<CredentialRow>(
      `SELECT ${CREDENTIAL_COLUMNS} FROM staff WHERE username = $1${ctx.db.forUpdate}`,
      [request.username],
    );
    if (!row) return REFUSED;
    const failure = failureOf(row, now, passwordOk, step);
    if (failure) {
      await recordFailure(tx, request.username, row, failure, now);
      return REFUSED;
    }
    await tx.run(
      'UPDATE staff SET totp_last_step = $1, failed_logins = 0, locked_until = NULL WHERE username = $2',
      [BigInt(step ?? 0), request.username],
    );
    const session = await createStaffSession(ctx, tx, request.username);
    await recordAudit(
      tx,
      {
        actor: staffActor(request.username),
        action: 'staff.login',
        subject: `staff:${request.username}`,
        details: { session: session.sessionId },
      },
      now,
    );
    const roles = row.roles.split(',').filter(isStaffRole);
    const staff = {
      username: request.username,
      displayName: row.display_name,
      roles,
      permissions: permissionsOf(roles),
      passwordChangeRequired: row.password_change_required !== 0n,
    };
    return { ok: true, session: { ...session, idleTimeoutMs: STAFF_IDLE_TIMEOUT_MS, staff } };
  });
}

function failureOf(
  row: CredentialRow,
  now: number,
  passwordOk: boolean,
  step: number | undefined,
): FailureReason | undefined {
  if (row.status !== 'active') return 'disabled';
  if (row.locked_until !== null && Number(row.locked_until) > now) return 'locked';
  if (!passwordOk) return 'password';
  if (step === undefined) return 'totp';
  // Each step's code logs in once: a code seen by someone else (over a shoulder, a proxy) is already spent.
  if (row.totp_last_step !== null && BigInt(step) <= row.totp_last_step) return 'totp_replayed';
  return undefined;
}

/** Counts a failure; the last one allowed locks the account for a while (a locked account's attempts do not extend it). */
async function recordFailure(
  tx: SqlExecutor,
  username: string,
  row: CredentialRow,
  reason: FailureReason,
  now: number,
): Promise<void> {
  let lockedNow = false;
  if (reason !== 'locked' && reason !== 'disabled') {
    const failures = Number(row.failed_logins) + 1;
    lockedNow = failures >= MAX_FAILED_LOGINS;
    await tx.run('UPDATE staff SET failed_logins = $1, locked_until = $2 WHERE username = $3', [
      BigInt(lockedNow ? 0 : failures),
      lockedNow ? BigInt(now + LOGIN_LOCKOUT_MS) : row.locked_until,
      username,
    ]);
  }
  await recordAudit(
    tx,
    {
      actor: staffActor(username),
      action: 'staff.login_failed',
      subject: `staff:${username}`,
      details: { reason, locked: lockedNow },
    },
    now,
  );
}
