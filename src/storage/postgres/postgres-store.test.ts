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

describe('postgres store under concurrent batches', () => {
  it('never loses sight of an existing account when expiry runs beside transfer batches', async () => {
    const opened = await openFresh();
    try {
      const { store } = opened;
      const ids = Array.from({ length: 20 }, (_, i) => BigInt(i + 1));
      const now = () => BigInt(Date.now()) * 1_000_000n;
      const created = await store.createAccounts(
        [ids.map((id) => ({ id, ledger: 1, code: 1, flags: 0 }))],
        now(),
      );
      assert.ok(created.flat().every((r) => r === 'ok'));
      let next = 1000n;
      const batch = () =>
        ids.map((id, i) => ({
          id: next++,
          debitAccountId: id,
          creditAccountId: ids[(i + 1) % ids.length] ?? 1n,
          amount: 1n,
          ledger: 1,
          code: 1,
        }));
      // The expiry pass and the transfer batches interleave on the one store, as the ledger's timer makes them.
      const results = await Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          i % 3 === 0
            ? store.expirePendingTransfers(now()).then(() => [])
            : store.createTransfers([batch()], now()),
        ),
      );
      const refused = results.flat(2).filter((r) => r !== 'ok');
      assert.deepEqual(refused, []);
    } finally {
      await opened.close();
    }
  });
});
