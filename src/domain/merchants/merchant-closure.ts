// Closing a merchant shuts its ledger account first, so that no payment in flight can land in a closed merchant.
import type { DomainContext } from '../context.js';
import { freezeAccount, holdsMoney } from '../wallets/account-freeze.js';
import {
  type Claim,
  MERCHANTS,
  releaseClaim,
  reopenAbandonedClosures,
  writeClaim,
} from '../wallets/closing-claims.js';

export type MerchantClosing =
  | { ok: true }
  | { ok: false; error: 'merchant_balance_not_zero' | 'merchant_state' | 'service_unavailable' };

/**
 * Claims the merchant, shuts its ledger account, checks its balance (now final), and records the closure with
 * `record` (false when the merchant changed meanwhile, or the claim was taken back). A refusal or failure before the
 * record reopens the account; a process that dies meanwhile leaves a claim the recovery job undoes once it runs out.
 */
export async function closeMerchantAccount(
  ctx: DomainContext,
  merchant: { id: string; accountId: bigint },
  record: (claim: Claim) => Promise<boolean>,
): Promise<MerchantClosing> {
  await reopenAbandonedClosures(ctx, MERCHANTS, merchant.id);
  const holder = { id: merchant.id, account: merchant.accountId };
  const claim = await ctx.db.transaction((tx) => writeClaim(ctx, tx, MERCHANTS, holder));
  if (!claim) return { ok: false, error: 'merchant_state' }; // another close is under way
  let result: MerchantClosing = { ok: false, error: 'service_unavailable' };
  try {
    if (await freezeAccount(ctx, { transferId: claim.transferId, account: claim.account })) {
      const [account] = await ctx.ledger.lookupAccounts([claim.account]);
      if (holdsMoney(account)) result = { ok: false, error: 'merchant_balance_not_zero' };
      else result = (await record(claim)) ? { ok: true } : { ok: false, error: 'merchant_state' };
    }
  } finally {
    // Not after a recorded closure, even one whose answer was lost: releasing takes the claim of an open merchant only.
    if (!result.ok) await releaseClaim(ctx, claim);
  }
  return result;
}
