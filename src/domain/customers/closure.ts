// Closing a wallet: only at zero balance with nothing held, after PIN and SMS code; its ledger account shuts first.
import { type Account, AccountFlags } from '../../ledger/types.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { newTransferBase } from '../ids.js';
import type { Customer } from './customer.js';
import { lockCustomerExclusively } from './customer-queries.js';
import { consumeToken } from './otp.js';
import { checkPin } from './pin-check.js';
import { revokeAllSessions } from './sessions.js';
import { CLOSURE_CLAIM_MS, freezeWallet, unfreezeWallet } from './wallet-freeze.js';

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

/** A closing attempt's hold on the wallet: its closing transfer, and until when the claim is its own. */
interface Claim {
  customerId: string;
  wallet: bigint;
  transferId: bigint;
  until: bigint;
}

/**
 * Closes in three steps, so that no money can land in a wallet once it is closed, whatever path sends it: a durable
 * claim, then the ledger shuts the wallet's account (every transfer to or from it is refused from then on), then
 * the checks on the now frozen balance and the closure are recorded. A refusal or failure reopens the account; an
 * attempt that died is reopened by `reopenAbandonedClosures` once its claim runs out.
 */
export async function closeWallet(
  ctx: DomainContext,
  customerId: string,
  request: { pin: string; verificationToken: string },
): Promise<CloseResult> {
  const pin = await checkPin(ctx, customerId, request.pin);
  if (!pin.ok) return pin;
  await reopenAbandonedClosures(ctx, customerId);
  const claim = await claimClosure(ctx, customerId);
  if ('error' in claim) return claim;
  let result: CloseResult = { ok: false, error: 'service_unavailable' };
  try {
    if (await freezeWallet(ctx, claim.transferId, claim.wallet)) {
      result = await recordClosure(ctx, claim, request.verificationToken);
    }
  } finally {
    if (!result.ok) await releaseClaim(ctx, claim);
  }
  return result;
}

async function walletAccount(ctx: DomainContext, customer: Customer): Promise<Account | undefined> {
  const [account] = await ctx.ledger.lookupAccounts([customer.walletAccountId]);
  return account;
}

function holdsMoney(account: Account | undefined): boolean {
  if (!account) return false;
  const balance = account.creditsPosted - account.debitsPosted;
  return balance !== 0n || account.debitsPending !== 0n || account.creditsPending !== 0n;
}

