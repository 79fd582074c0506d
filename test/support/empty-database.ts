// An empty domain database on either storage (in-memory SQLite, or a throwaway PostgreSQL database), for upgrade tests.
import { openPostgresDatabase } from '../../src/storage/sql/postgres-database.js';
import type { SqlDatabase } from '../../src/storage/sql/sql-database.js';
import { openSqliteDatabase } from '../../src/storage/sql/sqlite-database.js';
import { createTestDatabase } from './throwaway-postgres.js';

export async function openEmptyDatabase(
  storage: 'sqlite' | 'postgres',
): Promise<{ db: SqlDatabase; drop(): Promise<void> }> {
  if (storage === 'sqlite') return { db: openSqliteDatabase(':memory:'), drop: async () => undefined };
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const database = await createTestDatabase(url);
  return { db: openPostgresDatabase(database.url, 2), drop: database.drop };
}
