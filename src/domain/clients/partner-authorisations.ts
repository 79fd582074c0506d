// A customer's answer to a pending merchant payment, given through the operator's API client (GSMA PATCH /transactions/{ref}).
import type { DomainContext } from '../context.js';
import { findOrder } from '../merchants/merchant-orders.js';
import { confirmRequest, declineRequest } from '../payments/payment-requests.js';
import type { ApiClient } from './api-client.js';
import { type TransactionFailure, transactionFailure } from './partner-transaction.js';

export type Answer = 'completed' | 'failed';

/**
 * Completes (pays) or fails (declines) a payment request or code payment waiting for its customer. Only the
 * operator's clients answer for a customer, whom they authenticated on their own channel; limits and locks apply
 * as on every channel. `idempotencyKey` makes a retried completion pay once.
 */
export async function answerPendingPayment(
  ctx: DomainContext,
  client: ApiClient,
  reference: string,
  answer: Answer,
  idempotencyKey: string,
): Promise<{ ok: true } | { ok: false; error: TransactionFailure }> {
  if (client.party.kind !== 'operator') return { ok: false, error: 'not_permitted' };
  const order = reference.startsWith('ord_') ? await findOrder(ctx.db, reference) : undefined;
  if (!order?.customerId) return { ok: false, error: 'transaction_not_found' };
  const payer = { customerId: order.customerId, device: undefined, partner: true };
  if (answer === 'failed') {
    const declined = await declineRequest(ctx, payer, order.id, 'Declined through the operator’s API client');
    if (declined.ok) return { ok: true };
    return {
      ok: false,
      error: declined.error === 'request_not_found' ? 'transaction_not_found' : 'not_pending',
    };
  }
  const paid = await confirmRequest(ctx, payer, order.id, { idempotencyKey });
  if (paid.ok) return { ok: true };
  if (paid.error === 'request_not_found') return { ok: false, error: 'transaction_not_found' };
  return { ok: false, error: transactionFailure(paid.error, 'detail' in paid ? paid.detail : undefined) };
}
