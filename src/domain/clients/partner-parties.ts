// The parties of a GSMA transaction as this platform resolves them: wallets by msisdn, organisations by accountid.
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomerByPhone, findCustomersByPhone } from '../customers/customer-queries.js';
import { normalizePhone } from '../customers/phone.js';
import type { PartyIdentifier, TransactionFailure } from './partner-transaction.js';

/** How the operator's own account is named as a party: `{ key: 'accountid', value: 'operator' }`. */
export const OPERATOR_ACCOUNT_ID = 'operator';

export type Found<T> = { ok: true; value: T } | { ok: false; error: TransactionFailure; field?: string };

/** The one identifier of a party this platform resolves: a wallet by msisdn, or a merchant by accountid. */
export function identifierOf(
  parties: PartyIdentifier[],
  key: 'msisdn' | 'accountid',
  field: string,
): Found<string> {
  if (parties.length === 0) return { ok: false, error: 'party_missing', field };
  const entry = parties.find((party) => party.key === key);
  if (!entry) return { ok: false, error: 'identifier_type_unsupported', field };
  return { ok: true, value: entry.value };
}

/** The number a party names by msisdn, in E.164. */
function phoneOf(ctx: DomainContext, parties: PartyIdentifier[], field: string): Found<string> {
  const msisdn = identifierOf(parties, 'msisdn', field);
  if (!msisdn.ok) return msisdn;
  const phone = normalizePhone(msisdn.value, ctx.settings.defaultRegion);
  return phone.ok ? { ok: true, value: phone.e164 } : { ok: false, error: 'identifier_invalid', field };
}

const found = (customer: Customer | undefined, field: string): Found<Customer> =>
  customer?.status === 'active'
    ? { ok: true, value: customer }
    : { ok: false, error: 'account_not_found', field };

/** Finds a party's open wallet (by msisdn). */
export type WalletFinder = (parties: PartyIdentifier[], field: string) => Promise<Found<Customer>>;

/** An open wallet by msisdn. */
export async function walletOf(
  ctx: DomainContext,
  parties: PartyIdentifier[],
  field: string,
): Promise<Found<Customer>> {
  const phone = phoneOf(ctx, parties, field);
  return phone.ok ? found(await findCustomerByPhone(ctx.db, phone.value), field) : phone;
}

/** A wallet finder over these parties' wallets, read in one query (a batch's payees), answering as walletOf. */
export async function walletFinderFor(
  ctx: DomainContext,
  parties: PartyIdentifier[][],
): Promise<WalletFinder> {
  const phones = [
    ...new Set(parties.flatMap((p) => [phoneOf(ctx, p, '')]).flatMap((p) => (p.ok ? [p.value] : []))),
  ];
  const customers = await findCustomersByPhone(ctx.db, phones);
  return async (named, field) => {
    const phone = phoneOf(ctx, named, field);
    return phone.ok ? found(customers.get(phone.value), field) : phone;
  };
}
