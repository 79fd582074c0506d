// Closing a wallet in the ledger: a pending closing transfer of 0 shuts its account to every transfer; its void reopens it.
import { TransferFlags, type TransferInput } from '../../ledger/types.js';
import type { DomainContext } from '../context.js';
import { ledgerOf, operatorAccountId, TransferCode } from '../wallets/accounts.js';

/**
 * How long a closing attempt may hold its claim on the wallet (from freezing it to recording the closure); after
 * that, the recovery job (or the customer's next attempt) reopens the wallet and clears the claim.
 */
export const CLOSURE_CLAIM_MS = 60_000;

/** TigerBeetle's recipe: a pending transfer of 0 with `closingDebit`; it moves nothing and never expires. */
function closingTransfer(ctx: DomainContext, id: bigint, wallet: bigint): TransferInput {
  const { currency } = ctx.settings;
  return {
    id,
    debitAccountId: wallet,
    creditAccountId: operatorAccountId('suspense', currency),
    amount: 0n,
    ledger: ledgerOf(currency),
    code: TransferCode.closure,
    flags: TransferFlags.pending | TransferFlags.closingDebit,
  };
}

/** Shuts the wallet's ledger account (idempotent); false when the ledger could not take it now or refused it. */
export async function freezeWallet(ctx: DomainContext, transferId: bigint, wallet: bigint): Promise<boolean> {
  const submitted = await ctx.ledger.createTransfers([closingTransfer(ctx, transferId, wallet)]);
  const [result] = submitted.ok ? submitted.results : [];
  return result === 'ok' || result === 'exists';
}

/**
 * Reopens a wallet a closing attempt may have frozen: creates the closing transfer if it never arrived (so a late
 * copy of it finds it `exists` and closes nothing), then voids it. True once the closing transfer is void.
 */
export async function unfreezeWallet(
  ctx: DomainContext,
  transferId: bigint,
  wallet: bigint,
): Promise<boolean> {
  const submitted = await ctx.ledger.createTransfers([
    closingTransfer(ctx, transferId, wallet),
    { id: transferId + 1n, pendingId: transferId, amount: 0n, flags: TransferFlags.voidPendingTransfer },
  ]);
  if (!submitted.ok) return false;
  const [created, voided] = submitted.results;
  const createdOrThere = created === 'ok' || created === 'exists';
  return (
    createdOrThere && (voided === 'ok' || voided === 'exists' || voided === 'pending_transfer_already_voided')
  );
}
