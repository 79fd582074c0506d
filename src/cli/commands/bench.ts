// `mwallet bench`: measures the ledger (SQLite, PostgreSQL), the app API and merchant payments, and prints the figures (or JSON).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createTestDatabase, startThrowawayPostgres } from '../../../test/support/throwaway-postgres.js';
import { type ApiFigures, type MerchantFigures, runApiBench } from '../../bench/api-bench.js';
import { FULL_SCALE, type LedgerBenchReport, runLedgerBench } from '../../bench/ledger-bench.js';
import { machineFacts } from '../../bench/machine.js';
import { globalOptions } from '../options.js';

type Part = 'all' | 'ledger' | 'api';

function ledgerScale(factor: number) {
  return {
    transfers: Math.ceil(FULL_SCALE.transfers * factor),
    naiveTransfers: Math.ceil(FULL_SCALE.naiveTransfers * factor),
    smallAccounts: Math.ceil(FULL_SCALE.smallAccounts * Math.min(1, factor)),
    largeAccounts: Math.ceil(FULL_SCALE.largeAccounts * factor),
    pgbenchSeconds: Math.max(1, Math.round(FULL_SCALE.pgbenchSeconds * Math.min(1, factor))),
  };
}

type ApiReport = ApiFigures & { postgres: ApiFigures };

async function measureApi(factor: number, say: (line: string) => void): Promise<ApiReport> {
  const work = mkdtempSync(join(tmpdir(), 'mwallet-api-bench-'));
  const scale = {
    payers: Math.max(50, Math.ceil(2000 * Math.min(1, factor))),
    seconds: Math.max(2, Math.round(10 * factor)),
    connections: 32,
  };
  try {
    say('App API over HTTP (SQLite, one server process; load generator in this process):');
    const sqlite = await runApiBench(work, scale, say);
    say('App API over HTTP (PostgreSQL: throwaway local server, one server process):');
    const server = await startThrowawayPostgres();
    try {
      const database = await createTestDatabase(server.socketUrl);
      const postgres = await runApiBench(work, scale, say, database.url);
      return { ...sqlite, postgres };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function benchCommand(): Command {
  return new Command('bench')
    .description('measure the ledger (SQLite, PostgreSQL) and the app API against baselines in the same run')
    .option('--out <file>', 'also write the JSON report to this file')
    .option('--scale <factor>', 'multiply workload sizes (e.g. 0.1 for a quick run)', '1')
    .option('--only <part>', 'ledger or api (default: both)', 'all')
    .action(async (options: { out?: string; scale: string; only: string }, command: Command) => {
      const factor = Number(options.scale);
      if (!(factor > 0 && factor <= 10)) command.error('--scale must be a number in (0, 10]');
      if (!['all', 'ledger', 'api'].includes(options.only)) command.error('--only must be ledger or api');
      const part = options.only as Part;
      const json = globalOptions(command).json;
      const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
      let report: Partial<LedgerBenchReport> & { api?: ApiReport; merchant?: MerchantFigures } = {};
      if (part !== 'api') report = await runLedgerBench(ledgerScale(factor), say);
      else {
        report.machine = machineFacts(tmpdir());
        say(
          `machine: ${report.machine.cores} cores, ${report.machine.cpu}, fsync ${report.machine.fsync_ms} ms`,
        );
      }
      if (part !== 'ledger') {
        report.api = await measureApi(factor, say);
        report.merchant = report.api.merchant;
      }
      const text = JSON.stringify(report, null, 2);
      if (options.out) writeFileSync(options.out, `${text}\n`);
      if (json) process.stdout.write(`${text}\n`);
    });
}
