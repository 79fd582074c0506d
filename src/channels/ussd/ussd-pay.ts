// The pay effect: verifies an SMS code if one was typed, then pays the order once per session step (idempotent).
import { verifyCode } from '../../domain/customers/otp.js';
import { confirmCashOut } from '../../domain/payments/cash-out-requests.js';
import { confirmRequest } from '../../domain/payments/payment-requests.js';
import { payTillCode } from '../../domain/payments/till-code-payments.js';
import { type EffectEnv, inputAt, payerOf, refusal } from './ussd-effect-env.js';
import type { EffectOf, Outcome, PaymentOrder } from './ussd-state.js';

interface Credentials {
  pin: string;
  verificationToken: string | undefined;
  idempotencyKey: string;
}

function submit(env: EffectEnv, order: PaymentOrder, credentials: Credentials) {
  const { ctx, p2p } = env.platform;
  const payer = payerOf(env);
  switch (order.kind) {
    case 'p2p':
      return p2p.confirm(payer, { transfer: { to: order.to, amount: order.amount }, ...credentials });
    case 'till':
      return payTillCode(ctx, payer, { code: order.code, amount: order.amount, ...credentials });
    case 'airtime':
      return payTillCode(ctx, payer, {
        code: ctx.settings.channels.airtimeTillCode ?? '',
        amount: order.amount,
        reference: order.number,
        ...credentials,
      });
    case 'request':
      return confirmRequest(ctx, payer, order.orderId, credentials);
    case 'cash_out':
      return confirmCashOut(ctx, payer, order.orderId, credentials);
  }
}

export async function pay(env: EffectEnv, effect: EffectOf<'pay'>): Promise<Outcome<'pay'>> {
  let verificationToken: string | undefined;
  if (effect.code) {
    const verified = await verifyCode(
      env.platform.ctx,
      effect.code.challengeId,
      inputAt(env, effect.code.at),
    );
    if (!verified.ok) return refusal(verified);
    if (verified.purpose !== 'payment') return { ok: false, error: 'verification_invalid' };
    verificationToken = verified.token;
  }
  const result = await submit(env, effect.order, {
    pin: inputAt(env, effect.pinAt),
    verificationToken,
    idempotencyKey: `${env.keyPrefix}:${effect.step}`,
  });
  return result.ok ? { ok: true, value: { done: true } } : refusal(result);
}
