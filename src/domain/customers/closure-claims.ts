// A closing attempt's claim on a wallet (its closing transfer and a deadline), and undoing claims whose attempt died.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { freezeAccount, unfreezeAccount } from '../wallets/account-freeze.js';
import { walletBalance } from '../wallets/accounts.js';
import { referenceTransferId } from '../wallets/issuance.js';

/**
 * How long a closing attempt may hold its claim on the wallet (from freezing it to recording the closure); after
 * that, the recovery job (or the customer's next attempt) reopens the wallet and clears the claim.
 */
export const CLOSURE_CLAIM_MS = 60_000;

/** A closing attempt's hold on the wallet: its closing transfer, and until when the claim is its own. */
export interface Claim {
  customerId: string;
  wallet: bigint;
  transferId: bigint;
  until: bigint;
}

export function claimDeadline(ctx: DomainContext): bigint {
  return BigInt(ctx.clock() + CLOSURE_CLAIM_MS);
}

/** The claim on a customer's wallet, if any: its closing transfer id and until when it holds. */
export async function claimOf(
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

export async function writeClaim(tx: SqlExecutor, claim: Claim): Promise<void> {
  await tx.run('UPDATE customers SET closing_transfer_id = $1, closing_until = $2 WHERE id = $3', [
    claim.transferId.toString(),
    claim.until,
    claim.customerId,
  ]);
}

/**
 * Takes a claim over from its attempt, if the wallet is still open and the claim unchanged: from then on that attempt
 * can no longer record the closure. Undefined when the claim moved on, or the closure was recorded.
 */
async function takeOver(ctx: DomainContext, claim: Claim): Promise<Claim | undefined> {
  const until = claimDeadline(ctx);
  const taken = await ctx.db.run(
    `UPDATE customers SET closing_until = $1
     WHERE id = $2 AND status = 'active' AND closing_transfer_id = $3 AND closing_until = $4`,
    [until, claim.customerId, claim.transferId.toString(), claim.until],
  );
  return taken === 1 ? { ...claim, until } : undefined;
}

/**
 * Undoes a claim whose closure was not recorded: takes it over, reopens the wallet's account, drops the claim. False
 * when there was nothing to undo, or the ledger could not take it now (the claim then runs out and is tried again).
 */
export async function releaseClaim(ctx: DomainContext, claim: Claim): Promise<boolean> {
  const taken = await takeOver(ctx, claim);
  if (!taken || !(await unfreezeAccount(ctx, { transferId: taken.transferId, account: taken.wallet })))
    return false;
  await ctx.db.run(
    `UPDATE customers SET closing_transfer_id = NULL, closing_until = NULL
     WHERE id = $1 AND status = 'active' AND closing_transfer_id = $2 AND closing_until = $3`,
    [taken.customerId, taken.transferId.toString(), taken.until],
  );
  return true;
}

/**
 * Reopens wallets whose closing attempt died (or ran out of time) with their account shut. Answers how many it
 * reopened; with `customerId`, looks at that customer only.
 */
export async function reopenAbandonedClosures(ctx: DomainContext, customerId?: string): Promise<number> {
  const rows = await ctx.db.all<{
    id: string;
    wallet_account_id: string;
    closing_transfer_id: string;
    closing_until: bigint;
  }>(
    `SELECT id, wallet_account_id, closing_transfer_id, closing_until FROM customers
     WHERE status = 'active' AND closing_until <= $1 ${customerId === undefined ? '' : 'AND id = $2'}
     ORDER BY closing_until LIMIT 1000`,
    customerId === undefined ? [BigInt(ctx.clock())] : [BigInt(ctx.clock()), customerId],
  );
  let reopened = 0;
  for (const row of rows) {
    const claim = {
      customerId: row.id,
      wallet: BigInt(row.wallet_account_id),
      transferId: BigInt(row.closing_transfer_id),
      until: BigInt(row.closing_until),
    };
    if (await releaseClaim(ctx, claim)) reopened++;
  }
  return reopened;
}

/**
 * Shuts the ledger accounts of wallets closed before closing did so itself (an upgrade): each gets a closing transfer
 * of its own. One that still holds money is frozen too, and put on the audit log for staff to settle.
 */
export async function freezeClosedWallets(ctx: DomainContext): Promise<number> {
  const rows = await ctx.db.all<{ id: string; wallet_account_id: string }>(
    `SELECT id, wallet_account_id FROM customers
     WHERE status = 'closed' AND closing_transfer_id IS NULL ORDER BY id LIMIT 1000`,
  );
  let frozen = 0;
  for (const row of rows) {
    const transferId = referenceTransferId('closure', row.id);
    if (!(await freezeAccount(ctx, { transferId, account: BigInt(row.wallet_account_id) }))) continue;
    const held = await walletBalance(ctx.ledger, BigInt(row.wallet_account_id));
    await ctx.db.transaction(async (tx) => {
      await tx.run('UPDATE customers SET closing_transfer_id = $1 WHERE id = $2', [
        transferId.toString(),
        row.id,
      ]);
      if (held !== 0n) {
        const details = { balance: held.toString() };
        await recordAudit(
          tx,
          { actor: 'system', action: 'wallet.closed_holding_money', subject: `customer:${row.id}`, details },
          ctx.clock(),
        );
      }
    });
    frozen++;
  }
  return frozen;
}
