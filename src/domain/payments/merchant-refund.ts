// A refund or staff reversal of a merchant payment (the domain's side of its ledger chain), read from its row.
import { formatAmount } from '../../money/index.js';
import type { MerchantPayment } from './merchant-payment.js';

export type RefundKind = 'refund' | 'reversal';
export type RefundStatus = 'pending' | 'completed' | 'failed';

export interface Refund {
  id: string;
  paymentId: string;
  merchantId: string;
  kind: RefundKind;
  amount: bigint;
  /** The share of the merchant's fee this refund gives back to the merchant. */
  feeRefund: bigint;
  reason: string;
  scope: string;
  key: string;
  requestHash: string;
  transferBase: bigint;
  requestedBy: string;
  status: RefundStatus;
  failureCode: string | null;
  createdAt: number;
  completedAt: number | null;
}

export interface RefundRow {
  [column: string]: unknown;
  id: string;
  payment_id: string;
  merchant_id: string;
  kind: RefundKind;
  amount: bigint;
  fee_refund: bigint;
  reason: string;
  idempotency_scope: string;
  idempotency_key: string;
  request_hash: string;
  transfer_id: string;
  requested_by: string;
  status: RefundStatus;
  failure_code: string | null;
  created_at: bigint;
  completed_at: bigint | null;
}

export const REFUND_COLUMNS =
  'id, payment_id, merchant_id, kind, amount, fee_refund, reason, idempotency_scope, idempotency_key, request_hash, ' +
  'transfer_id, requested_by, status, failure_code, created_at, completed_at';

export function refundFromRow(row: RefundRow): Refund {
  return {
    id: row.id,
    paymentId: row.payment_id,
    merchantId: row.merchant_id,
    kind: row.kind,
    amount: row.amount,
    feeRefund: row.fee_refund,
    reason: row.reason,
    scope: row.idempotency_scope,
    key: row.idempotency_key,
    requestHash: row.request_hash,
    transferBase: BigInt(row.transfer_id),
    requestedBy: row.requested_by,
    status: row.status,
    failureCode: row.failure_code,
    createdAt: Number(row.created_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
  };
}

export function refundView(refund: Refund, currency: MerchantPayment['currency']) {
  return {
    id: refund.id,
    paymentId: refund.paymentId,
    kind: refund.kind,
    amount: formatAmount({ value: refund.amount, currency }),
    feeReturned: formatAmount({ value: refund.feeRefund, currency }),
    currency,
    reason: refund.reason,
    status: refund.status,
    failure: refund.failureCode,
    createdAt: new Date(refund.createdAt).toISOString(),
    completedAt: refund.completedAt === null ? null : new Date(refund.completedAt).toISOString(),
  };
}
