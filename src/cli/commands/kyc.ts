// `mwallet kyc list | approve <id> | reject <id>`: the operator's review of KYC applications (audited).
import { Command } from 'commander';
import { listKyc, reviewKyc } from '../../domain/customers/kyc.js';
import { cliActor, runAdmin } from '../with-runtime.js';

function reviewCommand(name: 'approve' | 'reject'): Command {
  return new Command(name)
    .description(`${name} a pending application`)
    .argument('<application-id>')
    .option('--note <text>', 'reason, kept with the decision', name === 'approve' ? 'documents verified' : '')
    .action(async (applicationId: string, options: { note: string }, command: Command) =>
      runAdmin(command, async ({ platform }) => {
        if (name === 'reject' && options.note.trim() === '') {
          return { ok: false, error: 'note_required', text: 'say why with --note when rejecting' };
        }
        const result = await reviewKyc(platform.ctx, {
          applicationId,
          approve: name === 'approve',
          actor: cliActor(),
          note: options.note,
        });
        if (!result.ok)
          return { ok: false, error: result.error, text: `cannot ${name} ${applicationId}: ${result.error}` };
        return {
          ok: true,
          result: { applicationId, decision: name },
          text: `${name === 'approve' ? 'Approved' : 'Rejected'} ${applicationId}.`,
        };
      }),
    );
}

export function kycCommand(): Command {
  return new Command('kyc')
    .description('review KYC applications')
    .addCommand(
      new Command('list')
        .description('list pending applications')
        .action(async (_options: object, command: Command) =>
          runAdmin(command, async ({ platform }) => {
            const pending = await listKyc(platform.ctx, 'pending');
            const lines = pending.map(
              (a) =>
                `${a.id}  ${a.requestedTier}  ${a.name}  ${a.idType} …${a.idNumberLast4}  born ${a.birthDate}  customer ${a.customerId}`,
            );
            return {
              ok: true,
              result: { pending },
              text: lines.length > 0 ? lines.join('\n') : 'No pending applications.',
            };
          }),
        ),
    )
    .addCommand(reviewCommand('approve'))
    .addCommand(reviewCommand('reject'));
}
