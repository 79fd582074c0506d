// GSMA reversals of merchant payments: a merchant's client refunds its own (in full or in part); the operator's reverses.
import { formatAmount, parsePositiveAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';
import { findOrder } from '../merchants/merchant-orders.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import type { MerchantPayment } from '../payments/merchant-payment.js';
import { findMerchantPayment } from '../payments/merchant-payment-queries.js';
import {
  type RefundError,
  type RefundResult,
  refundPayment,
  reversePayment,
} from '../payments/merchant-refunds.js';
import type { ApiClient } from './api-client.js';
import type { PartnerTransaction, TransactionFailure } from './partner-transaction.js';
import { reversalTransaction, viewTransaction } from './partner-transaction-views.js';

export interface ReversalRequest {
  /** The amount to give back; the whole payment when absent. */
  amount?: string | undefined;
  description: string;
  correlationId?: string | undefined;
}

export type ReversalResult =
  | { ok: true; reversal: PartnerTransaction }
  | { ok: false; error: TransactionFailure };

const FAILURES: Readonly<Record<RefundError, TransactionFailure>> = {
  payment_not_found: 'transaction_not_found',
  payment_not_refundable: 'not_reversible',
  refund_exceeds_payment: 'not_reversible',
  reversal_window_passed: 'not_reversible',
  invalid_amount: 'amount_invalid',
  invalid_reason: 'request_declined',
  idempotency_conflict: 'reference_taken',
  idempotency_in_progress: 'service_unavailable',
  merchant_insufficient_funds: 'insufficient_funds',
  account_closed: 'account_locked',
  service_unavailable: 'service_unavailable',
};

/**
 * Reverses the merchant payment behind `reference` (a payment, or a request or code order it paid). A merchant's
 * client refunds its own payments, in part or in full, as the merchant API does; the operator's client reverses a
 * whole payment within the reversal window, as staff do (audited under the client's name). Transfers between
 * wallets are not reversed here: that takes the payee's consent.
 */
export async function reverseTransaction(
  ctx: DomainContext,
  client: ApiClient,
  reference: string,
  request: ReversalRequest,
): Promise<ReversalResult> {
  const original = await viewTransaction(ctx, client, reference);
  if (!original) return { ok: false, error: 'transaction_not_found' };
  const payment = original.type === 'merchantpay' ? await paymentBehind(ctx, reference) : undefined;
  if (!payment) return { ok: false, error: 'not_reversible' };
  const whole = formatAmount({ value: payment.amount, currency: payment.currency });
  const actor = `api_client:${client.id}`;
  const reason = request.description === '' ? 'Reversal requested by the API client' : request.description;
  let result: RefundResult;
  if (client.party.kind === 'merchant') {
    const merchant = await findMerchant(ctx.db, client.party.merchantId);
    if (!merchant) return { ok: false, error: 'merchant_unavailable' };
    result = await refundPayment(ctx, merchant, payment.id, {
      amount: request.amount ?? whole,
      reason,
      idempotencyKey: `gsma:${client.id}:${request.correlationId ?? newId('cor')}`,
      actor,
    });
  } else {
    const asked =
      request.amount === undefined ? undefined : parsePositiveAmount(request.amount, payment.currency);
    if (asked && (!asked.ok || asked.amount.value !== payment.amount))
      return { ok: false, error: 'amount_invalid' };
    result = await reversePayment(ctx, payment.id, { actor, reason });
  }
  if (!result.ok) return { ok: false, error: FAILURES[result.error] };
  const reversal = await reversalTransaction(ctx, client, result.refund);
  return reversal ? { ok: true, reversal } : { ok: false, error: 'service_unavailable' };
}

/** The merchant payment a merchantpay reference stands for: itself, or the payment of a paid order. */
async function paymentBehind(ctx: DomainContext, reference: string): Promise<MerchantPayment | undefined> {
  if (reference.startsWith('mpy_')) return findMerchantPayment(ctx.db, reference);
  const order = await findOrder(ctx.db, reference);
  return order?.paymentId ? findMerchantPayment(ctx.db, order.paymentId) : undefined;
}
