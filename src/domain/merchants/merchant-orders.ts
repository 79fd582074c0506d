// Creating, reading and expiring merchant orders; an order reference is used once per merchant.

import { formatAmountForDisplay, parsePositiveAmount } from '../../money/index.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { localClock } from '../calendar.js';
import type { DomainContext } from '../context.js';
import { findCustomerByPhone } from '../customers/customer-queries.js';
import { normalizePhone } from '../customers/phone.js';
import { checkWebhookUrl } from '../events/webhook-url.js';
import { newId } from '../ids.js';
import { notifyCustomer } from '../notifications/notify.js';
import { type MerchantEventType, queueMerchantEvent } from '../payments/merchant-notices.js';
import type { Merchant } from './merchant.js';
import {
  type MerchantOrder,
  ORDER_COLUMNS,
  type OrderKind,
  type OrderRow,
  orderFromRow,
} from './merchant-order.js';
import { findMerchant, findTill } from './merchant-queries.js';

export interface NewOrder {
  kind: Exclude<OrderKind, 'payment_code'>;
  reference: string;
  amount: string;
  description: string;
  tillId?: string | undefined;
  /** Payment requests: the phone number asked to pay. */
  phone?: string | undefined;
  returnUrl?: string | undefined;
  notifyUrl?: string | undefined;
  expiresInSeconds?: number | undefined;
}

export type OrderError =
  | 'invalid_order'
  | 'invalid_amount'
  | 'till_not_found'
  | 'customer_not_found'
  | 'order_reference_taken'
  | 'merchant_unavailable'
  | 'webhook_url_invalid'
  | 'webhook_url_private';

export type OrderResult =
  | { ok: true; order: MerchantOrder; created: boolean }
  | { ok: false; error: OrderError; detail?: string };

export const REFERENCE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
const DESCRIPTION = /^[^\p{C}]{1,200}$/u;

function validUrl(text: string | undefined): boolean {
  if (text === undefined) return true;
  if (text.length > 2048) return false;
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}

/** Creates an order; the same reference with the same fields returns the existing order (a safe retry). */
export async function createOrder(
  ctx: DomainContext,
  merchant: Merchant,
  request: NewOrder,
): Promise<OrderResult> {
  if (merchant.status !== 'active') return { ok: false, error: 'merchant_unavailable' };
  if (!REFERENCE_PATTERN.test(request.reference)) {
    return { ok: false, error: 'invalid_order', detail: 'reference: 1–64 letters, digits or _ . : -' };
  }
  if (!DESCRIPTION.test(request.description)) {
    return { ok: false, error: 'invalid_order', detail: 'description: 1–200 characters' };
  }
  const amount = parsePositiveAmount(request.amount, ctx.settings.currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount', detail: amount.error };
  const { orderTtlMs, maxOrderTtlMs, allowPrivateWebhooks } = ctx.settings.merchants;
  const ttlMs = request.expiresInSeconds === undefined ? orderTtlMs : request.expiresInSeconds * 1000;
  if (!Number.isInteger(ttlMs) || ttlMs < 30_000 || ttlMs > maxOrderTtlMs) {
    return { ok: false, error: 'invalid_order', detail: `expiresInSeconds: 30 to ${maxOrderTtlMs / 1000}` };
  }
  if (!validUrl(request.returnUrl))
    return { ok: false, error: 'invalid_order', detail: 'returnUrl: an http(s) URL' };
  if (request.kind === 'checkout' && merchant.webhookUrl === null) {
    return {
      ok: false,
      error: 'invalid_order',
      detail: 'checkout: set a webhook endpoint first (its secret signs the customer’s return to returnUrl)',
    };
  }
  if (request.notifyUrl !== undefined) {
    if (merchant.webhookUrl === null) {
      return {
        ok: false,
        error: 'invalid_order',
        detail: 'notifyUrl: set a webhook endpoint first (it issues the signing secret)',
      };
    }
    const checked = await checkWebhookUrl(request.notifyUrl, { allowPrivate: allowPrivateWebhooks });
    if (!checked.ok) return checked;
  }
  if (request.tillId !== undefined && !(await findTill(ctx.db, merchant.id, request.tillId))) {
    return { ok: false, error: 'till_not_found' };
  }
  let customer: { id: string; phone: string; locale: 'zh-CN' | 'en' } | undefined;
  if (request.kind === 'payment_request') {
    const phone = normalizePhone(request.phone, ctx.settings.defaultRegion);
    if (!phone.ok) return { ok: false, error: 'invalid_order', detail: 'phone: a mobile number' };
    customer = await findCustomerByPhone(ctx.db, phone.e164);
    if (!customer) return { ok: false, error: 'customer_not_found' };
  }
  const now = ctx.clock();
  const order: MerchantOrder = {
    id: newId('ord'),
    merchantId: merchant.id,
    kind: request.kind,
    reference: request.reference,
    amount: amount.amount.value,
    currency: ctx.settings.currency,
    description: request.description,
    tillId: request.tillId ?? null,
    customerId: customer?.id ?? null,
    returnUrl: request.returnUrl ?? null,
    notifyUrl: request.notifyUrl ?? null,
    status: 'open',
    paymentId: null,
    createdAt: now,
    expiresAt: now + ttlMs,
  };
  const inserted = await ctx.db.transaction(async (tx) => {
    if (!(await insertOrder(tx, order))) return false;
    if (customer) {
      await notifyCustomer(
        tx,
        customer,
        `${order.id}:request`,
        {
          kind: 'payment_request',
          merchant: merchant.name,
          amount: formatAmountForDisplay({ value: order.amount, currency: order.currency }, customer.locale),
          description: order.description,
          expiresAt: localClock(order.expiresAt, ctx.settings.timeZone).time,
        },
        now,
      );
    }
    return true;
  });
  if (inserted) return { ok: true, order, created: true };
  const existing = await findOrderByReference(ctx.db, merchant.id, request.reference);
  if (existing && sameOrder(existing, order)) return { ok: true, order: existing, created: false };
  return { ok: false, error: 'order_reference_taken' };
}

function sameOrder(a: MerchantOrder, b: MerchantOrder): boolean {
  return (
    a.kind === b.kind &&
    a.amount === b.amount &&
    a.description === b.description &&
    a.tillId === b.tillId &&
    a.customerId === b.customerId &&
    a.returnUrl === b.returnUrl &&
    a.notifyUrl === b.notifyUrl
  );
}

/** Inserts an order; false when the merchant already used its reference. */
export async function insertOrder(tx: SqlExecutor, order: MerchantOrder): Promise<boolean> {
  const inserted = await tx.run(
    `INSERT INTO merchant_orders (${ORDER_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (merchant_id, reference) DO NOTHING`,
    [
      order.id,
      order.merchantId,
      order.kind,
      order.reference,
      order.amount,
      order.currency,
      order.description,
      order.tillId,
      order.customerId,
      order.returnUrl,
      order.notifyUrl,
      order.status,
      order.paymentId,
      BigInt(order.createdAt),
      BigInt(order.expiresAt),
    ],
  );
  return inserted === 1;
}

export async function findOrder(db: SqlExecutor, id: string): Promise<MerchantOrder | undefined> {
  const row = await db.get<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM merchant_orders WHERE id = $1`, [id]);
  return row && orderFromRow(row);
}

export async function findOrderByReference(
  db: SqlExecutor,
  merchantId: string,
  reference: string,
): Promise<MerchantOrder | undefined> {
  const row = await db.get<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM merchant_orders WHERE merchant_id = $1 AND reference = $2`,
    [merchantId, reference],
  );
  return row && orderFromRow(row);
}

