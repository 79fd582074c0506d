// `mwallet migrate`: creates or upgrades the database schema, then exits.
import { Command } from 'commander';
import { describeStorage } from '../../config.js';
import { openLedgerStore } from '../../storage/open-store.js';
import { loadConfigOrExit } from '../load-config.js';
import { globalOptions } from '../options.js';
import { printResult } from '../output.js';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('create or upgrade the database schema to this version, then exit')
    .action(async (_options: object, command: Command) => {
      const config = loadConfigOrExit(process.env);
      const store = await openLedgerStore(config.storage);
      try {
        await store.migrate();
      } finally {
        await store.close();
      }
      const location = describeStorage(config.storage);
      printResult(
        globalOptions(command),
        { storage: config.storage.kind, location, migrated: true },
        `Migrated the ${config.storage.kind} database at ${location}: the schema is up to date.`,
      );
    });
}
