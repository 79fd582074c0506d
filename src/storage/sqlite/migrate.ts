// Applies pending SQLite schema migrations in one transaction, recording each in schema_migrations.
import type Database from 'better-sqlite3';
import { sqliteMigrations } from './schema.js';

/** Returns the versions applied by this call (empty when the schema was already current). */
export function migrateSqlite(db: Database.Database): number[] {
  return db
    .transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const applied = new Set(
        (db.prepare('SELECT version FROM schema_migrations').pluck(true).all() as bigint[]).map(Number),
      );
      const newer = [...applied].filter((v) => !sqliteMigrations.some((m) => m.version === v));
      if (newer.length > 0) {
        throw new Error(
          `the ledger was migrated to schema ${Math.max(...newer)} by a newer mwallet: upgrade mwallet`,
        );
      }
      const done: number[] = [];
      for (const m of sqliteMigrations) {
        if (applied.has(m.version)) continue;
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.name,
          new Date().toISOString(),
        );
        done.push(m.version);
      }
      return done;
    })
    .immediate();
}
