// Opens the relational database the domain services use, on the same storage as the ledger.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StorageConfig } from '../../config.js';
import { openPostgresDatabase } from './postgres-database.js';
import type { SqlDatabase } from './sql-database.js';
import { openSqliteDatabase } from './sqlite-database.js';

export function openDatabase(storage: StorageConfig): SqlDatabase {
  if (storage.kind === 'postgres') return openPostgresDatabase(storage.url);
  if (storage.path !== ':memory:') mkdirSync(dirname(storage.path), { recursive: true });
  return openSqliteDatabase(storage.path);
}
