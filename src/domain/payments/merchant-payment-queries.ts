// Reading and writing merchant payment rows.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import {
  MERCHANT_PAYMENT_COLUMNS,
  type MerchantPayment,
  type MerchantPaymentRow,
  merchantPaymentFromRow,
} from './merchant-payment.js';

export async function findMerchantPaymentByKey(
  db: SqlExecutor,
  scope: string,
  key: string,
): Promise<MerchantPayment | undefined> {
  const row = await db.get<MerchantPaymentRow>(
    `SELECT ${MERCHANT_PAYMENT_COLUMNS} FROM merchant_payments WHERE idempotency_scope = $1 AND idempotency_key = $2`,
    [scope, key],
  );
  return row && merchantPaymentFromRow(row);
}

export async function findMerchantPayment(db: SqlExecutor, id: string): Promise<MerchantPayment | undefined> {
  const row = await db.get<MerchantPaymentRow>(
    `SELECT ${MERCHANT_PAYMENT_COLUMNS} FROM merchant_payments WHERE id = $1`,
    [id],
  );
  return row && merchantPaymentFromRow(row);
}

/**
 * Inserts the payment with its settlement lease (`settlingUntil`, null when no attempt settles it now); false
 * (nothing inserted) when its idempotency key is already taken.
 */
export async function insertMerchantPayment(
  tx: SqlExecutor,
  p: MerchantPayment,
  settlingUntil: bigint | null,
): Promise<boolean> {
  const inserted = await tx.run(
    `INSERT INTO merchant_payments (${MERCHANT_PAYMENT_COLUMNS}, settling_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING`,
    [
      p.id,
      p.merchantId,
      p.customerId,
      p.orderId,
      p.channel,
      p.tillId,
      p.reference,
      p.description,
      p.idempotencyScope,
      p.idempotencyKey,
      p.requestHash,
      p.amount,
      p.fee,
      p.refunded,
      p.currency,
      p.transferBase.toString(),
      p.authentication,
      p.status,
      p.failureCode,
      BigInt(p.createdAt),
      p.completedAt === null ? null : BigInt(p.completedAt),
      settlingUntil,
    ],
  );
  return inserted === 1;
}
