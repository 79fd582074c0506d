// The step-up policy: one table deciding whether a payment needs no authentication, the PIN, or PIN and SMS code.

/**
 * What the customer must present: nothing (password-free), the PIN, the PIN and an SMS one-time code, or — for
 * a payment asked for by SMS — a reply with the one-time confirmation code the platform sent. `partner`: the
 * operator's own API client (GSMA API) authenticated the customer on its channel; nothing is asked here.
 */
export type Authentication = 'none' | 'pin' | 'pin_and_otp' | 'sms_confirmation' | 'partner';

/** Whether a payment authenticated this way needs the PIN. */
export function needsPin(authentication: Authentication): boolean {
  return authentication === 'pin' || authentication === 'pin_and_otp';
}

/** Whether a payment authenticated this way counts against the small-payment daily allowance (no PIN, no partner). */
export function usesSmallPaymentAllowance(authentication: Authentication): boolean {
  return authentication === 'none' || authentication === 'sms_confirmation';
}

/** Why a payment got its authentication, for the customer-facing prompt and the audit trail. */
export type StepUpReason =
  | 'large_amount'
  | 'new_payee'
  | 'new_device'
  | 'pin_reset'
  | 'sim_swap'
  | 'password_free'
  | 'sms_confirmation';

/** The operator's step-up policy. Money is in fen; windows are in hours. */
export interface StepUpPolicy {
  /** Small payments without PIN on a bound device, for customers who opted in; `enabled` is the operator's switch. */
  passwordFree: { enabled: boolean; perPayment: bigint; perDay: bigint };
  /** Payments strictly above this need an SMS code too. */
  otpAbove: bigint;
  /** The first payment to a payee needs an SMS code. */
  otpForNewPayee: boolean;
  otpWithinHoursOfNewDevice: number;
  otpWithinHoursOfPinReset: number;
  /** After a SIM swap, only payments up to `passwordFree.perPayment` are allowed, and with an SMS code. */
  simSwapQuarantineHours: number;
}

/**
 * Defaults: password-free up to ¥200 a payment and ¥1,000 a day (within the PBOC rule that payments verified
 * with fewer than two factors total at most ¥1,000 a day), offered by the operator but off for each customer
 * until they opt in; SMS code above ¥2,000, for a new payee, and for 24 h after a new device or a PIN reset;
 * 72 h SIM-swap quarantine.
 */
export const DEFAULT_STEP_UP_POLICY: StepUpPolicy = {
  passwordFree: { enabled: true, perPayment: 20_000n, perDay: 100_000n },
  otpAbove: 200_000n,
  otpForNewPayee: true,
  otpWithinHoursOfNewDevice: 24,
  otpWithinHoursOfPinReset: 24,
  simSwapQuarantineHours: 72,
};

/** What is known about one payment and its customer when it is requested. Money is in fen. */
export interface PaymentRiskContext {
  /** The payment, fee included. */
  amount: bigint;
  customerOptedIntoPasswordFree: boolean;
  /** The request comes from the customer's bound device. */
  deviceBound: boolean;
  /** Password-free payments already made today (operator's business day). */
  passwordFreeUsedToday: bigint;
  /** The customer never paid this payee before. */
  newPayee: boolean;
  /** Hours since the events below; `null` = never happened. */
  hoursSinceNewDevice: number | null;
  hoursSincePinReset: number | null;
  hoursSinceSimSwap: number | null;
}

/** The authentication a payment needs and why, or a refusal during SIM-swap quarantine. */
export type StepUpDecision =
  | { ok: true; authentication: Authentication; reasons: StepUpReason[] }
  | { ok: false; error: 'sim_swap_quarantine' | 'sms_limit_exceeded' };

/** An event `hoursSince` ago is within a window of `hours` while strictly fewer hours have passed. */
function within(hoursSince: number | null, hours: number): boolean {
  return hoursSince !== null && hoursSince < hours;
}

function otpReasons(policy: StepUpPolicy, ctx: PaymentRiskContext): StepUpReason[] {
  const reasons: StepUpReason[] = [];
  if (ctx.amount > policy.otpAbove) reasons.push('large_amount');
  if (ctx.newPayee && policy.otpForNewPayee) reasons.push('new_payee');
  if (within(ctx.hoursSinceNewDevice, policy.otpWithinHoursOfNewDevice)) reasons.push('new_device');
  if (within(ctx.hoursSincePinReset, policy.otpWithinHoursOfPinReset)) reasons.push('pin_reset');
  return reasons;
}

function passwordFreeAllowed(policy: StepUpPolicy, ctx: PaymentRiskContext): boolean {
  const { enabled, perPayment, perDay } = policy.passwordFree;
  return (
    enabled &&
    ctx.customerOptedIntoPasswordFree &&
    ctx.deviceBound &&
    ctx.amount <= perPayment &&
    ctx.passwordFreeUsedToday + ctx.amount <= perDay
  );
}

/**
 * Decides the authentication for a payment, first rule that applies wins:
 * 1. within SIM-swap quarantine — the SMS code may reach whoever now holds the number, so payments above
 *    `passwordFree.perPayment` are refused (`sim_swap_quarantine`) and smaller ones need PIN and SMS code;
 * 2. PIN and SMS code for a large amount, a new payee, or soon after a new device or a PIN reset;
 * 3. nothing for a password-free payment (operator enabled, customer opted in, bound device, within limits);
 * 4. otherwise the PIN.
 */
export function requiredAuthentication(policy: StepUpPolicy, ctx: PaymentRiskContext): StepUpDecision {
  if (within(ctx.hoursSinceSimSwap, policy.simSwapQuarantineHours)) {
    if (ctx.amount > policy.passwordFree.perPayment) return { ok: false, error: 'sim_swap_quarantine' };
    return { ok: true, authentication: 'pin_and_otp', reasons: ['sim_swap', ...otpReasons(policy, ctx)] };
  }
  const reasons = otpReasons(policy, ctx);
  if (reasons.length > 0) return { ok: true, authentication: 'pin_and_otp', reasons };
  if (passwordFreeAllowed(policy, ctx))
    return { ok: true, authentication: 'none', reasons: ['password_free'] };
  return { ok: true, authentication: 'pin', reasons: [] };
}

/**
 * A payment asked for by SMS, confirmed by replying with a one-time code (never the PIN): refused during the
 * SIM-swap quarantine (the code would reach whoever holds the number) and above the small-payment limits.
 */
export function smsConfirmationDecision(policy: StepUpPolicy, ctx: PaymentRiskContext): StepUpDecision {
  if (within(ctx.hoursSinceSimSwap, policy.simSwapQuarantineHours))
    return { ok: false, error: 'sim_swap_quarantine' };
  const { perPayment, perDay } = policy.passwordFree;
  if (ctx.amount > perPayment || ctx.passwordFreeUsedToday + ctx.amount > perDay) {
    return { ok: false, error: 'sms_limit_exceeded' };
  }
  return { ok: true, authentication: 'sms_confirmation', reasons: ['sms_confirmation'] };
}
