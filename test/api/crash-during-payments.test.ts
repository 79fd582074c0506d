// Kills the real server (kill -9) while payments are in flight: every acknowledged payment is complete, and money is conserved.
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
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { openRuntime } from '../../src/runtime.js';
import { freePort } from '../support/free-port.js';

const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));
const PAYERS = 12;
const FUNDS = 50_000n; // ¥500.00 each, from the bench fixture

describe('kill -9 during P2P payments (sqlite)', () => {
  let dir: string;
  let env: Record<string, string>;
  let config: Config;
  let payers: BenchPayer[];
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
    payers = await createBenchPayers(runtime.platform.ctx, PAYERS).finally(() => runtime.close());
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('loses no acknowledged payment and no cent across three kills', async () => {
    const acknowledged: string[] = [];
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
      const pay = async (payer: BenchPayer) => {
        while (!killed) {
          const reply = await fetch(`${url}/api/v1/p2p/transfers`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${payer.token}`,
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({ to: payer.payee, amount: '0.01' }),
          }).catch(() => undefined);
          if (reply?.status === 201) acknowledged.push(((await reply.json()) as { id: string }).id);
        }
      };
      const load = Promise.all(payers.map(pay));
      await new Promise((resolve) => setTimeout(resolve, 400 + round * 300));
      server.kill('SIGKILL');
      killed = true;
      await once(server, 'exit');
      await load;
    }
    assert.ok(
      acknowledged.length > 10,
      `only ${acknowledged.length} payments were acknowledged before the kills`,
    );

    const runtime = await openRuntime(config, createLogger('silent'));
    try {
      const { db, ledger } = runtime.platform.ctx;
      for (const id of acknowledged) {
        const row = await db.get<{ status: string; transfer_id: string }>(
          'SELECT status, transfer_id FROM payments WHERE id = $1',
          [id],
        );
        assert.equal(row?.status, 'completed', `acknowledged payment ${id}`);
        assert.equal((await ledger.lookupTransfers([BigInt(row.transfer_id)])).length, 1);
      }
      // Money is conserved: every wallet holds its funding plus what the ledger moved in, minus what it moved out.
      const wallets = await db.all<{ id: string; wallet_account_id: string }>(
        "SELECT id, wallet_account_id FROM customers WHERE phone LIKE '+86139%'",
      );
      const accounts = await ledger.lookupAccounts(wallets.map((w) => BigInt(w.wallet_account_id)));
      const total = accounts.reduce((sum, a) => sum + a.creditsPosted - a.debitsPosted - a.debitsPending, 0n);
      assert.equal(
        total,
        FUNDS * BigInt(PAYERS),
        'P2P moves money between the wallets, never creates or loses it',
      );
      const totals = await runtime.store.balanceTotals();
      assert.equal(totals.debitsPosted, totals.creditsPosted);
      assert.equal(totals.limitViolations, 0);
    } finally {
      await runtime.close();
    }
  });
});
