// What every payment the customer confirms must pass: a PIN sent checked first, then limits and step-up under the row lock.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer } from '../customers/customer-queries.js';
import { consumeToken } from '../customers/otp.js';
import { checkPin, type PinCheckResult } from '../customers/pin-check.js';
import { type Authentication, needsPin, usesSmallPaymentAllowance } from '../risk/step-up.js';
import { checkLimits, type LimitName } from '../risk/tiers.js';
import type { PayingDevice } from './payer.js';
import { assessPayment } from './risk.js';
import { payerActivity } from './usage.js';

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

/** Why a payment is refused under the row lock. */
export interface LockRefusal {
  ok: false;
  error:
    | 'account_locked'
    | 'pin_locked'
    | 'pin_required'
    | 'otp_required'
    | 'sim_swap_quarantine'
    | 'sms_limit_exceeded'
    | 'limit_exceeded'
    | 'velocity_exceeded';
  detail?: LimitName;
}

export type PayerRefusal = LockRefusal | Exclude<PinCheckResult, { ok: true }>;

type Authorised = { ok: true; customer: Customer; authentication: Authentication };

function usageWindow(ctx: DomainContext, customer: Customer) {
  return { timeZone: ctx.settings.timeZone, lifetime: ctx.settings.tiers[customer.tier].lifetime !== null };
}

/**
 * Before the recording transaction: the wallet can pay, and a PIN sent is right (checked whether this payment needs
 * it or not; the slow hash stays outside the row lock). What the payment needs is decided under the lock.
 */
export async function admitPayer(
  ctx: DomainContext,
  check: Pick<PayerCheck, 'customerId' | 'pin'>,
): Promise<{ ok: true; customer: Customer } | PayerRefusal> {
  const customer = await findCustomer(ctx.db, check.customerId);
  if (customer?.status !== 'active' || customer.lockedAt !== null) {
    return { ok: false, error: 'account_locked' };
  }
  if (customer.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
  const pin = await checkSentPin(ctx, customer.id, check.pin);
  return pin.ok ? { ok: true, customer } : pin;
}

/** Checks a PIN the payer sent (counting a wrong one toward the lock); nothing to check when none was sent. */
export async function checkSentPin(
  ctx: DomainContext,
  customerId: string,
  pin: string | undefined,
): Promise<PinCheckResult> {
  return pin === undefined ? { ok: true } : checkPin(ctx, customerId, pin);
}

/**
 * Inside the recording transaction, under the customer's row lock (parallel payments cannot all squeeze under a
 * limit): the wallet still open, the tier's limits and velocity, then the authentication the step-up policy asks
 * for, decided on the same usage (today's password-free payments, the payee, device age, a SIM swap). The PIN was
 * checked before, if sent (admitPayer); here it must have been sent when needed. Answers the locked customer and
 * how they authenticated, or why not.
 */
export async function authoriseUnderLock(
  ctx: DomainContext,
  tx: SqlExecutor,
  locked: Customer | undefined,
  check: Omit<PayerCheck, 'customerId' | 'codeOnly'> & { recipientPhone: string | null; now: number },
): Promise<Authorised | LockRefusal> {
  if (locked?.status !== 'active' || locked.lockedAt !== null) return { ok: false, error: 'account_locked' };
  if (locked.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
  const { usage, history } = await payerActivity(
    tx,
    locked,
    check.recipientPhone,
    check.now,
    usageWindow(ctx, locked),
  );
  const limits = checkLimits(ctx.settings.tiers[locked.tier], usage.limits, check.amount);
  if (!limits.ok) return { ok: false, error: 'limit_exceeded', detail: limits.limit };
  if (usage.lastHour >= ctx.settings.paymentsPerHour) return { ok: false, error: 'velocity_exceeded' };
  const decision = assessPayment(ctx, {
    device: check.device,
    smsConfirmed: check.smsConfirmed,
    partner: check.partner,
    customer: locked,
    recipientPhone: check.recipientPhone,
    total: check.amount,
    passwordFreeToday: usage.passwordFreeToday,
    history,
  });
  if (!decision.ok) return decision;
  const authentication =
    check.pinAtLeast && usesSmallPaymentAllowance(decision.authentication) ? 'pin' : decision.authentication;
  if (needsPin(authentication)) {
    if (check.pin === undefined) return { ok: false, error: 'pin_required' };
    if (authentication === 'pin_and_otp' && check.verificationToken === undefined) {
      return { ok: false, error: 'otp_required' };
    }
  }
  return { ok: true, customer: locked, authentication };
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
