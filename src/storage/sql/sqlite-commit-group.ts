// Group commit for the SQLite relational port: queued write transactions share one BEGIN…COMMIT, each in its own savepoint.
import type Database from 'better-sqlite3';
import type { WalSyncLease } from '../sqlite/wal-sync.js';
import type { WriteLock } from '../sqlite/write-lock.js';
import type { SqlExecutor } from './sql-database.js';

/** Most transactions sharing one commit: bounds how long the ledger waits for the writer's turn. */
const MAX_GROUP = 64;

interface Queued {
  work: (tx: SqlExecutor) => Promise<unknown>;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { queued: Queued; ok: true; value: unknown } | { queued: Queued; ok: false; error: unknown };

export interface CommitGroup {
  /** Runs `work` in a savepoint of the next shared transaction; resolves after that commit (and fsync when durable). */
  submit<T>(work: (tx: SqlExecutor) => Promise<T>, durable: boolean): Promise<T>;
  /** Resolves once every transaction submitted so far has run (its fsync may still be under way). */
  drained(): Promise<void>;
}

/**
 * Transactions of one connection queue up; the first to run opens `BEGIN IMMEDIATE` and every
 * transaction queued meanwhile runs after it, each in a savepoint: one that throws is rolled back
 * to its savepoint alone, the others still commit. One COMMIT (and one WAL fsync for the durable
 * ones) then answers them all. Nobody hears of success before the shared commit: if it fails, or
 * SQLite drops the whole transaction, every transaction of the group fails.
 */
export function createCommitGroup(
  db: Database.Database,
  lock: WriteLock,
  wal: WalSyncLease,
  executor: SqlExecutor,
): CommitGroup {
  const control = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT mw_tx'),
    release: db.prepare('RELEASE mw_tx'),
    rollbackTo: db.prepare('ROLLBACK TO mw_tx'),
  };
  const queue: Queued[] = [];
  let draining: Promise<void> | undefined;

  /** Runs one queued transaction in a savepoint; false when SQLite dropped the whole transaction. */
  const runOne = async (queued: Queued, outcomes: Outcome[]): Promise<boolean> => {
    control.savepoint.run();
    try {
      const value = await queued.work(executor);
      control.release.run();
      outcomes.push({ queued, ok: true, value });
      return true;
    } catch (error) {
      if (!db.inTransaction) {
        outcomes.push({ queued, ok: false, error });
        return false;
      }
      control.rollbackTo.run();
      control.release.run();
      outcomes.push({ queued, ok: false, error });
      return true;
    }
  };

  /** One shared transaction under the writer's turn; a failed commit fails every member. */
  const runGroup = (): Promise<Outcome[]> =>
    lock.run(async () => {
      try {
        control.begin.run();
      } catch (error) {
        // Nothing began (the connection is closed, or another process kept the database busy): those waiting fail.
        return queue.splice(0, MAX_GROUP).map((queued): Outcome => ({ queued, ok: false, error }));
      }
      const outcomes: Outcome[] = [];
      try {
        while (queue.length > 0 && outcomes.length < MAX_GROUP) {
          const survived = await runOne(queue.shift() as Queued, outcomes);
          if (!survived) throw new Error('SQLite rolled back the shared transaction');
        }
        control.commit.run();
        return outcomes;
      } catch (error) {
        if (db.inTransaction) control.rollback.run();
        return outcomes.map((o) => (o.ok ? { queued: o.queued, ok: false, error } : o));
      }
    });

  /** Failures and non-durable members are answered at once; durable ones after the WAL fsync. */
  const settle = async (outcomes: Outcome[]) => {
    const durable: { queued: Queued; value: unknown }[] = [];
    for (const o of outcomes) {
      if (!o.ok) o.queued.reject(o.error);
      else if (o.queued.durable) durable.push(o);
      else o.queued.resolve(o.value);
    }
    if (durable.length === 0) return;
    try {
      await wal.durable();
      for (const o of durable) o.queued.resolve(o.value);
    } catch (error) {
      for (const o of durable) o.queued.reject(error);
    }
  };

  const drain = async () => {
    try {
      while (queue.length > 0) {
        const outcomes = await runGroup();
        // The next group may start while this one waits for its fsync.
        void settle(outcomes);
      }
    } finally {
      // In the same step as the last look at the queue: a later submission starts a new drain.
      draining = undefined;
    }
  };

  /**
   * The first transaction queued starts a drain after the I/O callbacks of this turn of the event loop: every request
   * that arrived in the same turn then joins its group (a quarter of the commits under load, measured).
   */
  const startDrain = () => new Promise<void>((resolve) => setImmediate(resolve)).then(drain);

  return {
    submit<T>(work: (tx: SqlExecutor) => Promise<T>, durable: boolean): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, durable, resolve: resolve as (value: unknown) => void, reject });
        draining ??= startDrain();
      });
    },
    drained: () => draining ?? Promise.resolve(),
  };
}
