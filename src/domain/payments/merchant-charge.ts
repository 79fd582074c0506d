// Charging a customer for a merchant: idempotent, step-up authenticated, within limits, an order paid at most once.
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer, lockCustomer } from '../customers/customer-queries.js';
import { consumeToken } from '../customers/otp.js';
import { checkPin } from '../customers/pin-check.js';
import { newId, newTransferBase } from '../ids.js';
import type { Merchant } from '../merchants/merchant.js';
import { merchantFee } from '../risk/merchant-fees.js';
import { type Authentication, needsPin, usesSmallPaymentAllowance } from '../risk/step-up.js';
import { checkLimits } from '../risk/tiers.js';
import type { MerchantChannel, MerchantPayment } from './merchant-payment.js';
import { findMerchantPaymentByKey, insertMerchantPayment } from './merchant-payment-queries.js';
import {
  type MerchantSettleError,
  settleMerchantPayment,
  settlePendingMerchantPayment,
} from './merchant-settle.js';
import type { PayingDevice } from './payer.js';
import { assessPayment } from './risk.js';
import { leaseNew } from './settlement-lease.js';
import { paymentUsage } from './usage.js';

export interface ChargeRequest {
  merchant: Merchant;
  customerId: string;
  /** The customer's bound device (app session or payment code); undefined on the hosted checkout page. */
  device: PayingDevice | undefined;
  channel: MerchantChannel;
  amount: bigint;
  orderId: string | null;
  tillId: string | null;
  reference: string;
  description: string;
  idempotency: { scope: string; key: string; hash: string };
  pin?: string | undefined;
  verificationToken?: string | undefined;
  /** A payment code shown by the customer: charged only when the step-up policy needs nothing more. */
  codeOnly?: boolean;
  /** Asked for by SMS and confirmed by a one-time code (small payments only). */
  smsConfirmed?: boolean | undefined;
  /** Authorised through the operator's API client (a pre-authorised code the customer had it issue). */
  partner?: boolean | undefined;
}

export type ChargeError =
  | 'idempotency_conflict'
  | 'idempotency_in_progress'
  | 'merchant_unavailable'
  | 'account_locked'
  | 'pin_locked'
  | 'pin_required'
  | 'otp_required'
  | 'confirmation_required'
  | 'verification_invalid'
  | 'sim_swap_quarantine'
  | 'sms_limit_exceeded'
  | 'limit_exceeded'
  | 'velocity_exceeded'
  | 'order_paid'
  | 'order_expired'
  | 'order_closed'
  | MerchantSettleError;

export type ChargeResult =
  | { ok: true; payment: MerchantPayment }
  | { ok: false; error: ChargeError; detail?: string; payment?: MerchantPayment }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

type Refusal = Extract<ChargeResult, { ok: false }>;

/** A pending payment of another attempt is waited for this long before answering "in progress". */
const WAIT_FOR_OTHER_ATTEMPT_MS = 5000;

function outcome(payment: MerchantPayment): ChargeResult {
  if (payment.status !== 'failed') return { ok: true, payment };
  return { ok: false, error: (payment.failureCode ?? 'service_unavailable') as MerchantSettleError, payment };
}

async function replay(ctx: DomainContext, existing: MerchantPayment, hash: string): Promise<ChargeResult> {
  if (existing.requestHash !== hash) return { ok: false, error: 'idempotency_conflict' };
  let payment = existing;
  const deadline = ctx.clock() + WAIT_FOR_OTHER_ATTEMPT_MS;
  const reread = async () =>
    (await findMerchantPaymentByKey(ctx.db, existing.idempotencyScope, existing.idempotencyKey)) ?? payment;
  while (payment.status === 'pending' && ctx.clock() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    payment = await reread();
  }
  if (payment.status !== 'pending') return outcome(payment);
  // Its first attempt died or the ledger was busy: settling is idempotent (same transfer ids).
  const settled = await settlePendingMerchantPayment(ctx, payment);
  if (settled === 'busy') return { ok: false, error: 'idempotency_in_progress' };
  if (!settled) return { ok: false, error: 'service_unavailable' };
  return outcome(await reread());
}

