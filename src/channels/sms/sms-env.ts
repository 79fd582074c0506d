// What a command of one incoming SMS works with: the platform, the sender's wallet, and how to answer them.
import type { Customer } from '../../domain/customers/customer.js';
import type { Payer } from '../../domain/payments/payer.js';
import type { Platform } from '../../domain/platform.js';
import { formatAmountForDisplay } from '../../money/index.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { refusalText, type SmsRefusal } from './sms-refusals.js';
import { sendReply } from './sms-reply.js';
import { type SmsReplyText, smsTexts } from './sms-texts.js';

export interface SmsEnv {
  platform: Platform;
  customer: Customer;
  /** Names the replies to this SMS in the outbox (part 1, 2, …): a repeated reply is sent once. */
  replyId: string;
}

export const textsOf = (env: SmsEnv): SmsReplyText => smsTexts(env.customer.locale);

/** Money in the customer's language, e.g. `¥12.50` or `CN¥12.50`. */
export const moneyOf = (env: SmsEnv, value: bigint): string =>
  formatAmountForDisplay({ value, currency: env.platform.ctx.settings.currency }, env.customer.locale);

/** A payment asked for by SMS: no bound device, confirmed by the one-time code (never a PIN). */
export const smsPayer = (env: SmsEnv): Payer => ({
  customerId: env.customer.id,
  device: undefined,
  smsConfirmed: true,
});

/** Queues part `part` of the reply (in `tx` when given, else on its own). */
export function reply(env: SmsEnv, text: string, part = 1, tx?: SqlExecutor): Promise<void> {
  const { ctx } = env.platform;
  return sendReply(tx ?? ctx.db, env.customer, `${env.replyId}:${part}`, text, ctx.clock());
}

/** Answers a refusal; one above the SMS payment cap also says what the cap is. */
export function refuse(env: SmsEnv, error: SmsRefusal): Promise<void> {
  const text = refusalText(env.customer.locale, error);
  if (error !== 'sms_limit_exceeded') return reply(env, text);
  const { perPayment, perDay } = env.platform.ctx.settings.stepUp.passwordFree;
  return reply(env, `${text} ${textsOf(env).smsCap(moneyOf(env, perPayment), moneyOf(env, perDay))}`);
}
