// The reference model's static checks of account and transfer inputs, written from the ledger README only.
// It repeats parts of src/ledger on purpose: an independent second implementation is what gives the model test its worth.
import {
  ACCOUNT_FLAGS_ALL,
  AccountFlags,
  type AccountInput,
  AMOUNT_MAX,
  type CreateAccountResult,
  type CreateTransferResult,
  ID_MAX,
  TIMEOUT_MAX,
  TRANSFER_FLAGS_ALL,
  type Transfer,
  TransferFlags,
  type TransferInput,
} from '../../ledger/types.js';

/** A transfer input with every omitted field made 0, shaped like a stored transfer without a timestamp. */
export type TransferFields = Omit<Transfer, 'timestamp'>;

const u128 = (v: bigint) => v >= 0n && v <= ID_MAX;
const u64 = (v: bigint) => v >= 0n && v < 1n << 64n;
const uint = (v: number, bits: number) => Number.isInteger(v) && v >= 0 && v < 2 ** bits;
const has = (flags: number, flag: number) => Math.floor(flags / flag) % 2 === 1;

export function hasFlag(flags: number, flag: number): boolean {
  return has(flags, flag);
}

export function normalizeTransfer(t: TransferInput): TransferFields {
  return {
    id: t.id,
    debitAccountId: t.debitAccountId ?? 0n,
    creditAccountId: t.creditAccountId ?? 0n,
    amount: t.amount,
    pendingId: t.pendingId ?? 0n,
    userData128: t.userData128 ?? 0n,
    userData64: t.userData64 ?? 0n,
    userData32: t.userData32 ?? 0,
    timeout: t.timeout ?? 0,
    ledger: t.ledger ?? 0,
    code: t.code ?? 0,
    flags: t.flags ?? 0,
  };
}

/** Account checks 1–5 of the README, first failure wins; undefined when the input is well-formed. */
export function accountStaticCheck(a: AccountInput): CreateAccountResult | undefined {
  const flags = a.flags ?? 0;
  const fieldsValid =
    u128(a.id) &&
    u128(a.userData128 ?? 0n) &&
    u64(a.userData64 ?? 0n) &&
    uint(a.userData32 ?? 0, 32) &&
    uint(a.ledger, 32) &&
    uint(flags, 32) &&
    uint(a.code, 16);
  if (!fieldsValid) return 'invalid_field';
  if (flags > ACCOUNT_FLAGS_ALL) return 'reserved_flag';
  if (a.id === 0n) return 'id_must_not_be_zero';
  if (a.id === ID_MAX) return 'id_must_not_be_int_max';
  if (
    has(flags, AccountFlags.debitsMustNotExceedCredits) &&
    has(flags, AccountFlags.creditsMustNotExceedDebits)
  ) {
    return 'flags_are_mutually_exclusive';
  }
  if (a.ledger === 0) return 'ledger_must_not_be_zero';
  if (a.code === 0) return 'code_must_not_be_zero';
  return undefined;
}

export function isPostOrVoid(flags: number): boolean {
  return has(flags, TransferFlags.postPendingTransfer) || has(flags, TransferFlags.voidPendingTransfer);
}

/** Transfer checks 1–4 of the README, first failure wins; undefined when the input is well-formed. */
export function transferStaticCheck(t: TransferFields): CreateTransferResult | undefined {
  const fieldsValid =
    u128(t.id) &&
    u128(t.debitAccountId) &&
    u128(t.creditAccountId) &&
    u128(t.pendingId) &&
    u128(t.userData128) &&
    u64(t.userData64) &&
    uint(t.userData32, 32) &&
    uint(t.ledger, 32) &&
    uint(t.flags, 32) &&
    uint(t.code, 16) &&
    Number.isInteger(t.timeout) &&
    t.timeout >= 0 &&
    t.timeout <= TIMEOUT_MAX &&
    t.amount <= AMOUNT_MAX;
  if (!fieldsValid) return 'invalid_field';
  if (t.flags > TRANSFER_FLAGS_ALL) return 'reserved_flag';
  if (t.id === 0n) return 'id_must_not_be_zero';
  if (t.id === ID_MAX) return 'id_must_not_be_int_max';
  const kinds = [TransferFlags.pending, TransferFlags.postPendingTransfer, TransferFlags.voidPendingTransfer];
  if (kinds.filter((flag) => has(t.flags, flag)).length > 1) return 'flags_are_mutually_exclusive';
  const closing = has(t.flags, TransferFlags.closingDebit) || has(t.flags, TransferFlags.closingCredit);
  if (closing && !has(t.flags, TransferFlags.pending)) return 'closing_transfer_must_be_pending';
  return isPostOrVoid(t.flags) ? resolvingCheck(t) : movingCheck(t);
}

