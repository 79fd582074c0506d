// The ledger's data model: accounts, transfers, their flags and the result codes of every operation.

/** u128 identifiers (TigerBeetle-style); 0 and 2^128-1 are reserved. */
export type Id = bigint;

export const ID_MAX = (1n << 128n) - 1n;
/** Amounts and balances are signed-64-bit-safe non-negative integers of minor units. */
export const AMOUNT_MAX = (1n << 63n) - 1n;
/** Pending-transfer timeouts are whole seconds, at most this many (about 68 years). */
export const TIMEOUT_MAX = 2 ** 31 - 1;

export const AccountFlags = {
  none: 0,
  linked: 1 << 0,
  debitsMustNotExceedCredits: 1 << 1,
  creditsMustNotExceedDebits: 1 << 2,
  closed: 1 << 3,
} as const;
export const ACCOUNT_FLAGS_ALL = 0b1111;

export const TransferFlags = {
  none: 0,
  linked: 1 << 0,
  pending: 1 << 1,
  postPendingTransfer: 1 << 2,
  voidPendingTransfer: 1 << 3,
  /** Closes the debit account once this pending transfer exists; voiding it reopens the account. */
  closingDebit: 1 << 4,
  /** Closes the credit account once this pending transfer exists; voiding it reopens the account. */
  closingCredit: 1 << 5,
} as const;
export const TRANSFER_FLAGS_ALL = 0b111111;

export interface AccountInput {
  id: Id;
  ledger: number;
  code: number;
  flags?: number;
  userData128?: bigint;
  userData64?: bigint;
  userData32?: number;
}

export interface Account {
  id: Id;
  ledger: number;
  code: number;
  flags: number;
  userData128: bigint;
  userData64: bigint;
  userData32: number;
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
  /** Nanoseconds since the Unix epoch, assigned by the ledger, strictly increasing. */
  timestamp: bigint;
}

export interface TransferInput {
  id: Id;
  /** May be 0 on post/void: taken from the pending transfer. */
  debitAccountId?: Id;
  /** May be 0 on post/void: taken from the pending transfer. */
  creditAccountId?: Id;
  /** On post: 0 posts the full pending amount, less posts part of it. On void: 0 or the pending amount. */
  amount: bigint;
  pendingId?: Id;
  userData128?: bigint;
  userData64?: bigint;
  userData32?: number;
  /** Seconds until a pending transfer expires; 0 = never. Only for pending transfers. */
  timeout?: number;
  /** May be 0 on post/void: taken from the pending transfer. */
  ledger?: number;
  /** May be 0 on post/void: taken from the pending transfer. */
  code?: number;
  flags?: number;
}

export interface Transfer {
  id: Id;
  debitAccountId: Id;
  creditAccountId: Id;
  amount: bigint;
  pendingId: Id;
  userData128: bigint;
  userData64: bigint;
  userData32: number;
  timeout: number;
  ledger: number;
  code: number;
  flags: number;
  timestamp: bigint;
}

/** What became of a pending transfer. */
export type PendingState = 'pending' | 'posted' | 'voided' | 'expired';

export type CreateAccountResult =
  | 'ok'
  | 'linked_event_failed'
  | 'linked_event_chain_open'
  | 'reserved_flag'
  | 'id_must_not_be_zero'
  | 'id_must_not_be_int_max'
  | 'flags_are_mutually_exclusive'
  | 'ledger_must_not_be_zero'
  | 'code_must_not_be_zero'
  | 'invalid_field'
  | 'exists_with_different_fields'
  | 'exists';

export type CreateTransferResult =
  | 'ok'
  | 'linked_event_failed'
  | 'linked_event_chain_open'
  | 'reserved_flag'
  | 'invalid_field'
  | 'id_must_not_be_zero'
  | 'id_must_not_be_int_max'
  | 'flags_are_mutually_exclusive'
  | 'debit_account_id_must_not_be_zero'
  | 'credit_account_id_must_not_be_zero'
  | 'accounts_must_be_different'
  | 'pending_id_must_be_zero'
  | 'pending_id_must_not_be_zero'
  | 'pending_id_must_be_different'
  | 'timeout_reserved_for_pending_transfer'
  | 'closing_transfer_must_be_pending'
  | 'amount_must_be_positive'
  | 'ledger_must_not_be_zero'
  | 'code_must_not_be_zero'
  | 'exists_with_different_fields'
  | 'exists'
  | 'account_not_found'
  | 'account_closed'
  | 'ledger_mismatch'
  | 'pending_transfer_not_found'
  | 'pending_transfer_not_pending'
  | 'pending_transfer_has_different_fields'
  | 'exceeds_pending_transfer_amount'
  | 'pending_transfer_already_posted'
  | 'pending_transfer_already_voided'
  | 'pending_transfer_expired'
  | 'overflows_debits'
  | 'overflows_credits'
  | 'overflows_timeout'
  | 'exceeds_credits'
  | 'exceeds_debits';

/** Filter for an account's transfers, newest or oldest first, with cursor pagination by timestamp. */
export interface AccountTransfersFilter {
  accountId: Id;
  /** Inclusive lower bound (ns); 0 = none. */
  timestampMin?: bigint;
  /** Inclusive upper bound (ns); 0 = none. */
  timestampMax?: bigint;
  limit: number;
  reversed?: boolean;
  /** Which side(s) of the account to include; both by default. */
  debits?: boolean;
  credits?: boolean;
}

export interface AccountBalance {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
  timestamp: bigint;
}
