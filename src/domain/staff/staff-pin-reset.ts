// PIN reset through staff: the customer proves who they are with their ID number; then a new PIN needs only an SMS code.
import { recordAudit } from '../audit/audit-log.js';
import { DAY_MS, HOUR_MS } from '../clock.js';
import type { DomainContext } from '../context.js';
import { lockCustomer } from '../customers/customer-queries.js';
import { idMatchesRecord } from '../customers/pin-management.js';
import { notifyCustomer } from '../notifications/notify.js';

/** How long the customer has to set the new PIN after staff verified them. */
export const PIN_RESET_ALLOWANCE_MS = DAY_MS;
/** Wrong ID numbers staff may enter for one customer within an hour before further tries are refused. */
export const ID_CHECKS_PER_HOUR = 3;

export type StaffPinResetResult =
  | { ok: true; allowedUntil: number }
  | { ok: false; error: 'customer_not_found' | 'id_not_on_file' | 'id_mismatch' | 'id_checks_exceeded' };

/**
 * Staff re-verify the customer by the document number on file. When it matches, the wrong-PIN lock is
 * cleared and, until the allowance ends, the customer can set a new PIN with an SMS code to their number
 * (POST /api/v1/pin-resets) without typing the number again. Mismatches are audited too.
 */
export async function authorizePinReset(
  ctx: DomainContext,
  request: { customerId: string; idNumber: string; actor: string },
): Promise<StaffPinResetResult> {
  const record = await ctx.db.get<{ id_number_hash: Buffer | null; status: string }>(
    'SELECT id_number_hash, status FROM customers WHERE id = $1',
    [request.customerId],
  );
  if (record?.status !== 'active') return { ok: false, error: 'customer_not_found' };
  if (record.id_number_hash === null) return { ok: false, error: 'id_not_on_file' };
  const now = ctx.clock();
  // A staff account cannot be used to guess a customer's ID number: few wrong tries per customer and hour.
  const misses = await ctx.db.get<{ n: bigint }>(
    'SELECT count(*) AS n FROM audit_log WHERE subject = $1 AND action = $2 AND at > $3',
    [`customer:${request.customerId}`, 'customer.pin_reset.id_mismatch', BigInt(now - HOUR_MS)],
  );
  if (Number(misses?.n ?? 0) >= ID_CHECKS_PER_HOUR) return { ok: false, error: 'id_checks_exceeded' };
  const matches = await idMatchesRecord(ctx, request.customerId, request.idNumber);
  const allowedUntil = now + PIN_RESET_ALLOWANCE_MS;
  return ctx.db.transaction(async (tx): Promise<StaffPinResetResult> => {
    const customer = await lockCustomer(ctx, tx, request.customerId);
    if (!customer) return { ok: false, error: 'customer_not_found' };
    const subject = `customer:${customer.id}`;
    if (!matches) {
      await recordAudit(
        tx,
        { actor: request.actor, action: 'customer.pin_reset.id_mismatch', subject, details: {} },
        now,
      );
      return { ok: false, error: 'id_mismatch' };
    }
    await tx.run(
      'UPDATE customers SET pin_failures = 0, pin_locked_at = NULL, pin_reset_allowed_until = $1 WHERE id = $2',
      [BigInt(allowedUntil), customer.id],
    );
    const until = new Intl.DateTimeFormat(customer.locale, {
      timeZone: ctx.settings.timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(allowedUntil);
    await notifyCustomer(
      tx,
      customer,
      `pin-reset:${customer.id}:${now}`,
      { kind: 'pin_reset_allowed', until },
      now,
    );
    await recordAudit(
      tx,
      {
        actor: request.actor,
        action: 'customer.pin_reset.authorize',
        subject,
        details: { allowedUntil: new Date(allowedUntil).toISOString() },
      },
      now,
    );
    return { ok: true, allowedUntil };
  });
}
