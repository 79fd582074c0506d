// `mwallet demo`: loads the demo customers into the configured database (idempotent) and prints their PINs.
import { Command } from 'commander';
import { loadDemoData } from '../../domain/demo.js';
import { runAdmin } from '../with-runtime.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description('load the demo customers (funded, with known PINs) if they are not there yet')
    .action(async (_options: object, command: Command) =>
      runAdmin(command, async ({ platform }) => {
        const demo = await loadDemoData(platform.ctx);
        return {
          ok: true,
          result: { customers: demo },
          text: demo.map((c) => `${c.phone}  PIN ${c.pin}  ${c.name}  balance ${c.balance}`).join('\n'),
        };
      }),
    );
}
