// A customer's answer to a pending merchant payment or agent cash-out, given through the operator's API client (GSMA PATCH /transactions/{ref}).
import type { DomainContext } from '../context.js';
import { findOrder } from '../merchants/merchant-orders.js';
import { confirmCashOut, declineCashOut, isCashOutRequest } from '../payments/cash-out-requests.js';
import { type DisbursementError, findDisbursement } from '../payments/disbursements.js';
import { confirmRequest, declineRequest } from '../payments/payment-requests.js';
import type { ApiClient } from './api-client.js';
import { DISBURSEMENT_FAILURES } from './partner-disbursements.js';
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
  if (isCashOutRequest(reference)) return answerCashOut(ctx, reference, answer);
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

/** The same for an agent's cash-out request (`wdr_…`): confirmed, the wallet pays the agent's float. */
async function answerCashOut(
  ctx: DomainContext,
  reference: string,
  answer: Answer,
): Promise<{ ok: true } | { ok: false; error: TransactionFailure }> {
  const customerId = (await findDisbursement(ctx, reference))?.customerId;
  if (!customerId) return { ok: false, error: 'transaction_not_found' };
  const payer = { customerId, device: undefined, partner: true };
  const result =
    answer === 'failed'
      ? await declineCashOut(ctx, payer, reference)
      : await confirmCashOut(ctx, payer, reference, {});
  if (result.ok) return { ok: true };
  if ('attemptsRemaining' in result) return { ok: false, error: 'request_declined' };
  const { error } = result;
  if (error === 'request_not_found') return { ok: false, error: 'transaction_not_found' };
  if (isDisbursementError(error)) return { ok: false, error: DISBURSEMENT_FAILURES[error] };
  return { ok: false, error: transactionFailure(error, 'detail' in result ? result.detail : undefined) };
}

function isDisbursementError(error: string): error is DisbursementError {
  return Object.hasOwn(DISBURSEMENT_FAILURES, error);
}
