// Closing an account in the ledger: a pending closing transfer of 0 shuts it to every transfer; its void reopens it.
import { type Account, TransferFlags, type TransferInput } from '../../ledger/types.js';
import type { DomainContext } from '../context.js';
import { ledgerOf, operatorAccountId, TransferCode } from './accounts.js';

/** Which account a closing transfer shuts, and for how long (seconds; 0: until it is voided). */
export interface Freeze {
  transferId: bigint;
  account: bigint;
  timeoutSeconds?: number;
}

/** TigerBeetle's recipe: a pending transfer of 0 with `closingDebit`; it moves nothing. */
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
    timeout: freeze.timeoutSeconds ?? 0,
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

/**
 * Makes a freeze with a timeout permanent by posting its closing transfer (a post keeps the account closed). False
 * when the freeze is gone (expired or voided: the account reopened) or the ledger could not take it now.
 */
export async function sealFreeze(ctx: DomainContext, freeze: Freeze): Promise<boolean> {
  const submitted = await ctx.ledger.createTransfers([
    {
      id: freeze.transferId + 2n,
      pendingId: freeze.transferId,
      amount: 0n,
      flags: TransferFlags.postPendingTransfer,
    },
  ]);
  const [posted] = submitted.ok ? submitted.results : [];
  return posted === 'ok' || posted === 'exists' || posted === 'pending_transfer_already_posted';
}

/** Whether an account holds any money: a balance, or anything pending either way. */
export function holdsMoney(account: Account | undefined): boolean {
  if (!account) return false;
  const balance = account.creditsPosted - account.debitsPosted;
  return balance !== 0n || account.debitsPending !== 0n || account.creditsPending !== 0n;
}
