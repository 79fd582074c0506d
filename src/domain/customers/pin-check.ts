// Checks a customer's PIN, counting consecutive failures; the lock it sets after too many is shared by every channel.
import type { DomainContext } from '../context.js';
import { notifyCustomer } from '../notifications/notify.js';
import { lockCustomer } from './customer-queries.js';
import { pinMatches } from './pin-hash.js';

export type PinCheckResult =
  | { ok: true }
  | { ok: false; error: 'pin_locked' }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

/**
 * The slow hash runs first, outside any transaction; then the outcome is recorded under the
 * customer's row lock, so parallel guesses are counted one by one and a lock set by any of them
 * refuses the rest, even a correct PIN.
 */
export async function checkPin(
  ctx: DomainContext,
  customerId: string,
  pin: unknown,
): Promise<PinCheckResult> {
  const verifier = await ctx.db.get<{ pin_salt: Buffer; pin_hash: Buffer; pin_locked_at: bigint | null }>(
    'SELECT pin_salt, pin_hash, pin_locked_at FROM customers WHERE id = $1',
    [customerId],
  );
  if (!verifier) return { ok: false, error: 'pin_locked' };
  if (verifier.pin_locked_at !== null) return { ok: false, error: 'pin_locked' };
  const matches =
    typeof pin === 'string' &&
    /^\d{6}$/.test(pin) &&
    (await pinMatches(ctx.keys.pinPepper, pin, { salt: verifier.pin_salt, hash: verifier.pin_hash }));
  const now = ctx.clock();
  return ctx.db.transaction(async (tx): Promise<PinCheckResult> => {
    const customer = await lockCustomer(ctx, tx, customerId);
    if (!customer || customer.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
    if (matches) {
      if (customer.pinFailures > 0) {
        await tx.run('UPDATE customers SET pin_failures = 0 WHERE id = $1', [customerId]);
      }
      return { ok: true };
    }
    const failures = customer.pinFailures + 1;
    const max = ctx.settings.pinMaxFailures;
    if (failures < max) {
      await tx.run('UPDATE customers SET pin_failures = $1 WHERE id = $2', [BigInt(failures), customerId]);
      return { ok: false, error: 'pin_incorrect', attemptsRemaining: max - failures };
    }
    await tx.run('UPDATE customers SET pin_failures = $1, pin_locked_at = $2 WHERE id = $3', [
      BigInt(failures),
      BigInt(now),
      customerId,
    ]);
    await notifyCustomer(tx, customer, `pin_locked:${customerId}:${now}`, { kind: 'pin_locked' }, now);
    return { ok: false, error: 'pin_locked' };
  });
}
