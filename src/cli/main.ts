// The `mwallet` command line: global options here, one subcommand per file in commands/.
import { Command } from 'commander';
import { readPackageVersion } from '../server.js';
import { agentsCommand } from './commands/agents.js';
import { benchCommand } from './commands/bench.js';
import { clientsCommand } from './commands/clients.js';
import { demoCommand } from './commands/demo.js';
import { issueCommand } from './commands/issue.js';
import { kycCommand } from './commands/kyc.js';
import { merchantsCommand } from './commands/merchants.js';
import { migrateCommand } from './commands/migrate.js';
import { paymentsCommand } from './commands/payments.js';
import { staffCommand } from './commands/staff.js';
import { startCommand } from './commands/start.js';
import { lockCommand, simSwapCommand, unlockCommand } from './commands/wallet-admin.js';

const program = new Command('mwallet')
  .description('mwallet: open-source mobile money platform')
  .version(await readPackageVersion())
  .option('--json', 'print machine-readable JSON instead of text')
  .showHelpAfterError()
  .addCommand(startCommand())
  .addCommand(migrateCommand())
  .addCommand(benchCommand())
  .addCommand(demoCommand())
  .addCommand(issueCommand())
  .addCommand(kycCommand())
  .addCommand(lockCommand())
  .addCommand(unlockCommand())
  .addCommand(simSwapCommand())
  .addCommand(merchantsCommand())
  .addCommand(agentsCommand())
  .addCommand(clientsCommand())
  .addCommand(paymentsCommand())
  .addCommand(staffCommand());

await program.parseAsync();
