// GSMA API transactions a partner client asks for: wallet-to-wallet transfers and merchant payments (by code or by request).

import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';
import type { Merchant } from '../merchants/merchant.js';
import { createOrder, REFERENCE_PATTERN } from '../merchants/merchant-orders.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import type { P2pConfirmer } from '../payments/p2p-confirm.js';
import { chargePaymentCode, paymentCodeOwner } from '../payments/payment-codes.js';
import type { ApiClient } from './api-client.js';
import { disburse } from './partner-disbursements.js';
import { type Found, identifierOf, walletOf } from './partner-parties.js';
import {
  type PartyIdentifier,
  type TransactionRequest,
  type TransactionResult,
  transactionFailure,
} from './partner-transaction.js';
import {
  merchantPaymentTransaction,
  paymentRequestTransaction,
  transferTransaction,
  viewTransaction,
} from './partner-transaction-views.js';

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
  idempotencyKey: string,
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
      idempotencyKey,
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
 * The merchant a merchantpay credits: a merchant's client pays its own merchant (creditParty may name it, no
 * other); an operator's client names the merchant by accountid.
 */
async function payeeMerchant(
  ctx: DomainContext,
  client: ApiClient,
  parties: PartyIdentifier[],
): Promise<Found<Merchant>> {
  const named = identifierOf(parties, 'accountid', 'creditParty');
  let merchantId: string;
  if (client.party.kind === 'merchant') {
    if (named.ok && named.value !== client.party.merchantId) return { ok: false, error: 'not_permitted' };
    if (!named.ok && named.error !== 'party_missing') return named;
    merchantId = client.party.merchantId;
  } else {
    if (!named.ok) return named;
    merchantId = named.value;
  }
  const merchant = await findMerchant(ctx.db, merchantId);
  return merchant
    ? { ok: true, value: merchant }
    : { ok: false, error: 'account_not_found', field: 'creditParty' };
}

/** The client's reference as the order or payment reference when it fits one; otherwise a new one. */
function referenceOf(request: TransactionRequest): string {
  const given = request.clientReference;
  return given !== undefined && REFERENCE_PATTERN.test(given) ? given : newId('gsm');
}

/**
 * A customer-initiated payment: the customer's one-time payment code (from the app) authorises it, for this
 * amount, once. Within the password-free allowance it completes at once; above it, the customer confirms with
 * the PIN on the phone and the transaction stays `pending` until then.
 */
async function payWithCode(
  ctx: DomainContext,
  client: ApiClient,
  request: TransactionRequest & { oneTimeCode: string },
  idempotencyKey: string,
): Promise<TransactionResult> {
  const merchant = await payeeMerchant(ctx, client, request.creditParty);
  if (!merchant.ok) return merchant;
  if (request.debitParty.length > 0) {
    const payer = await walletOf(ctx, request.debitParty, 'debitParty');
    if (!payer.ok) return payer;
    if ((await paymentCodeOwner(ctx, request.oneTimeCode)) !== payer.value.id) {
      return { ok: false, error: 'authorisation_code_invalid' };
    }
  }
  const charged = await chargePaymentCode(ctx, merchant.value, {
    paymentCode: request.oneTimeCode,
    amount: request.amount,
    reference: referenceOf(request),
    description: request.description,
    idempotencyKey,
  });
  if (charged.ok) {
    return { ok: true, transaction: await merchantPaymentTransaction(ctx, client, charged.payment) };
  }
  if ('order' in charged) {
    const viewed = await viewTransaction(ctx, client, charged.order.id);
    if (viewed) return { ok: true, transaction: viewed };
  }
  const detail = 'detail' in charged ? charged.detail : undefined;
  return { ok: false, error: transactionFailure(charged.error, detail) };
}

/**
 * A merchant-initiated payment: a payment request the customer confirms (or declines) on the phone. Only a
 * merchant's client may ask, and only for its own merchant; the transaction stays `pending` until the customer acts.
 */
async function requestPayment(
  ctx: DomainContext,
  client: ApiClient,
  request: TransactionRequest,
): Promise<TransactionResult> {
  if (client.party.kind !== 'merchant') return { ok: false, error: 'not_permitted' };
  const merchant = await payeeMerchant(ctx, client, request.creditParty);
  if (!merchant.ok) return merchant;
  const payer = await walletOf(ctx, request.debitParty, 'debitParty');
  if (!payer.ok) return payer;
  const created = await createOrder(ctx, merchant.value, {
    kind: 'payment_request',
    reference: referenceOf(request),
    amount: request.amount,
    description: request.description === '' ? merchant.value.name : request.description,
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
  const idempotencyKey = `gsma:${client.id}:${request.correlationId ?? newId('cor')}`;
  if (request.type === 'transfer') return transfer(ctx, p2p, client, request, idempotencyKey);
  if (request.type === 'disbursement' || request.type === 'adjustment') {
    return disburse(ctx, client, request, idempotencyKey);
  }
  const { oneTimeCode } = request;
  if (oneTimeCode !== undefined) return payWithCode(ctx, client, { ...request, oneTimeCode }, idempotencyKey);
  return requestPayment(ctx, client, request);
}
