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

/** What the payer did before, for the step-up policy. */
export interface PayerHistory {
  lastSimSwap: number | null;
  /** They have paid this payee before (a payment that went through). */
  paidBefore: boolean;
}

interface UsageRow {
  [column: string]: unknown;
  /** -1 for a spending row, -2 for the history row; otherwise which range of daily totals the sums are of. */
  part: bigint | number;
  /** The spending row's time; the history row's last SIM swap. */
  at: bigint | null;
  /** The amount spent; the history row's 1 when the payee was paid before. */
  total: Sum;
  password_free: Sum;
}

const HISTORY_PART = -2;
const LAST_SIM_SWAP = 'SELECT max(swapped_at) FROM sim_swaps WHERE phone = $1';
const statements = new Map<string, string>();

/**
 * The usage query reading `spans` ranges of rows and the sums of `ranges` ranges of daily totals, in that order;
 * `withHistory`: then one row with the payer's last SIM swap and whether they paid the payee before (the payer's
 * phone and the payee's are its last two parameters).
 */
function usageSql(spans: number, ranges: number, withHistory: boolean): string {
  const key = `${spans}/${ranges}/${withHistory}`;
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
    const last = first + 2 * ranges;
    const history = withHistory
      ? `\n  UNION ALL SELECT ${HISTORY_PART}, (${LAST_SIM_SWAP.replace('$1', `$${last}`)}),
     CASE WHEN EXISTS (SELECT 1 FROM payments WHERE customer_id = $1 AND recipient_phone = $${last + 1}
       AND status IN ('completed', 'claimed', 'awaiting_claim')) THEN 1 ELSE 0 END, NULL`
      : '';
    sql = `SELECT -1 AS part, created_at AS at, total, password_free FROM (${rows}) AS spent${totals}${history}`;
    statements.set(key, sql);
  }
  return sql;
}

/** Which periods usage is counted over: the operator's time zone, and whether there is a lifetime limit. */
export interface UsageWindow {
  timeZone: string;
  lifetime: boolean;
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
  window: UsageWindow,
): Promise<PaymentUsage> {
  return (await readUsage(tx, customerId, now, window)).usage;
}

/** In the same one query: the payer's usage (as paymentUsage), their last SIM swap, and whether they paid `payee` before. */
export async function payerActivity(
  tx: SqlExecutor,
  payer: { id: string; phone: string },
  payee: string | null,
  now: number,
  window: UsageWindow,
): Promise<{ usage: PaymentUsage; history: PayerHistory }> {
  const { usage, history } = await readUsage(tx, payer.id, now, window, [payer.phone, payee]);
  return { usage, history: history ?? { lastSimSwap: null, paidBefore: false } };
}

async function readUsage(
  tx: SqlExecutor,
  customerId: string,
  now: number,
  window: UsageWindow,
  historyOf?: [phone: string, payee: string | null],
): Promise<{ usage: PaymentUsage; history: PayerHistory | undefined }> {
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
  const rows = await tx.all<UsageRow>(usageSql(spans.length, ranges.length, historyOf !== undefined), [
    customerId,
    ...[...spans, ...ranges].flatMap((s) => [BigInt(s.from), BigInt(s.to)]),
    ...(historyOf ?? []),
  ]);
  const amount = (value: Sum | undefined) => BigInt(value ?? 0n);
  const spent: Record<PeriodName, bigint> = { day: 0n, month: 0n, year: 0n, lifetime: 0n };
  let passwordFreeToday = 0n;
  let lastHour = 0;
  let history: PayerHistory | undefined;
  for (const row of rows) {
    const part = Number(row.part);
    if (part === HISTORY_PART) {
      history = { lastSimSwap: row.at ? Number(row.at) : null, paidBefore: Number(row.total) === 1 };
      continue;
    }
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
  return { usage: { limits: spent, lastHour, passwordFreeToday }, history };
}

/** The most recent SIM swap reported for a number, if any. */
export async function lastSimSwap(tx: SqlExecutor, phone: string): Promise<number | null> {
  const row = await tx.get<{ at: bigint | null }>(`SELECT (${LAST_SIM_SWAP}) AS at`, [phone]);
  return row?.at ? Number(row.at) : null;
}
