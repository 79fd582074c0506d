// Paying a merchant by scanning its QR code: static (till sticker, the customer enters the amount) or dynamic (one order).
import { createHash } from 'node:crypto';
import { currencyOf, formatAmount, parsePositiveAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { effectiveStatus, type MerchantOrder } from '../merchants/merchant-order.js';
import { findOrder } from '../merchants/merchant-orders.js';
import { findMerchantAndTill, type Till } from '../merchants/merchant-queries.js';
import {
  decodeMerchantQr,
  encodeMerchantQr,
  type MerchantQrError,
  type MerchantQrFields,
} from '../merchants/qr/merchant-qr.js';
import { type ChargeResult, chargeCustomer } from './merchant-charge.js';
import type { Payer } from './payer.js';

const clip = (text: string, max: number) => Array.from(text).slice(0, max).join('');

function baseFields(ctx: DomainContext, merchant: Merchant): MerchantQrFields {
  const currency = currencyOf(ctx.settings.currency);
  if (!currency.ok) throw new Error(`unknown currency ${ctx.settings.currency}`);
  return {
    merchantId: merchant.id,
    mcc: merchant.mcc,
    currencyNumeric: currency.currency.numeric,
    countryCode: merchant.country,
    merchantName: clip(merchant.name, 25),
    merchantCity: clip(merchant.city, 15),
  };
}

/** The payload printed on a till's sticker: any amount, entered by the customer. */
export function staticQrPayload(ctx: DomainContext, merchant: Merchant, till: Till): string {
  return encodeMerchantQr({ ...baseFields(ctx, merchant), tillId: till.id });
}

/** The payload of one order: its amount and id; payable once, until it expires. */
export function dynamicQrPayload(ctx: DomainContext, merchant: Merchant, order: MerchantOrder): string {
  return encodeMerchantQr({
    ...baseFields(ctx, merchant),
    ...(order.tillId === null ? {} : { tillId: order.tillId }),
    orderId: order.id,
    amount: formatAmount({ value: order.amount, currency: order.currency }),
  });
}

export type ScanError =
  | MerchantQrError
  | 'qr_tampered'
  | 'merchant_unavailable'
  | 'order_paid'
  | 'order_expired'
  | 'order_closed';

export interface ScannedQr {
  merchant: Merchant;
  till: Till | null;
  order: MerchantOrder | null;
}

export type ScanResult = { ok: true; scanned: ScannedQr } | { ok: false; error: ScanError; detail?: string };

/**
 * Decodes a scanned payload and checks it against what mwallet stored: the CRC only catches misreads, so every
 * field that decides the payment (merchant, till, order, amount, currency) must match our records exactly.
 */
export async function readMerchantQr(ctx: DomainContext, payload: string): Promise<ScanResult> {
  const decoded = decodeMerchantQr(payload);
  if (!decoded.ok) return decoded;
  const { qr } = decoded;
  const found = await findMerchantAndTill(ctx.db, qr.merchantId, qr.tillId);
  if (!found) return { ok: false, error: 'qr_tampered', detail: 'unknown merchant' };
  const { merchant } = found;
  if (merchant.status !== 'active') return { ok: false, error: 'merchant_unavailable' };
  const till = found.till ?? null;
  if (qr.tillId !== null && till === null) return { ok: false, error: 'qr_tampered', detail: 'unknown till' };
  const order = qr.orderId === null ? null : ((await findOrder(ctx.db, qr.orderId)) ?? null);
  if (
    qr.orderId !== null &&
    (order === null || order.kind !== 'dynamic_qr' || order.merchantId !== merchant.id)
  ) {
    return { ok: false, error: 'qr_tampered', detail: 'unknown order' };
  }
  const expected = order
    ? dynamicQrPayload(ctx, merchant, order)
    : till
      ? staticQrPayload(ctx, merchant, till)
      : null;
  const stored = expected === null ? undefined : decodeMerchantQr(expected);
  if (!stored?.ok) return { ok: false, error: 'qr_tampered', detail: 'no till or order' };
  const decisive = [
    'merchantId',
    'tillId',
    'orderId',
    'amount',
    'currencyNumeric',
    'mcc',
    'initiation',
  ] as const;
  const changed = decisive.find((field) => stored.qr[field] !== qr[field]);
  if (changed) return { ok: false, error: 'qr_tampered', detail: `${changed} does not match` };
  if (order) {
    const status = effectiveStatus(order, ctx.clock());
    if (status === 'paid') return { ok: false, error: 'order_paid' };
    if (status === 'expired') return { ok: false, error: 'order_expired' };
    if (status !== 'open') return { ok: false, error: 'order_closed' };
  }
  return { ok: true, scanned: { merchant, till, order } };
}

export interface QrPaymentRequest {
  payload: string;
  /** Required for a static QR, refused for a dynamic one (its amount is fixed). */
  amount?: string | undefined;
  note?: string | undefined;
  pin?: string | undefined;
  verificationToken?: string | undefined;
  idempotencyKey: string;
}

export type QrPaymentResult =
  | ChargeResult
  | {
      ok: false;
      error: ScanError | 'amount_required' | 'amount_not_allowed' | 'invalid_amount';
      detail?: string;
    };

/** Pays the merchant of a scanned QR from the customer's wallet. */
export async function payByQr(
  ctx: DomainContext,
  payer: Payer,
  request: QrPaymentRequest,
): Promise<QrPaymentResult> {
  const read = await readMerchantQr(ctx, request.payload);
  if (!read.ok) return read;
  const { merchant, till, order } = read.scanned;
  let amount: bigint;
  if (order) {
    if (request.amount !== undefined) return { ok: false, error: 'amount_not_allowed' };
    amount = order.amount;
  } else {
    if (request.amount === undefined) return { ok: false, error: 'amount_required' };
    const parsed = parsePositiveAmount(request.amount, ctx.settings.currency);
    if (!parsed.ok) return { ok: false, error: 'invalid_amount', detail: parsed.error };
    amount = parsed.amount.value;
  }
  const hash = createHash('sha256')
    .update(JSON.stringify(['qr', request.payload, request.amount ?? null, request.note ?? null]))
    .digest('base64url');
  return chargeCustomer(ctx, {
    merchant,
    customerId: payer.customerId,
    device: payer.device,
    channel: order ? 'dynamic_qr' : 'static_qr',
    amount,
    orderId: order?.id ?? null,
    tillId: till?.id ?? null,
    reference: order?.reference ?? '',
    description: order?.description ?? request.note ?? '',
    idempotency: { scope: `customer:${payer.customerId}`, key: request.idempotencyKey, hash },
    pin: request.pin,
    verificationToken: request.verificationToken,
  });
}