/** Who may pay now and how they must authenticate; a refusal when the customer cannot pay at all. */
async function authorise(
  ctx: DomainContext,
  request: ChargeRequest,
): Promise<{ ok: true; customer: Customer; authentication: Authentication } | Refusal> {
  if (request.merchant.status !== 'active') return { ok: false, error: 'merchant_unavailable' };
  const customer = await findCustomer(ctx.db, request.customerId);
  if (customer?.status !== 'active' || customer.lockedAt !== null) {
    return { ok: false, error: 'account_locked' };
  }
  if (customer.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
  const usage = await paymentUsage(ctx.db, customer.id, ctx.clock(), usageWindow(ctx, customer));
  const decision = await assessPayment(ctx, ctx.db, {
    device: request.device,
    smsConfirmed: request.smsConfirmed,
    partner: request.partner,
    customer,
    recipientPhone: null,
    total: request.amount,
    passwordFreeToday: usage.passwordFreeToday,
  });
  if (!decision.ok) return decision;
  const { authentication } = decision;
  if (request.codeOnly && authentication !== 'none') return { ok: false, error: 'confirmation_required' };
  if (!needsPin(authentication)) return { ok: true, customer, authentication };
  if (request.pin === undefined) return { ok: false, error: 'pin_required' };
  if (authentication === 'pin_and_otp' && request.verificationToken === undefined) {
    return { ok: false, error: 'otp_required' };
  }
  const pin = await checkPin(ctx, customer.id, request.pin);
  if (!pin.ok) return pin;
  return { ok: true, customer, authentication };
}

function usageWindow(ctx: DomainContext, customer: Customer) {
  return { timeZone: ctx.settings.timeZone, lifetime: ctx.settings.tiers[customer.tier].lifetime !== null };
}

export async function chargeCustomer(ctx: DomainContext, request: ChargeRequest): Promise<ChargeResult> {
  const { scope, key, hash } = request.idempotency;
  const existing = await findMerchantPaymentByKey(ctx.db, scope, key);
  if (existing) return replay(ctx, existing, hash);
  const authorised = await authorise(ctx, request);
  if (!authorised.ok) return authorised;
  const recorded = await record(ctx, request, authorised.customer, authorised.authentication);
  if (!recorded.ok) return recorded;
  const settled = await settleMerchantPayment(
    ctx,
    recorded.payment,
    { customer: authorised.customer, merchant: request.merchant },
    recorded.lease,
  );
  if (!settled) return { ok: false, error: 'service_unavailable' };
  return outcome({
    ...recorded.payment,
    status: settled.status,
    failureCode: settled.failure,
    completedAt: settled.at,
  });
}

/** Why an order could not be claimed. */
async function orderRefusal(ctx: DomainContext, orderId: string): Promise<Refusal> {
  const order = await ctx.db.get<{ status: string }>('SELECT status FROM merchant_orders WHERE id = $1', [
    orderId,
  ]);
  if (order?.status === 'paid') return { ok: false, error: 'order_paid' };
  if (order?.status === 'open' || order?.status === 'expired') return { ok: false, error: 'order_expired' };
  return { ok: false, error: 'order_closed' };
}

/** Records the payment as pending under the customer's row lock, after the checks that must not race. */
async function record(
  ctx: DomainContext,
  request: ChargeRequest,
  customer: Customer,
  authentication: Authentication,
): Promise<{ ok: true; payment: MerchantPayment; lease: bigint } | Refusal> {
  const now = ctx.clock();
  const payment: MerchantPayment = {
    id: newId('mpy'),
    merchantId: request.merchant.id,
    customerId: customer.id,
    orderId: request.orderId,
    channel: request.channel,
    tillId: request.tillId,
    reference: request.reference,
    description: request.description,
    idempotencyScope: request.idempotency.scope,
    idempotencyKey: request.idempotency.key,
    requestHash: request.idempotency.hash,
    amount: request.amount,
    fee: merchantFee(ctx.settings.merchants.fees, request.merchant.mcc, request.amount),
    refunded: 0n,
    currency: ctx.settings.currency,
    transferBase: newTransferBase(),
    authentication,
    status: 'pending',
    failureCode: null,
    createdAt: now,
    completedAt: null,
  };
  const result = await ctx.db
    .transaction(
      async (tx) => {
        const locked = await lockCustomer(ctx, tx, customer.id);
        if (locked?.status !== 'active' || locked.lockedAt !== null) {
          return { ok: false, error: 'account_locked' } as const;
        }
        if (locked.pinLockedAt !== null) return { ok: false, error: 'pin_locked' } as const;
        // Counted again under the row lock: parallel payments cannot all squeeze under a limit.
        const usage = await paymentUsage(tx, customer.id, now, usageWindow(ctx, locked));
        const limits = checkLimits(ctx.settings.tiers[locked.tier], usage.limits, request.amount);
        if (!limits.ok) return { ok: false, error: 'limit_exceeded', detail: limits.limit } as const;
        if (usage.lastHour >= ctx.settings.paymentsPerHour)
          return { ok: false, error: 'velocity_exceeded' } as const;
        if (
          usesSmallPaymentAllowance(authentication) &&
          usage.passwordFreeToday + request.amount > ctx.settings.stepUp.passwordFree.perDay
        ) {
          if (authentication === 'sms_confirmation')
            return { ok: false, error: 'sms_limit_exceeded' } as const;
          return { ok: false, error: request.codeOnly ? 'confirmation_required' : 'pin_required' } as const;
        }
        if (request.orderId !== null) {
          const claimed = await tx.run(
            `UPDATE merchant_orders SET status = 'paid', payment_id = $1, closed_at = $2
           WHERE id = $3 AND status = 'open' AND expires_at > $2`,
            [payment.id, BigInt(now), request.orderId],
          );
          if (claimed === 0) return { ok: false, error: 'order' } as const;
        }
        if (!(await insertMerchantPayment(tx, payment))) throw new Refused('idempotency_in_progress');
        // Used up last, once nothing else can refuse: a refused payment leaves the SMS code usable.
        if (authentication === 'pin_and_otp') {
          if ((await consumeToken(ctx, tx, request.verificationToken, 'payment')) !== locked.phone) {
            throw new Refused('verification_invalid');
          }
        }
        // This attempt settles it: nobody else submits its transfers while the lease lasts.
        return { ok: true, lease: await leaseNew(tx, 'merchant_payments', payment.id, now) } as const;
        // Durable with the ledger commit that follows: nothing is acknowledged before it.
      },
      { durable: false },
    )
    .catch((error: unknown) => {
      if (error instanceof Refused) return { ok: false, error: error.code } as const;
      throw error;
    });
  if (result.ok) return { ok: true, payment, lease: result.lease };
  if (result.error === 'order')
    return request.orderId === null
      ? { ok: false, error: 'order_closed' }
      : orderRefusal(ctx, request.orderId);
  return result;
}

/** Thrown inside the recording transaction to roll back what it wrote (the order claim) with a refusal. */
class Refused extends Error {
  constructor(readonly code: 'idempotency_in_progress' | 'verification_invalid') {
    super(code);
  }
}
