// What a customer has already spent and done, counted for limits, velocity and the step-up policy.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { startOfPeriod } from '../calendar.js';
import { HOUR_MS } from '../clock.js';
import type { LimitUsage } from '../risk/tiers.js';
import { END_OF_TIME, mergeSpans, type PeriodSplit, readsRow, splitPeriod } from './spending-periods.js';
import { spendingRows } from './spending-sources.js';

/** sum() is bigint on SQLite and numeric (read as text) on PostgreSQL; null over no rows. */
type Sum = bigint | string | null;

const PERIODS = ['day', 'month', 'year', 'lifetime'] as const;
type PeriodName = (typeof PERIODS)[number];

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
  /** -1 for a spending row; otherwise which range of daily totals the sums are of. */
  part: bigint | number;
  at: bigint | null;
  total: Sum;
  password_free: Sum;
}

const statements = new Map<string, string>();

/** The usage query reading `spans` ranges of rows and the sums of `ranges` ranges of daily totals, in that order. */
function usageSql(spans: number, ranges: number): string {
  const key = `${spans}/${ranges}`;
  let sql = statements.get(key);
  if (!sql) {
    const rows = Array.from({ length: spans }, (_, i) =>
      spendingRows(`customer_id = $1 AND created_at >= $${2 + 2 * i} AND created_at < $${3 + 2 * i}`),
    ).join('\n    UNION ALL\n    ');
    const first = 2 + 2 * spans;
    const totals = Array.from(
      { length: ranges },
      (_, i) => `\n  UNION ALL SELECT ${i}, NULL, sum(total), sum(password_free) FROM spending_days
     WHERE customer_id = $1 AND day >= $${first + 2 * i} AND day < $${first + 2 * i + 1}`,
    ).join('');
    sql = `SELECT -1 AS part, created_at AS at, total, password_free FROM (${rows}) AS spent${totals}`;
    statements.set(key, sql);
  }
  return sql;
}

/**
 * What the customer spent in each period, in one query whose cost does not grow with their history: the daily totals
 * (kept by triggers, see spending-schema.ts) for whole UTC days, and the rows themselves for the current UTC day, the
 * last hour and the partial days where a period starts in the operator's time zone. Without a lifetime limit,
 * "lifetime" is the year.
 */
export async function paymentUsage(
  tx: SqlExecutor,
  customerId: string,
  now: number,
  window: { timeZone: string; lifetime: boolean },
): Promise<PaymentUsage> {
  const year = splitPeriod(startOfPeriod(now, 'year', window.timeZone), now);
  const splits: Record<PeriodName, PeriodSplit> = {
    day: splitPeriod(startOfPeriod(now, 'day', window.timeZone), now),
    month: splitPeriod(startOfPeriod(now, 'month', window.timeZone), now),
    year,
    lifetime: window.lifetime ? splitPeriod(0, now) : year,
  };
  const hourAgo = now - HOUR_MS;
  const spans = mergeSpans([
    { from: hourAgo + 1, to: END_OF_TIME },
    ...PERIODS.flatMap((p) => [splits[p].head, { from: splits[p].tail, to: END_OF_TIME }]),
  ]);
  // Periods sharing a split (the year and, without a lifetime limit, "lifetime") read its daily totals once.
  const ranges = [...new Set(PERIODS.map((p) => splits[p].days))].filter((d) => d.to > d.from);
  const rows = await tx.all<UsageRow>(usageSql(spans.length, ranges.length), [
    customerId,
    ...[...spans, ...ranges].flatMap((s) => [BigInt(s.from), BigInt(s.to)]),
  ]);
  const amount = (value: Sum | undefined) => BigInt(value ?? 0n);
  const spent: Record<PeriodName, bigint> = { day: 0n, month: 0n, year: 0n, lifetime: 0n };
  let passwordFreeToday = 0n;
  let lastHour = 0;
  for (const row of rows) {
    const part = Number(row.part);
    if (part >= 0) {
      for (const period of PERIODS)
        if (splits[period].days === ranges[part]) spent[period] += amount(row.total);
      if (splits.day.days === ranges[part]) passwordFreeToday += amount(row.password_free);
      continue;
    }
    const at = Number(row.at);
    for (const period of PERIODS) if (readsRow(splits[period], at)) spent[period] += amount(row.total);
    if (readsRow(splits.day, at)) passwordFreeToday += amount(row.password_free);
    if (at > hourAgo) lastHour += 1;
  }
  return { limits: spent, lastHour, passwordFreeToday };
}

const LAST_SIM_SWAP = 'SELECT max(swapped_at) FROM sim_swaps WHERE phone = $1';

/** The most recent SIM swap reported for a number, if any. */
export async function lastSimSwap(tx: SqlExecutor, phone: string): Promise<number | null> {
  const row = await tx.get<{ at: bigint | null }>(`SELECT (${LAST_SIM_SWAP}) AS at`, [phone]);
  return row?.at ? Number(row.at) : null;
}

/**
 * In one query: the payer's last SIM swap, and whether they have paid `payee` before (a payment that went
 * through; false when `payee` is null).
 */
export async function payerHistory(
  tx: SqlExecutor,
  payer: { id: string; phone: string },
  payee: string | null,
): Promise<{ lastSimSwap: number | null; paidBefore: boolean }> {
  const row = await tx.get<{ at: bigint | null; paid: bigint | number }>(
    `SELECT (${LAST_SIM_SWAP}) AS at, CASE WHEN EXISTS (SELECT 1 FROM payments WHERE customer_id = $2
       AND recipient_phone = $3 AND status IN ('completed', 'claimed', 'awaiting_claim')) THEN 1 ELSE 0 END AS paid`,
    [payer.phone, payer.id, payee],
  );
  return { lastSimSwap: row?.at ? Number(row.at) : null, paidBefore: Number(row?.paid) === 1 };
}
