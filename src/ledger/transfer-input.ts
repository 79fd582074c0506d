// Normalizes a transfer input (defaults filled in) and checks its field ranges and static rules.
import { isU64, isU128, isUint } from './field-ranges.js';
import {
  AMOUNT_MAX,
  type CreateTransferResult,
  ID_MAX,
  TIMEOUT_MAX,
  TRANSFER_FLAGS_ALL,
  type Transfer,
  TransferFlags,
  type TransferInput,
} from './types.js';

/** A transfer input with every field present; `timestamp` is assigned when it is applied. */
export type NormalizedTransfer = Omit<Transfer, 'timestamp'>;

export function normalizeTransfer(input: TransferInput): NormalizedTransfer {
  return {
    id: input.id,
    debitAccountId: input.debitAccountId ?? 0n,
    creditAccountId: input.creditAccountId ?? 0n,
    amount: input.amount,
    pendingId: input.pendingId ?? 0n,
    userData128: input.userData128 ?? 0n,
    userData64: input.userData64 ?? 0n,
    userData32: input.userData32 ?? 0,
    timeout: input.timeout ?? 0,
    ledger: input.ledger ?? 0,
    code: input.code ?? 0,
    flags: input.flags ?? 0,
  };
}

export function isPostOrVoid(flags: number): boolean {
  return (flags & (TransferFlags.postPendingTransfer | TransferFlags.voidPendingTransfer)) !== 0;
}

function fieldsInRange(t: NormalizedTransfer): boolean {
  return (
    isU128(t.id) &&
    isU128(t.debitAccountId) &&
    isU128(t.creditAccountId) &&
    isU128(t.pendingId) &&
    isU128(t.userData128) &&
    isU64(t.userData64) &&
    isUint(t.userData32, 32) &&
    Number.isInteger(t.timeout) &&
    t.timeout >= 0 &&
    t.timeout <= TIMEOUT_MAX &&
    isUint(t.ledger, 32) &&
    isUint(t.code, 16) &&
    isUint(t.flags, 32) &&
    t.amount <= AMOUNT_MAX
  );
}

function countSet(flags: number, mask: number): number {
  let n = 0;
  for (let bit = 1; bit <= mask; bit <<= 1) if ((flags & mask & bit) !== 0) n += 1;
  return n;
}

/** A closing transfer (TigerBeetle's recipe for closing an account) may move nothing: its amount may be 0. */
function isClosing(flags: number): boolean {
  return (flags & (TransferFlags.closingDebit | TransferFlags.closingCredit)) !== 0;
}

/** Rules that need no stored state, in TigerBeetle's order; undefined when the input passes them. */
export function checkStaticRules(t: NormalizedTransfer): CreateTransferResult | undefined {
  if (!fieldsInRange(t)) return 'invalid_field';
  if ((t.flags & ~TRANSFER_FLAGS_ALL) !== 0) return 'reserved_flag';
  if (t.id === 0n) return 'id_must_not_be_zero';
  if (t.id === ID_MAX) return 'id_must_not_be_int_max';
  const kinds = TransferFlags.pending | TransferFlags.postPendingTransfer | TransferFlags.voidPendingTransfer;
  if (countSet(t.flags, kinds) > 1) return 'flags_are_mutually_exclusive';
  if (isClosing(t.flags) && (t.flags & TransferFlags.pending) === 0) {
    return 'closing_transfer_must_be_pending';
  }
  return isPostOrVoid(t.flags) ? checkPostOrVoid(t) : checkSimple(t);
}

function checkSimple(t: NormalizedTransfer): CreateTransferResult | undefined {
  if (t.debitAccountId === 0n) return 'debit_account_id_must_not_be_zero';
  if (t.creditAccountId === 0n) return 'credit_account_id_must_not_be_zero';
  if (t.debitAccountId === t.creditAccountId) return 'accounts_must_be_different';
  if (t.pendingId !== 0n) return 'pending_id_must_be_zero';
  if (t.timeout !== 0 && (t.flags & TransferFlags.pending) === 0)
    return 'timeout_reserved_for_pending_transfer';
  if (t.amount < 0n || (t.amount === 0n && !isClosing(t.flags))) return 'amount_must_be_positive';
  if (t.ledger === 0) return 'ledger_must_not_be_zero';
  if (t.code === 0) return 'code_must_not_be_zero';
  return undefined;
}

function checkPostOrVoid(t: NormalizedTransfer): CreateTransferResult | undefined {
  if (t.pendingId === 0n) return 'pending_id_must_not_be_zero';
  if (t.pendingId === t.id) return 'pending_id_must_be_different';
  if (t.timeout !== 0) return 'timeout_reserved_for_pending_transfer';
  if (t.amount < 0n) return 'amount_must_be_positive';
  return undefined;
}
