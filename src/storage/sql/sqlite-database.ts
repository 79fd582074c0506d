// The SQLite adapter of the relational port: better-sqlite3, WAL, group-committed IMMEDIATE write transactions, durable before they resolve.
import Database from 'better-sqlite3';
import { leaseWalSync } from '../sqlite/wal-sync.js';
import { writeLockFor } from '../sqlite/write-lock.js';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from './sql-database.js';
import { createCommitGroup } from './sqlite-commit-group.js';

/** A statement with `$n` rewritten to `?` and, for each `?` in order, which parameter it takes. */
interface Prepared {
  statement: Database.Statement;
  order: number[];
}

function toSqlitePlaceholders(sql: string): { text: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_match, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { text, order };
}

export function openSqliteDatabase(path: string): SqlDatabase {
  const db = new Database(path);
  db.defaultSafeIntegers(true);
  db.pragma('journal_mode = WAL');
  // Durability comes from the shared WAL barrier awaited after each write (see wal-sync.ts).
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  const lock = writeLockFor(path);
  const wal = leaseWalSync(path);
  const statements = new Map<string, Prepared>();
  const prepare = (sql: string): Prepared => {
    let prepared = statements.get(sql);
    if (!prepared) {
      const { text, order } = toSqlitePlaceholders(sql);
      prepared = { statement: db.prepare(text), order };
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const bind = (prepared: Prepared, params: readonly SqlValue[]): SqlValue[] =>
    prepared.order.map((index) => {
      const value = params[index];
      if (value === undefined) throw new Error(`missing SQL parameter $${index + 1}`);
      return value;
    });
  const executor: SqlExecutor = {
    async all<T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) {
      const p = prepare(sql);
      return p.statement.all(bind(p, params)) as T[];
    },
    async get<T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) {
      const p = prepare(sql);
      return p.statement.get(bind(p, params)) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const p = prepare(sql);
      if (p.statement.reader) {
        p.statement.all(bind(p, params));
        return 0;
      }
      return p.statement.run(bind(p, params)).changes;
    },
    async exec(script: string) {
      db.exec(script);
    },
  };
  const group = createCommitGroup(db, lock, wal, executor);
  // Reads outside a transaction take the writer's turn too: the connection is shared, and a read
  // between another transaction's statements would see its uncommitted rows.
  return {
    dialect: 'sqlite',
    forUpdate: '',
    forNoKeyUpdate: '',
    forKeyShare: '',
    serialize: async () => undefined,
    all: (sql, params) => lock.run(() => executor.all(sql, params)),
    get: (sql, params) => lock.run(() => executor.get(sql, params)),
    run: (sql, params, options) => group.submit((tx) => tx.run(sql, params), options?.durable !== false),
    exec: async (script) => {
      await lock.run(() => executor.exec(script));
      await wal.durable();
    },
    transaction: (work, options) => group.submit(work, options?.durable !== false),
    async close() {
      await group.drained();
      await lock.run(() => db.close());
      await wal.release();
    },
  };
}
