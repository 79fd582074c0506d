// Gathers what the step-up policy needs about a payment (payee, device, PIN reset, SIM swap) and decides.
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { requiredAuthentication, type StepUpDecision, smsConfirmationDecision } from '../risk/step-up.js';
import { hoursSince } from '../settings.js';
import type { PayingDevice } from './payer.js';
import type { PayerHistory } from './usage.js';

export function assessPayment(
  ctx: DomainContext,
  payment: {
    /** The bound device the payment comes from; undefined for a browser (hosted checkout). */
    device: PayingDevice | undefined;
    customer: Customer;
    /** The person paid, for the new-payee rule; null for a merchant (the rule guards against scams to people). */
    recipientPhone: string | null;
    total: bigint;
    /** Today's password-free payments (from payerActivity). */
    passwordFreeToday: bigint;
    /** The payer's last SIM swap and whether they paid this payee before (from payerActivity). */
    history: PayerHistory;
    /** Asked for by SMS and confirmed by a one-time code (see smsConfirmationDecision). */
    smsConfirmed?: boolean | undefined;
    /** Asked for by the operator's own API client, which authenticated the customer (limits still apply). */
    partner?: boolean | undefined;
  },
): StepUpDecision {
  if (payment.partner) return { ok: true, authentication: 'partner', reasons: [] };
  const now = ctx.clock();
  const { device, customer, recipientPhone, history } = payment;
  const decide = payment.smsConfirmed ? smsConfirmationDecision : requiredAuthentication;
  return decide(ctx.settings.stepUp, {
    amount: payment.total,
    customerOptedIntoPasswordFree: customer.passwordFree,
    deviceBound: device !== undefined,
    passwordFreeUsedToday: payment.passwordFreeToday,
    newPayee: recipientPhone !== null && !history.paidBefore,
    hoursSinceNewDevice: device?.deviceBoundBy === 'sms_code' ? hoursSince(now, device.deviceBoundAt) : null,
    hoursSincePinReset: hoursSince(now, customer.pinResetAt),
    hoursSinceSimSwap: hoursSince(now, history.lastSimSwap),
  });
}
