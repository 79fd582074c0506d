// Validation and creation of one account against the batch state (TigerBeetle's create_accounts rules).
import type { BatchState } from './batch-state.js';
import { isU64, isU128, isUint } from './field-ranges.js';
import {
  ACCOUNT_FLAGS_ALL,
  type Account,
  AccountFlags,
  type AccountInput,
  type CreateAccountResult,
  ID_MAX,
} from './types.js';

/** The account as it would be stored, with defaults filled in and zero balances. */
function normalize(input: AccountInput): Omit<Account, 'timestamp'> {
  return {
    id: input.id,
    ledger: input.ledger,
    code: input.code,
    flags: input.flags ?? 0,
    userData128: input.userData128 ?? 0n,
    userData64: input.userData64 ?? 0n,
    userData32: input.userData32 ?? 0,
    debitsPending: 0n,
    debitsPosted: 0n,
    creditsPending: 0n,
    creditsPosted: 0n,
  };
}

function fieldsInRange(a: Omit<Account, 'timestamp'>): boolean {
  return (
    isU128(a.id) &&
    isU128(a.userData128) &&
    isU64(a.userData64) &&
    isUint(a.userData32, 32) &&
    isUint(a.ledger, 32) &&
    isUint(a.code, 16) &&
    isUint(a.flags, 32)
  );
}

function sameFields(a: Omit<Account, 'timestamp'>, stored: Account): boolean {
  return (
    a.ledger === stored.ledger &&
    a.code === stored.code &&
    // `closed` can change after creation (closing transfers), so a replay ignores it.
    (a.flags & ~AccountFlags.closed) === (stored.flags & ~AccountFlags.closed) &&
    a.userData128 === stored.userData128 &&
    a.userData64 === stored.userData64 &&
    a.userData32 === stored.userData32
  );
}

/** Validates `input` and, when the result is 'ok', inserts the account into `state`. */
export function createAccount(state: BatchState, input: AccountInput): CreateAccountResult {
  const a = normalize(input);
  if (!fieldsInRange(a)) return 'invalid_field';
  if ((a.flags & ~ACCOUNT_FLAGS_ALL) !== 0) return 'reserved_flag';
  if (a.id === 0n) return 'id_must_not_be_zero';
  if (a.id === ID_MAX) return 'id_must_not_be_int_max';
  const bothLimits = AccountFlags.debitsMustNotExceedCredits | AccountFlags.creditsMustNotExceedDebits;
  if ((a.flags & bothLimits) === bothLimits) return 'flags_are_mutually_exclusive';
  if (a.ledger === 0) return 'ledger_must_not_be_zero';
  if (a.code === 0) return 'code_must_not_be_zero';
  const existing = state.account(a.id);
  if (existing) return sameFields(a, existing) ? 'exists' : 'exists_with_different_fields';
  state.insertAccount({ ...a, timestamp: state.takeTimestamp() });
  return 'ok';
}
