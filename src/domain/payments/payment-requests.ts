// A customer's side of requests addressed to them: merchants' orders (push-to-pay, payment codes above the limit) and
// agents' cash-outs (see cash-out-requests); listed together, confirmed or declined.
import { createHash } from 'node:crypto';
import type { CurrencyCode } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import { effectiveStatus, type MerchantOrder } from '../merchants/merchant-order.js';
import { closeOrder, findOrder, openRequestsFor } from '../merchants/merchant-orders.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import { openCashOutRequestsFor } from './cash-out-requests.js';
import { type ChargeResult, chargeCustomer } from './merchant-charge.js';
import type { Payer } from './payer.js';

export type RequestError = 'request_not_found' | 'order_paid' | 'order_expired' | 'order_closed';

/** An open request as the customer sees it: who asks (a merchant to be paid, an agent to pay out cash) and how much. */
export interface CustomerRequest {
  id: string;
  kind: MerchantOrder['kind'] | 'cash_out';
  payee: { kind: 'merchant' | 'agent'; id: string; name: string };
  reference: string;
  amount: bigint;
  currency: CurrencyCode;
  description: string;
  createdAt: number;
  expiresAt: number;
}

/** The customer's open requests, newest first: merchants' orders and agents' cash-outs. */
export async function openRequests(ctx: DomainContext, customerId: string): Promise<CustomerRequest[]> {
  const orders = await openRequestsFor(ctx.db, customerId, ctx.clock());
  const fromMerchants = await Promise.all(
    orders.map(async (order): Promise<CustomerRequest> => {
      const merchant = await findMerchant(ctx.db, order.merchantId);
      const payee = { kind: 'merchant', id: order.merchantId, name: merchant?.name ?? '' } as const;
      return { ...order, payee };
    }),
  );
  const fromAgents = (await openCashOutRequestsFor(ctx, customerId)).map(
    ({ disbursement, agent }): CustomerRequest => ({
      id: disbursement.id,
      kind: 'cash_out',
      payee: { kind: 'agent', id: agent.id, name: agent.name },
      reference: disbursement.reference ?? disbursement.id,
      amount: disbursement.amount,
      currency: disbursement.currency,
      description: disbursement.description,
      createdAt: disbursement.createdAt,
      expiresAt: disbursement.expiresAt ?? disbursement.createdAt,
    }),
  );
  return [...fromMerchants, ...fromAgents].sort((a, b) => b.createdAt - a.createdAt);
}

/** The order if it is addressed to this customer (no hint that anyone else's exists). */
async function ownRequest(
  ctx: DomainContext,
  customerId: string,
  orderId: string,
): Promise<MerchantOrder | undefined> {
  const order = await findOrder(ctx.db, orderId);
  return order && order.customerId === customerId ? order : undefined;
}

export async function confirmRequest(
  ctx: DomainContext,
  payer: Payer,
  orderId: string,
  credentials: { pin?: string | undefined; verificationToken?: string | undefined; idempotencyKey: string },
): Promise<ChargeResult | { ok: false; error: RequestError }> {
  const order = await ownRequest(ctx, payer.customerId, orderId);
  if (!order) return { ok: false, error: 'request_not_found' };
  const merchant = await findMerchant(ctx.db, order.merchantId);
  if (!merchant) return { ok: false, error: 'request_not_found' };
  return chargeCustomer(ctx, {
    merchant,
    customerId: payer.customerId,
    device: payer.device,
    channel: order.kind === 'payment_code' ? 'payment_code' : 'payment_request',
    amount: order.amount,
    orderId: order.id,
    tillId: order.tillId,
    reference: order.reference,
    description: order.description,
    idempotency: {
      scope: `customer:${payer.customerId}`,
      key: credentials.idempotencyKey,
      hash: createHash('sha256').update(`request\u0000${order.id}`).digest('base64url'),
    },
    pin: credentials.pin,
    verificationToken: credentials.verificationToken,
    partner: payer.partner,
  });
}

export async function declineRequest(
  ctx: DomainContext,
  payer: Payer,
  orderId: string,
  reason: string,
): Promise<{ ok: true; order: MerchantOrder } | { ok: false; error: RequestError }> {
  const order = await ownRequest(ctx, payer.customerId, orderId);
  if (!order) return { ok: false, error: 'request_not_found' };
  const status = effectiveStatus(order, ctx.clock());
  if (status !== 'open')
    return {
      ok: false,
      error: status === 'paid' ? 'order_paid' : status === 'expired' ? 'order_expired' : 'order_closed',
    };
  const merchant = await findMerchant(ctx.db, order.merchantId);
  if (!merchant || !(await closeOrder(ctx, merchant, order, 'declined', reason)))
    return { ok: false, error: 'order_closed' };
  return { ok: true, order: { ...order, status: 'declined' } };
}
