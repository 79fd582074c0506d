// Closing a wallet: only at zero balance with nothing held, after PIN and SMS code; sessions and devices end.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { lockCustomerExclusively } from './customer-queries.js';
import { consumeToken } from './otp.js';
import { checkPin } from './pin-check.js';
import { revokeAllSessions } from './sessions.js';

export type CloseResult =
  | { ok: true }
  | {
      ok: false;
      error: 'balance_not_zero' | 'verification_invalid' | 'pin_locked' | 'account_locked' | 'unauthorized';
    }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

export async function closeWallet(
  ctx: DomainContext,
  customerId: string,
  request: { pin: string; verificationToken: string },
): Promise<CloseResult> {
  const pin = await checkPin(ctx, customerId, request.pin);
  if (!pin.ok) return pin;
  return ctx.db.transaction(async (tx): Promise<CloseResult> => {
    // Exclusive: a payment to this wallet in flight finishes first, and then shows as pending below.
    const customer = await lockCustomerExclusively(ctx, tx, customerId);
    if (customer?.status !== 'active') return { ok: false, error: 'unauthorized' };
    if (customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
    const [account] = await ctx.ledger.lookupAccounts([customer.walletAccountId]);
    const holdsMoney =
      account !== undefined &&
      (account.creditsPosted !== account.debitsPosted ||
        account.debitsPending !== 0n ||
        account.creditsPending !== 0n);
    if (holdsMoney) return { ok: false, error: 'balance_not_zero' };
    const incoming = await tx.get(
      "SELECT id FROM payments WHERE recipient_customer_id = $1 AND status = 'pending' LIMIT 1",
      [customerId],
    );
    if (incoming) return { ok: false, error: 'balance_not_zero' };
    if ((await consumeToken(ctx, tx, request.verificationToken, 'close')) !== customer.phone) {
      return { ok: false, error: 'verification_invalid' };
    }
    const now = ctx.clock();
    await tx.run("UPDATE customers SET status = 'closed', closed_at = $1 WHERE id = $2", [
      BigInt(now),
      customerId,
    ]);
    await revokeAllSessions(ctx, tx, customerId);
    await tx.run('UPDATE devices SET revoked_at = $1 WHERE customer_id = $2 AND revoked_at IS NULL', [
      BigInt(now),
      customerId,
    ]);
    await recordAudit(
      tx,
      {
        actor: `customer:${customerId}`,
        action: 'wallet.close',
        subject: `customer:${customerId}`,
        details: {},
      },
      now,
    );
    return { ok: true };
  });
}
