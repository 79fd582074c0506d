// Kills the real server (kill -9) while P2P and merchant payments are in flight: every acknowledged one is complete, money conserved.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type BenchPayer, createBenchPayers } from '../../src/bench/api-fixture.js';
import { createBenchMerchants } from '../../src/bench/merchant-fixture.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { openRuntime } from '../../src/runtime.js';
import { freePort } from '../support/free-port.js';

const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));
const PAYERS = 12;
const FUNDS = 50_000n; // ¥500.00 each, from the bench fixture

describe('kill -9 during P2P and merchant payments (sqlite)', () => {
  let dir: string;
  let env: Record<string, string>;
  let config: Config;
  let payers: BenchPayer[];
  let shopQr: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mwallet-crash-api-'));
    env = {
      MWALLET_DB: join(dir, 'mwallet.db'),
      DATABASE_URL: '',
      MWALLET_SECRET_KEY: randomBytes(32).toString('hex'),
      MWALLET_RATE_LIMIT: '0',
      MWALLET_PAYMENTS_PER_HOUR: '1000000',
      MWALLET_DEMO: '0',
      LOG_LEVEL: 'fatal',
    };
    const loaded = loadConfig(env);
    assert.ok(loaded.ok);
    config = loaded.config;
    const runtime = await openRuntime(config, createLogger('silent'));
    const ctx = runtime.platform.ctx;
    [payers, [shopQr = ''] = []] = await Promise.all([
      createBenchPayers(ctx, PAYERS),
      createBenchMerchants(ctx, 1),
    ]).finally(() => runtime.close());
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('loses no acknowledged payment and no cent across three kills', async () => {
    /** Acknowledged payments by table: P2P in `payments`, merchant payments in `merchant_payments`. */
    const acknowledged: { table: 'payments' | 'merchant_payments'; id: string }[] = [];
    for (let round = 0; round < 3; round++) {
      const port = await freePort();
      const server = spawn(process.execPath, [MAIN], {
        env: { ...process.env, ...env, PORT: String(port) },
        stdio: 'ignore',
      });
      const url = `http://127.0.0.1:${port}`;
      while (
        !(await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      let killed = false;
      // Even payers send P2P transfers, odd ones pay the shop's QR code.
      const pay = async (payer: BenchPayer, index: number) => {
        const shop = index % 2 === 1;
        const table = shop ? 'merchant_payments' : 'payments';
        while (!killed) {
          const reply = await fetch(`${url}/api/v1/${shop ? 'merchant-payments' : 'p2p/transfers'}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${payer.token}`,
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify(
              shop ? { payload: shopQr, amount: '0.01' } : { to: payer.payee, amount: '0.01' },
            ),
          }).catch(() => undefined);
          if (reply?.status === 201)
            acknowledged.push({ table, id: ((await reply.json()) as { id: string }).id });
        }
      };
      const load = Promise.all(payers.map(pay));
      await new Promise((resolve) => setTimeout(resolve, 400 + round * 300));
      server.kill('SIGKILL');
      killed = true;
      await once(server, 'exit');
      await load;
    }
    for (const table of ['payments', 'merchant_payments']) {
      const count = acknowledged.filter((a) => a.table === table).length;
      assert.ok(count > 5, `only ${count} ${table} were acknowledged before the kills`);
    }

    const runtime = await openRuntime(config, createLogger('silent'));
    try {
      const { db, ledger } = runtime.platform.ctx;
      for (const { table, id } of acknowledged) {
        const row = await db.get<{ status: string; transfer_id: string }>(
          `SELECT status, transfer_id FROM ${table} WHERE id = $1`,
          [id],
        );
        assert.equal(row?.status, 'completed', `acknowledged payment ${id}`);
        assert.equal((await ledger.lookupTransfers([BigInt(row.transfer_id)])).length, 1);
      }
      // Money is conserved: the wallets and the shop (¥0.01 payments carry no fee) hold exactly the funding.
      const wallets = await db.all<{ id: string }>(
        "SELECT wallet_account_id AS id FROM customers WHERE phone LIKE '+86139%' UNION ALL SELECT account_id AS id FROM merchants",
      );
      const accounts = await ledger.lookupAccounts(wallets.map((w) => BigInt(w.id)));
      const total = accounts.reduce((sum, a) => sum + a.creditsPosted - a.debitsPosted - a.debitsPending, 0n);
      assert.equal(
        total,
        FUNDS * BigInt(PAYERS),
        'payments move money between the wallets and the shop, never create or lose it',
      );
      const totals = await runtime.store.balanceTotals();
      assert.equal(totals.debitsPosted, totals.creditsPosted);
      assert.equal(totals.limitViolations, 0);
    } finally {
      await runtime.close();
    }
  });
});