/** Open payment requests (and payment codes awaiting confirmation) addressed to a customer. */
export async function openRequestsFor(
  db: SqlExecutor,
  customerId: string,
  now: number,
): Promise<MerchantOrder[]> {
  const rows = await db.all<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM merchant_orders
     WHERE customer_id = $1 AND status = 'open' AND expires_at > $2 ORDER BY created_at DESC LIMIT 50`,
    [customerId, BigInt(now)],
  );
  return rows.map(orderFromRow);
}

const EXPIRY_EVENTS: Record<OrderKind, MerchantEventType> = {
  dynamic_qr: 'dynamic_qr.expired',
  payment_request: 'payment_request.expired',
  payment_code: 'payment_request.expired',
  checkout: 'checkout.expired',
};

/**
 * Closes an open order as expired, declined or cancelled and tells the merchant; false if it was not open
 * (paid meanwhile, or closed already).
 */
export async function closeOrder(
  ctx: DomainContext,
  merchant: Merchant,
  order: MerchantOrder,
  status: 'expired' | 'declined' | 'cancelled',
  reason = '',
): Promise<boolean> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const changed = await tx.run(
      `UPDATE merchant_orders SET status = $1, closed_at = $2 WHERE id = $3 AND status = 'open'`,
      [status, BigInt(now), order.id],
    );
    if (changed === 0) return false;
    if (status !== 'cancelled') {
      await queueMerchantEvent(
        tx,
        merchant,
        {
          id: order.id,
          type: status === 'declined' ? 'payment_request.declined' : EXPIRY_EVENTS[order.kind],
          notifyUrl: order.notifyUrl,
          data: { order: { id: order.id, kind: order.kind, reference: order.reference, status }, reason },
        },
        now,
      );
    }
    return true;
  });
}

/** The expiry job: every open order past its expiry becomes expired, and its merchant is told. */
export async function expireOrders(ctx: DomainContext): Promise<number> {
  const rows = await ctx.db.all<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM merchant_orders WHERE status = 'open' AND expires_at <= $1
     ORDER BY expires_at LIMIT 1000`,
    [BigInt(ctx.clock())],
  );
  let expired = 0;
  for (const order of rows.map(orderFromRow)) {
    const merchant = await findMerchant(ctx.db, order.merchantId);
    if (merchant && (await closeOrder(ctx, merchant, order, 'expired'))) expired++;
  }
  return expired;
}