function refusalOf(customer: Customer | undefined): CloseRefusal | undefined {
  if (customer?.status !== 'active') return { ok: false, error: 'unauthorized' };
  if (customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
  return undefined;
}

async function claimClosure(ctx: DomainContext, customerId: string): Promise<Claim | CloseRefusal> {
  return ctx.db.transaction(async (tx): Promise<Claim | CloseRefusal> => {
    const customer = await lockCustomerExclusively(ctx, tx, customerId);
    const refused = refusalOf(customer);
    if (refused || !customer) return refused ?? { ok: false, error: 'unauthorized' };
    if ((await claimOf(tx, customerId)) !== undefined) return { ok: false, error: 'closure_in_progress' };
    // Not final (money may still arrive): a wallet that visibly holds money is not frozen for nothing.
    if (holdsMoney(await walletAccount(ctx, customer))) return { ok: false, error: 'balance_not_zero' };
    const claim = {
      customerId,
      wallet: customer.walletAccountId,
      transferId: newTransferBase(),
      until: BigInt(ctx.clock() + CLOSURE_CLAIM_MS),
    };
    await tx.run('UPDATE customers SET closing_transfer_id = $1, closing_until = $2 WHERE id = $3', [
      claim.transferId.toString(),
      claim.until,
      customerId,
    ]);
    return claim;
  });
}

/** The claim on a customer's wallet, if any: its closing transfer id and until when it holds. */
async function claimOf(
  tx: SqlExecutor,
  customerId: string,
): Promise<{ transferId: bigint; until: bigint } | undefined> {
  const row = await tx.get<{ closing_transfer_id: string | null; closing_until: bigint | null }>(
    'SELECT closing_transfer_id, closing_until FROM customers WHERE id = $1',
    [customerId],
  );
  if (!row?.closing_transfer_id || row.closing_until === null) return undefined;
  return { transferId: BigInt(row.closing_transfer_id), until: BigInt(row.closing_until) };
}

/** With the wallet's account shut in the ledger, its balance is final: checks it and records the closure. */
async function recordClosure(
  ctx: DomainContext,
  claim: Claim,
  verificationToken: string,
): Promise<CloseResult> {
  return ctx.db.transaction(async (tx): Promise<CloseResult> => {
    // Exclusive: a payment to this wallet in flight finishes first, and then shows as pending below.
    const customer = await lockCustomerExclusively(ctx, tx, claim.customerId);
    const refused = refusalOf(customer);
    if (refused || !customer) return refused ?? { ok: false, error: 'unauthorized' };
    const held = await claimOf(tx, claim.customerId);
    if (held?.transferId !== claim.transferId || held.until !== claim.until) {
      return { ok: false, error: 'service_unavailable' }; // too slow: the recovery job took the claim back
    }
    const account = await walletAccount(ctx, customer);
    if (!account || (account.flags & AccountFlags.closed) === 0)
      return { ok: false, error: 'service_unavailable' };
    if (holdsMoney(account)) return { ok: false, error: 'balance_not_zero' };
    const incoming = await tx.get(
      "SELECT id FROM payments WHERE recipient_customer_id = $1 AND status = 'pending' LIMIT 1",
      [claim.customerId],
    );
    if (incoming) return { ok: false, error: 'balance_not_zero' };
    if ((await consumeToken(ctx, tx, verificationToken, 'close')) !== customer.phone) {
      return { ok: false, error: 'verification_invalid' };
    }
    const now = ctx.clock();
    await tx.run(
      "UPDATE customers SET status = 'closed', closed_at = $1, closing_until = NULL WHERE id = $2",
      [BigInt(now), claim.customerId],
    );
    await revokeAllSessions(ctx, tx, claim.customerId);
    await tx.run('UPDATE devices SET revoked_at = $1 WHERE customer_id = $2 AND revoked_at IS NULL', [
      BigInt(now),
      claim.customerId,
    ]);
    await recordAudit(
      tx,
      {
        actor: `customer:${claim.customerId}`,
        action: 'wallet.close',
        subject: `customer:${claim.customerId}`,
        details: {},
      },
      now,
    );
    return { ok: true };
  });
}

/** Reopens the wallet's account and drops the claim; if the ledger cannot take it now, the recovery job will. */
async function releaseClaim(ctx: DomainContext, claim: Claim): Promise<boolean> {
  if (!(await unfreezeWallet(ctx, claim.transferId, claim.wallet))) return false;
  await ctx.db.run(
    `UPDATE customers SET closing_transfer_id = NULL, closing_until = NULL
     WHERE id = $1 AND status = 'active' AND closing_transfer_id = $2 AND closing_until = $3`,
    [claim.customerId, claim.transferId.toString(), claim.until],
  );
  return true;
}

/**
 * Reopens wallets whose closing attempt died (or ran out of time) with their account shut: takes over each expired
 * claim (so the attempt, if still alive, can no longer record the closure), then reopens and drops it. Answers how
 * many it reopened; with `customerId`, looks at that customer only.
 */
export async function reopenAbandonedClosures(ctx: DomainContext, customerId?: string): Promise<number> {
  const now = ctx.clock();
  const rows = await ctx.db.all<{
    id: string;
    wallet_account_id: string;
    closing_transfer_id: string;
    closing_until: bigint;
  }>(
    `SELECT id, wallet_account_id, closing_transfer_id, closing_until FROM customers
     WHERE status = 'active' AND closing_until <= $1 ${customerId === undefined ? '' : 'AND id = $2'}
     ORDER BY closing_until LIMIT 1000`,
    customerId === undefined ? [BigInt(now)] : [BigInt(now), customerId],
  );
  let reopened = 0;
  for (const row of rows) {
    const claim = {
      customerId: row.id,
      wallet: BigInt(row.wallet_account_id),
      transferId: BigInt(row.closing_transfer_id),
      until: BigInt(now + CLOSURE_CLAIM_MS),
    };
    const taken = await ctx.db.run(
      `UPDATE customers SET closing_until = $1
       WHERE id = $2 AND status = 'active' AND closing_transfer_id = $3 AND closing_until = $4`,
      [claim.until, row.id, row.closing_transfer_id, row.closing_until],
    );
    if (taken === 1 && (await releaseClaim(ctx, claim))) reopened++;
  }
  return reopened;
}
