// Closing a wallet: only at zero balance with nothing held, after PIN and SMS code; its ledger account shuts first.
import { type Account, AccountFlags } from '../../ledger/types.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { freezeAccount, holdsMoney } from '../wallets/account-freeze.js';
import {
  type Claim,
  CUSTOMERS,
  claimOf,
  releaseClaim,
  reopenAbandonedClosures,
  stillHeld,
  writeClaim,
} from '../wallets/closing-claims.js';
import type { Customer } from './customer.js';
import { lockCustomerExclusively } from './customer-queries.js';
import { consumeToken, peekToken } from './otp.js';
import { checkPin } from './pin-check.js';
import { revokeAllSessions } from './sessions.js';

export type CloseResult =
  | { ok: true }
  | {
      ok: false;
      error:
        | 'balance_not_zero'
        | 'verification_invalid'
        | 'pin_locked'
        | 'account_locked'
        | 'unauthorized'
        | 'closure_in_progress'
        | 'service_unavailable';
    }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

type CloseRefusal = Extract<CloseResult, { ok: false }>;

/**
 * Closes in three steps, so that no money can land in a wallet once it is closed, whatever path sends it: a durable
 * claim (once every check passes), then the ledger shuts the wallet's account (every transfer to or from it is
 * refused from then on), then the checks again on the now frozen balance, and the closure is recorded. A refusal or
 * failure before that record reopens the account; an attempt that died is undone once its claim runs out.
 */
export async function closeWallet(
  ctx: DomainContext,
  customerId: string,
  request: { pin: string; verificationToken: string },
): Promise<CloseResult> {
  const pin = await checkPin(ctx, customerId, request.pin);
  if (!pin.ok) return pin;
  await reopenAbandonedClosures(ctx, CUSTOMERS, customerId);
  const claim = await claimClosure(ctx, customerId, request.verificationToken);
  if ('error' in claim) return claim;
  let result: CloseResult = { ok: false, error: 'service_unavailable' };
  try {
    if (await freezeAccount(ctx, { transferId: claim.transferId, account: claim.account })) {
      result = await recordClosure(ctx, claim, request.verificationToken);
    }
  } finally {
    // Not after a recorded closure, even one whose answer was lost: releasing takes the claim of an open wallet only.
    if (!result.ok) await releaseClaim(ctx, claim);
  }
  return result;
}

async function walletAccount(ctx: DomainContext, customer: Customer): Promise<Account | undefined> {
  const [account] = await ctx.ledger.lookupAccounts([customer.walletAccountId]);
  return account;
}

/** The customer, locked; or why they cannot close now (money in the wallet, or a P2P payment on its way to it). */
async function closable(
  ctx: DomainContext,
  tx: SqlExecutor,
  customerId: string,
): Promise<{ customer: Customer; account: Account | undefined } | CloseRefusal> {
  // Exclusive: a payment to this wallet in flight finishes first, and then shows as pending below.
  const customer = await lockCustomerExclusively(ctx, tx, customerId);
  if (customer?.status !== 'active') return { ok: false, error: 'unauthorized' };
  if (customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
  const account = await walletAccount(ctx, customer);
  if (holdsMoney(account)) return { ok: false, error: 'balance_not_zero' };
  const incoming = await tx.get(
    "SELECT id FROM payments WHERE recipient_customer_id = $1 AND status = 'pending' LIMIT 1",
    [customerId],
  );
  if (incoming) return { ok: false, error: 'balance_not_zero' };
  return { customer, account };
}

/** Claims the wallet once every check passes (the code is read, not used up): a refused attempt freezes nothing. */
async function claimClosure(
  ctx: DomainContext,
  customerId: string,
  verificationToken: string,
): Promise<Claim | CloseRefusal> {
  return ctx.db.transaction(async (tx): Promise<Claim | CloseRefusal> => {
    const checked = await closable(ctx, tx, customerId);
    if ('error' in checked) return checked;
    if ((await claimOf(tx, CUSTOMERS, customerId)) !== undefined)
      return { ok: false, error: 'closure_in_progress' };
    if ((await peekToken(ctx, verificationToken, 'close', tx)) !== checked.customer.phone) {
      return { ok: false, error: 'verification_invalid' };
    }
    const holder = { id: customerId, account: checked.customer.walletAccountId };
    return (await writeClaim(ctx, tx, CUSTOMERS, holder)) ?? { ok: false, error: 'closure_in_progress' };
  });
}

/** With the wallet's account shut in the ledger, its balance is final: checks again and records the closure. */
async function recordClosure(
  ctx: DomainContext,
  claim: Claim,
  verificationToken: string,
): Promise<CloseResult> {
  return ctx.db.transaction(async (tx): Promise<CloseResult> => {
    const checked = await closable(ctx, tx, claim.id);
    if ('error' in checked) return checked;
    if (!(await stillHeld(tx, claim))) {
      return { ok: false, error: 'service_unavailable' }; // too slow: the recovery job took the claim back
    }
    if (!checked.account || (checked.account.flags & AccountFlags.closed) === 0) {
      return { ok: false, error: 'service_unavailable' };
    }
    if ((await consumeToken(ctx, tx, verificationToken, 'close')) !== checked.customer.phone) {
      return { ok: false, error: 'verification_invalid' };
    }
    const now = ctx.clock();
    await tx.run(
      "UPDATE customers SET status = 'closed', closed_at = $1, closing_until = NULL WHERE id = $2",
      [BigInt(now), claim.id],
    );
    await revokeAllSessions(ctx, tx, claim.id);
    await tx.run('UPDATE devices SET revoked_at = $1 WHERE customer_id = $2 AND revoked_at IS NULL', [
      BigInt(now),
      claim.id,
    ]);
    await recordAudit(
      tx,
      { actor: `customer:${claim.id}`, action: 'wallet.close', subject: `customer:${claim.id}`, details: {} },
      now,
    );
    return { ok: true };
  });
}
