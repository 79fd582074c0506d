// Merchant users log in to the portal by SMS code: the code goes only to users of active merchants, unseen by others.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { checkPhoneCode, type RequestCodeResult, requestCode } from '../customers/otp.js';
import type { Locale } from '../notifications/messages.js';
import type { MerchantRole } from './merchant-outlets.js';
import { createPortalSession, type NewPortalSession } from './portal-sessions.js';

/** One merchant a phone number may log in to. */
export interface Membership {
  merchantId: string;
  merchantName: string;
  userId: string;
  role: MerchantRole;
}

export type PortalLoginResult =
  | { ok: true; session: NewPortalSession; membership: Membership }
  /** The number is a user of several merchants and none was chosen: the code stays usable for the choice. */
  | { ok: true; choose: Membership[] }
  | {
      ok: false;
      error:
        | 'otp_invalid'
        | 'otp_expired'
        | 'otp_used'
        | 'otp_attempts_exceeded'
        | 'otp_incorrect'
        | 'merchant_login_refused';
      attemptsRemaining?: number;
    };

/** The merchants a phone number may log in to: as a user not removed, of a merchant that is active. */
export async function membershipsOf(ctx: DomainContext, phone: string): Promise<Membership[]> {
  const rows = await ctx.db.all<{
    merchant_id: string;
    merchant_name: string;
    user_id: string;
    role: MerchantRole;
  }>(
    `SELECT m.id AS merchant_id, m.name AS merchant_name, u.id AS user_id, u.role
     FROM merchant_users u JOIN merchants m ON m.id = u.merchant_id
     WHERE u.phone = $1 AND u.removed_at IS NULL AND m.status = 'active'
     ORDER BY m.name, m.id`,
    [phone],
  );
  return rows.map((row) => ({
    merchantId: row.merchant_id,
    merchantName: row.merchant_name,
    userId: row.user_id,
    role: row.role,
  }));
}

/** Sends a login code (phone already E.164) if the number may log in; the answer is the same either way. */
export async function requestPortalCode(
  ctx: DomainContext,
  request: { phone: string; clientAddress: string; locale: Locale },
): Promise<RequestCodeResult> {
  const deliver = (await membershipsOf(ctx, request.phone)).length > 0;
  return requestCode(ctx, { ...request, purpose: 'merchant_login', deliver });
}

/**
 * Logs a merchant user in with the code sent to their phone. A number with several merchants must choose
 * one (`merchantId`); until it does, the answer lists them and the code is not used up.
 */
export async function portalLogIn(
  ctx: DomainContext,
  login: { phone: string; code: string; merchantId?: string },
): Promise<PortalLoginResult> {
  const memberships = await membershipsOf(ctx, login.phone);
  const mustChoose = login.merchantId === undefined && memberships.length > 1;
  const chosen = mustChoose
    ? undefined
    : memberships.find((m) => login.merchantId === undefined || m.merchantId === login.merchantId);
  return ctx.db.transaction(async (tx): Promise<PortalLoginResult> => {
    const check = await checkPhoneCode(ctx, tx, {
      phone: login.phone,
      purpose: 'merchant_login',
      code: login.code,
      consume: chosen !== undefined,
    });
    if (!check.ok) return check;
    if (mustChoose) return { ok: true, choose: memberships };
    if (!chosen) return { ok: false, error: 'merchant_login_refused' };
    const session = await createPortalSession(ctx, tx, chosen.merchantId, chosen.userId);
    await recordAudit(
      tx,
      {
        actor: `merchant-user:${chosen.userId}`,
        action: 'merchant.portal.login',
        subject: `merchant:${chosen.merchantId}`,
        details: { sessionId: session.sessionId },
      },
      ctx.clock(),
    );
    return { ok: true, session, membership: chosen };
  });
}
