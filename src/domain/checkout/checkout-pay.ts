// Paying a hosted checkout from a browser: an SMS code to the phone, then the PIN; never revealing who has a wallet.
import { createHash } from 'node:crypto';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomerByPhone } from '../customers/customer-queries.js';
import { requestCode, type VerifyCodeResult, verifyCode } from '../customers/otp.js';
import { normalizePhone } from '../customers/phone.js';
import { newId } from '../ids.js';
import type { OrderStatus } from '../merchants/merchant-order.js';
import { type ChargeError, type ChargeResult, chargeCustomer } from '../payments/merchant-charge.js';
import type { MerchantPayment } from '../payments/merchant-payment.js';
import { findMerchantPaymentByKey } from '../payments/merchant-payment-queries.js';
import { type Checkout, paidReturnUrl } from './checkout-order.js';

/** The fields of the checkout form; `smsCode` and `challengeId` on the second step only. */
export interface CheckoutForm {
  phone: string;
  pin: string;
  /** A random id per rendered form: the same form submitted twice pays once and answers the same. */
  attempt: string;
  smsCode?: string | undefined;
  challengeId?: string | undefined;
}

/** Which form the customer sees next: phone and PIN, or the SMS code (and PIN again) for a challenge. */
export type CheckoutStep = { kind: 'pin' } | { kind: 'sms'; challengeId: string };

export type CheckoutError =
  | Exclude<ChargeError, 'pin_required' | 'otp_required'>
  /** A wrong PIN and a number without a wallet look the same. */
  | 'credentials_invalid'
  | 'invalid_phone'
  | 'not_mobile'
  | 'pin_format'
  | 'sms_code_format'
  | 'otp_rate_limited'
  | Extract<VerifyCodeResult, { ok: false }>['error']
  /** Not a failure: the code was sent and the SMS step comes next. */
  | 'sms_code_sent';

export type CheckoutOutcome =
  | { ok: true; payment: MerchantPayment; returnUrl: string | undefined }
  | { ok: false; error: CheckoutError; step: CheckoutStep; attemptsRemaining?: number; detail?: string };

const PIN_STEP: CheckoutStep = { kind: 'pin' };
const SIX_DIGITS = /^\d{6}$/;
const ORDER_ERRORS: Record<Exclude<OrderStatus, 'open'>, CheckoutError> = {
  paid: 'order_paid',
  expired: 'order_expired',
  declined: 'order_closed',
  cancelled: 'order_closed',
};

/** One submitted form of a known customer. */
interface Attempt {
  ctx: DomainContext;
  checkout: Checkout;
  customer: Customer;
  form: CheckoutForm;
}

const refused = (
  error: CheckoutError,
  step: CheckoutStep,
  extra: { attemptsRemaining?: number; detail?: string } = {},
): CheckoutOutcome => ({ ok: false, error, step, ...extra });

function idempotencyOf(checkout: Checkout, customerId: string, attempt: string) {
  const orderId = checkout.order.id;
  return {
    scope: `checkout:${orderId}`,
    key: `${customerId}:${attempt}`,
    hash: createHash('sha256').update(orderId).digest('base64url'),
  };
}

function charge(a: Attempt, verificationToken?: string): Promise<ChargeResult> {
  const { order, merchant } = a.checkout;
  return chargeCustomer(a.ctx, {
    merchant,
    customerId: a.customer.id,
    device: undefined, // a browser is not a bound device
    channel: 'checkout',
    amount: order.amount,
    orderId: order.id,
    tillId: null,
    reference: order.reference,
    description: order.description,
    idempotency: idempotencyOf(a.checkout, a.customer.id, a.form.attempt),
    pin: a.form.pin,
    verificationToken,
  });
}

async function finish(a: Attempt, result: ChargeResult): Promise<CheckoutOutcome> {
  if (result.ok) {
    const returnUrl = await paidReturnUrl(a.ctx, a.checkout.order, result.payment.id);
    return { ok: true, payment: result.payment, returnUrl };
  }
  // A wrong PIN says no more than an unknown number; a PIN is always sent and step 2 always has a token.
  if ('attemptsRemaining' in result || result.error === 'pin_required' || result.error === 'otp_required') {
    return refused('credentials_invalid', PIN_STEP);
  }
  return refused(result.error, PIN_STEP, result.detail === undefined ? {} : { detail: result.detail });
}

/**
 * Step 1: an SMS code to the number, before any PIN is checked — a public page must not let anyone try PINs
 * (or lock a stranger's wallet by trying). A number without a wallet gets the same answer and no SMS.
 */
async function sendCode(
  ctx: DomainContext,
  a: Attempt | undefined,
  clientAddress: string,
): Promise<CheckoutOutcome> {
  if (!a) return refused('sms_code_sent', { kind: 'sms', challengeId: newId('otp') });
  const code = await requestCode(ctx, {
    phone: a.customer.phone,
    purpose: 'payment',
    clientAddress,
    locale: a.customer.locale,
    deliver: true,
  });
  if (!code.ok) return refused('otp_rate_limited', PIN_STEP);
  return refused('sms_code_sent', { kind: 'sms', challengeId: code.challengeId });
}

/** Step 2: the SMS code first (proving the phone), then the charge, whose PIN check counts failures as usual. */
async function payWithCode(
  ctx: DomainContext,
  a: Attempt | undefined,
  challengeId: string,
  smsCode: string,
): Promise<CheckoutOutcome> {
  const step: CheckoutStep = { kind: 'sms', challengeId };
  if (!SIX_DIGITS.test(smsCode)) return refused('sms_code_format', step);
  if (!a) return refused('otp_incorrect', step);
  const verified = await verifyCode(ctx, challengeId, smsCode);
  if (!verified.ok) {
    return verified.error === 'otp_incorrect'
      ? refused('otp_incorrect', step, { attemptsRemaining: verified.attemptsRemaining })
      : refused(verified.error, PIN_STEP);
  }
  if (verified.purpose !== 'payment') return refused('verification_invalid', PIN_STEP);
  return finish(a, await charge(a, verified.token));
}

/** Pays the checkout with a submitted form; `clientAddress` counts SMS codes per address. */
export async function payCheckout(
  ctx: DomainContext,
  checkout: Checkout,
  form: CheckoutForm,
  clientAddress: string,
): Promise<CheckoutOutcome> {
  const step: CheckoutStep =
    form.challengeId === undefined ? PIN_STEP : { kind: 'sms', challengeId: form.challengeId };
  const phone = normalizePhone(form.phone, ctx.settings.defaultRegion);
  const customer = phone.ok ? await findCustomerByPhone(ctx.db, phone.e164) : undefined;
  const attempt = customer && { ctx, checkout, customer, form };
  if (attempt) {
    const { scope, key } = idempotencyOf(checkout, attempt.customer.id, form.attempt);
    // The same form sent again (a double click, a reload): the first submission's answer, nothing more.
    if (await findMerchantPaymentByKey(ctx.db, scope, key)) return finish(attempt, await charge(attempt));
  }
  if (checkout.status !== 'open') return refused(ORDER_ERRORS[checkout.status], PIN_STEP);
  if (!phone.ok) return refused(phone.error, step);
  if (!SIX_DIGITS.test(form.pin)) return refused('pin_format', step);
  if (form.challengeId === undefined) return sendCode(ctx, attempt, clientAddress);
  return payWithCode(ctx, attempt, form.challengeId, form.smsCode ?? '');
}
