// The customer-presented payment code: a one-time 18-digit number (and its QR) a till scans, valid 60 seconds.
import { createHash, randomInt } from 'node:crypto';
import { parsePositiveAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import type { SessionPrincipal } from '../customers/sessions.js';
import { newId } from '../ids.js';
import { keyedHash } from '../keys.js';
import type { Merchant } from '../merchants/merchant.js';
import type { MerchantOrder } from '../merchants/merchant-order.js';
import { insertOrder, REFERENCE_PATTERN } from '../merchants/merchant-orders.js';
import { findTill } from '../merchants/merchant-queries.js';
import { type ChargeResult, chargeCustomer } from './merchant-charge.js';
import { findMerchantPaymentByKey } from './merchant-payment-queries.js';

/** Codes start with 28 (so tills can tell them from bank cards) and carry 16 random digits. */
const CODE_PATTERN = /^28\d{16}$/;

export interface PaymentCode {
  code: string;
  expiresAt: number;
}

/** A fresh code for the customer's device; earlier unused codes of that device stop working. */
export async function issuePaymentCode(
  ctx: DomainContext,
  principal: SessionPrincipal,
): Promise<PaymentCode> {
  const digits = Array.from({ length: 16 }, () => randomInt(10)).join('');
  const code = `28${digits}`;
  const now = ctx.clock();
  const expiresAt = now + ctx.settings.merchants.paymentCodeTtlMs;
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      'UPDATE payment_codes SET used_at = $1 WHERE customer_id = $2 AND device_id = $3 AND used_at IS NULL',
      [BigInt(now), principal.customerId, principal.deviceId],
    );
    await tx.run(
      `INSERT INTO payment_codes (code_hash, customer_id, device_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        keyedHash(ctx.keys.otp, code),
        principal.customerId,
        principal.deviceId,
        BigInt(now),
        BigInt(expiresAt),
      ],
    );
  });
  return { code, expiresAt };
}

/** The customer a live (unused, unexpired) code belongs to, without using it up. */
export async function paymentCodeOwner(ctx: DomainContext, paymentCode: string): Promise<string | undefined> {
  if (!CODE_PATTERN.test(paymentCode)) return undefined;
  const row = await ctx.db.get<{ customer_id: string }>(
    'SELECT customer_id FROM payment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2',
    [keyedHash(ctx.keys.otp, paymentCode), BigInt(ctx.clock())],
  );
  return row?.customer_id;
}

export interface CodeCharge {
  paymentCode: string;
  amount: string;
  reference: string;
  description: string;
  tillId?: string | undefined;
  idempotencyKey: string;
}

export type CodeChargeResult =
  | ChargeResult
  | {
      ok: false;
      error: 'payment_code_invalid' | 'invalid_amount' | 'invalid_order' | 'till_not_found';
      detail?: string;
    }
  /** Above the password-free limit: the customer must confirm this order in the app with the PIN. */
  | { ok: false; error: 'confirmation_required'; order: MerchantOrder };

/** A till charges a payment code: at once within the password-free limit, otherwise after the customer confirms. */
export async function chargePaymentCode(
  ctx: DomainContext,
  merchant: Merchant,
  request: CodeCharge,
): Promise<CodeChargeResult> {
  const scope = `merchant:${merchant.id}`;
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        'code',
        request.paymentCode,
        request.amount,
        request.reference,
        request.tillId ?? null,
      ]),
    )
    .digest('base64url');
  const idempotency = { scope, key: request.idempotencyKey, hash };
  const existing = await findMerchantPaymentByKey(ctx.db, scope, request.idempotencyKey);
  const amount = parsePositiveAmount(request.amount, ctx.settings.currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount', detail: amount.error };
  if (!REFERENCE_PATTERN.test(request.reference) || !/^[^\p{C}]{0,200}$/u.test(request.description)) {
    return { ok: false, error: 'invalid_order', detail: 'reference: 1–64 letters, digits or _ . : -' };
  }
  if (request.tillId !== undefined && !(await findTill(ctx.db, merchant.id, request.tillId))) {
    return { ok: false, error: 'till_not_found' };
  }
  const base = {
    merchant,
    channel: 'payment_code' as const,
    amount: amount.amount.value,
    orderId: null,
    tillId: request.tillId ?? null,
    reference: request.reference,
    description: request.description,
    idempotency,
    codeOnly: true,
  };
  if (existing) return chargeCustomer(ctx, { ...base, customerId: existing.customerId, device: undefined });
  if (!CODE_PATTERN.test(request.paymentCode)) return { ok: false, error: 'payment_code_invalid' };
  const now = ctx.clock();
  const codeHash = keyedHash(ctx.keys.otp, request.paymentCode);
  // Used up by the first till that presents it, whatever happens next.
  const owner = await ctx.db.transaction(async (tx) => {
    const row = await tx.get<{ customer_id: string; device_id: string }>(
      `SELECT customer_id, device_id FROM payment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2${ctx.db.forUpdate}`,
      [codeHash, BigInt(now)],
    );
    if (!row) return undefined;
    await tx.run('UPDATE payment_codes SET used_at = $1 WHERE code_hash = $2', [BigInt(now), codeHash]);
    return row;
  });
  if (!owner) return { ok: false, error: 'payment_code_invalid' };
  const device = await ctx.db.get<{
    bound_at: bigint;
    bound_by: 'registration' | 'sms_code';
    revoked_at: bigint | null;
  }>('SELECT bound_at, bound_by, revoked_at FROM devices WHERE id = $1', [owner.device_id]);
  if (!device || device.revoked_at !== null) return { ok: false, error: 'payment_code_invalid' };
  const charged = await chargeCustomer(ctx, {
    ...base,
    customerId: owner.customer_id,
    device: { deviceBoundAt: Number(device.bound_at), deviceBoundBy: device.bound_by },
  });
  if (charged.ok || charged.error !== 'confirmation_required') return charged;
  return askToConfirm(ctx, merchant, owner.customer_id, base);
}

/** Turns a charge that needs the PIN into an order the customer confirms in the app (like a payment request). */
async function askToConfirm(
  ctx: DomainContext,
  merchant: Merchant,
  customerId: string,
  charge: { amount: bigint; reference: string; description: string; tillId: string | null },
): Promise<CodeChargeResult> {
  const now = ctx.clock();
  const order: MerchantOrder = {
    id: newId('ord'),
    merchantId: merchant.id,
    kind: 'payment_code',
    reference: charge.reference,
    amount: charge.amount,
    currency: ctx.settings.currency,
    description: charge.description || merchant.name,
    tillId: charge.tillId,
    customerId,
    returnUrl: null,
    notifyUrl: null,
    status: 'open',
    paymentId: null,
    createdAt: now,
    expiresAt: now + ctx.settings.merchants.orderTtlMs,
  };
  if (!(await insertOrder(ctx.db, order)))
    return { ok: false, error: 'invalid_order', detail: 'reference: already used' };
  return { ok: false, error: 'confirmation_required', order };
}
