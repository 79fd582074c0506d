// A hosted checkout as its page sees it: the order, its merchant and status, and the signed way back to the merchant.
import { formatAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { effectiveStatus, type MerchantOrder, type OrderStatus } from '../merchants/merchant-order.js';
import { findOrder } from '../merchants/merchant-orders.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import { webhookKeyOf } from '../merchants/merchant-webhooks.js';
import { findMerchantPayment } from '../payments/merchant-payment-queries.js';
import { checkoutReturnUrl } from './checkout-return.js';

export interface Checkout {
  order: MerchantOrder;
  merchant: Merchant;
  /** The order's status now (an open order past its expiry is expired). */
  status: OrderStatus;
}

/** The checkout order with this id, or undefined when there is none (other kinds of orders included). */
export async function findCheckout(ctx: DomainContext, orderId: string): Promise<Checkout | undefined> {
  const order = await findOrder(ctx.db, orderId);
  if (order?.kind !== 'checkout') return undefined;
  const merchant = await findMerchant(ctx.db, order.merchantId);
  if (!merchant) return undefined;
  return { order, merchant, status: effectiveStatus(order, ctx.clock()) };
}

/**
 * The merchant's returnUrl carrying the signed "paid" result, signed now with the merchant's webhook key;
 * undefined when the order has no returnUrl or the merchant no key (checkouts need both when created), and
 * while the payment holding the order has not completed (it may still fail and give the order back).
 */
export async function paidReturnUrl(
  ctx: DomainContext,
  order: MerchantOrder,
  paymentId: string,
): Promise<string | undefined> {
  const payment = await findMerchantPayment(ctx.db, paymentId);
  if (payment?.status !== 'completed') return undefined;
  const key = await webhookKeyOf(ctx, order.merchantId);
  if (!key || order.returnUrl === null) return undefined;
  return checkoutReturnUrl(order.returnUrl, key, {
    orderId: order.id,
    reference: order.reference,
    status: 'paid',
    paymentId,
    amount: formatAmount({ value: order.amount, currency: order.currency }),
    timestamp: Math.floor(ctx.clock() / 1000),
  });
}
