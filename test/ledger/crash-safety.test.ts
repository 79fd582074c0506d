// kill -9 of the writing process at random moments loses nothing acknowledged and never unbalances the books.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLedgerStore } from '../../src/storage/open-store.js';
import { ISSUER, randomSource } from './random-transfers.js';
import { setUpBooks } from './setup-books.js';
import { spawnWorker } from './spawn-worker.js';
import { freshStore, STORE_KINDS } from './test-stores.js';

const TRIALS = 50;
const SHAPE = { accounts: 100, hot: 2 };
const SHAPE_IDS = Array.from({ length: SHAPE.accounts }, (_, i) => BigInt(i + 1));
/** Later than any timestamp: a balance "as of" it sums every transfer in the log. */
const END_OF_LOG = (1n << 63n) - 1n;

for (const kind of STORE_KINDS) {
  describe(`crash safety (${kind})`, () => {
    it(`${TRIALS} kill -9 trials: zero acknowledged transfers lost, books balanced after restart`, async (t) => {
      const fresh = await freshStore(kind);
      const setup = await openLedgerStore(fresh.spec);
      await setup.migrate();
      await setUpBooks(setup, SHAPE);
      await setup.close();
      const random = randomSource(42);
      let acknowledgedTotal = 0;
      let unacknowledgedCommitted = 0;
      try {
        for (let trial = 0; trial < TRIALS; trial++) {
          const worker = spawnWorker({
            spec: fresh.spec,
            seed: trial,
            workerIndex: trial,
            shape: SHAPE,
            clients: 4,
            transfers: 0,
          });
          const started = Date.now();
          while (worker.acknowledged.length === 0 && Date.now() - started < 20_000) await sleep(2);
          assert.ok(worker.acknowledged.length > 0, 'the writer acknowledged something before the kill');
          await sleep(Math.floor(random() * 150));
          worker.child.kill('SIGKILL');
          const exit = await worker.exited;
          assert.equal(exit.signal, 'SIGKILL', `writer died on its own: ${exit.stderr}`);

          const store = await openLedgerStore(fresh.spec);
          try {
            const acknowledged = worker.acknowledged;
            const found = await store.lookupTransfers(acknowledged);
            assert.equal(found.length, acknowledged.length, `trial ${trial}: acknowledged transfers lost`);
            await assertBalancesMatchLog(store, [ISSUER, ...SHAPE_IDS], `trial ${trial}`);
            const totals = await store.balanceTotals();
            assert.equal(totals.debitsPosted, totals.creditsPosted);
            assert.equal(totals.debitsPending, totals.creditsPending);
            assert.equal(totals.limitViolations, 0);
            acknowledgedTotal += acknowledged.length;
            const firstId = BigInt(trial + 1) << 64n;
            const committed = await countCommittedFrom(store, firstId, acknowledged);
            unacknowledgedCommitted += committed;
          } finally {
            await store.close();
          }
        }
        t.diagnostic(
          `${kind}: ${TRIALS} kills, ${acknowledgedTotal} acknowledged transfers all found, ` +
            `${unacknowledgedCommitted} committed but not acknowledged (allowed)`,
        );
      } finally {
        await fresh.remove();
      }
    });
  });
}

/** How many transfers of this trial's id range are stored beyond the acknowledged ones. */
async function countCommittedFrom(
  store: Awaited<ReturnType<typeof openLedgerStore>>,
  firstId: bigint,
  acknowledged: bigint[],
): Promise<number> {
  // biome-ignore lint/complexity/useMathMinMax: Math.max does not take bigint
  const highest = acknowledged.reduce((max, id) => (id > max ? id : max), firstId);
  const acked = new Set(acknowledged);
  const candidates: bigint[] = [];
  for (let id = firstId; id <= highest + 2000n; id++) if (!acked.has(id)) candidates.push(id);
  return (await store.lookupTransfers(candidates)).length;
}

/** Each account's balances, as the store answers them after a restart, equal what its transfers in the log add up to. */
async function assertBalancesMatchLog(
  store: Awaited<ReturnType<typeof openLedgerStore>>,
  ids: bigint[],
  where: string,
): Promise<void> {
  const accounts = await store.lookupAccounts(ids);
  assert.equal(accounts.length, ids.length, `${where}: every account exists`);
  for (const account of accounts) {
    const fromLog = await store.getAccountBalanceAt(account.id, END_OF_LOG);
    assert.deepEqual(
      [account.debitsPending, account.debitsPosted, account.creditsPending, account.creditsPosted],
      [fromLog?.debitsPending, fromLog?.debitsPosted, fromLog?.creditsPending, fromLog?.creditsPosted],
      `${where}: account ${account.id} agrees with its transfers`,
    );
  }
}
