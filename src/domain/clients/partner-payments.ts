// GSMA API transactions a partner client asks for: wallet-to-wallet transfers, merchant payments (by code or by request),
// disbursements and agents' cash-in/out.

import { createHash } from 'node:crypto';
import { parsePositiveAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';
import type { Merchant } from '../merchants/merchant.js';
import { createOrder, REFERENCE_PATTERN } from '../merchants/merchant-orders.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import { chargeCustomer } from '../payments/merchant-charge.js';
import { findMerchantPaymentByKey } from '../payments/merchant-payment-queries.js';
import type { P2pConfirmer } from '../payments/p2p-confirm.js';
import { type CodeChargeResult, chargePaymentCode, paymentCodeOwner } from '../payments/payment-codes.js';
import type { ApiClient } from './api-client.js';
import { AUTHORISATION_CODE_PATTERN, redeemAuthorisationCode } from './authorisation-codes.js';
import { agentCash } from './partner-cash.js';
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
  if (client.party.kind === 'agent') return { ok: false, error: 'not_permitted' };
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
  let payerId: string | undefined;
  if (request.debitParty.length > 0) {
    const payer = await walletOf(ctx, request.debitParty, 'debitParty');
    if (!payer.ok) return payer;
    payerId = payer.value.id;
  }
  const code = request.oneTimeCode;
  const charge = {
    amount: request.amount,
    reference: referenceOf(request),
    description: request.description,
  };
  let charged: CodeChargeResult;
  if (AUTHORISATION_CODE_PATTERN.test(code)) {
    charged = await chargeAuthorisationCode(ctx, merchant.value, {
      ...charge,
      code,
      idempotencyKey,
      payerId,
    });
  } else if (payerId !== undefined && (await paymentCodeOwner(ctx, code)) !== payerId) {
    charged = { ok: false, error: 'payment_code_invalid' };
  } else {
    charged = await chargePaymentCode(ctx, merchant.value, { ...charge, paymentCode: code, idempotencyKey });
  }
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
 * Charges a pre-authorised code (issued through the operator's client, see authorisation-codes): used up by the
 * first payment that presents it, within its amount; a retry under the same key answers that payment.
 */
async function chargeAuthorisationCode(
  ctx: DomainContext,
  merchant: Merchant,
  charge: {
    code: string;
    amount: string;
    reference: string;
    description: string;
    idempotencyKey: string;
    payerId: string | undefined;
  },
): Promise<CodeChargeResult> {
  const amount = parsePositiveAmount(charge.amount, ctx.settings.currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount' };
  const scope = `merchant:${merchant.id}`;
  const existing = await findMerchantPaymentByKey(ctx.db, scope, charge.idempotencyKey);
  let customerId = existing?.customerId;
  if (customerId === undefined) {
    const redeemed = await redeemAuthorisationCode(ctx, charge.code, amount.amount.value, charge.payerId);
    if (!redeemed.ok) return { ok: false, error: 'payment_code_invalid' };
    customerId = redeemed.customerId;
  }
  return chargeCustomer(ctx, {
    merchant,
    customerId,
    device: undefined,
    channel: 'payment_code',
    amount: amount.amount.value,
    orderId: null,
    tillId: null,
    reference: charge.reference,
    description: charge.description,
    idempotency: {
      scope,
      key: charge.idempotencyKey,
      hash: createHash('sha256')
        .update(`authorisation\u0000${charge.code}\u0000${amount.amount.value}`)
        .digest('base64url'),
    },
    partner: true,
  });
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
  if (request.type === 'deposit' || request.type === 'withdrawal') {
    return agentCash(ctx, client, request, idempotencyKey);
  }
  const { oneTimeCode } = request;
  if (oneTimeCode !== undefined) return payWithCode(ctx, client, { ...request, oneTimeCode }, idempotencyKey);
  return requestPayment(ctx, client, request);
}
