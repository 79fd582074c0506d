// Staff change their own password (the initial one is shown once at creation): the current one first, then a long new one.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { createPinVerifier, pinMatches } from '../customers/pin-hash.js';
import type { StaffPrincipal } from './staff-sessions.js';

export const STAFF_PASSWORD_MIN_LENGTH = 12;

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; error: 'staff_password_incorrect' | 'staff_password_weak' };

/** Long enough, not the username, not all one character. */
function strongEnough(password: string, username: string): boolean {
  return (
    [...password].length >= STAFF_PASSWORD_MIN_LENGTH &&
    password.toLowerCase() !== username.toLowerCase() &&
    new Set(password).size > 3
  );
}

/** Sets a new password; the staff member's other sessions end (this one goes on). */
export async function changeStaffPassword(
  ctx: DomainContext,
  principal: StaffPrincipal,
  request: { currentPassword: string; newPassword: string },
): Promise<PasswordChangeResult> {
  const stored = await ctx.db.get<{ password_salt: Buffer; password_hash: Buffer }>(
    'SELECT password_salt, password_hash FROM staff WHERE username = $1',
    [principal.username],
  );
  if (!stored) return { ok: false, error: 'staff_password_incorrect' };
  const verifier = { salt: stored.password_salt, hash: stored.password_hash };
  if (!(await pinMatches(ctx.keys.staffPepper, request.currentPassword, verifier))) {
    return { ok: false, error: 'staff_password_incorrect' };
  }
  if (
    !strongEnough(request.newPassword, principal.username) ||
    request.newPassword === request.currentPassword
  ) {
    return { ok: false, error: 'staff_password_weak' };
  }
  const next = await createPinVerifier(ctx.keys.staffPepper, request.newPassword);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      'UPDATE staff SET password_salt = $1, password_hash = $2, password_change_required = 0 WHERE username = $3',
      [next.salt, next.hash, principal.username],
    );
    await tx.run(
      'UPDATE staff_sessions SET revoked_at = $1 WHERE username = $2 AND id <> $3 AND revoked_at IS NULL',
      [BigInt(now), principal.username, principal.sessionId],
    );
    await recordAudit(
      tx,
      {
        actor: principal.actor,
        action: 'staff.password_change',
        subject: `staff:${principal.username}`,
        details: {},
      },
      now,
    );
  });
  return { ok: true };
}
