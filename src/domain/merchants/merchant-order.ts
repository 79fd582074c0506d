// A merchant's order for one payment (dynamic QR, payment request, checkout, payment code above the limit).

import type { CurrencyCode } from '../../money/index.js';
import { formatAmount } from '../../money/index.js';

export type OrderKind = 'dynamic_qr' | 'payment_request' | 'checkout' | 'payment_code';
export type OrderStatus = 'open' | 'paid' | 'expired' | 'declined' | 'cancelled';

export interface MerchantOrder {
  id: string;
  merchantId: string;
  kind: OrderKind;
  reference: string;
  amount: bigint;
  currency: CurrencyCode;
  description: string;
  tillId: string | null;
  /** Who is asked to pay (payment requests and payment codes). */
  customerId: string | null;
  returnUrl: string | null;
  notifyUrl: string | null;
  status: OrderStatus;
  paymentId: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface OrderRow {
  [column: string]: unknown;
  id: string;
  merchant_id: string;
  kind: OrderKind;
  reference: string;
  amount: bigint;
  currency: string;
  description: string;
  till_id: string | null;
  customer_id: string | null;
  return_url: string | null;
  notify_url: string | null;
  status: OrderStatus;
  payment_id: string | null;
  created_at: bigint;
  expires_at: bigint;
}

export const ORDER_COLUMNS =
  'id, merchant_id, kind, reference, amount, currency, description, till_id, customer_id, return_url, ' +
  'notify_url, status, payment_id, created_at, expires_at';

export function orderFromRow(row: OrderRow): MerchantOrder {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    kind: row.kind,
    reference: row.reference,
    amount: row.amount,
    // Written by this code from the configured currency only.
    currency: row.currency as CurrencyCode,
    description: row.description,
    tillId: row.till_id,
    customerId: row.customer_id,
    returnUrl: row.return_url,
    notifyUrl: row.notify_url,
    status: row.status,
    paymentId: row.payment_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

/** An order is payable while open and before its expiry (the expiry job may not have run yet). */
export function effectiveStatus(order: MerchantOrder, now: number): OrderStatus {
  return order.status === 'open' && now >= order.expiresAt ? 'expired' : order.status;
}

export function orderView(order: MerchantOrder, now: number) {
  return {
    id: order.id,
    kind: order.kind,
    reference: order.reference,
    amount: formatAmount({ value: order.amount, currency: order.currency }),
    currency: order.currency,
    description: order.description,
    tillId: order.tillId,
    status: effectiveStatus(order, now),
    paymentId: order.paymentId,
    createdAt: new Date(order.createdAt).toISOString(),
    expiresAt: new Date(order.expiresAt).toISOString(),
  };
}

export type OrderView = ReturnType<typeof orderView>;
