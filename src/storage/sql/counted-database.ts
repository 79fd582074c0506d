// Counts what the domain asks of its database (statements and write transactions), for the metrics and the bench.
import type { SqlDatabase, SqlExecutor } from './sql-database.js';

export interface SqlCounters {
  /** One statement sent (inside a transaction or on its own). */
  statement(): void;
  /** One write transaction run (each attempt of a retried one). */
  transaction(): void;
}

function countedExecutor(executor: SqlExecutor, counters: SqlCounters): SqlExecutor {
  return {
    all: (sql, params) => {
      counters.statement();
      return executor.all(sql, params);
    },
    get: (sql, params) => {
      counters.statement();
      return executor.get(sql, params);
    },
    run: (sql, params, options) => {
      counters.statement();
      return executor.run(sql, params, options);
    },
    exec: (script) => {
      counters.statement();
      return executor.exec(script);
    },
  };
}

/** The same database, counting each statement and write transaction as it starts. */
export function countedDatabase(db: SqlDatabase, counters: SqlCounters): SqlDatabase {
  return {
    ...countedExecutor(db, counters),
    dialect: db.dialect,
    forUpdate: db.forUpdate,
    forNoKeyUpdate: db.forNoKeyUpdate,
    forKeyShare: db.forKeyShare,
    serialize: (tx, key) => db.serialize(tx, key),
    transaction: (work, options) =>
      db.transaction((tx) => {
        counters.transaction();
        return work(countedExecutor(tx, counters));
      }, options),
    close: () => db.close(),
  };
}
