// The merchant portal's dashboard: today's and this month's sales, refunds and success rate, by hour and by day.
import { formatAmount } from '../../money/index.js';
import type { SqlValue } from '../../storage/sql/sql-database.js';
import { localDate, startOfPeriod } from '../calendar.js';
import { HOUR_MS } from '../clock.js';
import { periodsTable, type ReportContext, type Sum } from './merchant-reports.js';
import { refundTill, storeFilter } from './store-scope.js';

/** Sales in one hour or day: payments that completed (reversals included, as in the daily summary). */
export interface SalesPoint {
  /** When the hour or the day began (UTC instant). */
  start: number;
  payments: number;
  amount: string;
}

export interface PeriodSales {
  payments: number;
  amount: string;
  /** Completed refunds and reversals made in the period. */
  refunds: string;
  refundCount: number;
  /** Completed ÷ (completed + failed) payments made in the period; null when there were none. */
  successRate: number | null;
}

export interface Dashboard {
  currency: string;
  timeZone: string;
  /** Today in the operator's time zone, YYYY-MM-DD. */
  date: string;
  today: PeriodSales;
  month: PeriodSales;
  /** Every hour of today, from local midnight. */
  hours: SalesPoint[];
  /** Every day of this month, from its first. */
  days: SalesPoint[];
}

interface BucketRow {
  [column: string]: unknown;
  day_start: bigint;
  succeeded: Sum;
  amount: Sum;
  failed: Sum;
}

interface Tally {
  succeeded: number;
  failed: number;
  amount: bigint;
}

/** The boundaries of each local day from `start` up to `end` (the days of a month, however long each is). */
function dayBoundaries(start: number, end: number, timeZone: string): number[] {
  const boundaries = [start];
  let at = start;
  while (at < end) {
    at = startOfPeriod(at + 36 * HOUR_MS, 'day', timeZone);
    boundaries.push(Math.min(at, end));
  }
  return boundaries;
}

/** Completed and failed payments per period between consecutive boundaries. */
async function tallies(
  ctx: ReportContext,
  merchantId: string,
  boundaries: number[],
  storeId: string | undefined,
): Promise<Map<bigint, Tally>> {
  const params: SqlValue[] = [merchantId, ...boundaries.map(BigInt)];
  const atStore = storeFilter(params, storeId);
  const rows = await ctx.db.all<BucketRow>(
    `${periodsTable(boundaries.length - 1)}
     SELECT d.day_start AS day_start,
       sum(CASE WHEN p.status IN ('completed', 'reversed') THEN 1 ELSE 0 END) AS succeeded,
       sum(CASE WHEN p.status IN ('completed', 'reversed') THEN p.amount ELSE 0 END) AS amount,
       sum(CASE WHEN p.status = 'failed' THEN 1 ELSE 0 END) AS failed
     FROM days AS d JOIN merchant_payments AS p
       ON p.merchant_id = $1 AND p.created_at >= d.day_start AND p.created_at < d.day_end${atStore('p.till_id')}
     GROUP BY d.day_start`,
    params,
  );
  return new Map(
    rows.map((row) => [
      BigInt(row.day_start),
      {
        succeeded: Number(row.succeeded ?? 0),
        failed: Number(row.failed ?? 0),
        amount: BigInt(row.amount ?? 0n),
      },
    ]),
  );
}

export async function merchantDashboard(
  ctx: ReportContext,
  merchantId: string,
  now: number,
  /** Only this store's tills (a portal user assigned to a store). */
  storeId?: string,
): Promise<Dashboard> {
  const { timeZone, currency } = ctx.settings;
  const money = (value: bigint) => formatAmount({ value, currency });
  const dayStart = startOfPeriod(now, 'day', timeZone);
  const dayEnd = startOfPeriod(dayStart + 36 * HOUR_MS, 'day', timeZone);
  const monthStart = startOfPeriod(now, 'month', timeZone);
  const monthEnd = startOfPeriod(monthStart + 32 * 24 * HOUR_MS, 'month', timeZone);
  const hourBoundaries = [dayStart];
  for (let at = dayStart + HOUR_MS; at < dayEnd; at += HOUR_MS) hourBoundaries.push(at);
  hourBoundaries.push(dayEnd);
  const dayBounds = dayBoundaries(monthStart, monthEnd, timeZone);
  const byHour = await tallies(ctx, merchantId, hourBoundaries, storeId);
  const byDay = await tallies(ctx, merchantId, dayBounds, storeId);
  const refundParams: SqlValue[] = [merchantId, BigInt(dayStart), BigInt(monthStart), BigInt(monthEnd)];
  const refundAtStore = storeFilter(refundParams, storeId);
  const refunds = await ctx.db.get<{ today: Sum; today_count: Sum; month: Sum; month_count: bigint }>(
    `SELECT sum(CASE WHEN created_at >= CAST($2 AS bigint) THEN amount ELSE 0 END) AS today,
       sum(CASE WHEN created_at >= CAST($2 AS bigint) THEN 1 ELSE 0 END) AS today_count,
       sum(amount) AS month, count(*) AS month_count
     FROM merchant_refunds
     WHERE merchant_id = $1 AND status = 'completed' AND created_at >= $3 AND created_at < $4${refundAtStore(
       refundTill('merchant_refunds'),
     )}`,
    refundParams,
  );
  const points = (boundaries: number[], found: Map<bigint, Tally>) =>
    boundaries.slice(0, -1).map((start) => {
      const tally = found.get(BigInt(start));
      return { start, payments: tally?.succeeded ?? 0, amount: money(tally?.amount ?? 0n) };
    });
  const period = (found: Map<bigint, Tally>, refunded: Sum, refundCount: Sum): PeriodSales => {
    const sum = [...found.values()].reduce(
      (total, t) => ({
        succeeded: total.succeeded + t.succeeded,
        failed: total.failed + t.failed,
        amount: total.amount + t.amount,
      }),
      { succeeded: 0, failed: 0, amount: 0n },
    );
    const attempts = sum.succeeded + sum.failed;
    return {
      payments: sum.succeeded,
      amount: money(sum.amount),
      refunds: money(BigInt(refunded ?? 0n)),
      refundCount: Number(refundCount ?? 0),
      successRate: attempts === 0 ? null : sum.succeeded / attempts,
    };
  };
  const { year, month, day } = localDate(now, timeZone);
  return {
    currency,
    timeZone,
    date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    today: period(byHour, refunds?.today ?? null, refunds?.today_count ?? null),
    month: period(byDay, refunds?.month ?? null, refunds?.month_count ?? null),
    hours: points(hourBoundaries, byHour),
    days: points(dayBounds, byDay),
  };
}
