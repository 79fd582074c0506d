// What a customer has already spent and done, counted for limits, velocity and the step-up policy.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { startOfPeriod } from '../calendar.js';
import { HOUR_MS } from '../clock.js';
import type { LimitUsage } from '../risk/tiers.js';

/** sum() is bigint on SQLite and numeric (read as text) on PostgreSQL; null over no rows. */
type Sum = bigint | string | null;

/**
 * What the customer spent: P2P payments (fee included when the sender pays it), merchant payments and cash-outs at
 * agents, except those that failed or whose money came back (returned unclaimed, reversed by staff).
 */
const SPENT = `
  SELECT created_at, amount + CASE WHEN fee_payer = 'sender' THEN fee ELSE 0 END AS total, authentication
  FROM payments WHERE customer_id = $1 AND created_at >= $6 AND status NOT IN ('failed', 'returned')
  UNION ALL
  SELECT created_at, amount AS total, authentication
  FROM merchant_payments WHERE customer_id = $1 AND created_at >= $6 AND status NOT IN ('failed', 'reversed')
  UNION ALL
  SELECT created_at, amount AS total, 'authorisation_code' AS authentication
  FROM disbursements WHERE customer_id = $1 AND created_at >= $6 AND kind = 'withdrawal' AND status IN ('pending', 'completed')`;

export interface PaymentUsage {
  /** Outgoing payments (fee included) in the current day, month, year and ever. */
  limits: LimitUsage;
  /** Outgoing payments in the last rolling hour (velocity). */
  lastHour: number;
  /** Today's payments made without a PIN (password-free or SMS-confirmed: the small-payment daily allowance). */
  passwordFreeToday: bigint;
}

interface UsageRow {
  [column: string]: unknown;
  day: Sum;
  month: Sum;
  year: Sum;
  lifetime: Sum;
  last_hour: bigint | string | null;
  password_free: Sum;
}

/**
 * Everything in one query over two indexed scans (P2P and merchant payments). Without a lifetime limit the scan
 * starts at the beginning of the year, so its cost is bounded by a year of payments.
 */
export async function paymentUsage(
  tx: SqlExecutor,
  customerId: string,
  now: number,
  window: { timeZone: string; lifetime: boolean },
): Promise<PaymentUsage> {
  const day = startOfPeriod(now, 'day', window.timeZone);
  const month = startOfPeriod(now, 'month', window.timeZone);
  const year = startOfPeriod(now, 'year', window.timeZone);
  const row = await tx.get<UsageRow>(
    `SELECT sum(CASE WHEN created_at >= $2 THEN total ELSE 0 END) AS day,
            sum(CASE WHEN created_at >= $3 THEN total ELSE 0 END) AS month,
            sum(CASE WHEN created_at >= $4 THEN total ELSE 0 END) AS year,
            sum(total) AS lifetime,
            sum(CASE WHEN created_at > $5 THEN 1 ELSE 0 END) AS last_hour,
            sum(CASE WHEN created_at >= $2 AND authentication IN ('none', 'sms_confirmation') THEN total ELSE 0 END)
              AS password_free
     FROM (${SPENT}) AS spent`,
    [
      customerId,
      BigInt(day),
      BigInt(month),
      BigInt(year),
      BigInt(now - HOUR_MS),
      BigInt(window.lifetime ? 0 : year),
    ],
  );
  const amount = (value: Sum | undefined) => BigInt(value ?? 0n);
  return {
    limits: {
      day: amount(row?.day),
      month: amount(row?.month),
      year: amount(row?.year),
      lifetime: amount(row?.lifetime),
    },
    lastHour: Number(row?.last_hour ?? 0),
    passwordFreeToday: amount(row?.password_free),
  };
}

/** Whether the customer has paid this number before (a payment that went through). */
export async function hasPaidBefore(tx: SqlExecutor, customerId: string, phone: string): Promise<boolean> {
  const row = await tx.get(
    `SELECT 1 AS paid FROM payments WHERE customer_id = $1 AND recipient_phone = $2
     AND status IN ('completed', 'claimed', 'awaiting_claim') LIMIT 1`,
    [customerId, phone],
  );
  return row !== undefined;
}

/** The most recent SIM swap reported for a number, if any. */
export async function lastSimSwap(tx: SqlExecutor, phone: string): Promise<number | null> {
  const row = await tx.get<{ at: bigint | null }>(
    'SELECT max(swapped_at) AS at FROM sim_swaps WHERE phone = $1',
    [phone],
  );
  return row?.at ? Number(row.at) : null;
}
