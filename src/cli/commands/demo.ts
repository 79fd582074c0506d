// `mwallet demo`: loads the demo customers and merchants (idempotent) and prints their PINs and till codes.
import { Command } from 'commander';
import { loadDemoData } from '../../domain/demo.js';
import { runAdmin } from '../with-runtime.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description('load the demo customers (funded, with known PINs) and merchants if they are not there yet')
    .action(async (_options: object, command: Command) =>
      runAdmin(command, async ({ platform }) => {
        const demo = await loadDemoData(platform.ctx);
        return {
          ok: true,
          result: demo,
          text: [
            ...demo.customers.map((c) => `${c.phone}  PIN ${c.pin}  ${c.name}  balance ${c.balance}`),
            ...demo.merchants.map((m) => `till ${m.tillCode}  ${m.name}`),
            ...demo.staff.map(
              (s) => `staff ${s.username}  password ${s.password}  TOTP secret ${s.totpSecret}`,
            ),
          ].join('\n'),
        };
      }),
    );
}
