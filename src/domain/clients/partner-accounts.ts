// What a partner API client may see of a customer's wallet (by msisdn, accountid or walletid): status, name and balance.
import type { Amount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer, findCustomerByPhone } from '../customers/customer-queries.js';
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
export function mayReadWallet(client: ApiClient): boolean {
  return client.party.kind === 'operator';
}

/** How a wallet is identified: its number, its customer id (`accountid`) or its ledger account number (`walletid`). */
export type AccountIdentifier = { type: 'msisdn' | 'accountid' | 'walletid'; value: string };

/** The wallet identified, if any; a closed one is found only by number (it shows as unregistered). */
export async function findAccount(
  ctx: DomainContext,
  identifier: AccountIdentifier,
): Promise<Viewed<{ customer: Customer | undefined }>> {
  if (identifier.type === 'accountid') {
    const customer = await findCustomer(ctx.db, identifier.value);
    return { ok: true, customer: customer?.status === 'active' ? customer : undefined };
  }
  if (identifier.type === 'walletid') {
    if (!/^\d{1,40}$/.test(identifier.value)) return { ok: false, error: 'identifier_invalid' };
    const row = await ctx.db.get<{ id: string }>(
      "SELECT id FROM customers WHERE wallet_account_id = $1 AND status = 'active'",
      [identifier.value],
    );
    return { ok: true, customer: row ? await findCustomer(ctx.db, row.id) : undefined };
  }
  const phone = normalizePhone(identifier.value, ctx.settings.defaultRegion);
  if (!phone.ok) return { ok: false, error: 'identifier_invalid' };
  return { ok: true, customer: await findCustomerByPhone(ctx.db, phone.e164) };
}

/** The wallet every one of these identifiers names (the spec's accountId path carries up to three); none if they disagree. */
export async function findAccountByAll(
  ctx: DomainContext,
  identifiers: readonly AccountIdentifier[],
): Promise<Viewed<{ customer: Customer | undefined }>> {
  let match: Customer | undefined;
  for (const identifier of identifiers) {
    const found = await findAccount(ctx, identifier);
    if (!found.ok) return found;
    if (!found.customer || (match && match.id !== found.customer.id))
      return { ok: true, customer: undefined };
    match = found.customer;
  }
  return { ok: true, customer: match };
}

function statusOf(customer: Customer): AccountStatus {
  return customer.lockedAt === null
    ? { status: 'available' }
    : { status: 'unavailable', subStatus: 'locked' };
}

export async function accountStatus(
  ctx: DomainContext,
  identifier: AccountIdentifier,
): Promise<Viewed<{ account: AccountStatus }>> {
  const found = await findAccount(ctx, identifier);
  if (!found.ok) return found;
  return { ok: true, account: found.customer ? statusOf(found.customer) : { status: 'unregistered' } };
}

/**
 * The account holder's name as other people see it in the apps (`张*三`, `J*** S****`): enough for the payer
 * to recognise the payee, not enough to harvest names by number. `null` when the customer gave no name yet.
 */
export async function accountName(
  ctx: DomainContext,
  identifier: AccountIdentifier,
): Promise<Viewed<{ maskedName: string | null }>> {
  const found = await findAccount(ctx, identifier);
  if (!found.ok) return found;
  if (!found.customer) return { ok: false, error: 'account_not_found' };
  return { ok: true, maskedName: found.customer.name ? maskName(found.customer.name) : null };
}

/** The spendable balance (posted credits − debits − pending debits), for the operator's clients only. */
export async function accountBalance(
  ctx: DomainContext,
  client: ApiClient,
  identifier: AccountIdentifier,
): Promise<Viewed<{ account: AccountStatus; available: Amount }>> {
  if (!mayReadWallet(client)) return { ok: false, error: 'not_permitted' };
  const found = await findAccount(ctx, identifier);
  if (!found.ok) return found;
  if (!found.customer) return { ok: false, error: 'account_not_found' };
  const available = {
    value: await walletBalance(ctx.ledger, found.customer.walletAccountId),
    currency: ctx.settings.currency,
  };
  return { ok: true, account: statusOf(found.customer), available };
}
