// Ledger benchmark workloads: accounts set-up, group-committed transfers from many callers, and the naive path.
import { createLedger } from '../ledger/ledger.js';
import type { AccountInput, TransferInput } from '../ledger/types.js';
import type { LedgerStore } from '../storage/port.js';

const LEDGER = 1;
const CHUNK = 8190;

export interface Workload {
  accounts: number;
  transfers: number;
  /** Fraction of transfers that credit account 1 (0 = uniform). */
  hotShare: number;
  /** Concurrent callers and items per call. */
  clients: number;
  callSize: number;
}

export interface WorkloadResult {
  tps: number;
  commits: number;
  seconds: number;
}

/** Creates accounts 1..count in big group-committed batches (no balance limits, so every transfer applies). */
export async function createBenchAccounts(
  store: LedgerStore,
  count: number,
  onProgress?: (done: number) => void,
) {
  const ledger = createLedger(store, { expiryIntervalMs: 0, maxQueue: 1_000_000 });
  for (let first = 1; first <= count; first += CHUNK) {
    const batch: AccountInput[] = [];
    for (let id = first; id < Math.min(count + 1, first + CHUNK); id++)
      batch.push({ id: BigInt(id), ledger: LEDGER, code: 1 });
    const answer = await ledger.createAccounts(batch);
    if (!answer.ok || answer.results.some((r) => r !== 'ok' && r !== 'exists'))
      throw new Error('account set-up failed');
    onProgress?.(first + batch.length - 1);
  }
  await ledger.close();
}

/** Makes transfer `n` of a run: time-ordered ids above `firstId`, random accounts, some credited to account 1. */
function transferMaker(workload: Workload, firstId: bigint) {
  let next = firstId;
  return (): TransferInput => {
    const debit = 2 + Math.floor(Math.random() * (workload.accounts - 1));
    let credit =
      Math.random() < workload.hotShare ? 1 : 2 + Math.floor(Math.random() * (workload.accounts - 1));
    if (credit === debit) credit = debit === workload.accounts ? 2 : debit + 1;
    return {
      id: next++,
      debitAccountId: BigInt(debit),
      creditAccountId: BigInt(credit),
      amount: 1n,
      ledger: LEDGER,
      code: 1,
    };
  };
}

function assertAllOk(results: readonly string[]): void {
  const bad = results.find((r) => r !== 'ok');
  if (bad) throw new Error(`benchmark transfer failed: ${bad}`);
}

/** Many concurrent callers submit transfers through the group-commit engine; every one is durable when answered. */
export async function runGroupCommitted(
  store: LedgerStore,
  workload: Workload,
  firstId: bigint,
): Promise<WorkloadResult> {
  let commits = 0;
  const ledger = createLedger(store, { expiryIntervalMs: 0, onCommit: () => commits++ });
  const make = transferMaker(workload, firstId);
  let remaining = workload.transfers;
  const started = performance.now();
  const caller = async () => {
    while (remaining > 0) {
      const size = Math.min(workload.callSize, remaining);
      remaining -= size;
      const answer = await ledger.createTransfers(Array.from({ length: size }, make));
      if (!answer.ok) throw new Error(`ledger refused: ${answer.error}`);
      assertAllOk(answer.results);
    }
  };
  await Promise.all(Array.from({ length: workload.clients }, caller));
  const seconds = (performance.now() - started) / 1000;
  await ledger.close();
  return { tps: Math.round(workload.transfers / seconds), commits, seconds };
}

/** The naive path: one transfer, one transaction, one durable commit, one at a time. */
export async function runNaive(
  store: LedgerStore,
  workload: Workload,
  firstId: bigint,
): Promise<WorkloadResult> {
  const make = transferMaker(workload, firstId);
  const started = performance.now();
  let clock = BigInt(Date.now()) * 1_000_000n;
  for (let i = 0; i < workload.transfers; i++) {
    clock += 1n;
    const [results] = await store.createTransfers([[make()]], clock);
    assertAllOk(results ?? ['missing']);
  }
  const seconds = (performance.now() - started) / 1000;
  return { tps: Math.round(workload.transfers / seconds), commits: workload.transfers, seconds };
}
