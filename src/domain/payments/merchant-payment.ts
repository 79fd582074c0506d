// A payment from a customer to a merchant (the domain's side of its ledger chain), read from its row.

import type { CurrencyCode } from '../../money/index.js';
import { formatAmount } from '../../money/index.js';
import { maskPhone } from '../customers/masking.js';

export type MerchantChannel =
  | 'static_qr'
  | 'dynamic_qr'
  /** The till's short number typed on a feature phone (USSD, SMS). */
  | 'till_code'
  | 'payment_code'
  | 'payment_request'
  | 'checkout';
export type MerchantPaymentStatus = 'pending' | 'completed' | 'failed' | 'reversed';

export interface MerchantPayment {
  id: string;
  merchantId: string;
  customerId: string;
  orderId: string | null;
  channel: MerchantChannel;
  tillId: string | null;
  /** The merchant's order reference (or the customer's note for a static QR). */
  reference: string;
  description: string;
  idempotencyScope: string;
  idempotencyKey: string;
  requestHash: string;
  amount: bigint;
  /** The merchant discount fee, paid by the merchant out of the amount. */
  fee: bigint;
  refunded: bigint;
  currency: CurrencyCode;
  transferBase: bigint;
  authentication: string;
  status: MerchantPaymentStatus;
  failureCode: string | null;
  createdAt: number;
  completedAt: number | null;
}

export interface MerchantPaymentRow {
  [column: string]: unknown;
  id: string;
  merchant_id: string;
  customer_id: string;
  order_id: string | null;
  channel: MerchantChannel;
  till_id: string | null;
  reference: string;
  description: string;
  idempotency_scope: string;
  idempotency_key: string;
  request_hash: string;
  amount: bigint;
  fee: bigint;
  refunded: bigint;
  currency: string;
  transfer_id: string;
  authentication: string;
  status: MerchantPaymentStatus;
  failure_code: string | null;
  created_at: bigint;
  completed_at: bigint | null;
}

export const MERCHANT_PAYMENT_COLUMNS =
  'id, merchant_id, customer_id, order_id, channel, till_id, reference, description, idempotency_scope, ' +
  'idempotency_key, request_hash, amount, fee, refunded, currency, transfer_id, authentication, status, ' +
  'failure_code, created_at, completed_at';

export function merchantPaymentFromRow(row: MerchantPaymentRow): MerchantPayment {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    customerId: row.customer_id,
    orderId: row.order_id,
    channel: row.channel,
    tillId: row.till_id,
    reference: row.reference,
    description: row.description,
    idempotencyScope: row.idempotency_scope,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    amount: row.amount,
    fee: row.fee,
    refunded: row.refunded,
    // Written by this code from the configured currency only.
    currency: row.currency as CurrencyCode,
    transferBase: BigInt(row.transfer_id),
    authentication: row.authentication,
    status: row.status,
    failureCode: row.failure_code,
    createdAt: Number(row.created_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What the merchant sees: amounts, its fee and net, refunds, and the customer's masked number. */
export function merchantPaymentView(payment: MerchantPayment, customerPhone: string) {
  const money = (value: bigint) => formatAmount({ value, currency: payment.currency });
  return {
    id: payment.id,
    status: payment.status,
    channel: payment.channel,
    orderId: payment.orderId,
    tillId: payment.tillId,
    reference: payment.reference,
    description: payment.description,
    amount: money(payment.amount),
    fee: money(payment.fee),
    net: money(payment.amount - payment.fee),
    refunded: money(payment.refunded),
    currency: payment.currency,
    customer: { phone: maskPhone(customerPhone) },
    failure: payment.failureCode,
    createdAt: new Date(payment.createdAt).toISOString(),
    completedAt: iso(payment.completedAt),
  };
}

export type MerchantPaymentView = ReturnType<typeof merchantPaymentView>;

/** What the paying customer sees. */
export function customerMerchantPaymentView(payment: MerchantPayment, merchantName: string) {
  const money = (value: bigint) => formatAmount({ value, currency: payment.currency });
  return {
    id: payment.id,
    status: payment.status,
    channel: payment.channel,
    merchant: { id: payment.merchantId, name: merchantName },
    reference: payment.reference,
    description: payment.description,
    amount: money(payment.amount),
    refunded: money(payment.refunded),
    currency: payment.currency,
    authentication: payment.authentication,
    failure: payment.failureCode,
    createdAt: new Date(payment.createdAt).toISOString(),
    completedAt: iso(payment.completedAt),
  };
}

export type CustomerMerchantPaymentView = ReturnType<typeof customerMerchantPaymentView>;
