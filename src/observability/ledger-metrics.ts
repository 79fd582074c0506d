// Prometheus metrics of the group-commit ledger: commits, items per commit, commit latency and queue depth.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { GroupCommitOptions } from '../ledger/group-commit.js';

export interface LedgerMetrics {
  /** The hook to give the ledger (GroupCommitOptions.onCommit). */
  onCommit: NonNullable<GroupCommitOptions['onCommit']>;
  /** Where the queue-depth gauge reads from, once the ledger exists. */
  watchQueue(queued: () => number): void;
}

export function registerLedgerMetrics(registry: Registry): LedgerMetrics {
  let queued = () => 0;
  const commits = new Counter({
    name: 'ledger_commits_total',
    help: 'Durable ledger commits, by kind (accounts or transfers).',
    labelNames: ['kind'],
    registers: [registry],
  });
  const items = new Histogram({
    name: 'ledger_commit_items',
    help: 'Accounts or transfers written per durable commit.',
    labelNames: ['kind'],
    buckets: [1, 4, 16, 64, 256, 1024, 4096, 8190],
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'ledger_commit_seconds',
    help: 'Time of one batch from start to durable commit.',
    labelNames: ['kind'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'ledger_queue_items',
    help: 'Accounts and transfers waiting for the next commit.',
    registers: [registry],
    collect() {
      this.set(queued());
    },
  });
  return {
    onCommit(info) {
      commits.inc({ kind: info.kind });
      items.observe({ kind: info.kind }, info.items);
      seconds.observe({ kind: info.kind }, info.ms / 1000);
    },
    watchQueue(source) {
      queued = source;
    },
  };
}
