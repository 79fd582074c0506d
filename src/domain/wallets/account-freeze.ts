// Closing an account in the ledger: a pending closing transfer of 0 shuts it to every transfer; its void reopens it.
import { type Account, TransferFlags, type TransferInput } from '../../ledger/types.js';
import type { DomainContext } from '../context.js';
import { ledgerOf, operatorAccountId, TransferCode } from './accounts.js';

/** Which account a closing transfer shuts (until it is voided), and the transfer's id. */
export interface Freeze {
  transferId: bigint;
  account: bigint;
}

/** TigerBeetle's recipe: a pending transfer of 0 with `closingDebit`; it moves nothing and never expires. */
function closingTransfer(ctx: DomainContext, freeze: Freeze): TransferInput {
  const { currency } = ctx.settings;
  return {
    id: freeze.transferId,
    debitAccountId: freeze.account,
    creditAccountId: operatorAccountId('suspense', currency),
    amount: 0n,
    ledger: ledgerOf(currency),
    code: TransferCode.closure,
    flags: TransferFlags.pending | TransferFlags.closingDebit,
  };
}

/** Shuts the account (idempotent); false when the ledger could not take it now or refused it. */
export async function freezeAccount(ctx: DomainContext, freeze: Freeze): Promise<boolean> {
  const submitted = await ctx.ledger.createTransfers([closingTransfer(ctx, freeze)]);
  const [result] = submitted.ok ? submitted.results : [];
  return result === 'ok' || result === 'exists';
}

/**
 * Reopens an account a closing attempt may have frozen: creates the closing transfer if it never arrived (so a late
 * copy of it finds it `exists` and closes nothing), then voids it. True once the closing transfer is void.
 */
export async function unfreezeAccount(ctx: DomainContext, freeze: Freeze): Promise<boolean> {
  const submitted = await ctx.ledger.createTransfers([
    closingTransfer(ctx, freeze),
    {
      id: freeze.transferId + 1n,
      pendingId: freeze.transferId,
      amount: 0n,
      flags: TransferFlags.voidPendingTransfer,
    },
  ]);
  if (!submitted.ok) return false;
  const [created, voided] = submitted.results;
  const createdOrThere = created === 'ok' || created === 'exists';
  return (
    createdOrThere && (voided === 'ok' || voided === 'exists' || voided === 'pending_transfer_already_voided')
  );
}

/** Whether an account holds any money: a balance, or anything pending either way. */
export function holdsMoney(account: Account | undefined): boolean {
  if (!account) return false;
  const balance = account.creditsPosted - account.debitsPosted;
  return balance !== 0n || account.debitsPending !== 0n || account.creditsPending !== 0n;
}
