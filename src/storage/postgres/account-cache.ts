// Accounts as of a known ledger version, so a batch need not fetch them again while no other process writes.
import type { WriteSet } from '../../ledger/ledger-view.js';
import type { Account, Id } from '../../ledger/types.js';

export class VersionedAccountCache {
  private readonly accounts = new Map<Id, Account>();
  /** The ledger's last_timestamp at which every cached account is exact. */
  private version: bigint | undefined;

  constructor(private readonly limit: number) {}

  /** The ledger version the cache claims, for the snapshot to check. */
  claimedVersion(): bigint | undefined {
    return this.version;
  }

  /** Splits ids into those to fetch and those the cache holds (fetched anyway if the ledger moved). */
  split(ids: Iterable<Id>): { fetch: Id[]; cached: Id[] } {
    const fetch: Id[] = [];
    const cached: Id[] = [];
    for (const id of ids) (this.accounts.has(id) ? cached : fetch).push(id);
    return { fetch, cached };
  }

  /** Takes a snapshot's accounts; if the ledger moved since our version, everything cached was stale. */
  observe(last: bigint, fresh: Iterable<Account>): void {
    if (last !== this.version) {
      this.accounts.clear();
      this.version = last;
    }
    for (const account of fresh) this.accounts.set(account.id, account);
  }

  get(id: Id): Account | undefined {
    return this.accounts.get(id);
  }

  /** After our own batch committed: its accounts are the new truth, at its last timestamp. */
  committed(writes: WriteSet): void {
    if (this.accounts.size > this.limit) this.accounts.clear();
    for (const account of writes.newAccounts) this.accounts.set(account.id, account);
    for (const account of writes.updatedAccounts) this.accounts.set(account.id, account);
    this.version = writes.lastTimestamp;
  }

  /** After a conflict or an error nothing cached can be trusted. */
  invalidate(): void {
    this.accounts.clear();
    this.version = undefined;
  }
}
