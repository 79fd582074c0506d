// The embedded ledger store: better-sqlite3 in WAL mode, one IMMEDIATE transaction per batch, durable before it returns.
import Database from 'better-sqlite3';
import { isU128 } from '../../ledger/field-ranges.js';
import { firstTimestamp, type LedgerView, type WriteSet } from '../../ledger/ledger-view.js';
import { applyAccountBatch, applyTransferBatch, type BatchOutcome } from '../../ledger/state-machine.js';
import { isPostOrVoid } from '../../ledger/transfer-input.js';
import type { Account, CreateTransferResult, Id, Transfer } from '../../ledger/types.js';
import { BALANCE_TOTALS_SQL, type BalanceTotalsRow, balanceTotalsFromRow } from '../balance-totals.js';
import { idToBytes } from '../id-codec.js';
import type { LedgerStore } from '../port.js';
import { migrateSqlite } from './migrate.js';
import { createSqliteQueries } from './queries.js';
import {
  ACCOUNT_COLUMNS,
  type AccountRow,
  accountFromRow,
  accountNo,
  accountToRow,
  INSERT_TRANSFER_COLUMNS,
  SELECT_ACCOUNT,
  SELECT_TRANSFER,
  type TransferRow,
  transferFromRow,
  transferToRow,
} from './rows.js';
import { leaseWalSync } from './wal-sync.js';
import { writeLockFor } from './write-lock.js';

export interface SqliteStoreOptions {
  /** Accounts kept in memory between batches; the cache is dropped when another process writes. */
  accountCacheLimit?: number;
}

type Meta = [bigint, bigint];

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
  const cacheLimit = options.accountCacheLimit ?? 1_000_000;
  /** Committed accounts with their internal numbers; valid while no other connection has written. */
  const cache = new Map<Id, { account: Account; no: bigint }>();
  let dataVersion = -1n;
  let prepared: ReturnType<typeof prepare> | undefined;
  const statements = () => {
    prepared ??= prepare(db);
    return prepared;
  };
  const dataVersionNow = db.prepare('PRAGMA data_version').pluck(true);
  /** Drops the cache when another connection (another process) has committed since it was filled. */
  const forgetIfOthersWrote = () => {
    const version = dataVersionNow.get() as bigint;
    if (version !== dataVersion) cache.clear();
    dataVersion = version;
  };

  /** With `assumeNewTransfers`, transfer ids are taken as unused without reading them (checked later). */
  const view = (meta: Meta, assumeNewTransfers: boolean): LedgerView => {
    const s = statements();
    return {
      account(id) {
        const cached = cache.get(id);
        if (cached) return cached.account;
        const row = s.account.get(idToBytes(id)) as AccountRow | undefined;
        if (!row) return undefined;
        const account = accountFromRow(row);
        cache.set(id, { account, no: accountNo(row) });
        return account;
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

  /** Writes a batch; returns the internal numbers of the accounts it created. */
  const write = (writes: WriteSet): Map<Id, bigint> => {
    const s = statements();
    const created = new Map<Id, bigint>();
    for (const a of writes.newAccounts)
      created.set(a.id, BigInt(s.insertAccount.run(accountToRow(a)).lastInsertRowid));
    const no = (id: Id): bigint => {
      const known = created.get(id) ?? cache.get(id)?.no;
      if (known === undefined) throw new Error(`account ${id} was not read in this batch`);
      return known;
    };
    for (const a of writes.updatedAccounts) {
      s.updateAccount.run(
        a.flags,
        a.debitsPending,
        a.debitsPosted,
        a.creditsPending,
        a.creditsPosted,
        no(a.id),
      );
    }
    for (const t of writes.newTransfers) {
      s.insertTransfer.run(transferToRow(t, no(t.debitAccountId), no(t.creditAccountId)));
    }
    for (const o of writes.outcomes) s.insertOutcome.run(idToBytes(o.pendingId), o.state, o.timestamp);
    s.updateMeta.run(writes.lastTimestamp, writes.expiryWatermark);
    return created;
  };

  /** Runs one batch in one IMMEDIATE transaction; the account cache learns the result only after commit. */
  const runBatch = <R>(
    now: bigint,
    compute: (view: LedgerView, due: Transfer[]) => BatchOutcome<R>,
    /** Takes transfer ids as unused without reading them; gives the ids of refused items, checked after all. */
    assumeNew?: (results: R[][]) => Id[],
  ): R[][] => {
    const s = statements();
    const { results, writes, created } = db
      .transaction(() => {
        forgetIfOthersWrote();
        const meta = s.meta.get() as Meta;
        const base = firstTimestamp(now, meta[0]);
        const due = (s.due.all(meta[1], base) as TransferRow[]).map(transferFromRow);
        const outcome = compute(view(meta, assumeNew !== undefined), due);
        // A refused item may be the replay of a stored transfer (answered `exists…`, not with its refusal).
        if (assumeNew?.(outcome.results).some((id) => s.transfer.get(idToBytes(id)) !== undefined)) {
          throw new RepeatedTransferId();
        }
        const created = write(outcome.writes);
        return { ...outcome, created };
      })
      .immediate();
    if (cache.size > cacheLimit) cache.clear();
    for (const a of writes.newAccounts) {
      const no = created.get(a.id);
      if (no !== undefined) cache.set(a.id, { account: a, no });
    }
    for (const a of writes.updatedAccounts) {
      const entry = cache.get(a.id);
      if (entry) entry.account = a;
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
      // Committed accounts come from the cache (a read here never sees a batch half-applied: batches run whole,
      // synchronously); the others from the table.
      forgetIfOthersWrote();
      return ids.flatMap((id) => {
        const cached = cache.get(id);
        return cached ? [{ ...cached.account }] : queries.lookupAccounts([id]);
      });
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
      return balanceTotalsFromRow(db.prepare(BALANCE_TOTALS_SQL).get() as BalanceTotalsRow);
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      await lock.run(() => db.close());
      await wal.release();
    },
  };
}

function prepare(db: Database.Database) {
  const raw = (sql: string) => db.prepare(sql).raw(true);
  return {
    meta: raw('SELECT last_timestamp, expiry_watermark FROM ledger_meta WHERE id = 1'),
    account: raw(`${SELECT_ACCOUNT} WHERE id = ?`),
    transfer: raw(`${SELECT_TRANSFER} WHERE t.id = ?`),
    outcome: db.prepare('SELECT state FROM pending_outcomes WHERE pending_id = ?').pluck(true),
    due: raw(
      `${SELECT_TRANSFER} WHERE t.expires_at > ? AND t.expires_at <= ?
       AND NOT EXISTS (SELECT 1 FROM pending_outcomes o WHERE o.pending_id = t.id) ORDER BY t.expires_at, t.timestamp`,
    ),
    insertAccount: db.prepare(`INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES (${placeholders(12)})`),
    updateAccount: db.prepare(
      `UPDATE accounts SET flags = ?, debits_pending = ?, debits_posted = ?, credits_pending = ?, credits_posted = ?
       WHERE no = ?`,
    ),
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
