// `mwallet bench`: the ledger's durable transfers/s on SQLite and PostgreSQL, each beside its baseline in the same run.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startThrowawayPostgres } from '../../test/support/throwaway-postgres.js';
import type { LedgerStore } from '../storage/port.js';
import { openPostgresLedgerStore } from '../storage/postgres/postgres-store.js';
import { openSqliteLedgerStore } from '../storage/sqlite/sqlite-store.js';
import { createBenchAccounts, runGroupCommitted, runNaive, type Workload } from './ledger-workload.js';
import { type MachineFacts, machineFacts } from './machine.js';
import { pgbenchTpcbTps } from './pgbench.js';

export interface BenchScale {
  transfers: number;
  naiveTransfers: number;
  smallAccounts: number;
  largeAccounts: number;
  pgbenchSeconds: number;
}

export const FULL_SCALE: BenchScale = {
  transfers: 400_000,
  naiveTransfers: 3_000,
  smallAccounts: 10_000,
  largeAccounts: 1_000_000,
  pgbenchSeconds: 10,
};

interface StoreFigures {
  batched_tps: number;
  naive_tps: number;
  batched_over_naive: number;
  hot_tps: number;
  large_tps: number;
  avg_commit_size: number;
}

export interface LedgerBenchReport {
  machine: MachineFacts;
  ledger: {
    sqlite: StoreFigures;
    postgres: StoreFigures & { pgbench_tpcb_tps: number; batched_over_pgbench: number };
    hot_over_uniform: number;
    large_over_small: number;
    postgres_hot_over_uniform: number;
    postgres_large_over_small: number;
  };
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

/** A new, empty store; `discard` closes it and removes its data. */
interface FreshStore {
  store: LedgerStore;
  discard(): Promise<void>;
}

/**
 * Runs `workload` on a fresh store holding only `accounts` accounts: every workload starts from the same empty
 * transfer table, so a comparison shows the workload's shape, not how much an earlier run left in the table.
 */
async function onFreshStore<T>(
  open: () => Promise<FreshStore>,
  accounts: number,
  workload: (store: LedgerStore) => Promise<T>,
): Promise<T> {
  const { store, discard } = await open();
  try {
    await store.migrate();
    await createBenchAccounts(store, accounts);
    return await workload(store);
  } finally {
    await discard();
  }
}

/** Runs the four workloads, each on a fresh store: uniform and naive at small scale, hot, uniform at large scale. */
async function measureStore(
  open: () => Promise<FreshStore>,
  scale: BenchScale,
  say: (line: string) => void,
): Promise<StoreFigures> {
  const base: Workload = {
    accounts: scale.smallAccounts,
    transfers: scale.transfers,
    hotShare: 0,
    clients: 32,
    callSize: 256,
  };
  const small = <T>(workload: (store: LedgerStore) => Promise<T>) =>
    onFreshStore(open, scale.smallAccounts, workload);
  const uniform = await small((store) => runGroupCommitted(store, base, 1n << 80n));
  say(
    `  group commit, ${base.accounts} accounts, uniform: ${uniform.tps} transfers/s (${uniform.commits} commits)`,
  );
  const naive = await small((store) =>
    runNaive(store, { ...base, transfers: scale.naiveTransfers }, 2n << 80n),
  );
  say(`  one transaction per transfer: ${naive.tps} transfers/s`);
  const hot = await small((store) => runGroupCommitted(store, { ...base, hotShare: 0.5 }, 3n << 80n));
  say(`  group commit, half credit one account: ${hot.tps} transfers/s`);
  say(`  creating ${scale.largeAccounts} accounts…`);
  const large = await onFreshStore(open, scale.largeAccounts, (store) =>
    runGroupCommitted(store, { ...base, accounts: scale.largeAccounts }, 4n << 80n),
  );
  say(`  group commit, ${scale.largeAccounts} accounts, uniform: ${large.tps} transfers/s`);
  return {
    batched_tps: uniform.tps,
    naive_tps: naive.tps,
    batched_over_naive: ratio(uniform.tps, naive.tps),
    hot_tps: hot.tps,
    large_tps: large.tps,
    avg_commit_size: Math.round(scale.transfers / uniform.commits),
  };
}

export async function runLedgerBench(
  scale: BenchScale,
  say: (line: string) => void,
): Promise<LedgerBenchReport> {
  const work = mkdtempSync(join(tmpdir(), 'mwallet-bench-'));
  const machine = machineFacts(work);
  say(`machine: ${machine.cores} cores, ${machine.cpu}, fsync ${machine.fsync_ms} ms`);
  try {
    say('SQLite (WAL; each commit durable via a grouped fsync before it is acknowledged):');
    let stores = 0;
    const openSqlite = async (): Promise<FreshStore> => {
      const dir = join(work, `sqlite-${++stores}`);
      mkdirSync(dir);
      const store = openSqliteLedgerStore(join(dir, 'bench.db'));
      return {
        store,
        discard: () => store.close().finally(() => rmSync(dir, { recursive: true, force: true })),
      };
    };
    const sqlite = await measureStore(openSqlite, scale, say);

    say('PostgreSQL (throwaway local server, default durability):');
    const server = await startThrowawayPostgres();
    try {
      const openPostgres = async (): Promise<FreshStore> => {
        const database = await createTestDatabase(server.socketUrl);
        const store = await openPostgresLedgerStore(database.url);
        return { store, discard: () => store.close().finally(() => database.drop()) };
      };
      const postgres = await measureStore(openPostgres, scale, say);
      const pgbenchDb = await createTestDatabase(server.socketUrl);
      const pgbench = await pgbenchTpcbTps(server.binDir, pgbenchDb.url, scale.pgbenchSeconds);
      say(`  pgbench -b tpcb-like on the same server: ${pgbench} tps`);
      return {
        machine,
        ledger: {
          sqlite,
          postgres: {
            ...postgres,
            pgbench_tpcb_tps: pgbench,
            batched_over_pgbench: ratio(postgres.batched_tps, pgbench),
          },
          hot_over_uniform: ratio(sqlite.hot_tps, sqlite.batched_tps),
          large_over_small: ratio(sqlite.large_tps, sqlite.batched_tps),
          postgres_hot_over_uniform: ratio(postgres.hot_tps, postgres.batched_tps),
          postgres_large_over_small: ratio(postgres.large_tps, postgres.batched_tps),
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
