// Applies the domain's schema migrations (table domain_migrations) on either database, once, in one transaction.
import type { SqlDatabase, SqlExecutor } from './sql-database.js';

export interface SqlMigration {
  version: number;
  name: string;
  /** One script for both databases, or one per dialect where their SQL differs. */
  script: string | { sqlite: string; postgres: string };
  /** Work in code after the script, in the same transaction (e.g. filling new columns from old rows). */
  after?: (tx: SqlExecutor, dialect: SqlDatabase['dialect']) => Promise<void>;
}

/** Serialises concurrent migrators on PostgreSQL (SQLite's write transaction is already exclusive). */
const MIGRATION_LOCK = 7_001_002n;

/** Returns the versions applied by this call (empty when the schema was already current). */
export async function migrateDatabase(
  db: SqlDatabase,
  migrations: readonly SqlMigration[],
): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS domain_migrations (
      version bigint PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
    const rows = await tx.all<{ version: bigint }>('SELECT version FROM domain_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      const { script } = migration;
      await tx.exec(typeof script === 'string' ? script : script[db.dialect]);
      await migration.after?.(tx, db.dialect);
      await tx.run('INSERT INTO domain_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        BigInt(migration.version),
        migration.name,
        BigInt(Date.now()),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
