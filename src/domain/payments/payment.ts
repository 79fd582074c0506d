// A payment record (the domain's side of a ledger movement) and how it is read from its row.
import type { CurrencyCode } from '../../money/index.js';
import type { FeePayer } from '../risk/tariff.js';

export type PaymentStatus = 'pending' | 'completed' | 'failed' | 'awaiting_claim' | 'claimed' | 'returned';

export interface Payment {
  id: string;
  kind: 'p2p';
  customerId: string;
  idempotencyKey: string;
  requestHash: string;
  quoteId: string | null;
  recipientPhone: string;
  /** Null while the number is not registered (the money waits for a claim). */
  recipientCustomerId: string | null;
  amount: bigint;
  fee: bigint;
  feePayer: FeePayer;
  currency: CurrencyCode;
  note: string;
  /** The first ledger transfer's id; related transfers use the following ids (see p2p-transfers). */
  transferBase: bigint;
  authentication: string;
  status: PaymentStatus;
  failureCode: string | null;
  createdAt: number;
  completedAt: number | null;
  claimExpiresAt: number | null;
}

export interface PaymentRow {
  [column: string]: unknown;
  id: string;
  kind: 'p2p';
  customer_id: string;
  idempotency_key: string;
  request_hash: string;
  quote_id: string | null;
  recipient_phone: string;
  recipient_customer_id: string | null;
  amount: bigint;
  fee: bigint;
  fee_payer: FeePayer;
  currency: string;
  note: string;
  transfer_id: string;
  authentication: string;
  status: PaymentStatus;
  failure_code: string | null;
  created_at: bigint;
  completed_at: bigint | null;
  claim_expires_at: bigint | null;
}

export const PAYMENT_COLUMNS =
  'id, kind, customer_id, idempotency_key, request_hash, quote_id, recipient_phone, recipient_customer_id, ' +
  'amount, fee, fee_payer, currency, note, transfer_id, authentication, status, failure_code, created_at, ' +
  'completed_at, claim_expires_at';

const time = (value: bigint | null): number | null => (value === null ? null : Number(value));

export function paymentFromRow(row: PaymentRow): Payment {
  return {
    id: row.id,
    kind: row.kind,
    customerId: row.customer_id,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    quoteId: row.quote_id,
    recipientPhone: row.recipient_phone,
    recipientCustomerId: row.recipient_customer_id,
    amount: row.amount,
    fee: row.fee,
    feePayer: row.fee_payer,
    // Written by this code from the configured currency only.
    currency: row.currency as CurrencyCode,
    note: row.note,
    transferBase: BigInt(row.transfer_id),
    authentication: row.authentication,
    status: row.status,
    failureCode: row.failure_code,
    createdAt: Number(row.created_at),
    completedAt: time(row.completed_at),
    claimExpiresAt: time(row.claim_expires_at),
  };
}

/** What the sender pays in total: the amount, plus the fee when the sender pays it. */
export function senderTotal(payment: Pick<Payment, 'amount' | 'fee' | 'feePayer'>): bigint {
  return payment.amount + (payment.feePayer === 'sender' ? payment.fee : 0n);
}
