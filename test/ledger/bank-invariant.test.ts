// Several OS processes write random transfers to one database while a reader checks that the books always balance.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openLedgerStore } from '../../src/storage/open-store.js';
import type { LedgerStore } from '../../src/storage/port.js';
import { ISSUER } from './random-transfers.js';
import { FUNDING_PER_ACCOUNT, setUpBooks } from './setup-books.js';
import { spawnWorker } from './spawn-worker.js';
import { freshStore, STORE_KINDS } from './test-stores.js';

const SHAPE = { accounts: 300, hot: 3 };
const WORKERS = 3;
const TRANSFERS_PER_WORKER = 4000;

async function assertBalanced(store: LedgerStore): Promise<void> {
  const totals = await store.balanceTotals();
  assert.equal(totals.debitsPosted, totals.creditsPosted, 'posted debits equal posted credits');
  assert.equal(totals.debitsPending, totals.creditsPending, 'pending debits equal pending credits');
  assert.equal(totals.limitViolations, 0, 'no account breaks its balance limit');
}

async function assertAllExist(store: LedgerStore, ids: bigint[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    const found = await store.lookupTransfers(chunk);
    assert.equal(found.length, chunk.length, 'every acknowledged transfer is stored');
  }
}

for (const kind of STORE_KINDS) {
  describe(`bank invariant under concurrency (${kind})`, () => {
    it(`${WORKERS} processes × ${TRANSFERS_PER_WORKER} random transfers over hot and cold accounts`, async () => {
      const fresh = await freshStore(kind);
      const store = await openLedgerStore(fresh.spec);
      try {
        await store.migrate();
        await setUpBooks(store, SHAPE);
        const workers = Array.from({ length: WORKERS }, (_, workerIndex) =>
          spawnWorker({
            spec: fresh.spec,
            seed: 1000 + workerIndex,
            workerIndex,
            shape: SHAPE,
            clients: 8,
            transfers: TRANSFERS_PER_WORKER,
          }),
        );
        let running = true;
        const all = Promise.all(workers.map((w) => w.exited)).finally(() => {
          running = false;
        });
        let reads = 0;
        while (running) {
          await assertBalanced(store);
          reads += 1;
          // The SQLite store answers synchronously: yield so the workers' output and exits are read.
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        for (const exit of await all) {
          assert.equal(exit.code, 0, `worker failed: ${exit.stderr}`);
          assert.ok(exit.done, 'worker finished its work');
        }
        await assertBalanced(store);
        const acknowledged = workers.flatMap((w) => w.acknowledged);
        assert.ok(
          acknowledged.length > WORKERS * TRANSFERS_PER_WORKER * 0.3,
          `most transfers succeed (${acknowledged.length})`,
        );
        await assertAllExist(store, acknowledged);
        const [issuer] = await store.lookupAccounts([ISSUER]);
        assert.equal(
          issuer?.debitsPosted,
          FUNDING_PER_ACCOUNT * BigInt(SHAPE.accounts),
          'money in circulation is unchanged',
        );
        assert.ok(reads > 3, `the reader checked the books while writers ran (${reads} reads)`);
      } finally {
        await store.close();
        await fresh.remove();
      }
    });
  });
}
