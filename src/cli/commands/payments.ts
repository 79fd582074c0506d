// `mwallet payments reverse <id>`: staff reversal of a merchant payment within the window (audited).
import { Command } from 'commander';
import { refundView } from '../../domain/payments/merchant-refund.js';
import { reversePayment } from '../../domain/payments/merchant-refunds.js';
import { cliActor, runAdmin } from '../with-runtime.js';

export function paymentsCommand(): Command {
  const command = new Command('payments').description('staff actions on payments (audited)');
  command.addCommand(
    new Command('reverse')
      .description('reverse a merchant payment in full (fee included): the money goes back to the wallet')
      .argument('<payment-id>')
      .requiredOption('--reason <text>', 'why, for the audit log')
      .action(async (paymentId: string, o: { reason: string }, sub: Command) =>
        runAdmin(sub, async (runtime) => {
          const { ctx } = runtime.platform;
          const result = await reversePayment(ctx, paymentId, { actor: cliActor(), reason: o.reason });
          if (!result.ok)
            return { ok: false, error: result.error, text: `cannot reverse ${paymentId}: ${result.error}` };
          return {
            ok: true,
            result: refundView(result.refund, ctx.settings.currency),
            text: `Reversed payment ${paymentId} (${result.refund.id}).`,
          };
        }),
      ),
  );
  return command;
}
