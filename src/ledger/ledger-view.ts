// What the ledger state machine reads (a synchronous view of stored state) and what it writes back.
import type { Account, Id, PendingState, Transfer } from './types.js';

/** A pending transfer's final outcome, recorded once (insert-only). */
export interface PendingOutcome {
  pendingId: Id;
  state: Exclude<PendingState, 'pending'>;
  timestamp: bigint;
}

/** Stored state as the state machine needs it. Reads must reflect everything committed before. */
export interface LedgerView {
  account(id: Id): Account | undefined;
  transfer(id: Id): Transfer | undefined;
  /** The recorded outcome of a pending transfer, if it has one. */
  outcome(pendingId: Id): PendingOutcome['state'] | undefined;
  /** The greatest timestamp assigned so far (0n on an empty ledger). */
  lastTimestamp(): bigint;
  /** Every pending transfer expiring at or before this instant has been expired already. */
  expiryWatermark(): bigint;
}

/** Everything one batch changes; an adapter writes it in the same transaction it read the view in. */
export interface WriteSet {
  newAccounts: Account[];
  /** Final state of pre-existing accounts whose balances or closed flag changed. */
  updatedAccounts: Account[];
  newTransfers: Transfer[];
  outcomes: PendingOutcome[];
  /** The greatest timestamp used by this batch (unchanged if the batch used none). */
  lastTimestamp: bigint;
  /** The new expiry watermark: never above lastTimestamp, so later pending transfers always expire after it. */
  expiryWatermark: bigint;
}

/** Nanosecond instant at which a pending transfer expires, or undefined when it never does. */
export function expiresAt(transfer: Transfer): bigint | undefined {
  return transfer.timeout > 0 ? transfer.timestamp + BigInt(transfer.timeout) * 1_000_000_000n : undefined;
}

/** The first timestamp a batch gets: its clock reading, or just after the last one if the clock is behind. */
export function firstTimestamp(now: bigint, lastTimestamp: bigint): bigint {
  return now > lastTimestamp ? now : lastTimestamp + 1n;
}
