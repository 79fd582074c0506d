// `mwallet merchants …`: staff onboarding of merchants, their outlets and their merchant API signing keys (audited).
import { Command } from 'commander';
import { merchantView } from '../../domain/merchants/merchant.js';
import { issueCredential } from '../../domain/merchants/merchant-credentials.js';
import {
  applyMerchant,
  decideMerchant,
  type MerchantDecision,
} from '../../domain/merchants/merchant-onboarding.js';
import { addStore, addTill, type MerchantRole } from '../../domain/merchants/merchant-outlets.js';
import { findMerchant } from '../../domain/merchants/merchant-queries.js';
import { addTeamMember } from '../../domain/merchants/merchant-team.js';
import { type AdminOutcome, cliActor, runAdmin } from '../with-runtime.js';

const refused = (what: string, result: { error: string; detail?: string }): AdminOutcome => ({
  ok: false,
  error: result.error,
  text: `cannot ${what}: ${result.error}${result.detail ? ` (${result.detail})` : ''}`,
});

interface ApplyOptions {
  name: string;
  mcc: string;
  licence: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  city: string;
  bank: string;
  bankAccount: string;
  bankHolder: string;
  rateLimit?: string;
}

function applyCommand(): Command {
  return new Command('apply')
    .description('record a merchant application (pending review)')
    .requiredOption('--name <text>', 'business name')
    .requiredOption('--mcc <code>', '4-digit merchant category code')
    .requiredOption('--licence <number>', 'business licence number')
    .requiredOption('--contact-name <text>')
    .requiredOption('--contact-phone <number>')
    .requiredOption('--contact-email <address>')
    .requiredOption('--city <text>')
    .requiredOption('--bank <text>', 'settlement bank name')
    .requiredOption('--bank-account <number>', 'settlement account number')
    .requiredOption('--bank-holder <text>', 'settlement account holder')
    .option('--rate-limit <n>', 'merchant API requests per minute (default 600)')
    .action(async (o: ApplyOptions, command: Command) =>
      runAdmin(command, async (runtime) => {
        const result = await applyMerchant(
          runtime.platform.ctx,
          {
            name: o.name,
            mcc: o.mcc,
            licenceNumber: o.licence,
            contactName: o.contactName,
            contactPhone: o.contactPhone,
            contactEmail: o.contactEmail,
            city: o.city,
            bankName: o.bank,
            bankAccountNumber: o.bankAccount,
            bankAccountHolder: o.bankHolder,
            ...(o.rateLimit === undefined ? {} : { rateLimitPerMinute: Number(o.rateLimit) }),
          },
          cliActor(),
        );
        if (!result.ok) return refused('record the merchant', result);
        return {
          ok: true,
          result: merchantView(result.merchant),
          text: `Merchant ${result.merchant.id} (${result.merchant.name}) is pending review.`,
        };
      }),
    );
}

function decisionCommand(decision: MerchantDecision, description: string): Command {
  return new Command(decision)
    .description(description)
    .argument('<merchant-id>')
    .option('--reason <text>', 'why, for the audit log', 'staff decision')
    .action(async (merchantId: string, o: { reason: string }, command: Command) =>
      runAdmin(command, async (runtime) => {
        const result = await decideMerchant(runtime.platform.ctx, merchantId, decision, cliActor(), o.reason);
        if (!result.ok) return refused(`${decision} ${merchantId}`, result);
        return {
          ok: true,
          result: merchantView(result.merchant),
          text: `Merchant ${merchantId} is ${result.merchant.status}.`,
        };
      }),
    );
}

function showCommand(): Command {
  return new Command('show')
    .description("a merchant's record")
    .argument('<merchant-id>')
    .action(async (merchantId: string, _o: object, command: Command) =>
      runAdmin(command, async (runtime) => {
        const merchant = await findMerchant(runtime.platform.ctx.db, merchantId);
        if (!merchant) return { ok: false, error: 'merchant_not_found', text: `no merchant ${merchantId}` };
        const view = merchantView(merchant);
        return { ok: true, result: view, text: JSON.stringify(view, null, 2) };
      }),
    );
}

function outletCommands(): Command[] {
  const created = (
    what: string,
    result: { ok: true; id: string } | { ok: false; error: string; detail?: string },
  ) =>
    result.ok
      ? ({ ok: true, result: { id: result.id }, text: `Added ${what} ${result.id}.` } as const)
      : refused(`add the ${what}`, result);
  return [
    new Command('add-store')
      .argument('<merchant-id>')
      .requiredOption('--name <text>')
      .requiredOption('--city <text>')
      .action(async (merchantId: string, o: { name: string; city: string }, command: Command) =>
        runAdmin(command, async (runtime) =>
          created('store', await addStore(runtime.platform.ctx, merchantId, o)),
        ),
      ),
    new Command('add-till')
      .argument('<merchant-id>')
      .requiredOption('--store <store-id>')
      .requiredOption('--name <text>')
      .action(async (merchantId: string, o: { store: string; name: string }, command: Command) =>
        runAdmin(command, async (runtime) =>
          created(
            'till',
            await addTill(runtime.platform.ctx, merchantId, { storeId: o.store, name: o.name }),
          ),
        ),
      ),
    new Command('add-user')
      .argument('<merchant-id>')
      .requiredOption('--phone <number>')
      .requiredOption('--name <text>')
      .requiredOption('--role <owner|manager|cashier>')
      .option('--store <store-id>')
      .action(
        async (
          merchantId: string,
          o: { phone: string; name: string; role: string; store?: string },
          command: Command,
        ) =>
          runAdmin(command, async (runtime) =>
            created(
              'user',
              await addTeamMember(
                runtime.platform.ctx,
                merchantId,
                {
                  phone: o.phone,
                  name: o.name,
                  role: o.role as MerchantRole,
                  ...(o.store === undefined ? {} : { storeId: o.store }),
                },
                cliActor(),
              ),
            ),
          ),
      ),
  ];
}

/** A signing key for the merchant API (/merchant/v1, HMAC-signed requests); not a GSMA API client. */
function addKeyCommand(): Command {
  return new Command('add-key')
    .description('issue a merchant API signing key (/merchant/v1): the secret is printed once')
    .argument('<merchant-id>')
    .action(async (merchantId: string, _o: object, command: Command) =>
      runAdmin(command, async (runtime) => {
        const merchant = await findMerchant(runtime.platform.ctx.db, merchantId);
        if (!merchant) return { ok: false, error: 'merchant_not_found', text: `no merchant ${merchantId}` };
        const credential = await issueCredential(runtime.platform.ctx, merchant.id, cliActor());
        return {
          ok: true,
          result: { merchantId: merchant.id, keyId: credential.keyId, secret: credential.secret },
          text: `Key id: ${credential.keyId}\nSecret: ${credential.secret}\n(The secret is shown once.)`,
        };
      }),
    );
}

export function merchantsCommand(): Command {
  const command = new Command('merchants').description('onboard and manage merchants (audited)');
  command.addCommand(applyCommand());
  command.addCommand(decisionCommand('approve', 'approve a pending merchant: its ledger account opens'));
  command.addCommand(decisionCommand('suspend', 'stop an active merchant taking payments'));
  command.addCommand(decisionCommand('reinstate', 'let a suspended merchant take payments again'));
  command.addCommand(decisionCommand('close', 'close a merchant (its balance must be zero)'));
  command.addCommand(showCommand());
  for (const outlet of outletCommands()) command.addCommand(outlet);
  command.addCommand(addKeyCommand());
  return command;
}
