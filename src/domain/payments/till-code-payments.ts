// Paying a merchant by its till's short code, as a feature phone (USSD, SMS) or the app's "pay by code" does.
import { createHash } from 'node:crypto';
import { parsePositiveAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import { findMerchant, findTillByCode } from '../merchants/merchant-queries.js';
import { type ChargeResult, chargeCustomer } from './merchant-charge.js';
import type { Payer } from './payer.js';

export interface TillCodePayment {
  code: string;
  amount: string;
  /** What the payment is for, shown to the merchant (e.g. the number airtime is bought for). */
  reference?: string | undefined;
  pin?: string | undefined;
  verificationToken?: string | undefined;
  idempotencyKey: string;
}

export type TillCodeResult =
  | ChargeResult
  | { ok: false; error: 'till_not_found' | 'invalid_amount'; detail?: string };

/** The merchant and till behind a code, for showing the customer whom they are about to pay. */
export async function lookUpTillCode(ctx: DomainContext, code: string) {
  if (!/^\d{8}$/.test(code)) return undefined;
  const till = await findTillByCode(ctx.db, code);
  const merchant = till && (await findMerchant(ctx.db, till.merchantId));
  return till && merchant ? { till, merchant } : undefined;
}

export async function payTillCode(
  ctx: DomainContext,
  payer: Payer,
  request: TillCodePayment,
): Promise<TillCodeResult> {
  const found = await lookUpTillCode(ctx, request.code);
  if (!found) return { ok: false, error: 'till_not_found' };
  const amount = parsePositiveAmount(request.amount, ctx.settings.currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount', detail: amount.error };
  return chargeCustomer(ctx, {
    merchant: found.merchant,
    customerId: payer.customerId,
    device: payer.device,
    smsConfirmed: payer.smsConfirmed,
    channel: 'till_code',
    amount: amount.amount.value,
    orderId: null,
    tillId: found.till.id,
    reference: request.reference ?? '',
    description: '',
    idempotency: {
      scope: `customer:${payer.customerId}`,
      key: request.idempotencyKey,
      hash: createHash('sha256')
        .update(JSON.stringify(['till', request.code, request.amount]))
        .digest('base64url'),
    },
    pin: request.pin,
    verificationToken: request.verificationToken,
  });
}
