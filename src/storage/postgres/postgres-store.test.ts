// Runs the storage contract and the model property against PostgreSQL (DATABASE_URL), a fresh database per store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestDatabase } from '../../../test/support/throwaway-postgres.js';
import { describeLedgerStoreContract, type OpenedStore } from '../contract/ledger-contract.js';
import { describeModelProperty } from '../contract/model-property.js';
import type { LedgerStore } from '../port.js';
import { openPostgresLedgerStore } from './postgres-store.js';

const MISSING_URL =
  'DATABASE_URL is not set: the PostgreSQL storage contract needs a real server (npm test provides one)';

async function openMigrated(url: string): Promise<LedgerStore> {
  const store = await openPostgresLedgerStore(url);
  await store.migrate();
  return store;
}

/** A store on a new, empty database of the DATABASE_URL server; close() drops the database. */
async function openFresh(): Promise<OpenedStore> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error(MISSING_URL);
  const database = await createTestDatabase(baseUrl);
  let store: LedgerStore;
  try {
    store = await openMigrated(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    store,
    async reopen() {
      await store.close();
      store = await openMigrated(database.url);
      return store;
    },
    async close() {
      try {
        await store.close();
      } finally {
        await database.drop();
      }
    },
  };
}

describe('postgres storage prerequisites', () => {
  it('has a PostgreSQL server to test against', () => {
    assert.ok(process.env.DATABASE_URL, MISSING_URL);
  });
});

describeLedgerStoreContract('postgres', openFresh, { durable: true });
describeModelProperty('postgres', openFresh, { numRuns: 25 });
