// Fresh, empty ledger stores for multi-process tests: a temp-file SQLite database or a new PostgreSQL database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageConfig } from '../../src/config.js';
import { createTestDatabase } from '../support/throwaway-postgres.js';

export interface FreshStore {
  spec: StorageConfig;
  remove(): Promise<void>;
}

export async function freshStore(kind: StorageConfig['kind']): Promise<FreshStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mwallet-ledger-'));
    return {
      spec: { kind, path: join(dir, 'ledger.db') },
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.DATABASE_URL;
  if (!base)
    throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL');
  const db = await createTestDatabase(base);
  return { spec: { kind, url: db.url }, remove: () => db.drop() };
}

export const STORE_KINDS: StorageConfig['kind'][] = ['sqlite', 'postgres'];
