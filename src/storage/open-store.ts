// Opens the configured ledger store: embedded SQLite by default, PostgreSQL when a URL is configured.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StorageConfig } from '../config.js';
import type { LedgerStore } from './port.js';
import { openPostgresLedgerStore } from './postgres/postgres-store.js';
import { openSqliteLedgerStore } from './sqlite/sqlite-store.js';

export async function openLedgerStore(storage: StorageConfig): Promise<LedgerStore> {
  if (storage.kind === 'postgres') return openPostgresLedgerStore(storage.url);
  if (storage.path !== ':memory:') mkdirSync(dirname(storage.path), { recursive: true });
  return openSqliteLedgerStore(storage.path);
}
