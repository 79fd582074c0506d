// The PostgreSQL adapter of the relational port: a pg pool, int8 read as bigint, READ COMMITTED with row locks, retried on deadlock.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue, WriteOptions } from './sql-database.js';

const INT8_OID = 20;
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 20;
const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED';

/** Type parsers for this pool only: int8 as bigint (never a rounded number). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (text: string) => BigInt(text);
    return pg.types.getTypeParser(oid, format);
  },
};

/** What a pool and a checked-out client have in common. */
interface Queryable {
  query<T extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<T>>;
  query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<T>>;
}

const statementNames = new Map<string, string>();

/** A stable name per SQL text: each connection prepares a statement once and reuses its plan. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `mw_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function executorOf(client: Queryable): SqlExecutor {
  const query = <T extends SqlRow>(sql: string, params: readonly SqlValue[]) =>
    client.query<T>({ name: statementName(sql), text: sql, values: [...params] });
  return {
    async all<T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) {
      return (await query<T>(sql, params)).rows;
    },
    async get<T extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
      const result: pg.QueryResult<T> = await query<T>(sql, params);
      return result.rows.at(0);
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async exec(script: string) {
      await client.query(script, []);
    },
  };
}

function isRetryable(error: unknown): boolean {
  return error instanceof Error && 'code' in error && RETRYABLE.has(String(error.code));
}

export function openPostgresDatabase(url: string, poolSize = 8): SqlDatabase {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  pool.on('error', () => undefined);
  const attempt = async <T>(work: (tx: SqlExecutor) => Promise<T>, options: WriteOptions): Promise<T> => {
    const client = await pool.connect();
    try {
      // One round trip (a simple query may hold several statements). Not durable: the commit then does not wait
      // for the WAL flush; the next synchronous commit flushes past it.
      await client.query(options.durable === false ? `${BEGIN}; SET LOCAL synchronous_commit TO OFF` : BEGIN);
      const result = await work(executorOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    dialect: 'postgres',
    forUpdate: ' FOR UPDATE',
    forNoKeyUpdate: ' FOR NO KEY UPDATE',
    forKeyShare: ' FOR KEY SHARE',
    async serialize(tx, key) {
      await tx.get('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    },
    ...executorOf(pool),
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options: WriteOptions = {}): Promise<T> {
      for (let tries = 1; ; tries++) {
        try {
          return await attempt(work, options);
        } catch (error) {
          if (!isRetryable(error) || tries >= MAX_ATTEMPTS) throw error;
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}
