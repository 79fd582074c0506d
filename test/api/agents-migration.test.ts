// Migrations 10 and 12 on both databases: disbursements and codes written before survive; agents, then requests fit after.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { domainMigrations } from '../../src/domain/schema.js';
import { migrateDatabase } from '../../src/storage/sql/migrate.js';
import { STORAGES } from '../support/api-suite.js';
import { openEmptyDatabase } from '../support/empty-database.js';

const DISBURSEMENT = `INSERT INTO disbursements (id, kind, merchant_id, operator_account, customer_id, direction,
  client_id, idempotency_key, request_hash, amount, currency, description, transfer_id, status, created_at`;

for (const storage of STORAGES) {
  describe(`agents migration (${storage})`, () => {
    it('keeps earlier disbursements and codes, then takes cash movements of exactly one organisation', async () => {
      const { db, drop } = await openEmptyDatabase(storage);
      try {
        await migrateDatabase(
          db,
          domainMigrations.filter((m) => m.version < 10),
        );
        const bytes = Buffer.from('x');
        await db.run(
          `INSERT INTO customers (id, phone, wallet_account_id, status, tier, locale, pin_salt, pin_hash, created_at)
           VALUES ('cus_1', '+8613900000001', '1', 'active', 'basic', 'en', $1, $1, 1)`,
          [bytes],
        );
        await db.run(
          `INSERT INTO api_clients (id, name, consumer_key, secret_salt, secret_hash, api_key_hash, created_at)
           VALUES ('cli_1', 'c', 'ck_1', $1, $1, $1, 1)`,
          [bytes],
        );
        await db.run(`${DISBURSEMENT}) VALUES ('adj_1', 'adjustment', NULL, 'suspense', 'cus_1', 'credit', 'cli_1',
          'k1', 'h', 100, 'CNY', 'old', '11', 'completed', 1)`);
        await db.run(
          `INSERT INTO authorisation_codes (code_hash, customer_id, client_id, amount, amount_type, created_at,
             expires_at) VALUES ($1, 'cus_1', 'cli_1', NULL, 'exact', 1, 2)`,
          [bytes],
        );
        assert.deepEqual(
          await migrateDatabase(
            db,
            domainMigrations.filter((m) => m.version <= 10),
          ),
          [10],
        );
        const kept = await db.all<{ id: string; operator_account: string; agent_id: string | null }>(
          'SELECT id, operator_account, agent_id FROM disbursements',
        );
        assert.deepEqual(kept, [{ id: 'adj_1', operator_account: 'suspense', agent_id: null }]);
        const codes = await db.all<{ client_id: string }>('SELECT client_id FROM authorisation_codes');
        assert.deepEqual(codes, [{ client_id: 'cli_1' }]);
        await db.run(
          "INSERT INTO agents (id, name, phone, account_id, created_at) VALUES ('agt_1', 'A', 'p', '2', 1)",
        );
        await db.run(`${DISBURSEMENT}, agent_id) VALUES ('dep_1', 'deposit', NULL, NULL, 'cus_1', 'credit',
          'cli_1', 'k2', 'h', 100, 'CNY', '', '12', 'completed', 1, 'agt_1')`);
        await assert.rejects(
          db.run(`${DISBURSEMENT}, agent_id) VALUES ('dep_2', 'deposit', NULL, 'suspense', 'cus_1', 'credit',
            'cli_1', 'k3', 'h', 100, 'CNY', '', '13', 'completed', 1, 'agt_1')`),
        );
        await db.run(
          `INSERT INTO authorisation_codes (code_hash, customer_id, client_id, amount, amount_type, created_at,
             expires_at) VALUES ($1, 'cus_1', NULL, 500, 'maximum', 1, 2)`,
          [Buffer.from('y')],
        );
        // Migration 12 (with 11, staff password flags, alongside): the rows stay; a cash-out may then wait for its
        // customer (requested, with an expiry).
        assert.deepEqual(
          await migrateDatabase(
            db,
            domainMigrations.filter((m) => m.version <= 12),
          ),
          [11, 12],
        );
        const after12 = await db.all<{ id: string; agent_id: string | null }>(
          'SELECT id, agent_id FROM disbursements ORDER BY id',
        );
        assert.deepEqual(after12, [
          { id: 'adj_1', agent_id: null },
          { id: 'dep_1', agent_id: 'agt_1' },
        ]);
        await db.run(`${DISBURSEMENT}, agent_id, expires_at) VALUES ('wdr_1', 'withdrawal', NULL, NULL, 'cus_1',
          'debit', 'cli_1', 'k4', 'h', 100, 'CNY', '', '14', 'requested', 1, 'agt_1', 2)`);
        await assert.rejects(
          db.run(`${DISBURSEMENT}, agent_id) VALUES ('wdr_2', 'withdrawal', NULL, NULL, 'cus_1', 'debit',
            'cli_1', 'k5', 'h', 100, 'CNY', '', '15', 'asked', 1, 'agt_1')`),
        );
      } finally {
        await db.close();
        await drop();
      }
    });
  });
}
