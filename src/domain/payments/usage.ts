// What a customer has already spent and done, counted for limits, velocity and the step-up policy.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { startOfPeriod } from '../calendar.js';
import { HOUR_MS } from '../clock.js';
import type { LimitUsage } from '../risk/tiers.js';

/** sum() is bigint on SQLite and numeric (read as text) on PostgreSQL; null over no rows. */
type Sum = bigint | string | null;

/** Payments that count: everything not failed and not returned to the sender. */
const COUNTED = "status NOT IN ('failed', 'returned')";
const TOTAL = "amount + CASE WHEN fee_payer = 'sender' THEN fee ELSE 0 END";

/** Sums of outgoing payments (fee included) in the current day, month and year, and ever. */
export async function limitUsage(
  tx: SqlExecutor,
  customerId: string,
  now: number,
  timeZone: string,
): Promise<LimitUsage> {
  const row = await tx.get<{ day: Sum; month: Sum; year: Sum; lifetime: Sum }>(
    `SELECT sum(CASE WHEN created_at >= $2 THEN ${TOTAL} ELSE 0 END) AS day,
            sum(CASE WHEN created_at >= $3 THEN ${TOTAL} ELSE 0 END) AS month,
            sum(CASE WHEN created_at >= $4 THEN ${TOTAL} ELSE 0 END) AS year,
            sum(${TOTAL}) AS lifetime
     FROM payments WHERE customer_id = $1 AND ${COUNTED}`,
    [
      customerId,
      BigInt(startOfPeriod(now, 'day', timeZone)),
      BigInt(startOfPeriod(now, 'month', timeZone)),
      BigInt(startOfPeriod(now, 'year', timeZone)),
    ],
  );
  return {
    day: BigInt(row?.day ?? 0n),
    month: BigInt(row?.month ?? 0n),
    year: BigInt(row?.year ?? 0n),
    lifetime: BigInt(row?.lifetime ?? 0n),
  };
}

/** Outgoing payments in the last rolling hour (velocity). */
export async function paymentsInLastHour(tx: SqlExecutor, customerId: string, now: number): Promise<number> {
  const row = await tx.get<{ n: bigint }>(
    `SELECT count(*) AS n FROM payments WHERE customer_id = $1 AND created_at > $2 AND ${COUNTED}`,
    [customerId, BigInt(now - HOUR_MS)],
  );
  return Number(row?.n ?? 0n);
}

/** Today's payments made without a PIN (the password-free daily allowance). */
export async function passwordFreeUsedToday(
  tx: SqlExecutor,
  customerId: string,
  now: number,
  timeZone: string,
): Promise<bigint> {
  const row = await tx.get<{ total: Sum }>(
    `SELECT sum(${TOTAL}) AS total FROM payments
     WHERE customer_id = $1 AND created_at >= $2 AND authentication = 'none' AND ${COUNTED}`,
    [customerId, BigInt(startOfPeriod(now, 'day', timeZone))],
  );
  return BigInt(row?.total ?? 0n);
}

/** Whether the customer has paid this number before (a payment that went through). */
export async function hasPaidBefore(tx: SqlExecutor, customerId: string, phone: string): Promise<boolean> {
  const row = await tx.get<{ n: bigint }>(
    `SELECT count(*) AS n FROM payments WHERE customer_id = $1 AND recipient_phone = $2
     AND status IN ('completed', 'claimed', 'awaiting_claim')`,
    [customerId, phone],
  );
  return (row?.n ?? 0n) > 0n;
}

/** The most recent SIM swap reported for a number, if any. */
export async function lastSimSwap(tx: SqlExecutor, phone: string): Promise<number | null> {
  const row = await tx.get<{ at: bigint | null }>(
    'SELECT max(swapped_at) AS at FROM sim_swaps WHERE phone = $1',
    [phone],
  );
  return row?.at ? Number(row.at) : null;
}
