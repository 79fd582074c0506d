// GSMA API transactions a partner client asks for: wallet-to-wallet transfers and merchant-initiated payment requests.

import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomerByPhone } from '../customers/customer-queries.js';
import { normalizePhone } from '../customers/phone.js';
import { newId } from '../ids.js';
import { createOrder, REFERENCE_PATTERN } from '../merchants/merchant-orders.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import type { P2pConfirmer } from '../payments/p2p-confirm.js';
import type { ApiClient } from './api-client.js';
import {
  type PartnerTransaction,
  type PartnerTransactionType,
  type PartyIdentifier,
  type TransactionFailure,
  transactionFailure,
} from './partner-transaction.js';
import { paymentRequestTransaction, transferTransaction } from './partner-transaction-views.js';

export interface TransactionRequest {
  type: PartnerTransactionType;
  amount: string;
  currency: string;
  debitParty: PartyIdentifier[];
  creditParty: PartyIdentifier[];
  description: string;
  clientReference?: string | undefined;
  /** The client's X-CorrelationID, when it sent one: the payment's own idempotency key too. */
  correlationId?: string | undefined;
}

export type TransactionResult =
  | { ok: true; transaction: PartnerTransaction }
  | { ok: false; error: TransactionFailure; field?: string };

type Found<T> = { ok: true; value: T } | { ok: false; error: TransactionFailure; field?: string };

/** The one identifier of a party this platform resolves: a wallet by msisdn, or a merchant by accountid. */
function identifierOf(parties: PartyIdentifier[], key: 'msisdn' | 'accountid', field: string): Found<string> {
  if (parties.length === 0) return { ok: false, error: 'party_missing', field };
  const entry = parties.find((party) => party.key === key);
  if (!entry) return { ok: false, error: 'identifier_type_unsupported', field };
  return { ok: true, value: entry.value };
}

/** An open wallet by msisdn. */
async function walletOf(
  ctx: DomainContext,
  parties: PartyIdentifier[],
  field: string,
): Promise<Found<Customer>> {
  const msisdn = identifierOf(parties, 'msisdn', field);
  if (!msisdn.ok) return msisdn;
  const phone = normalizePhone(msisdn.value, ctx.settings.defaultRegion);
  if (!phone.ok) return { ok: false, error: 'identifier_invalid', field };
  const customer = await findCustomerByPhone(ctx.db, phone.e164);
  return customer?.status === 'active'
    ? { ok: true, value: customer }
    : { ok: false, error: 'account_not_found', field };
}

/**
 * A transfer between two wallets, for the operator's clients only (a merchant's client may not move customers'
 * money). The operator's client authenticated the customer on its own channel; tier limits, velocity, locks and
 * the payee's balance cap apply as on every other channel.
 */
async function transfer(
  ctx: DomainContext,
  p2p: P2pConfirmer,
  client: ApiClient,
  request: TransactionRequest,
): Promise<TransactionResult> {
  if (client.party.kind !== 'operator') return { ok: false, error: 'not_permitted' };
  const payer = await walletOf(ctx, request.debitParty, 'debitParty');
  if (!payer.ok) return payer;
  const payee = await walletOf(ctx, request.creditParty, 'creditParty');
  if (!payee.ok) return payee;
  if (payer.value.id === payee.value.id) return { ok: false, error: 'same_parties' };
  const confirmed = await p2p.confirm(
    { customerId: payer.value.id, device: undefined, partner: true },
    {
      transfer: { to: payee.value.phone, amount: request.amount, note: request.description },
      idempotencyKey: `gsma:${client.id}:${request.correlationId ?? newId('cor')}`,
    },
  );
  if (!confirmed.ok) {
    return {
      ok: false,
      error: transactionFailure(confirmed.error, 'detail' in confirmed ? confirmed.detail : undefined),
    };
  }
  const payment = await transferTransaction(ctx, confirmed.payment.id);
  return payment ? { ok: true, transaction: payment } : { ok: false, error: 'service_unavailable' };
}

/**
 * A merchant-initiated payment: a payment request the customer confirms (or declines) on the phone. Only a
 * merchant's client may ask, and only for its own merchant; the transaction stays `pending` until the customer acts.
 */
async function merchantPay(
  ctx: DomainContext,
  client: ApiClient,
  request: TransactionRequest,
): Promise<TransactionResult> {
  if (client.party.kind !== 'merchant') return { ok: false, error: 'not_permitted' };
  const payee = identifierOf(request.creditParty, 'accountid', 'creditParty');
  if (payee.ok && payee.value !== client.party.merchantId) return { ok: false, error: 'not_permitted' };
  if (!payee.ok && payee.error !== 'party_missing') return payee;
  const merchant = await findMerchant(ctx.db, client.party.merchantId);
  if (!merchant) return { ok: false, error: 'merchant_unavailable' };
  const payer = await walletOf(ctx, request.debitParty, 'debitParty');
  if (!payer.ok) return payer;
  const reference =
    request.clientReference !== undefined && REFERENCE_PATTERN.test(request.clientReference)
      ? request.clientReference
      : newId('gsm');
  const created = await createOrder(ctx, merchant, {
    kind: 'payment_request',
    reference,
    amount: request.amount,
    description: request.description === '' ? merchant.name : request.description,
    phone: payer.value.phone,
  });
  if (!created.ok) return { ok: false, error: transactionFailure(created.error) };
  return {
    ok: true,
    transaction: paymentRequestTransaction(ctx, created.order, payer.value.phone, request.clientReference),
  };
}

export async function createPartnerTransaction(
  ctx: DomainContext,
  p2p: P2pConfirmer,
  client: ApiClient,
  request: TransactionRequest,
): Promise<TransactionResult> {
  if (request.currency !== ctx.settings.currency) return { ok: false, error: 'currency_unsupported' };
  if (request.type === 'transfer') return transfer(ctx, p2p, client, request);
  return merchantPay(ctx, client, request);
}
