// `mwallet lock | unlock | sim-swap --phone …`: customer-service actions on a wallet (audited).
import { Command } from 'commander';
import { normalizePhone } from '../../domain/customers/phone.js';
import { recordSimSwap } from '../../domain/customers/sim-swap.js';
import { lockByStaff, unlockByStaff } from '../../domain/customers/wallet-lock.js';
import type { Runtime } from '../../runtime.js';
import { type AdminOutcome, cliActor, runAdmin } from '../with-runtime.js';

async function withPhone(runtime: Runtime, phone: string, work: (e164: string) => Promise<AdminOutcome>) {
  const normalized = normalizePhone(phone, runtime.platform.ctx.settings.defaultRegion);
  if (!normalized.ok)
    return { ok: false, error: normalized.error, text: `${phone} is not a valid mobile number` } as const;
  return work(normalized.e164);
}

export function lockCommand(): Command {
  return new Command('lock')
    .description(
      'lock a wallet at once: sessions end, devices are unbound, payments refused on every channel',
    )
    .requiredOption('--phone <number>')
    .option('--reason <text>', 'why, for the audit log', 'customer service')
    .action(async (options: { phone: string; reason: string }, command: Command) =>
      runAdmin(command, (runtime) =>
        withPhone(runtime, options.phone, async (phone) => {
          const result = await lockByStaff(runtime.platform.ctx, phone, cliActor(), options.reason);
          if (!result.ok)
            return { ok: false, error: result.error, text: `cannot lock ${phone}: ${result.error}` };
          return { ok: true, result: { phone, locked: true }, text: `Locked the wallet of ${phone}.` };
        }),
      ),
    );
}

export function unlockCommand(): Command {
  return new Command('unlock')
    .description('unlock a wallet after verifying the customer')
    .requiredOption('--phone <number>')
    .action(async (options: { phone: string }, command: Command) =>
      runAdmin(command, (runtime) =>
        withPhone(runtime, options.phone, async (phone) => {
          const result = await unlockByStaff(runtime.platform.ctx, phone, cliActor());
          if (!result.ok)
            return { ok: false, error: result.error, text: `cannot unlock ${phone}: ${result.error}` };
          return { ok: true, result: { phone, locked: false }, text: `Unlocked the wallet of ${phone}.` };
        }),
      ),
    );
}

export function simSwapCommand(): Command {
  return new Command('sim-swap')
    .description('record a SIM swap reported by the network: payments above the small limit pause for 72 h')
    .requiredOption('--phone <number>')
    .option('--at <iso-time>', 'when the swap happened (default: now)')
    .action(async (options: { phone: string; at?: string }, command: Command) =>
      runAdmin(command, (runtime) =>
        withPhone(runtime, options.phone, async (phone) => {
          const at = options.at === undefined ? Date.now() : Date.parse(options.at);
          if (Number.isNaN(at))
            return { ok: false, error: 'invalid_time', text: `--at ${options.at} is not a date-time` };
          await recordSimSwap(runtime.platform.ctx, phone, at, cliActor());
          return {
            ok: true,
            result: { phone, swappedAt: new Date(at).toISOString() },
            text: `Recorded a SIM swap of ${phone}.`,
          };
        }),
      ),
    );
}
