// Closing a merchant shuts its ledger account first, so that no payment in flight can land in a closed merchant.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { newTransferBase } from '../ids.js';
import {
  type Freeze,
  freezeAccount,
  holdsMoney,
  sealFreeze,
  unfreezeAccount,
} from '../wallets/account-freeze.js';
import { walletBalance } from '../wallets/accounts.js';
import { referenceTransferId } from '../wallets/issuance.js';

/** A closing merchant's account is frozen this long before its closure is recorded and the freeze made permanent. */
const FREEZE_SECONDS = 60;

export type MerchantClosing =
  | { ok: true }
  | { ok: false; error: 'merchant_balance_not_zero' | 'merchant_state' | 'service_unavailable' };

/**
 * Freezes the merchant's account, checks its balance (now final), records the closure with `record` (false when
 * someone else changed the merchant meanwhile), then makes the freeze permanent. A refusal reopens the account. If the
 * process dies before the record, the freeze runs out and the account reopens by itself; after it, the recovery job
 * (`sealClosedMerchants`) makes it permanent.
 */
export async function closeMerchantAccount(
  ctx: DomainContext,
  merchant: { id: string; accountId: bigint },
  record: (closingTransferId: bigint) => Promise<boolean>,
): Promise<MerchantClosing> {
  const freeze = {
    transferId: newTransferBase(),
    account: merchant.accountId,
    timeoutSeconds: FREEZE_SECONDS,
  };
  if (!(await freezeAccount(ctx, freeze))) return { ok: false, error: 'service_unavailable' };
  const [account] = await ctx.ledger.lookupAccounts([merchant.accountId]);
  const empty = !holdsMoney(account);
  if (!empty || !(await record(freeze.transferId))) {
    await unfreezeAccount(ctx, freeze); // if the ledger cannot take it now, the freeze runs out instead
    return { ok: false, error: empty ? 'merchant_state' : 'merchant_balance_not_zero' };
  }
  await sealMerchant(ctx, merchant.id, freeze);
  return { ok: true };
}

/** Makes a closed merchant's freeze permanent and notes it; false if the freeze had run out or the ledger was busy. */
async function sealMerchant(ctx: DomainContext, merchantId: string, freeze: Freeze): Promise<boolean> {
  if (!(await sealFreeze(ctx, freeze))) return false;
  await ctx.db.run('UPDATE merchants SET closing_transfer_id = $1, account_closed_at = $2 WHERE id = $3', [
    freeze.transferId.toString(),
    BigInt(ctx.clock()),
    merchantId,
  ]);
  return true;
}

/**
 * Shuts for good the accounts of closed merchants that are not yet: a closure whose freeze was not made permanent (the
 * process died), or one made before closing froze accounts. One that holds money is put on the audit log.
 */
export async function sealClosedMerchants(ctx: DomainContext): Promise<number> {
  const rows = await ctx.db.all<{ id: string; account_id: string; closing_transfer_id: string | null }>(
    `SELECT id, account_id, closing_transfer_id FROM merchants
     WHERE status = 'closed' AND account_closed_at IS NULL ORDER BY id LIMIT 1000`,
  );
  let sealed = 0;
  for (const row of rows) {
    const account = BigInt(row.account_id);
    const temporary = row.closing_transfer_id === null ? undefined : BigInt(row.closing_transfer_id);
    if (temporary !== undefined && (await sealMerchant(ctx, row.id, { transferId: temporary, account }))) {
      sealed++;
      continue;
    }
    // No freeze to seal: one of its own, permanent. A merchant never approved has no account: nothing to shut.
    const [opened] = await ctx.ledger.lookupAccounts([account]);
    const permanent = { transferId: referenceTransferId('merchant-closure', row.id), account };
    if (opened && !(await freezeAccount(ctx, permanent))) continue;
    const held = opened ? await walletBalance(ctx.ledger, account) : 0n;
    await ctx.db.transaction(async (tx) => {
      await tx.run('UPDATE merchants SET closing_transfer_id = $1, account_closed_at = $2 WHERE id = $3', [
        opened ? permanent.transferId.toString() : null,
        BigInt(ctx.clock()),
        row.id,
      ]);
      if (held !== 0n) {
        const details = { balance: held.toString() };
        const entry = {
          actor: 'system',
          action: 'merchant.closed_holding_money',
          subject: `merchant:${row.id}`,
          details,
        };
        await recordAudit(tx, entry, ctx.clock());
      }
    });
    sealed++;
  }
  return sealed;
}
