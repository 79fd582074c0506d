// The relational port the domain services use: parameterised SQL that runs unchanged on SQLite and PostgreSQL.

/**
 * A bound parameter. Integers are bigint on both sides (SQLite safe integers, PostgreSQL int8),
 * so the domain never meets a rounded number; bytes are Buffers (BLOB / bytea).
 */
export type SqlValue = string | bigint | Buffer | null;

/** One result row: integers as bigint, text as string, bytes as Buffer, NULL as null. */
export type SqlRow = Record<string, unknown>;

/**
 * Statements use PostgreSQL's numbered placeholders (`$1`, `$2`…) on both databases, and the
 * portable subset of SQL both understand: INSERT … ON CONFLICT, RETURNING, bigint/text columns.
 */
export interface SqlExecutor {
  all<T extends SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T extends SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[], options?: WriteOptions): Promise<number>;
  /** Runs a script of several statements without parameters (schema changes). */
  exec(script: string): Promise<void>;
}

/**
 * `durable: false` lets a write resolve as soon as it is committed, before it is on disk: it
 * becomes durable with the next durable write to the same database (the WAL is one sequence). Use
 * it only for writes that nothing is acknowledged on until a later durable write, e.g. a record
 * made just before the ledger commit, or one a recovery job can rebuild.
 */
export interface WriteOptions {
  durable?: boolean;
}

export interface SqlDatabase extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one write transaction: committed durably when it resolves, rolled back when
   * it throws. On SQLite, write transactions of this process take turns (with the ledger's
   * commits too) and are serializable, and those queued meanwhile share one commit (each in its own savepoint); on PostgreSQL (READ COMMITTED) a transaction that decides
   * from rows it read must lock them with `forUpdate`; deadlocks are retried by running `work`
   * again. Keep slow work (hashing, network) outside: a transaction holds the writer's turn.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * Makes transactions that call this with the same key run one after another (a PostgreSQL
   * advisory transaction lock; a no-op on SQLite, whose write transactions already take turns).
   * For checks over rows that may not exist yet, such as counting recent requests.
   */
  serialize(tx: SqlExecutor, key: string): Promise<void>;
  /**
   * ` FOR UPDATE` on PostgreSQL, empty on SQLite (whose write transactions are already exclusive): one holder at a
   * time, and it also waits for, and blocks, holders of `forKeyShare`.
   */
  readonly forUpdate: string;
  /**
   * ` FOR NO KEY UPDATE` on PostgreSQL, empty on SQLite: one holder at a time, like `forUpdate`, but it neither waits
   * for nor blocks holders of `forKeyShare`.
   */
  readonly forNoKeyUpdate: string;
  /** ` FOR KEY SHARE` on PostgreSQL, empty on SQLite: many holders; it blocks only `forUpdate` (and deletes). */
  readonly forKeyShare: string;
  close(): Promise<void>;
}
