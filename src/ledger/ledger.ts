// The ledger service: group-committed writes, read queries, and a timer that expires pending transfers.
import type { LedgerStore } from '../storage/port.js';
import { createGroupCommit, type GroupCommit, type GroupCommitOptions } from './group-commit.js';
import type { Account, AccountBalance, AccountTransfersFilter, Id, PendingState, Transfer } from './types.js';

/** Most transfers one page of an account's history may return. */
export const MAX_PAGE = 8190;

export interface LedgerOptions {
  maxBatch?: number;
  maxQueue?: number;
  clock?: () => bigint;
  /** How often pending transfers past their timeout are voided (ms); 0 turns the timer off. */
  expiryIntervalMs?: number;
  onCommit?: GroupCommitOptions['onCommit'];
}

export interface Ledger extends Pick<GroupCommit, 'createAccounts' | 'createTransfers' | 'queued'> {
  lookupAccounts(ids: Id[]): Promise<Account[]>;
  lookupTransfers(ids: Id[]): Promise<Transfer[]>;
  pendingState(id: Id): Promise<PendingState | undefined>;
  getAccountTransfers(filter: AccountTransfersFilter): Promise<Transfer[]>;
  getAccountBalanceAt(accountId: Id, timestamp: bigint): Promise<AccountBalance | undefined>;
  expirePendingTransfers(): Promise<number>;
  /** Stops taking work and waits until everything accepted is committed. Does not close the store. */
  close(): Promise<void>;
}

/** Wall-clock time in nanoseconds since the Unix epoch. */
export function systemClock(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

export function createLedger(store: LedgerStore, options: LedgerOptions = {}): Ledger {
  const clock = options.clock ?? systemClock;
  const engine = createGroupCommit(store, {
    maxBatch: options.maxBatch ?? 8190,
    maxQueue: options.maxQueue ?? 100_000,
    clock,
    onCommit: options.onCommit,
  });
  const interval = options.expiryIntervalMs ?? 1000;
  let expiring: Promise<number> | undefined;
  const expire = () => {
    expiring ??= store.expirePendingTransfers(clock()).finally(() => {
      expiring = undefined;
    });
    return expiring;
  };
  const timer = interval > 0 ? setInterval(() => void expire().catch(() => undefined), interval) : undefined;
  timer?.unref();

  return {
    createAccounts: engine.createAccounts,
    createTransfers: engine.createTransfers,
    queued: engine.queued,
    lookupAccounts: (ids) => store.lookupAccounts(ids),
    lookupTransfers: (ids) => store.lookupTransfers(ids),
    pendingState: (id) => store.pendingState(id),
    getAccountTransfers: (filter) =>
      store.getAccountTransfers({
        ...filter,
        limit: Math.max(0, Math.min(MAX_PAGE, Math.floor(filter.limit))),
      }),
    getAccountBalanceAt: (accountId, timestamp) => store.getAccountBalanceAt(accountId, timestamp),
    expirePendingTransfers: expire,
    async close() {
      if (timer) clearInterval(timer);
      await engine.close();
      await expiring?.catch(() => undefined);
    },
  };
}
