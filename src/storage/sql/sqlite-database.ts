// The SQLite adapter of the relational port: better-sqlite3, WAL, IMMEDIATE write transactions, durable before they resolve.
import Database from 'better-sqlite3';
import { leaseWalSync } from '../sqlite/wal-sync.js';
import { writeLockFor } from '../sqlite/write-lock.js';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue, WriteOptions } from './sql-database.js';

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
  /** Runs a write under the writer's turn, then waits until it is on disk. */
  const write = async <T>(work: () => T | Promise<T>, options: WriteOptions = {}): Promise<T> => {
    const result = await lock.run(work);
    if (options.durable !== false) await wal.durable();
    return result;
  };
  const control = {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
  };
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
  // Statements outside a transaction take the writer's turn too: the connection is shared, and a
  // read between another transaction's statements would see its uncommitted rows.
  return {
    dialect: 'sqlite',
    forUpdate: '',
    forShare: '',
    serialize: async () => undefined,
    all: (sql, params) => lock.run(() => executor.all(sql, params)),
    get: (sql, params) => lock.run(() => executor.get(sql, params)),
    run: (sql, params, options) => write(() => executor.run(sql, params), options),
    exec: (script) => write(() => executor.exec(script)),
    transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: WriteOptions): Promise<T> {
      return write(async () => {
        control.begin.run();
        try {
          const result = await work(executor);
          control.commit.run();
          return result;
        } catch (error) {
          if (db.inTransaction) control.rollback.run();
          throw error;
        }
      }, options);
    },
    async close() {
      await lock.run(() => db.close());
      await wal.release();
    },
  };
}
