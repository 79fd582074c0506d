// `mwallet migrate`: creates or upgrades the database schema, then exits.
import { Command } from 'commander';
import { describeStorage } from '../../config.js';
import { createLogger } from '../../observability/logger.js';
import { openRuntime } from '../../runtime.js';
import { loadConfigOrExit } from '../load-config.js';
import { globalOptions } from '../options.js';
import { printResult } from '../output.js';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('create or upgrade the database schema to this version, then exit')
    .action(async (_options: object, command: Command) => {
      const config = loadConfigOrExit(process.env);
      // Opening the runtime migrates the ledger and the domain schema, and creates the operator accounts.
      const runtime = await openRuntime(config, createLogger('warn', 'stderr'));
      await runtime.close();
      const location = describeStorage(config.storage);
      printResult(
        globalOptions(command),
        { storage: config.storage.kind, location, migrated: true },
        `Migrated the ${config.storage.kind} database at ${location}: the schema is up to date.`,
      );
    });
}
