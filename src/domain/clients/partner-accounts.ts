// What a partner API client may see of a customer's wallet, found by phone number: status, name and balance.
import type { Amount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomerByPhone } from '../customers/customer-queries.js';
import { maskName } from '../customers/masking.js';
import { normalizePhone } from '../customers/phone.js';
import { walletBalance } from '../wallets/accounts.js';
import type { ApiClient } from './api-client.js';

export type AccountViewError = 'identifier_invalid' | 'account_not_found' | 'not_permitted';

type Viewed<T> = ({ ok: true } & T) | { ok: false; error: AccountViewError };

/** The GSMA harmonised account status: `unregistered` is a valid mobile number with no open wallet. */
export type AccountStatus =
  | { status: 'available' }
  | { status: 'unavailable'; subStatus: 'locked' }
  | { status: 'unregistered' };

/**
 * Who may read what. The operator's clients read everything. A merchant's client may read any wallet's status
 * and (masked) name, which is what confirming a payer or payee before a payment needs, but no customer's balance:
 * a merchant has no business knowing what a customer holds.
 */
function mayReadBalance(client: ApiClient): boolean {
  return client.party.kind === 'operator';
}

async function findByMsisdn(
  ctx: DomainContext,
  msisdn: string,
): Promise<Viewed<{ customer: Customer | undefined }>> {
  const phone = normalizePhone(msisdn, ctx.settings.defaultRegion);
  if (!phone.ok) return { ok: false, error: 'identifier_invalid' };
  return { ok: true, customer: await findCustomerByPhone(ctx.db, phone.e164) };
}

function statusOf(customer: Customer): AccountStatus {
  return customer.lockedAt === null
    ? { status: 'available' }
    : { status: 'unavailable', subStatus: 'locked' };
}

export async function accountStatusByMsisdn(
  ctx: DomainContext,
  msisdn: string,
): Promise<Viewed<{ account: AccountStatus }>> {
  const found = await findByMsisdn(ctx, msisdn);
  if (!found.ok) return found;
  return { ok: true, account: found.customer ? statusOf(found.customer) : { status: 'unregistered' } };
}

/**
 * The account holder's name as other people see it in the apps (`张*三`, `J*** S****`): enough for the payer
 * to recognise the payee, not enough to harvest names by number. `null` when the customer gave no name yet.
 */
export async function accountNameByMsisdn(
  ctx: DomainContext,
  msisdn: string,
): Promise<Viewed<{ maskedName: string | null }>> {
  const found = await findByMsisdn(ctx, msisdn);
  if (!found.ok) return found;
  if (!found.customer) return { ok: false, error: 'account_not_found' };
  return { ok: true, maskedName: found.customer.name ? maskName(found.customer.name) : null };
}

/** The spendable balance (posted credits − debits − pending debits), for the operator's clients only. */
export async function accountBalanceByMsisdn(
  ctx: DomainContext,
  client: ApiClient,
  msisdn: string,
): Promise<Viewed<{ account: AccountStatus; available: Amount }>> {
  if (!mayReadBalance(client)) return { ok: false, error: 'not_permitted' };
  const found = await findByMsisdn(ctx, msisdn);
  if (!found.ok) return found;
  if (!found.customer) return { ok: false, error: 'account_not_found' };
  const available = {
    value: await walletBalance(ctx.ledger, found.customer.walletAccountId),
    currency: ctx.settings.currency,
  };
  return { ok: true, account: statusOf(found.customer), available };
}
