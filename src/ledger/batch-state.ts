// Copy-on-write overlay over a LedgerView for one batch, with savepoints to undo a failed linked chain.
import { firstTimestamp, type LedgerView, type PendingOutcome, type WriteSet } from './ledger-view.js';
import type { Account, Id, Transfer } from './types.js';

type Undo = () => void;

export interface Savepoint {
  undo: number;
  nextTimestamp: bigint;
}

export class BatchState {
  private readonly accounts = new Map<Id, { account: Account; isNew: boolean }>();
  private readonly transfers = new Map<Id, Transfer>();
  private readonly outcomes = new Map<Id, PendingOutcome>();
  /** Undo steps of the open linked chain; nothing is recorded outside a chain, where nothing is undone. */
  private readonly undoLog: Undo[] = [];
  private recording = false;
  private nextTimestamp: bigint;
  private readonly batchStart: bigint;

  constructor(
    private readonly view: LedgerView,
    now: bigint,
  ) {
    this.nextTimestamp = firstTimestamp(now, view.lastTimestamp());
    this.batchStart = this.nextTimestamp;
  }

  /** Takes the next strictly increasing timestamp (a rolled-back chain gives its timestamps back). */
  takeTimestamp(): bigint {
    const ts = this.nextTimestamp;
    this.nextTimestamp += 1n;
    return ts;
  }

  /** The timestamp the next event would get (used to judge expiry). */
  peekTimestamp(): bigint {
    return this.nextTimestamp;
  }

  account(id: Id): Account | undefined {
    return this.accounts.get(id)?.account ?? this.view.account(id);
  }

  transfer(id: Id): Transfer | undefined {
    return this.transfers.get(id) ?? this.view.transfer(id);
  }

  outcome(pendingId: Id): PendingOutcome['state'] | undefined {
    return this.outcomes.get(pendingId)?.state ?? this.view.outcome(pendingId);
  }

  insertAccount(account: Account): void {
    this.accounts.set(account.id, { account, isNew: true });
    if (this.recording) this.undoLog.push(() => this.accounts.delete(account.id));
  }

  /** Replaces an account's state (balances, closed flag) with `next`. */
  updateAccount(next: Account): void {
    const previous = this.accounts.get(next.id);
    this.accounts.set(next.id, { account: next, isNew: previous?.isNew ?? false });
    if (this.recording) {
      this.undoLog.push(() => {
        if (previous) this.accounts.set(next.id, previous);
        else this.accounts.delete(next.id);
      });
    }
  }

  insertTransfer(transfer: Transfer): void {
    this.transfers.set(transfer.id, transfer);
    if (this.recording) this.undoLog.push(() => this.transfers.delete(transfer.id));
  }

  recordOutcome(outcome: PendingOutcome): void {
    this.outcomes.set(outcome.pendingId, outcome);
    if (this.recording) this.undoLog.push(() => this.outcomes.delete(outcome.pendingId));
  }

  /** Starts recording undo steps for a linked chain. */
  savepoint(): Savepoint {
    this.recording = true;
    return { undo: this.undoLog.length, nextTimestamp: this.nextTimestamp };
  }

  /** The chain applied whole: its undo steps are no longer needed. */
  release(): void {
    this.recording = false;
    this.undoLog.length = 0;
  }

  /** Undoes every change since `savepoint`, timestamps included: undone items were never created. */
  rollbackTo(savepoint: Savepoint): void {
    while (this.undoLog.length > savepoint.undo) this.undoLog.pop()?.();
    this.nextTimestamp = savepoint.nextTimestamp;
    this.release();
  }

  /** Every change of the batch, in insertion order; the last timestamp covers all timestamps taken. */
  writeSet(): WriteSet {
    const newAccounts: Account[] = [];
    const updatedAccounts: Account[] = [];
    for (const { account, isNew } of this.accounts.values()) {
      (isNew ? newAccounts : updatedAccounts).push(account);
    }
    const lastTimestamp =
      this.nextTimestamp > this.batchStart ? this.nextTimestamp - 1n : this.view.lastTimestamp();
    // Everything due up to the batch start was expired, but the watermark must stay at or below the last
    // timestamp: pending transfers created later (even with an earlier clock) must still be found.
    const reached = this.batchStart < lastTimestamp ? this.batchStart : lastTimestamp;
    const previous = this.view.expiryWatermark();
    return {
      newAccounts,
      updatedAccounts,
      newTransfers: [...this.transfers.values()],
      outcomes: [...this.outcomes.values()],
      lastTimestamp,
      expiryWatermark: reached > previous ? reached : previous,
    };
  }
}
