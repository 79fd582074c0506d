// Creation of one transfer against the batch state: idempotency, account checks, balances, pending outcomes.
import type { BatchState } from './batch-state.js';
import { expiresAt } from './ledger-view.js';
import {
  checkStaticRules,
  isPostOrVoid,
  type NormalizedTransfer,
  normalizeTransfer,
} from './transfer-input.js';
import {
  type Account,
  AccountFlags,
  AMOUNT_MAX,
  type CreateTransferResult,
  type Transfer,
  TransferFlags,
  type TransferInput,
} from './types.js';

const I64_MAX = (1n << 63n) - 1n;

/** Validates `input` and, when the result is 'ok', applies the transfer to `state`. */
export function createTransfer(state: BatchState, input: TransferInput): CreateTransferResult {
  const t = normalizeTransfer(input);
  const invalid = checkStaticRules(t);
  if (invalid) return invalid;
  const existing = state.transfer(t.id);
  if (existing) return sameAsStored(t, existing) ? 'exists' : 'exists_with_different_fields';
  return isPostOrVoid(t.flags) ? postOrVoid(state, t) : createSimple(state, t);
}

/** Post/void inputs may leave accounts, ledger, code and (post) amount as 0 to mean "as pending". */
function sameAsStored(t: NormalizedTransfer, e: Transfer): boolean {
  const inherits = isPostOrVoid(t.flags);
  const matches = <T>(given: T, stored: T, zero: T) => given === stored || (inherits && given === zero);
  return (
    matches(t.debitAccountId, e.debitAccountId, 0n) &&
    matches(t.creditAccountId, e.creditAccountId, 0n) &&
    matches(t.amount, e.amount, 0n) &&
    matches(t.ledger, e.ledger, 0) &&
    matches(t.code, e.code, 0) &&
    t.pendingId === e.pendingId &&
    t.userData128 === e.userData128 &&
    t.userData64 === e.userData64 &&
    t.userData32 === e.userData32 &&
    t.timeout === e.timeout &&
    t.flags === e.flags
  );
}

function isClosed(account: Account): boolean {
  return (account.flags & AccountFlags.closed) !== 0;
}

function createSimple(state: BatchState, t: NormalizedTransfer): CreateTransferResult {
  const dr = state.account(t.debitAccountId);
  const cr = state.account(t.creditAccountId);
  if (!dr || !cr) return 'account_not_found';
  if (dr.ledger !== cr.ledger || t.ledger !== dr.ledger) return 'ledger_mismatch';
  if (isClosed(dr) || isClosed(cr)) return 'account_closed';
  if (dr.debitsPending + dr.debitsPosted + t.amount > AMOUNT_MAX) return 'overflows_debits';
  if (cr.creditsPending + cr.creditsPosted + t.amount > AMOUNT_MAX) return 'overflows_credits';
  const timestamp = state.peekTimestamp();
  if (t.timeout > 0 && timestamp + BigInt(t.timeout) * 1_000_000_000n > I64_MAX) return 'overflows_timeout';
  if (
    (dr.flags & AccountFlags.debitsMustNotExceedCredits) !== 0 &&
    dr.debitsPending + dr.debitsPosted + t.amount > dr.creditsPosted
  ) {
    return 'exceeds_credits';
  }
  if (
    (cr.flags & AccountFlags.creditsMustNotExceedDebits) !== 0 &&
    cr.creditsPending + cr.creditsPosted + t.amount > cr.debitsPosted
  ) {
    return 'exceeds_debits';
  }
  const pending = (t.flags & TransferFlags.pending) !== 0;
  state.insertTransfer({ ...t, timestamp: state.takeTimestamp() });
  state.updateAccount(
    pending
      ? {
          ...dr,
          debitsPending: dr.debitsPending + t.amount,
          flags: (t.flags & TransferFlags.closingDebit) !== 0 ? dr.flags | AccountFlags.closed : dr.flags,
        }
      : { ...dr, debitsPosted: dr.debitsPosted + t.amount },
  );
  state.updateAccount(
    pending
      ? {
          ...cr,
          creditsPending: cr.creditsPending + t.amount,
          flags: (t.flags & TransferFlags.closingCredit) !== 0 ? cr.flags | AccountFlags.closed : cr.flags,
        }
      : { ...cr, creditsPosted: cr.creditsPosted + t.amount },
  );
  return 'ok';
}

function postOrVoid(state: BatchState, t: NormalizedTransfer): CreateTransferResult {
  const p = state.transfer(t.pendingId);
  if (!p) return 'pending_transfer_not_found';
  if ((p.flags & TransferFlags.pending) === 0) return 'pending_transfer_not_pending';
  if (
    (t.debitAccountId !== 0n && t.debitAccountId !== p.debitAccountId) ||
    (t.creditAccountId !== 0n && t.creditAccountId !== p.creditAccountId) ||
    (t.ledger !== 0 && t.ledger !== p.ledger) ||
    (t.code !== 0 && t.code !== p.code)
  ) {
    return 'pending_transfer_has_different_fields';
  }
  const posting = (t.flags & TransferFlags.postPendingTransfer) !== 0;
  if (posting && t.amount > p.amount) return 'exceeds_pending_transfer_amount';
  if (!posting && t.amount !== 0n && t.amount !== p.amount) return 'pending_transfer_has_different_fields';
  const outcome = state.outcome(p.id);
  if (outcome === 'posted') return 'pending_transfer_already_posted';
  if (outcome === 'voided') return 'pending_transfer_already_voided';
  const expiry = expiresAt(p);
  if (outcome === 'expired' || (expiry !== undefined && expiry <= state.peekTimestamp())) {
    return 'pending_transfer_expired';
  }
  const amount = posting ? (t.amount === 0n ? p.amount : t.amount) : p.amount;
  const timestamp = state.takeTimestamp();
  state.insertTransfer({
    ...t,
    debitAccountId: p.debitAccountId,
    creditAccountId: p.creditAccountId,
    ledger: p.ledger,
    code: p.code,
    amount,
    timestamp,
  });
  state.recordOutcome({ pendingId: p.id, state: posting ? 'posted' : 'voided', timestamp });
  releasePending(state, p, posting ? amount : undefined);
  return 'ok';
}

/**
 * Takes a pending transfer's amount off both accounts' pending balances, posts `posted` (undefined for a
 * void or an expiry), and reopens accounts it closed unless it was posted.
 */
export function releasePending(state: BatchState, p: Transfer, posted: bigint | undefined): void {
  const reopen = posted === undefined;
  const postedAmount = posted ?? 0n;
  const dr = state.account(p.debitAccountId);
  const cr = state.account(p.creditAccountId);
  if (!dr || !cr) throw new Error(`ledger corrupt: accounts of pending transfer ${p.id} missing`);
  state.updateAccount({
    ...dr,
    debitsPending: dr.debitsPending - p.amount,
    debitsPosted: dr.debitsPosted + postedAmount,
    flags:
      reopen && (p.flags & TransferFlags.closingDebit) !== 0 ? dr.flags & ~AccountFlags.closed : dr.flags,
  });
  state.updateAccount({
    ...cr,
    creditsPending: cr.creditsPending - p.amount,
    creditsPosted: cr.creditsPosted + postedAmount,
    flags:
      reopen && (p.flags & TransferFlags.closingCredit) !== 0 ? cr.flags & ~AccountFlags.closed : cr.flags,
  });
}
