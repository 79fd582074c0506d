// Lost phone: locking a wallet (by SMS code from another device, or by staff) and unlocking it after re-verification.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { notifyCustomer } from '../notifications/notify.js';
import type { Customer } from './customer.js';
import { findCustomerByPhone, lockCustomer } from './customer-queries.js';
import { consumeToken, peekToken } from './otp.js';
import { checkPin } from './pin-check.js';
import { idMatchesRecord } from './pin-management.js';
import { revokeAllSessions } from './sessions.js';

export type LockResult = { ok: true } | { ok: false; error: 'verification_invalid' | 'customer_not_found' };

export type UnlockResult =
  | { ok: true }
  | {
      ok: false;
      error: 'verification_invalid' | 'id_mismatch' | 'pin_locked' | 'customer_not_found' | 'not_locked';
    }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

/**
 * Locks at once: every session ends and every device is unbound (the lost phone can no longer log
 * in without a new SMS code), and every outgoing payment on every channel is refused until unlocked.
 */
async function applyLock(
  ctx: DomainContext,
  tx: SqlExecutor,
  customer: Customer,
  actor: string,
  reason: string,
) {
  const now = ctx.clock();
  await tx.run('UPDATE customers SET locked_at = $1, lock_reason = $2 WHERE id = $3', [
    BigInt(now),
    reason,
    customer.id,
  ]);
  await revokeAllSessions(ctx, tx, customer.id);
  await tx.run('UPDATE devices SET revoked_at = $1 WHERE customer_id = $2 AND revoked_at IS NULL', [
    BigInt(now),
    customer.id,
  ]);
  await notifyCustomer(tx, customer, `locked:${customer.id}:${now}`, { kind: 'account_locked' }, now);
  await recordAudit(
    tx,
    { actor, action: 'wallet.lock', subject: `customer:${customer.id}`, details: { reason } },
    now,
  );
}

/** The customer locks their own wallet with a code sent to their number (purpose `lock`). */
export async function lockWithCode(ctx: DomainContext, verificationToken: string): Promise<LockResult> {
  return ctx.db.transaction(async (tx): Promise<LockResult> => {
    const phone = await consumeToken(ctx, tx, verificationToken, 'lock');
    const customer = phone === undefined ? undefined : await findCustomerByPhone(tx, phone);
    if (!customer) return { ok: false, error: 'verification_invalid' };
    await applyLock(ctx, tx, customer, `customer:${customer.id}`, 'lost phone (customer)');
    return { ok: true };
  });
}

/** The customer locks their own wallet from a channel that already checked their PIN (USSD, SMS). */
export async function lockOwnWallet(
  ctx: DomainContext,
  customerId: string,
  channel: string,
): Promise<LockResult> {
  return ctx.db.transaction(async (tx): Promise<LockResult> => {
    const customer = await lockCustomer(ctx, tx, customerId);
    if (!customer) return { ok: false, error: 'customer_not_found' };
    if (customer.lockedAt === null) {
      await applyLock(ctx, tx, customer, `customer:${customer.id}`, `locked by the customer (${channel})`);
    }
    return { ok: true };
  });
}

/** The open wallet of a number, read and row-locked for the rest of the transaction. */
async function lockCustomerByPhone(
  ctx: DomainContext,
  tx: SqlExecutor,
  phone: string,
): Promise<Customer | undefined> {
  const found = await findCustomerByPhone(tx, phone);
  return found && lockCustomer(ctx, tx, found.id);
}

/**
 * Staff lock a wallet by phone number (customer service, fraud). A wallet already locked stays as it is (no
 * second SMS or audit entry): decided under the customer's row lock, so simultaneous requests lock it once.
 */
export async function lockByStaff(
  ctx: DomainContext,
  phone: string,
  actor: string,
  reason: string,
): Promise<LockResult> {
  return ctx.db.transaction(async (tx): Promise<LockResult> => {
    const customer = await lockCustomerByPhone(ctx, tx, phone);
    if (!customer) return { ok: false, error: 'customer_not_found' };
    if (customer.lockedAt === null) await applyLock(ctx, tx, customer, actor, reason);
    return { ok: true };
  });
}

async function applyUnlock(
  ctx: DomainContext,
  tx: SqlExecutor,
  customer: Customer,
  actor: string,
  reason: string | null = null,
): Promise<void> {
  const now = ctx.clock();
  await tx.run('UPDATE customers SET locked_at = NULL, lock_reason = NULL WHERE id = $1', [customer.id]);
  await notifyCustomer(tx, customer, `unlocked:${customer.id}:${now}`, { kind: 'account_unlocked' }, now);
  await recordAudit(
    tx,
    {
      actor,
      action: 'wallet.unlock',
      subject: `customer:${customer.id}`,
      details: reason === null ? {} : { reason },
    },
    now,
  );
}

/** The customer unlocks after re-verifying: a code (purpose `unlock`), the PIN, and the ID number if one is on file. */
export async function unlockWithVerification(
  ctx: DomainContext,
  request: { verificationToken: string; pin: string; idNumber?: string },
): Promise<UnlockResult> {
  const phone = await peekToken(ctx, request.verificationToken, 'unlock');
  const customer = phone === undefined ? undefined : await findCustomerByPhone(ctx.db, phone);
  if (!customer) return { ok: false, error: 'verification_invalid' };
  if (customer.lockedAt === null) return { ok: false, error: 'not_locked' };
  if (!(await idMatchesRecord(ctx, customer.id, request.idNumber)))
    return { ok: false, error: 'id_mismatch' };
  const pin = await checkPin(ctx, customer.id, request.pin);
  if (!pin.ok) return pin;
  return ctx.db.transaction(async (tx): Promise<UnlockResult> => {
    if ((await consumeToken(ctx, tx, request.verificationToken, 'unlock')) !== customer.phone) {
      return { ok: false, error: 'verification_invalid' };
    }
    const locked = await lockCustomer(ctx, tx, customer.id);
    if (!locked || locked.lockedAt === null) return { ok: false, error: 'not_locked' };
    await applyUnlock(ctx, tx, locked, `customer:${customer.id}`);
    return { ok: true };
  });
}

/**
 * Staff unlock after verifying the customer by their own means (e.g. at a branch); the reason is audited. Decided
 * under the customer's row lock: of simultaneous requests one unlocks, the others find it `not_locked`.
 */
export async function unlockByStaff(
  ctx: DomainContext,
  phone: string,
  actor: string,
  reason: string | null = null,
): Promise<UnlockResult> {
  return ctx.db.transaction(async (tx): Promise<UnlockResult> => {
    const customer = await lockCustomerByPhone(ctx, tx, phone);
    if (!customer) return { ok: false, error: 'customer_not_found' };
    if (customer.lockedAt === null) return { ok: false, error: 'not_locked' };
    await applyUnlock(ctx, tx, customer, actor, reason);
    return { ok: true };
  });
}
