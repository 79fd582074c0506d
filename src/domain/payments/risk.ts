// Gathers what the step-up policy needs about a payment (payee, device, PIN reset, SIM swap) and decides.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import type { SessionPrincipal } from '../customers/sessions.js';
import { requiredAuthentication, type StepUpDecision } from '../risk/step-up.js';
import { hoursSince } from '../settings.js';
import { hasPaidBefore, lastSimSwap } from './usage.js';

export async function assessPayment(
  ctx: DomainContext,
  tx: SqlExecutor,
  payment: {
    principal: SessionPrincipal;
    customer: Customer;
    recipientPhone: string;
    total: bigint;
    /** Today's password-free payments (from paymentUsage). */
    passwordFreeToday: bigint;
  },
): Promise<StepUpDecision> {
  const now = ctx.clock();
  const { principal, customer } = payment;
  return requiredAuthentication(ctx.settings.stepUp, {
    amount: payment.total,
    customerOptedIntoPasswordFree: customer.passwordFree,
    deviceBound: true,
    passwordFreeUsedToday: payment.passwordFreeToday,
    newPayee: !(await hasPaidBefore(tx, customer.id, payment.recipientPhone)),
    hoursSinceNewDevice:
      principal.deviceBoundBy === 'sms_code' ? hoursSince(now, principal.deviceBoundAt) : null,
    hoursSincePinReset: hoursSince(now, customer.pinResetAt),
    hoursSinceSimSwap: hoursSince(now, await lastSimSwap(tx, customer.phone)),
  });
}
