// The ledger snapshot reads PostgreSQL by index only: no sequential scan, however small or large the tables.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { createTestDatabase } from '../../../test/support/throwaway-postgres.js';
import { TransferFlags } from '../../ledger/types.js';
import { openPostgresLedgerStore } from './postgres-store.js';
import { idToUuid } from './uuid.js';

const SECOND = 1_000_000_000n;

describe('postgres ledger snapshot', () => {
  it('reads accounts, transfers and outcomes without a sequential scan, due pending transfers included', async () => {
    const baseUrl = process.env.DATABASE_URL;
    assert.ok(baseUrl, 'DATABASE_URL is not set (npm test provides one)');
    const database = await createTestDatabase(baseUrl);
    const store = await openPostgresLedgerStore(database.url);
    const client = new pg.Client({ connectionString: database.url });
    try {
      await store.migrate();
      const now = BigInt(Date.now()) * 1_000_000n;
      const ids = Array.from({ length: 40 }, (_, i) => BigInt(i + 1));
      await store.createAccounts([ids.map((id) => ({ id, ledger: 1, code: 1, flags: 0 }))], now);
      const held = ids.map((id, i) => ({
        id: 1000n + id,
        debitAccountId: id,
        creditAccountId: ids[(i + 1) % ids.length] ?? 1n,
        amount: 1n,
        ledger: 1,
        code: 1,
        flags: TransferFlags.pending,
        timeout: 1,
      }));
      const results = await store.createTransfers([held], now);
      assert.ok(results.flat().every((r) => r === 'ok'));

      await client.connect();
      await client.query('BEGIN');
      const { rows } = await client.query<{
        snapshot: { accounts: unknown[]; transfers: unknown[]; due: unknown[] };
      }>(
        'SELECT mw_ledger_snapshot($1::uuid[], $2::uuid[], $3::bigint, $4::uuid[], $5::bigint) AS snapshot',
        [[idToUuid(1n), idToUuid(2n)], [], null, [idToUuid(1001n)], (now + 5n * SECOND).toString()],
      );
      // Every held transfer has timed out by then: all are due, so their accounts are read too.
      assert.deepEqual(
        [rows[0]?.snapshot.accounts.length, rows[0]?.snapshot.transfers.length, rows[0]?.snapshot.due.length],
        [40, 1, 40],
      );
      const scans = await client.query<{ relname: string; seq_scan: string }>(
        `SELECT relname, seq_scan FROM pg_stat_xact_user_tables
         WHERE relname IN ('accounts', 'transfers', 'pending_outcomes', 'ledger_meta') ORDER BY relname`,
      );
      assert.deepEqual(
        scans.rows.map((r) => [r.relname, Number(r.seq_scan)]),
        [
          ['accounts', 0],
          ['ledger_meta', 0],
          ['pending_outcomes', 0],
          ['transfers', 0],
        ],
      );
      await client.query('COMMIT');
    } finally {
      await client.end().catch(() => undefined);
      await store.close();
      await database.drop();
    }
  });
});
