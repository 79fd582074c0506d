// YES <code>: runs the confirmed order once through the domain, which enforces the SMS cap, limits, locks and funds.
import { payTillCode } from '../../domain/payments/till-code-payments.js';
import { answerConfirmation, type SmsOrder } from './sms-confirmations.js';
import { refuse, reply, type SmsEnv, smsPayer, textsOf } from './sms-env.js';
import type { SmsRefusal } from './sms-refusals.js';

type Outcome = { ok: true; status: string } | { ok: false; error: SmsRefusal };

/** Pays the order; the confirmation's id is the idempotency key, so it can never pay twice. */
function run(env: SmsEnv, confirmationId: string, order: SmsOrder): Promise<Outcome> {
  const { ctx, p2p } = env.platform;
  const payer = smsPayer(env);
  const idempotencyKey = `sms:${confirmationId}`;
  const paid =
    order.kind === 'send'
      ? p2p.confirm(payer, { transfer: { to: order.to, amount: order.amount }, idempotencyKey })
      : payTillCode(ctx, payer, { code: order.code, amount: order.amount, idempotencyKey });
  return paid.then((result) => (result.ok ? { ok: true, status: result.payment.status } : result));
}

export async function confirmOrder(env: SmsEnv, code: string): Promise<void> {
  const texts = textsOf(env);
  const answer = await answerConfirmation(env.platform.ctx, env.customer.id, code);
  switch (answer.kind) {
    case 'none':
      return reply(env, texts.nothingToConfirm);
    case 'wrong':
      return reply(env, texts.wrongCode(answer.left));
    case 'voided':
      return reply(env, texts.codeVoided);
    case 'accepted': {
      const outcome = await run(env, answer.id, answer.order);
      if (!outcome.ok) return refuse(env, outcome.error);
      // Done: the domain's own debit SMS (amount, payee, balance, reference) is the answer; not sent twice.
      if (outcome.status === 'pending') return reply(env, texts.processing);
    }
  }
}
