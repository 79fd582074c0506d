// The embedded ledger store: better-sqlite3 in WAL mode, one IMMEDIATE transaction per batch, durable before it returns.
import Database from 'better-sqlite3';
import { isU128 } from '../../ledger/field-ranges.js';
import { firstTimestamp, type LedgerView, type WriteSet } from '../../ledger/ledger-view.js';
import { applyAccountBatch, applyTransferBatch, type BatchOutcome } from '../../ledger/state-machine.js';
import { isPostOrVoid } from '../../ledger/transfer-input.js';
import type { CreateTransferResult, Id, Transfer } from '../../ledger/types.js';
import { BALANCE_TOTALS_SQL, type BalanceTotalsRow, balanceTotalsFromRow } from '../balance-totals.js';
import { idToBytes } from '../id-codec.js';
import type { LedgerStore } from '../port.js';
import { type AccountEntry, createAccountState, type LedgerMark } from './account-state.js';
import { migrateSqlite } from './migrate.js';
import { createSqliteQueries } from './queries.js';
import {
  ACCOUNT_COLUMNS,
  accountToRow,
  INSERT_TRANSFER_COLUMNS,
  SELECT_TRANSFER,
  type TransferRow,
  transferFromRow,
  transferToRow,
} from './rows.js';
import { leaseWalSync } from './wal-sync.js';
import { writeLockFor } from './write-lock.js';

export interface SqliteStoreOptions {
  /** Accounts kept in memory beyond those ahead of the table; past it, a checkpoint lets them go. */
  accountCacheLimit?: number;
}

/** last_timestamp, expiry_watermark, balances_at. */
type Meta = [bigint, bigint, bigint];

function markOf(meta: Meta): LedgerMark {
  return { lastTimestamp: meta[0], balancesAt: meta[2] };
}

