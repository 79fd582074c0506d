// Merchant reports: its payments searched page by page, daily totals in the operator's time zone, a CSV export.

import { type CurrencyCode, formatAmount } from '../../money/index.js';
import type { SqlExecutor, SqlValue } from '../../storage/sql/sql-database.js';
import { localDate, startOfPeriod } from '../calendar.js';
import { DAY_MS, HOUR_MS } from '../clock.js';
import { csvCell } from '../csv-cell.js';
import {
  MERCHANT_PAYMENT_COLUMNS,
  type MerchantChannel,
  type MerchantPaymentRow,
  type MerchantPaymentStatus,
  type MerchantPaymentView,
  merchantPaymentFromRow,
  merchantPaymentView,
} from '../payments/merchant-payment.js';
import { atStoreTills, refundTill, storeFilter } from './store-scope.js';

/** What the reports need of the domain context (a DomainContext is one). */
export interface ReportContext {
  db: SqlExecutor;
  settings: { timeZone: string; currency: CurrencyCode };
}

export interface ReportRefusal {
  ok: false;
  error: 'invalid_query';
}

const INVALID_QUERY: ReportRefusal = { ok: false, error: 'invalid_query' };

export const MAX_PAGE_SIZE = 200;
export const MAX_CSV_ROWS = 10_000;
export const MAX_SUMMARY_DAYS = 92;

export interface MerchantPaymentFilter {
  /** Created at or after this instant (ms). */
  from?: number;
  /** Created before this instant (ms). */
  to?: number;
  status?: MerchantPaymentStatus;
  channel?: MerchantChannel;
  tillId?: string;
  /** Only payments at this store's tills. */
  storeId?: string;
  /** The merchant's reference, exactly. */
  reference?: string;
}

export interface MerchantPaymentSearch extends MerchantPaymentFilter {
  /** 1 to MAX_PAGE_SIZE. */
  limit: number;
  /** The `next` of the previous page. */
  before?: string;
}

export interface MerchantPaymentPage {
  /** Newest first. */
  payments: MerchantPaymentView[];
  /** Pass as `before` for the next page; null on the last page. */
  next: string | null;
}

