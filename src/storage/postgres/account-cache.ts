// Accounts as of a known ledger version, so a batch need not fetch them again while no other process writes.
import { expiresAt, firstTimestamp, type LedgerView, type WriteSet } from '../../ledger/ledger-view.js';
import type { Account, Id } from '../../ledger/types.js';

/** What a snapshot said about the ledger as a whole. */
export interface LedgerPosition {
  last: bigint;
  watermark: bigint;
  /** The earliest expiry of any pending transfer after the snapshot's batch start (undefined: none). */
  nextExpiry: bigint | undefined;
}

export class VersionedAccountCache {
  private readonly accounts = new Map<Id, Account>();
  /** The ledger position at which every cached account is exact (undefined: nothing can be trusted). */
  private position: LedgerPosition | undefined;

  constructor(private readonly limit: number) {}

  /** The ledger version the cache claims, for the snapshot to check. */
  claimedVersion(): bigint | undefined {
    return this.position?.last;
  }

  /** Splits ids into those to fetch and those the cache holds (fetched anyway if the ledger moved). */
  split(ids: Iterable<Id>): { fetch: Id[]; cached: Id[] } {
    const fetch: Id[] = [];
    const cached: Id[] = [];
    for (const id of ids) (this.accounts.has(id) ? cached : fetch).push(id);
    return { fetch, cached };
  }

  /** Takes a snapshot's accounts; if the ledger moved since our version, everything cached was stale. */
  observe(position: LedgerPosition, fresh: Iterable<Account>): void {
    if (position.last !== this.position?.last) this.accounts.clear();
    this.position = position;
    for (const account of fresh) this.accounts.set(account.id, account);
  }

  get(id: Id): Account | undefined {
    return this.accounts.get(id);
  }

  /**
   * A view for a batch of new plain transfers, with no snapshot at all: valid when every account is cached
   * and nothing can be due at `now`. It takes every transfer id as new; the write refuses a duplicate id
   * (unique violation) and the ledger version, so a wrong guess costs a retry, never a wrong answer.
   */
  viewWithoutSnapshot(accountIds: Iterable<Id>, now: bigint): LedgerView | undefined {
    const position = this.position;
    if (!position) return undefined;
    const start = firstTimestamp(now, position.last);
    if (position.nextExpiry !== undefined && position.nextExpiry <= start) return undefined;
    for (const id of accountIds) if (!this.accounts.has(id)) return undefined;
    return {
      account: (id) => this.accounts.get(id),
      transfer: () => undefined,
      outcome: () => undefined,
      lastTimestamp: () => position.last,
      expiryWatermark: () => position.watermark,
    };
  }

  /** After our own batch committed: its accounts are the new truth, at its last timestamp. */
  committed(writes: WriteSet): void {
    if (!this.position) return;
    if (this.accounts.size > this.limit) this.accounts.clear();
    for (const account of writes.newAccounts) this.accounts.set(account.id, account);
    for (const account of writes.updatedAccounts) this.accounts.set(account.id, account);
    let nextExpiry = this.position.nextExpiry;
    for (const transfer of writes.newTransfers) {
      const expiry = expiresAt(transfer);
      if (expiry !== undefined && (nextExpiry === undefined || expiry < nextExpiry)) nextExpiry = expiry;
    }
    this.position = { last: writes.lastTimestamp, watermark: writes.expiryWatermark, nextExpiry };
  }

  /** After a conflict or an error nothing cached can be trusted. */
  invalidate(): void {
    this.accounts.clear();
    this.position = undefined;
  }
}
