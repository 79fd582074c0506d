// The PostgreSQL ledger store: a snapshot read and one conditional batch write per commit, retried on conflict.
import pg from 'pg';
import { isU128 } from '../../ledger/field-ranges.js';
import type { LedgerView, WriteSet } from '../../ledger/ledger-view.js';
import { applyAccountBatch, applyTransferBatch, type BatchOutcome } from '../../ledger/state-machine.js';
import { isPostOrVoid } from '../../ledger/transfer-input.js';
import type { Id, Transfer } from '../../ledger/types.js';
import { BALANCE_TOTALS_SQL, type BalanceTotalsRow, balanceTotalsFromRow } from '../balance-totals.js';
import type { LedgerStore } from '../port.js';
import { VersionedAccountCache } from './account-cache.js';
import { APPLY_BATCH_SQL, applyBatchParams } from './apply-batch.js';
import { arrayLiteral } from './array-literal.js';
import { migratePostgres } from './migrate.js';
import { createPostgresQueries } from './queries.js';
import { type Snapshot, snapshotView } from './snapshot.js';
import { idToUuid } from './uuid.js';

const SNAPSHOT_SQL =
  'SELECT mw_ledger_snapshot($1::uuid[], $2::uuid[], $3::bigint, $4::uuid[], $5::bigint) AS snapshot';
/** Accounts kept in memory between batches (dropped whenever another process writes). */
const ACCOUNT_CACHE_LIMIT = 1_000_000;

/** Another writer committing between our snapshot and our write makes us redo the batch; this many times at most. */
const MAX_ATTEMPTS = 1000;
const UNIQUE_VIOLATION = '23505';

function isEmpty(writes: WriteSet): boolean {
  return (
    writes.newAccounts.length === 0 &&
    writes.updatedAccounts.length === 0 &&
    writes.newTransfers.length === 0 &&
    writes.outcomes.length === 0
  );
}

export async function openPostgresLedgerStore(url: string, poolSize = 4): Promise<LedgerStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const cache = new VersionedAccountCache(ACCOUNT_CACHE_LIMIT);
  pool.on('error', () => undefined);

  /** Writes a batch if the ledger is still at `expectedLast`; 'duplicate' when a transfer id already exists. */
  const write = async (
    writes: WriteSet,
    expectedLast: bigint,
    assumedNew: Id[],
  ): Promise<'applied' | 'moved' | 'duplicate'> => {
    try {
      const { rows } = await pool.query<{ applied: boolean }>(
        APPLY_BATCH_SQL,
        applyBatchParams(writes, expectedLast, assumedNew),
      );
      return rows[0]?.applied ? 'applied' : 'moved';
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === UNIQUE_VIOLATION) return 'duplicate';
      throw error;
    }
  };

  /** One consistent snapshot of every id the batch may read (accounts the cache vouches for are not resent). */
  const takeSnapshot = async (now: bigint, accountIds: Set<Id>, transferIds: Set<Id>) => {
    const { fetch, cached } = cache.split(accountIds);
    // Taken before the await: another batch (the expiry timer) may reset the cache while this query runs.
    const claimed = cache.claimedVersion();
    const vouched = new Map(cached.map((id) => [id, cache.get(id)] as const));
    const { rows } = await pool.query<{ snapshot: Snapshot }>(SNAPSHOT_SQL, [
      arrayLiteral(fetch.map(idToUuid)),
      arrayLiteral(cached.map(idToUuid)),
      claimed?.toString() ?? null,
      arrayLiteral([...transferIds].map(idToUuid)),
      now.toString(),
    ]);
    const snapshot = rows[0]?.snapshot;
    if (!snapshot) throw new Error('ledger_meta is missing: run migrations');
    return {
      ...snapshotView(snapshot, new Set(accountIds), new Set(transferIds), cache, {
        version: claimed,
        accounts: vouched,
      }),
      last: BigInt(snapshot.last),
    };
  };

  /**
   * Computes the batch in memory and writes it in one statement that succeeds only if no other batch
   * committed since what the computation read; otherwise starts again. With `fastPath`, the first attempt
   * reads nothing from the database when the cache allows (one round trip per batch).
   */
  const runBatch = async <R>(
    now: bigint,
    accountIds: Set<Id>,
    transferIds: Set<Id>,
    compute: (view: LedgerView, due: Transfer[]) => BatchOutcome<R>,
    fastPath = false,
  ): Promise<BatchOutcome<R>> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const cachedView = fastPath && attempt === 1 ? cache.viewWithoutSnapshot(accountIds, now) : undefined;
        const read = cachedView
          ? { view: cachedView, due: [], last: cache.claimedVersion() ?? 0n }
          : await takeSnapshot(now, accountIds, transferIds);
        const outcome = compute(read.view, read.due);
        // Without a snapshot, failures alone prove nothing (another process may have moved the ledger).
        if (isEmpty(outcome.writes) && !cachedView) return outcome;
        const result = isEmpty(outcome.writes)
          ? 'moved'
          : await write(outcome.writes, read.last, cachedView ? [...transferIds] : []);
        if (result === 'applied') {
          cache.committed(outcome.writes);
          return outcome;
        }
        if (result === 'moved' && !cachedView) cache.invalidate();
      } catch (error) {
        cache.invalidate();
        throw error;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`ledger batch conflicted ${attempt} times in a row`);
    }
  };

  const queries = createPostgresQueries(pool);
  return {
    kind: 'postgres',
    migrate: () => migratePostgres(pool),
    async createAccounts(submissions, now) {
      const ids = new Set(submissions.flatMap((items) => items.map((a) => a.id)).filter(isU128));
      const outcome = await runBatch(now, ids, new Set(), (view, due) =>
        applyAccountBatch(view, submissions, now, due),
      );
      return outcome.results;
    },
    async createTransfers(submissions, now) {
      const accountIds = new Set<Id>();
      const transferIds = new Set<Id>();
      for (const t of submissions.flat()) {
        for (const id of [t.id, t.pendingId]) if (id !== undefined && isU128(id)) transferIds.add(id);
        for (const id of [t.debitAccountId, t.creditAccountId])
          if (id !== undefined && isU128(id)) accountIds.add(id);
      }
      const onlyNewTransfers = submissions.every((items) => items.every((t) => !isPostOrVoid(t.flags ?? 0)));
      const outcome = await runBatch(
        now,
        accountIds,
        transferIds,
        (view, due) => applyTransferBatch(view, submissions, now, due),
        onlyNewTransfers,
      );
      return outcome.results;
    },
    async expirePendingTransfers(now) {
      const outcome = await runBatch(now, new Set(), new Set(), (view, due) =>
        applyTransferBatch(view, [], now, due),
      );
      return outcome.writes.outcomes.length;
    },
    lookupAccounts: queries.lookupAccounts,
    lookupTransfers: queries.lookupTransfers,
    pendingState: queries.pendingState,
    getAccountTransfers: queries.accountTransfers,
    getAccountBalanceAt: queries.balanceAt,
    async balanceTotals() {
      const { rows } = await pool.query<BalanceTotalsRow>(BALANCE_TOTALS_SQL);
      return balanceTotalsFromRow(rows[0] as BalanceTotalsRow);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
