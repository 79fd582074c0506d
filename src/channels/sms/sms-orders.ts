// SEND and PAY: checked now (payee, amount, SMS cap, limits), then held as a confirmation the customer answers with YES.

import { MINUTE_MS } from '../../domain/clock.js';
import { maskPhone } from '../../domain/customers/masking.js';
import { priceTransfer } from '../../domain/payments/p2p-quote.js';
import { assessPayment } from '../../domain/payments/risk.js';
import { lookUpTillCode } from '../../domain/payments/till-code-payments.js';
import { payerActivity } from '../../domain/payments/usage.js';
import { checkLimits } from '../../domain/risk/tiers.js';
import { formatAmount, parsePositiveAmount } from '../../money/index.js';
import { createConfirmation, type SmsOrder } from './sms-confirmations.js';
import { moneyOf, refuse, reply, type SmsEnv, smsPayer, textsOf } from './sms-env.js';
import type { SmsRefusal } from './sms-refusals.js';
import { clip } from './sms-reply.js';

const MERCHANT_NAME_MAX = 30;

/** Stores the confirmation and sends its code with the question (`ask`) in one transaction. */
async function holdForConfirmation(
  env: SmsEnv,
  order: SmsOrder,
  ask: (code: string, minutes: number) => string,
): Promise<void> {
  const { ctx } = env.platform;
  const minutes = Math.round(ctx.settings.channels.smsConfirmationTtlMs / MINUTE_MS);
  await ctx.db.transaction(async (tx) => {
    const { code } = await createConfirmation(ctx, tx, env.customer.id, order);
    await reply(env, ask(code, minutes), 1, tx);
  });
}

export async function orderTransfer(env: SmsEnv, to: string, amount: string): Promise<void> {
  const priced = await priceTransfer(env.platform.ctx, smsPayer(env), { to, amount });
  if (!priced.ok) return refuse(env, priced.error);
  const { priced: p } = priced;
  const order: SmsOrder = {
    kind: 'send',
    to: p.to,
    amount: formatAmount({ value: p.amount, currency: p.currency }),
  };
  await holdForConfirmation(env, order, (code, minutes) =>
    textsOf(env).confirmSend({
      code,
      minutes,
      amount: moneyOf(env, p.amount),
      recipient: maskPhone(p.to),
      fee: moneyOf(env, p.fee.fee),
    }),
  );
}

/** What confirming a merchant payment by SMS would meet now (as chargeCustomer decides it); undefined: none. */
async function merchantPaymentRefusal(env: SmsEnv, amount: bigint): Promise<SmsRefusal | undefined> {
  const { ctx } = env.platform;
  const { customer } = env;
  if (customer.lockedAt !== null) return 'account_locked';
  if (customer.pinLockedAt !== null) return 'pin_locked';
  const tier = ctx.settings.tiers[customer.tier];
  const { usage, history } = await payerActivity(ctx.db, customer, null, ctx.clock(), {
    timeZone: ctx.settings.timeZone,
    lifetime: tier.lifetime !== null,
  });
  if (!checkLimits(tier, usage.limits, amount).ok) return 'limit_exceeded';
  const decision = assessPayment(ctx, {
    ...smsPayer(env),
    customer,
    recipientPhone: null,
    total: amount,
    passwordFreeToday: usage.passwordFreeToday,
    history,
  });
  return decision.ok ? undefined : decision.error;
}

export async function orderTillPayment(env: SmsEnv, code: string, amount: string): Promise<void> {
  const { ctx } = env.platform;
  const found = await lookUpTillCode(ctx, code);
  if (!found) return refuse(env, 'till_not_found');
  if (found.merchant.status !== 'active') return refuse(env, 'merchant_unavailable');
  const parsed = parsePositiveAmount(amount, ctx.settings.currency);
  if (!parsed.ok) return refuse(env, 'invalid_amount');
  const value = parsed.amount.value;
  const refusal = await merchantPaymentRefusal(env, value);
  if (refusal) return refuse(env, refusal);
  const merchant = clip(found.merchant.name, MERCHANT_NAME_MAX);
  const order: SmsOrder = { kind: 'pay', code, amount: formatAmount(parsed.amount) };
  await holdForConfirmation(env, order, (confirmation, minutes) =>
    textsOf(env).confirmPay({
      code: confirmation,
      minutes,
      amount: moneyOf(env, value),
      merchant,
      till: code,
    }),
  );
}
