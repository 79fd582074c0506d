// What every payment the customer confirms must pass: step-up authentication first, then limits under the row lock.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer } from '../customers/customer-queries.js';
import { consumeToken } from '../customers/otp.js';
import { checkPin } from '../customers/pin-check.js';
import { type Authentication, needsPin, usesSmallPaymentAllowance } from '../risk/step-up.js';
import { checkLimits } from '../risk/tiers.js';
import type { PayingDevice } from './payer.js';
import { assessPayment } from './risk.js';
import { paymentUsage } from './usage.js';

export interface PayerCheck {
  customerId: string;
  /** The customer's bound device (app session or payment code); undefined on the hosted checkout page. */
  device: PayingDevice | undefined;
  amount: bigint;
  pin?: string | undefined;
  verificationToken?: string | undefined;
  /** A payment code shown by the customer: charged only when the step-up policy needs nothing more. */
  codeOnly?: boolean | undefined;
  /** Asked for by SMS and confirmed by a one-time code (small payments only). */
  smsConfirmed?: boolean | undefined;
  /** Authorised through the operator's API client (it authenticated the customer on its own channel). */
  partner?: boolean | undefined;
  /** Never password-free (cash handed over at a counter): the PIN at least. */
  pinAtLeast?: boolean | undefined;
}

export type PayerRefusal =
  | {
      ok: false;
      error:
        | 'account_locked'
        | 'pin_locked'
        | 'pin_required'
        | 'otp_required'
        | 'confirmation_required'
        | 'sim_swap_quarantine'
        | 'sms_limit_exceeded'
        | 'limit_exceeded'
        | 'velocity_exceeded';
      detail?: string;
    }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

export type Authorised = { ok: true; customer: Customer; authentication: Authentication };

export function usageWindow(ctx: DomainContext, customer: Customer) {
  return { timeZone: ctx.settings.timeZone, lifetime: ctx.settings.tiers[customer.tier].lifetime !== null };
}

/** Who may pay now and how they must authenticate (checked here: the PIN); a refusal when they cannot pay at all. */
export async function authorisePayer(
  ctx: DomainContext,
  check: PayerCheck,
): Promise<Authorised | PayerRefusal> {
  const customer = await findCustomer(ctx.db, check.customerId);
  if (customer?.status !== 'active' || customer.lockedAt !== null) {
    return { ok: false, error: 'account_locked' };
  }
  if (customer.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
  const usage = await paymentUsage(ctx.db, customer.id, ctx.clock(), usageWindow(ctx, customer));
  const decision = await assessPayment(ctx, ctx.db, {
    device: check.device,
    smsConfirmed: check.smsConfirmed,
    partner: check.partner,
    customer,
    recipientPhone: null,
    total: check.amount,
    passwordFreeToday: usage.passwordFreeToday,
  });
  if (!decision.ok) return decision;
  const authentication =
    check.pinAtLeast && usesSmallPaymentAllowance(decision.authentication) ? 'pin' : decision.authentication;
  if (check.codeOnly && authentication !== 'none') return { ok: false, error: 'confirmation_required' };
  if (!needsPin(authentication)) return { ok: true, customer, authentication };
  if (check.pin === undefined) return { ok: false, error: 'pin_required' };
  if (authentication === 'pin_and_otp' && check.verificationToken === undefined) {
    return { ok: false, error: 'otp_required' };
  }
  const pin = await checkPin(ctx, customer.id, check.pin);
  if (!pin.ok) return pin;
  return { ok: true, customer, authentication };
}

/**
 * Checked again inside the recording transaction, under the customer's row lock (parallel payments cannot all
 * squeeze under a limit): the wallet still open, the tier's limits, velocity and the small-payment allowance.
 * Answers the locked customer, or why not.
 */
export async function checkPayerUnderLock(
  ctx: DomainContext,
  tx: SqlExecutor,
  locked: Customer | undefined,
  check: Pick<PayerCheck, 'amount' | 'codeOnly'> & { authentication: Authentication; now: number },
): Promise<{ ok: true; customer: Customer } | Extract<PayerRefusal, { detail?: string }>> {
  if (locked?.status !== 'active' || locked.lockedAt !== null) return { ok: false, error: 'account_locked' };
  if (locked.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
  const usage = await paymentUsage(tx, locked.id, check.now, usageWindow(ctx, locked));
  const limits = checkLimits(ctx.settings.tiers[locked.tier], usage.limits, check.amount);
  if (!limits.ok) return { ok: false, error: 'limit_exceeded', detail: limits.limit };
  if (usage.lastHour >= ctx.settings.paymentsPerHour) return { ok: false, error: 'velocity_exceeded' };
  if (
    usesSmallPaymentAllowance(check.authentication) &&
    usage.passwordFreeToday + check.amount > ctx.settings.stepUp.passwordFree.perDay
  ) {
    if (check.authentication === 'sms_confirmation') return { ok: false, error: 'sms_limit_exceeded' };
    return { ok: false, error: check.codeOnly ? 'confirmation_required' : 'pin_required' };
  }
  return { ok: true, customer: locked };
}

/** Uses up the SMS code a PIN-and-code payment presented; false when it is not this customer's valid code. */
export async function consumeStepUpToken(
  ctx: DomainContext,
  tx: SqlExecutor,
  authentication: Authentication,
  customer: Customer,
  token: string | undefined,
): Promise<boolean> {
  if (authentication !== 'pin_and_otp') return true;
  return (await consumeToken(ctx, tx, token, 'payment')) === customer.phone;
}

/** Thrown inside a recording transaction to roll back what it wrote (a claim) with a refusal. */
export class Refused extends Error {
  constructor(readonly code: 'idempotency_in_progress' | 'verification_invalid') {
    super(code);
  }
}
