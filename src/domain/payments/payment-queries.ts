// Reading payments: one of a customer's by id or idempotency key, and the view a customer sees.
import { formatAmount } from '../../money/index.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { maskPhone } from '../customers/masking.js';
import {
  PAYMENT_COLUMNS,
  type Payment,
  type PaymentRow,
  type PaymentStatus,
  paymentFromRow,
  senderTotal,
} from './payment.js';

export async function findPaymentByKey(
  db: SqlExecutor,
  customerId: string,
  idempotencyKey: string,
): Promise<Payment | undefined> {
  const row = await db.get<PaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE customer_id = $1 AND idempotency_key = $2`,
    [customerId, idempotencyKey],
  );
  return row && paymentFromRow(row);
}

/**
 * Inserts the payment with its settlement lease (`settlingUntil`, null when no attempt settles it now); false
 * (nothing inserted) when its idempotency key or quote is already taken.
 */
export async function insertPayment(
  tx: SqlExecutor,
  p: Payment,
  settlingUntil: bigint | null,
): Promise<boolean> {
  const inserted = await tx.run(
    `INSERT INTO payments (${PAYMENT_COLUMNS}, settling_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     ON CONFLICT DO NOTHING`,
    [
      p.id,
      p.kind,
      p.customerId,
      p.idempotencyKey,
      p.requestHash,
      p.quoteId,
      p.recipientPhone,
      p.recipientCustomerId,
      p.amount,
      p.fee,
      p.feePayer,
      p.currency,
      p.note,
      p.transferBase.toString(),
      p.authentication,
      p.status,
      p.failureCode,
      BigInt(p.createdAt),
      p.completedAt === null ? null : BigInt(p.completedAt),
      p.claimExpiresAt === null ? null : BigInt(p.claimExpiresAt),
      settlingUntil,
    ],
  );
  return inserted === 1;
}

export async function findPaymentById(db: SqlExecutor, id: string): Promise<Payment | undefined> {
  const row = await db.get<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1`, [id]);
  return row && paymentFromRow(row);
}

/** A payment the customer sent; undefined for anyone else's (no hint that it exists). */
export async function findOwnPayment(
  db: SqlExecutor,
  customerId: string,
  id: string,
): Promise<Payment | undefined> {
  const row = await db.get<PaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1 AND customer_id = $2`,
    [id, customerId],
  );
  return row && paymentFromRow(row);
}

export interface PaymentView {
  id: string;
  status: PaymentStatus;
  to: string;
  recipient: { phone: string };
  amount: string;
  fee: string;
  feePayer: 'sender' | 'recipient';
  total: string;
  currency: string;
  note: string;
  authentication: string;
  failure: string | null;
  createdAt: string;
  completedAt: string | null;
  /** Money sent to an unregistered number returns to the sender after this. */
  claimExpiresAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function paymentView(payment: Payment): PaymentView {
  const money = (value: bigint) => formatAmount({ value, currency: payment.currency });
  return {
    id: payment.id,
    status: payment.status,
    to: payment.recipientPhone,
    recipient: { phone: maskPhone(payment.recipientPhone) },
    amount: money(payment.amount),
    fee: money(payment.fee),
    feePayer: payment.feePayer,
    total: money(senderTotal(payment)),
    currency: payment.currency,
    note: payment.note,
    authentication: payment.authentication,
    failure: payment.failureCode,
    createdAt: new Date(payment.createdAt).toISOString(),
    completedAt: iso(payment.completedAt),
    claimExpiresAt: payment.status === 'awaiting_claim' ? iso(payment.claimExpiresAt) : null,
  };
}