/** Check 4 for a plain or pending transfer. */
function movingCheck(t: TransferFields): CreateTransferResult | undefined {
  if (t.debitAccountId === 0n) return 'debit_account_id_must_not_be_zero';
  if (t.creditAccountId === 0n) return 'credit_account_id_must_not_be_zero';
  if (t.debitAccountId === t.creditAccountId) return 'accounts_must_be_different';
  if (t.pendingId !== 0n) return 'pending_id_must_be_zero';
  if (t.timeout !== 0 && !has(t.flags, TransferFlags.pending)) return 'timeout_reserved_for_pending_transfer';
  const closing = has(t.flags, TransferFlags.closingDebit) || has(t.flags, TransferFlags.closingCredit);
  if (t.amount < 0n || (t.amount === 0n && !closing)) return 'amount_must_be_positive';
  if (t.ledger === 0) return 'ledger_must_not_be_zero';
  if (t.code === 0) return 'code_must_not_be_zero';
  return undefined;
}

/** Check 4 for a post or void of a pending transfer. */
function resolvingCheck(t: TransferFields): CreateTransferResult | undefined {
  if (t.pendingId === 0n) return 'pending_id_must_not_be_zero';
  if (t.pendingId === t.id) return 'pending_id_must_be_different';
  if (t.timeout !== 0) return 'timeout_reserved_for_pending_transfer';
  if (t.amount < 0n) return 'amount_must_be_positive';
  return undefined;
}

/** Check 5: how an input compares with the stored transfer of the same id. */
export function transferExistsResult(
  t: TransferFields,
  stored: Transfer,
): 'exists' | 'exists_with_different_fields' {
  const resolved = isPostOrVoid(t.flags);
  const same = <V>(input: V, kept: V, zero: V) => input === kept || (resolved && input === zero);
  const equal =
    t.pendingId === stored.pendingId &&
    t.userData128 === stored.userData128 &&
    t.userData64 === stored.userData64 &&
    t.userData32 === stored.userData32 &&
    t.timeout === stored.timeout &&
    t.flags === stored.flags &&
    same(t.debitAccountId, stored.debitAccountId, 0n) &&
    same(t.creditAccountId, stored.creditAccountId, 0n) &&
    same(t.amount, stored.amount, 0n) &&
    same(t.ledger, stored.ledger, 0) &&
    same(t.code, stored.code, 0);
  return equal ? 'exists' : 'exists_with_different_fields';
}

/** Check 6 for accounts: ledger, code, user data and flags (ignoring `closed`) must all match. */
export function accountExistsResult(
  a: AccountInput,
  stored: {
    ledger: number;
    code: number;
    flags: number;
    userData128: bigint;
    userData64: bigint;
    userData32: number;
  },
): 'exists' | 'exists_with_different_fields' {
  const withoutClosed = (flags: number) =>
    has(flags, AccountFlags.closed) ? flags - AccountFlags.closed : flags;
  const equal =
    a.ledger === stored.ledger &&
    a.code === stored.code &&
    (a.userData128 ?? 0n) === stored.userData128 &&
    (a.userData64 ?? 0n) === stored.userData64 &&
    (a.userData32 ?? 0) === stored.userData32 &&
    withoutClosed(a.flags ?? 0) === withoutClosed(stored.flags);
  return equal ? 'exists' : 'exists_with_different_fields';
}