export function openSqliteLedgerStore(path: string, options: SqliteStoreOptions = {}): LedgerStore {
  const db = new Database(path);
  const lock = writeLockFor(path);
  const wal = leaseWalSync(path);
  db.defaultSafeIntegers(true);
  db.pragma('journal_mode = WAL');
  // Commits append to the WAL without fsync; each batch then waits for the shared WAL barrier (one fsync
  // for many commits, off the event loop) before its results are returned.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -262144');
  db.pragma('wal_autocheckpoint = 16384');
  const accounts = createAccountState(db, options.accountCacheLimit ?? 1_000_000);
  let prepared: ReturnType<typeof prepare> | undefined;
  const statements = () => {
    prepared ??= prepare(db);
    return prepared;
  };
  /** Reads where the stored ledger stands and brings the accounts in memory up to it (inside a transaction). */
  const syncedMeta = (): Meta => {
    const meta = statements().meta.get() as Meta;
    accounts.syncTo(markOf(meta));
    return meta;
  };

  /**
   * With `assumeNewTransfers`, transfer ids are taken as unused without reading them (checked later). The accounts
   * the batch reads are noted in `met`: a small map, quicker to look in again than memory's.
   */
  const view = (meta: Meta, assumeNewTransfers: boolean, met: Map<Id, AccountEntry>): LedgerView => {
    const s = statements();
    return {
      account(id) {
        const entry = accounts.entry(id);
        if (entry) met.set(id, entry);
        return entry?.account;
      },
      transfer(id) {
        if (assumeNewTransfers) return undefined;
        const row = s.transfer.get(idToBytes(id)) as TransferRow | undefined;
        return row ? transferFromRow(row) : undefined;
      },
      outcome(pendingId) {
        return s.outcome.get(idToBytes(pendingId)) as 'posted' | 'voided' | 'expired' | undefined;
      },
      lastTimestamp: () => meta[0],
      expiryWatermark: () => meta[1],
    };
  };

  /**
   * Writes a batch; returns the internal numbers of the accounts it created. Balances stay in memory until the next
   * checkpoint (see account-state.ts): the table gets new accounts as they were at the checkpoint (no balances yet)
   * and closed-flag changes, which are not in the log.
   */
  const write = (writes: WriteSet, met: Map<Id, AccountEntry>): Map<Id, bigint> => {
    const s = statements();
    const created = new Map<Id, bigint>();
    for (const a of writes.newAccounts) {
      const unbalanced = { ...a, debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
      created.set(a.id, BigInt(s.insertAccount.run(accountToRow(unbalanced)).lastInsertRowid));
    }
    const no = (id: Id): bigint => {
      const known = created.get(id) ?? met.get(id)?.no;
      if (known === undefined) throw new Error(`account ${id} was not read in this batch`);
      return known;
    };
    for (const a of writes.updatedAccounts) {
      if (met.get(a.id)?.account.flags !== a.flags) s.updateFlags.run(a.flags, no(a.id));
    }
    for (const t of writes.newTransfers) {
      s.insertTransfer.run(transferToRow(t, no(t.debitAccountId), no(t.creditAccountId)));
    }
    for (const o of writes.outcomes) s.insertOutcome.run(idToBytes(o.pendingId), o.state, o.timestamp);
    s.updateMeta.run(writes.lastTimestamp, writes.expiryWatermark);
    return created;
  };

  /** Writes the accounts ahead of the table back, in its own IMMEDIATE transaction. */
  const checkpoint = () => {
    const mark = db.transaction(() => accounts.writeBack(markOf(syncedMeta()))).immediate();
    accounts.checkpointed(mark);
  };

  /** Runs one batch in one IMMEDIATE transaction; the accounts in memory learn the result only after commit. */
  const runBatch = <R>(
    now: bigint,
    compute: (view: LedgerView, due: Transfer[]) => BatchOutcome<R>,
    /** Takes transfer ids as unused without reading them; gives the ids of refused items, checked after all. */
    assumeNew?: (results: R[][]) => Id[],
  ): R[][] => {
    const s = statements();
    const met = new Map<Id, AccountEntry>();
    const { results, writes, created, balancesAt } = db
      .transaction(() => {
        const meta = syncedMeta();
        const base = firstTimestamp(now, meta[0]);
        const due = (s.due.all(meta[1], base) as TransferRow[]).map(transferFromRow);
        const outcome = compute(view(meta, assumeNew !== undefined, met), due);
        // A refused item may be the replay of a stored transfer (answered `exists…`, not with its refusal).
        if (assumeNew?.(outcome.results).some((id) => s.transfer.get(idToBytes(id)) !== undefined)) {
          throw new RepeatedTransferId();
        }
        const created = write(outcome.writes, met);
        return { ...outcome, created, balancesAt: meta[2] };
      })
      .immediate();
    accounts.committed(writes, created, met, { lastTimestamp: writes.lastTimestamp, balancesAt });
    if (accounts.checkpointDue()) {
      try {
        checkpoint();
      } catch {
        // The batch is committed whatever happens here; the accounts stay ahead and the next batch tries again.
      }
    }
    return results;
  };

  const queries = createSqliteQueries(db);
  return {
    kind: 'sqlite',
    async migrate() {
      const applied = await lock.run(() => migrateSqlite(db));
      await wal.durable();
      return applied;
    },
    async createAccounts(submissions, now) {
      const results = await lock.run(() =>
        runBatch(now, (v, due) => applyAccountBatch(v, submissions, now, due)),
      );
      await wal.durable();
      return results;
    },
    async createTransfers(submissions, now) {
      const apply = (v: LedgerView, due: Transfer[]) => applyTransferBatch(v, submissions, now, due);
      const refusedIds = (results: CreateTransferResult[][]) =>
        submissions.flatMap((items, i) =>
          items.filter((t, j) => results[i]?.[j] !== 'ok' && isU128(t.id)).map((t) => t.id),
        );
      // Most batches only create transfers with fresh ids: skip reading each id; the UNIQUE index catches a
      // repeat among the inserted, a lookup one among the refused. Either rolls the batch back, and it is
      // computed again reading every id.
      const onlyNew = submissions.every((items) => items.every((t) => !isPostOrVoid(t.flags ?? 0)));
      const results = await lock.run(() => {
        if (!onlyNew) return runBatch(now, apply);
        try {
          return runBatch(now, apply, refusedIds);
        } catch (error) {
          if (!isRepeatedTransferId(error)) throw error;
          return runBatch(now, apply);
        }
      });
      await wal.durable();
      return results;
    },
    async expirePendingTransfers(now) {
      let expired = 0;
      await lock.run(() =>
        runBatch(now, (v, due) => {
          const outcome = applyTransferBatch(v, [], now, due);
          expired = outcome.writes.outcomes.length;
          return outcome;
        }),
      );
      await wal.durable();
      return expired;
    },
    async lookupAccounts(ids) {
      // A read transaction: batches run whole and synchronously, so memory never holds half of one.
      return db.transaction(() => {
        syncedMeta();
        return ids.flatMap((id) => {
          const account = accounts.read(id);
          return account ? [account] : [];
        });
      })();
    },
    async lookupTransfers(ids) {
      return queries.lookupTransfers(ids);
    },
    async pendingState(id) {
      return queries.pendingState(id);
    },
    async getAccountTransfers(filter) {
      return queries.accountTransfers(filter);
    },
    async getAccountBalanceAt(accountId, timestamp) {
      return queries.balanceAt(accountId, timestamp);
    },
    async balanceTotals() {
      // The table is current when nothing is ahead of it; else once what is ahead is written back.
      const totals = () => balanceTotalsFromRow(db.prepare(BALANCE_TOTALS_SQL).get() as BalanceTotalsRow);
      return lock.run(() => {
        const current = db.transaction(() => {
          syncedMeta();
          return accounts.hasAhead() ? undefined : totals();
        })();
        if (current) return current;
        checkpoint();
        return totals();
      });
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      try {
        await lock.run(() => {
          try {
            if (accounts.hasAhead()) checkpoint();
          } finally {
            db.close();
          }
        });
      } finally {
        await wal.release();
      }
    },
  };
}

function prepare(db: Database.Database) {
  const raw = (sql: string) => db.prepare(sql).raw(true);
  return {
    meta: raw('SELECT last_timestamp, expiry_watermark, balances_at FROM ledger_meta WHERE id = 1'),
    transfer: raw(`${SELECT_TRANSFER} WHERE t.id = ?`),
    outcome: db.prepare('SELECT state FROM pending_outcomes WHERE pending_id = ?').pluck(true),
    due: raw(
      `${SELECT_TRANSFER} WHERE t.expires_at > ? AND t.expires_at <= ?
       AND NOT EXISTS (SELECT 1 FROM pending_outcomes o WHERE o.pending_id = t.id) ORDER BY t.expires_at, t.timestamp`,
    ),
    insertAccount: db.prepare(`INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES (${placeholders(12)})`),
    updateFlags: db.prepare('UPDATE accounts SET flags = ? WHERE no = ?'),
    insertTransfer: db.prepare(
      `INSERT INTO transfers (${INSERT_TRANSFER_COLUMNS}) VALUES (${placeholders(14)})`,
    ),
    insertOutcome: db.prepare('INSERT INTO pending_outcomes (pending_id, state, timestamp) VALUES (?, ?, ?)'),
    updateMeta: db.prepare('UPDATE ledger_meta SET last_timestamp = ?, expiry_watermark = ? WHERE id = 1'),
  };
}

/** A batch computed with transfer ids assumed unused met one that exists. */
class RepeatedTransferId extends Error {}

/** The batch met a stored transfer id: found among refused items, or refused by the UNIQUE index on insert. */
function isRepeatedTransferId(error: unknown): boolean {
  return (
    error instanceof RepeatedTransferId ||
    (error instanceof Database.SqliteError &&
      error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
      error.message.includes('transfers.id'))
  );
}

function placeholders(n: number): string {
  return new Array(n).fill('?').join(', ');
}