/** Where a page ended: the last row's creation time and id (the sort key). */
export interface Cursor {
  createdAt: bigint;
  id: string;
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(`${cursor.createdAt}.${cursor.id}`, 'utf8').toString('base64url');

/** The cursor a `next` encodes, or null for any text this module did not make. */
export function decodeCursor(text: string): Cursor | null {
  const match = /^(-?[0-9]{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(
    Buffer.from(text, 'base64url').toString('utf8'),
  );
  if (!match?.[1] || !match[2]) return null;
  const cursor = { createdAt: BigInt(match[1]), id: match[2] };
  return encodeCursor(cursor) === text ? cursor : null;
}

const isInstant = (ms: number | undefined) => ms === undefined || Number.isSafeInteger(ms);

interface ReportRow extends MerchantPaymentRow {
  customer_phone: string;
}

/** A merchant's payments matching the filter, newest first by (created_at, id), after the cursor if any. */
async function selectPayments(
  db: SqlExecutor,
  merchantId: string,
  filter: MerchantPaymentFilter,
  limit: number,
  cursor?: Cursor,
): Promise<ReportRow[]> {
  const params: SqlValue[] = [merchantId];
  const param = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = ['merchant_id = $1'];
  if (filter.from !== undefined) conditions.push(`created_at >= ${param(BigInt(filter.from))}`);
  if (filter.to !== undefined) conditions.push(`created_at < ${param(BigInt(filter.to))}`);
  // An expression, not the bare column: SQLite (without statistics) would otherwise pick merchant_payments_by_status
  // and scan every merchant's payments of that status.
  if (filter.status !== undefined) conditions.push(`status || '' = ${param(filter.status)}`);
  if (filter.channel !== undefined) conditions.push(`channel = ${param(filter.channel)}`);
  if (filter.tillId !== undefined) conditions.push(`till_id = ${param(filter.tillId)}`);
  if (filter.storeId !== undefined) {
    conditions.push(atStoreTills('till_id', param(filter.storeId)));
  }
  if (filter.reference !== undefined) conditions.push(`reference = ${param(filter.reference)}`);
  if (cursor) {
    // The bare range on created_at lets merchant_payments_by_merchant start the scan at the cursor.
    const at = param(cursor.createdAt);
    conditions.push(`created_at <= ${at} AND (created_at < ${at} OR id < ${param(cursor.id)})`);
  }
  return db.all<ReportRow>(
    `SELECT ${MERCHANT_PAYMENT_COLUMNS},
       (SELECT phone FROM customers WHERE customers.id = merchant_payments.customer_id) AS customer_phone
     FROM merchant_payments WHERE ${conditions.join(' AND ')}
     ORDER BY created_at DESC, id DESC LIMIT ${param(BigInt(limit))}`,
    params,
  );
}

const viewOf = (row: ReportRow) => merchantPaymentView(merchantPaymentFromRow(row), row.customer_phone);

export async function searchMerchantPayments(
  ctx: ReportContext,
  merchantId: string,
  query: MerchantPaymentSearch,
): Promise<{ ok: true; page: MerchantPaymentPage } | ReportRefusal> {
  const cursor = query.before === undefined ? undefined : decodeCursor(query.before);
  const { limit } = query;
  const validLimit = Number.isSafeInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE;
  if (cursor === null || !validLimit || !isInstant(query.from) || !isInstant(query.to)) return INVALID_QUERY;
  const rows = await selectPayments(ctx.db, merchantId, query, limit + 1, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null;
  return { ok: true, page: { payments: page.map(viewOf), next } };
}

const CSV_COLUMNS =
  'id,created_at,status,channel,till_id,reference,description,amount,fee,net,refunded,currency,customer';

function csvLine(view: MerchantPaymentView): string {
  return [
    view.id,
    view.createdAt,
    view.status,
    view.channel,
    view.tillId ?? '',
    view.reference,
    view.description,
    view.amount,
    view.fee,
    view.net,
    view.refunded,
    view.currency,
    view.customer.phone,
  ]
    .map((value) => csvCell(value, false))
    .join(',');
}

/** The matching payments as CSV, newest first: at most MAX_CSV_ROWS (the newest), customers' numbers masked. */
export async function paymentsCsv(
  ctx: ReportContext,
  merchantId: string,
  filter: MerchantPaymentFilter,
): Promise<{ ok: true; csv: string } | ReportRefusal> {
  if (!isInstant(filter.from) || !isInstant(filter.to)) return INVALID_QUERY;
  const rows = await selectPayments(ctx.db, merchantId, filter, MAX_CSV_ROWS);
  const lines = [CSV_COLUMNS, ...rows.map((row) => csvLine(viewOf(row)))];
  return { ok: true, csv: `${lines.join('\r\n')}\r\n` };
}

export interface DayTotals {
  /** Completed and reversed payments. */
  payments: number;
  gross: string;
  /** Fees charged on the day's payments, less the fee shares given back by the day's refunds and reversals. */
  fees: string;
  /** Completed refunds and reversals created that day. */
  refunds: string;
  /** gross − fees − refunds. */
  net: string;
}

export interface DailySummary {
  currency: CurrencyCode;
  /** Only days with payments or refunds, oldest first. */
  days: (DayTotals & { date: string })[];
  totals: DayTotals;
}

/** A YYYY-MM-DD calendar date as its UTC midnight, or undefined when it is not a real date. */
function calendarDate(text: string): number | undefined {
  const ms = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? undefined : ms;
}

/** When a calendar date (given as its UTC midnight) begins in the zone. */
function startOfDate(utcMidnight: number, timeZone: string): number {
  // Noon UTC is on that date in zones up to UTC+12 and on the next one east of them.
  const start = startOfPeriod(utcMidnight + 12 * HOUR_MS, 'day', timeZone);
  const { year, month, day } = localDate(start, timeZone);
  return Date.UTC(year, month - 1, day) > utcMidnight ? startOfPeriod(start - 1, 'day', timeZone) : start;
}

/**
 * A table `days (day_start, day_end)` of consecutive periods whose boundaries are the parameters from $2 on
 * (one more boundary than periods), to join rows to the period they were created in.
 */
export function periodsTable(periods: number): string {
  const rows = Array.from(
    { length: periods },
    (_, i) => `(CAST($${i + 2} AS bigint), CAST($${i + 3} AS bigint))`,
  );
  return `WITH days (day_start, day_end) AS (VALUES ${rows.join(', ')})`;
}

/** sum() is bigint on SQLite and numeric (read as text) on PostgreSQL; count() is bigint on both. */
export type Sum = bigint | string | null;

interface PaymentDayRow {
  [column: string]: unknown;
  day_start: bigint;
  payments: bigint;
  gross: Sum;
  fees: Sum;
}

interface RefundDayRow {
  [column: string]: unknown;
  day_start: bigint;
  refunds: Sum;
  fee_refunds: Sum;
}

interface Tally {
  payments: number;
  gross: bigint;
  fees: bigint;
  refunds: bigint;
}

export async function dailySummary(
  ctx: ReportContext,
  merchantId: string,
  range: { from: string; to: string },
  /** Only this store's tills (a portal user assigned to a store). */
  storeId?: string,
): Promise<{ ok: true; summary: DailySummary } | ReportRefusal> {
  const from = calendarDate(range.from);
  const to = calendarDate(range.to);
  if (from === undefined || to === undefined || from > to || (to - from) / DAY_MS >= MAX_SUMMARY_DAYS) {
    return INVALID_QUERY;
  }
  const { timeZone } = ctx.settings;
  const dates = Array.from({ length: (to - from) / DAY_MS + 1 }, (_, i) => {
    const date = from + i * DAY_MS;
    return { date: new Date(date).toISOString().slice(0, 10), start: BigInt(startOfDate(date, timeZone)) };
  });
  const end = BigInt(startOfDate(to + DAY_MS, timeZone));
  const params: SqlValue[] = [merchantId, ...dates.map((day) => day.start), end];
  const atStore = storeFilter(params, storeId);
  const payments = await ctx.db.all<PaymentDayRow>(
    `${periodsTable(dates.length)}
     SELECT d.day_start AS day_start, count(*) AS payments, sum(p.amount) AS gross,
       sum(p.fee) AS fees
     FROM days AS d JOIN merchant_payments AS p
       ON p.merchant_id = $1 AND p.created_at >= d.day_start AND p.created_at < d.day_end
     WHERE p.status IN ('completed', 'reversed')${atStore('p.till_id')}
     GROUP BY d.day_start`,
    params,
  );
  const refunds = await ctx.db.all<RefundDayRow>(
    `${periodsTable(dates.length)}
     SELECT d.day_start AS day_start, sum(r.amount) AS refunds, sum(r.fee_refund) AS fee_refunds
     FROM days AS d JOIN merchant_refunds AS r
       ON r.merchant_id = $1 AND r.created_at >= d.day_start AND r.created_at < d.day_end
     WHERE r.status = 'completed' AND r.kind IN ('refund', 'reversal')${atStore(refundTill('r'))}
     GROUP BY d.day_start`,
    params,
  );
  const tallies = new Map<bigint, Tally>();
  const tallyOf = (dayStart: bigint) => {
    const tally = tallies.get(dayStart) ?? { payments: 0, gross: 0n, fees: 0n, refunds: 0n };
    tallies.set(dayStart, tally);
    return tally;
  };
  for (const row of payments) {
    const tally = tallyOf(BigInt(row.day_start));
    tally.payments = Number(row.payments);
    tally.gross = BigInt(row.gross ?? 0n);
    tally.fees = BigInt(row.fees ?? 0n);
  }
  for (const row of refunds) {
    const tally = tallyOf(BigInt(row.day_start));
    tally.refunds = BigInt(row.refunds ?? 0n);
    tally.fees -= BigInt(row.fee_refunds ?? 0n);
  }

  const money = (value: bigint) => formatAmount({ value, currency: ctx.settings.currency });
  const totalsOf = (t: Tally): DayTotals => ({
    payments: t.payments,
    gross: money(t.gross),
    fees: money(t.fees),
    refunds: money(t.refunds),
    net: money(t.gross - t.fees - t.refunds),
  });
  const sum: Tally = { payments: 0, gross: 0n, fees: 0n, refunds: 0n };
  const days: DailySummary['days'] = [];
  for (const { date, start } of dates) {
    const tally = tallies.get(start);
    if (!tally) continue;
    sum.payments += tally.payments;
    sum.gross += tally.gross;
    sum.fees += tally.fees;
    sum.refunds += tally.refunds;
    days.push({ date, ...totalsOf(tally) });
  }
  return { ok: true, summary: { currency: ctx.settings.currency, days, totals: totalsOf(sum) } };
}
