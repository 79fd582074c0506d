// GSMA account opening (POST /accounts/individual): an agent's or the operator's client opens a wallet for a number.

import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer, findCustomerByPhone } from '../customers/customer-queries.js';
import { normalizePhone } from '../customers/phone.js';
import { createPinVerifier } from '../customers/pin-hash.js';
import { insertCustomer } from '../customers/registration.js';
import { newAccountId, newId, newToken } from '../ids.js';
import type { Locale } from '../notifications/messages.js';
import { notifyCustomer } from '../notifications/notify.js';
import { openWalletAccount } from '../wallets/accounts.js';
import { type ApiClient, customerFacingName } from './api-client.js';
import type { AccountViewError } from './partner-accounts.js';

export type OpenAccountError = AccountViewError | 'account_exists' | 'service_unavailable';

export type OpenAccountResult = { ok: true; customer: Customer } | { ok: false; error: OpenAccountError };

/**
 * Opens a wallet at the lowest tier for a number that has none, for an agent's client (face to face) or the
 * operator's; a merchant's client may not. Nobody knows its PIN: the customer gets an SMS to set one in the app
 * with an SMS code to this number (the PIN reset, as no ID document is on file), then logs in as usual. Audited
 * under the client; the same number again is refused while the wallet is open.
 */
export async function openPartnerAccount(
  ctx: DomainContext,
  client: ApiClient,
  request: { msisdn: string; locale: Locale },
): Promise<OpenAccountResult> {
  const by = await customerFacingName(ctx, client);
  if (by === undefined) return { ok: false, error: 'not_permitted' };
  const phone = normalizePhone(request.msisdn, ctx.settings.defaultRegion);
  if (!phone.ok) return { ok: false, error: 'identifier_invalid' };
  if (await findCustomerByPhone(ctx.db, phone.e164)) return { ok: false, error: 'account_exists' };
  const verifier = await createPinVerifier(ctx.keys.pinPepper, newToken());
  // As in registration: the ledger account first, so a wallet row never points at a missing account.
  const walletAccountId = newAccountId();
  if ((await openWalletAccount(ctx.ledger, walletAccountId, ctx.settings.currency)) !== 'ok') {
    return { ok: false, error: 'service_unavailable' };
  }
  const customerId = newId('cus');
  const now = ctx.clock();
  const opened = await ctx.db.transaction(async (tx) => {
    await ctx.db.serialize(tx, `register:${phone.e164}`);
    if (await findCustomerByPhone(tx, phone.e164)) return false;
    await insertCustomer(tx, {
      id: customerId,
      phone: phone.e164,
      walletAccountId,
      locale: request.locale,
      verifier,
      createdAt: now,
    });
    const customer = await findCustomer(tx, customerId);
    if (!customer) throw new Error(`customer ${customerId} vanished in its own transaction`);
    await notifyCustomer(tx, customer, `opened:${customerId}`, { kind: 'account_opened', by }, now);
    await recordAudit(
      tx,
      {
        actor: `api_client:${client.id}`,
        action: 'customer.open',
        subject: `customer:${customerId}`,
        details: client.party.kind === 'agent' ? { agentId: client.party.agentId } : {},
      },
      now,
    );
    return true;
  });
  if (!opened) return { ok: false, error: 'account_exists' };
  const customer = await findCustomer(ctx.db, customerId);
  return customer ? { ok: true, customer } : { ok: false, error: 'service_unavailable' };
}
