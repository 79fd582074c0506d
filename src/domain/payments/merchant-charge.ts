// Charging a customer for a merchant: idempotent, step-up authenticated, within limits, an order paid at most once.
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { lockCustomer } from '../customers/customer-queries.js';
import { newId, newTransferBase } from '../ids.js';
import type { Merchant } from '../merchants/merchant.js';
import { merchantFee } from '../risk/merchant-fees.js';
import type { MerchantChannel, MerchantPayment } from './merchant-payment.js';
import { findMerchantPaymentByKey, insertMerchantPayment } from './merchant-payment-queries.js';
import {
  type MerchantSettleError,
  settleMerchantPayment,
  settlePendingMerchantPayment,
} from './merchant-settle.js';
import {
  admitPayer,
  authoriseUnderLock,
  consumeStepUpToken,
  type LockRefusal,
  type PayerCheck,
  Refused,
} from './payer-checks.js';
import { newLease } from './settlement-lease.js';

/** A charge: who pays and how they authenticate (see payer-checks), and what for. */
export interface ChargeRequest extends Omit<PayerCheck, 'pinAtLeast'> {
  merchant: Merchant;
  channel: MerchantChannel;
  orderId: string | null;
  tillId: string | null;
  reference: string;
  description: string;
  idempotency: { scope: string; key: string; hash: string };
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
  | { ok: true; payment: MerchantPayment; merchant: Merchant }
  | { ok: false; error: ChargeError; detail?: string; payment?: MerchantPayment }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

type Refusal = Extract<ChargeResult, { ok: false }>;

/** A pending payment of another attempt is waited for this long before answering "in progress". */
const WAIT_FOR_OTHER_ATTEMPT_MS = 5000;

function outcome(payment: MerchantPayment, merchant: Merchant): ChargeResult {
  if (payment.status !== 'failed') return { ok: true, payment, merchant };
  return { ok: false, error: (payment.failureCode ?? 'service_unavailable') as MerchantSettleError, payment };
}

async function replay(
  ctx: DomainContext,
  existing: MerchantPayment,
  request: ChargeRequest,
): Promise<ChargeResult> {
  if (existing.requestHash !== request.idempotency.hash) return { ok: false, error: 'idempotency_conflict' };
  let payment = existing;
  const deadline = ctx.clock() + WAIT_FOR_OTHER_ATTEMPT_MS;
  const reread = async () =>
    (await findMerchantPaymentByKey(ctx.db, existing.idempotencyScope, existing.idempotencyKey)) ?? payment;
  while (payment.status === 'pending' && ctx.clock() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    payment = await reread();
  }
  if (payment.status !== 'pending') return outcome(payment, request.merchant);
  // Its first attempt died or the ledger was busy: settling is idempotent (same transfer ids).
  const settled = await settlePendingMerchantPayment(ctx, payment);
  if (settled === 'busy') return { ok: false, error: 'idempotency_in_progress' };
  if (!settled) return { ok: false, error: 'service_unavailable' };
  return outcome(await reread(), request.merchant);
}

/** Who may pay now (a PIN sent checked); a refusal when the customer cannot pay at all. */
async function admit(
  ctx: DomainContext,
  request: ChargeRequest,
): Promise<{ ok: true; customer: Customer } | Refusal> {
  if (request.merchant.status !== 'active') return { ok: false, error: 'merchant_unavailable' };
  return admitPayer(ctx, request);
}

/** A payment code pays only what needs nothing more: what would need the PIN asks the customer to confirm. */
function codeOnlyRefusal(request: ChargeRequest, refusal: LockRefusal): Refusal {
  const needsMore = refusal.error === 'pin_required' || refusal.error === 'otp_required';
  return request.codeOnly && needsMore ? { ok: false, error: 'confirmation_required' } : refusal;
}

export async function chargeCustomer(ctx: DomainContext, request: ChargeRequest): Promise<ChargeResult> {
  const { scope, key } = request.idempotency;
  const existing = await findMerchantPaymentByKey(ctx.db, scope, key);
  if (existing) return replay(ctx, existing, request);
  const admitted = await admit(ctx, request);
  if (!admitted.ok) return admitted;
  const recorded = await record(ctx, request, admitted.customer);
  if (!recorded.ok) return recorded;
  const settled = await settleMerchantPayment(
    ctx,
    recorded.payment,
    { customer: recorded.customer, merchant: request.merchant },
    recorded.lease,
  );
  if (!settled) return { ok: false, error: 'service_unavailable' };
  return outcome(
    { ...recorded.payment, status: settled.status, failureCode: settled.failure, completedAt: settled.at },
    request.merchant,
  );
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

/**
 * Records the payment as pending under the customer's row lock, after the checks that must not race (limits and
 * the authentication the step-up policy asks for, see authoriseUnderLock).
 */
async function record(
  ctx: DomainContext,
  request: ChargeRequest,
  customer: Customer,
): Promise<{ ok: true; payment: MerchantPayment; lease: bigint; customer: Customer } | Refusal> {
  const now = ctx.clock();
  const unauthenticated: Omit<MerchantPayment, 'authentication'> = {
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
    status: 'pending',
    failureCode: null,
    createdAt: now,
    completedAt: null,
  };
  const result = await ctx.db
    .transaction(
      async (tx) => {
        const checked = await authoriseUnderLock(ctx, tx, await lockCustomer(ctx, tx, customer.id), {
          ...request,
          recipientPhone: null,
          now,
        });
        if (!checked.ok) return codeOnlyRefusal(request, checked);
        const { authentication } = checked;
        const payment: MerchantPayment = { ...unauthenticated, authentication };
        if (request.orderId !== null) {
          const claimed = await tx.run(
            `UPDATE merchant_orders SET status = 'paid', payment_id = $1, closed_at = $2
           WHERE id = $3 AND status = 'open' AND expires_at > $2`,
            [payment.id, BigInt(now), request.orderId],
          );
          if (claimed === 0) return { ok: false, error: 'order' } as const;
        }
        const lease = newLease(now);
        if (!(await insertMerchantPayment(tx, payment, lease))) throw new Refused('idempotency_in_progress');
        // Used up last, once nothing else can refuse: a refused payment leaves the SMS code usable.
        const token = request.verificationToken;
        if (!(await consumeStepUpToken(ctx, tx, authentication, checked.customer, token))) {
          throw new Refused('verification_invalid');
        }
        // This attempt settles it: nobody else submits its transfers while the lease lasts.
        return { ok: true, lease, payment, customer: checked.customer } as const;
        // Durable with the ledger commit that follows: nothing is acknowledged before it.
      },
      { durable: false },
    )
    .catch((error: unknown) => {
      if (error instanceof Refused) return { ok: false, error: error.code } as const;
      throw error;
    });
  if (result.ok) return result;
  if (result.error === 'order')
    return request.orderId === null
      ? { ok: false, error: 'order_closed' }
      : orderRefusal(ctx, request.orderId);
  return result;
}
