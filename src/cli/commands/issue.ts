// `mwallet issue --phone … --amount …`: credits a wallet with e-money from the trust account (audited).
import { Command } from 'commander';
import { issueEMoney } from '../../domain/wallets/issuance.js';
import { formatAmount } from '../../money/index.js';
import { cliActor, runAdmin } from '../with-runtime.js';

export function issueCommand(): Command {
  return new Command('issue')
    .description(
      'credit a wallet from the trust account until funding channels exist (recorded in the audit log)',
    )
    .requiredOption('--phone <number>', "the wallet's phone number")
    .requiredOption('--amount <decimal>', 'amount in the currency, e.g. 100.00')
    .option('--reason <text>', 'why, for the audit log', 'manual issuance')
    .option(
      '--reference <text>',
      'your reference (e.g. the bank credit): issuing again under it issues nothing more',
    )
    .action(
      async (
        options: { phone: string; amount: string; reason: string; reference?: string },
        command: Command,
      ) =>
        runAdmin(command, async ({ platform }) => {
          const result = await issueEMoney(platform.ctx, { ...options, actor: cliActor() });
          if (!result.ok)
            return {
              ok: false,
              error: result.error,
              text: `cannot issue: ${result.error}${result.detail ? ` (${result.detail})` : ''}`,
            };
          const balance = formatAmount({ value: result.balance, currency: platform.ctx.settings.currency });
          return {
            ok: true,
            result: {
              customerId: result.customerId,
              transferId: result.transferId.toString(),
              balance,
              alreadyIssued: result.alreadyIssued,
            },
            text: result.alreadyIssued
              ? `Already issued under reference ${options.reference}: nothing more issued; balance ${balance}.`
              : `Issued ${options.amount} to ${options.phone}; balance now ${balance}.`,
          };
        }),
    );
}
