// A child process that writes random transfers through the group-commit ledger and reports what was acknowledged.
// Output lines: `A <id>,<id>,…` for every acknowledged batch (only items whose result was ok), then `DONE`.
import type { StorageConfig } from '../../src/config.js';
import { createLedger } from '../../src/ledger/ledger.js';
import { openLedgerStore } from '../../src/storage/open-store.js';
import { createTrafficGenerator, randomSource, type TrafficShape } from './random-transfers.js';

export interface WorkerOrders {
  spec: StorageConfig;
  seed: number;
  workerIndex: number;
  shape: TrafficShape;
  /** Concurrent callers inside the process (they share group commits). */
  clients: number;
  /** Items to submit in all; 0 = keep going until killed. */
  transfers: number;
}

async function main(orders: WorkerOrders): Promise<void> {
  const store = await openLedgerStore(orders.spec);
  const ledger = createLedger(store, { expiryIntervalMs: 100 });
  const random = randomSource(orders.seed);
  const nextBatch = createTrafficGenerator(orders.shape, BigInt(orders.workerIndex + 1) << 64n, random);
  let submitted = 0;
  const client = async () => {
    while (orders.transfers === 0 || submitted < orders.transfers) {
      const batch = nextBatch(1 + Math.floor(random() * 40));
      submitted += batch.length;
      const answer = await ledger.createTransfers(batch);
      if (!answer.ok) throw new Error(`ledger refused a batch: ${answer.error}`);
      const acknowledged = batch.filter((_, i) => answer.results[i] === 'ok').map((t) => t.id);
      process.stdout.write(`A ${acknowledged.join(',')}\n`);
    }
  };
  await Promise.all(Array.from({ length: orders.clients }, client));
  await ledger.close();
  await store.close();
  process.stdout.write('DONE\n');
}

main(JSON.parse(process.argv[2] ?? '{}') as WorkerOrders).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
