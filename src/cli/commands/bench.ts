// `mwallet bench`: measures the ledger on SQLite and PostgreSQL and prints the figures (or writes them with --json).
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { FULL_SCALE, runLedgerBench } from '../../bench/ledger-bench.js';
import { globalOptions } from '../options.js';

export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'measure durable ledger transfers/s on SQLite and PostgreSQL against baselines in the same run',
    )
    .option('--out <file>', 'also write the JSON report to this file')
    .option('--scale <factor>', 'multiply workload sizes (e.g. 0.1 for a quick run)', '1')
    .action(async (options: { out?: string; scale: string }, command: Command) => {
      const factor = Number(options.scale);
      if (!(factor > 0 && factor <= 10)) command.error('--scale must be a number in (0, 10]');
      const scale = {
        transfers: Math.ceil(FULL_SCALE.transfers * factor),
        naiveTransfers: Math.ceil(FULL_SCALE.naiveTransfers * factor),
        smallAccounts: Math.ceil(FULL_SCALE.smallAccounts * Math.min(1, factor)),
        largeAccounts: Math.ceil(FULL_SCALE.largeAccounts * factor),
        pgbenchSeconds: Math.max(1, Math.round(FULL_SCALE.pgbenchSeconds * Math.min(1, factor))),
      };
      const json = globalOptions(command).json;
      const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
      const report = await runLedgerBench(scale, say);
      const text = JSON.stringify(report, null, 2);
      if (options.out) writeFileSync(options.out, `${text}\n`);
      if (json) process.stdout.write(`${text}\n`);
    });
}
