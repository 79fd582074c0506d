// One SMS from the gateway: run once per message id, the command read and answered through the SMS outbox.
import { startOfPeriod } from '../../domain/calendar.js';
import { findCustomerByPhone } from '../../domain/customers/customer-queries.js';
import { normalizePhone } from '../../domain/customers/phone.js';
import type { Platform } from '../../domain/platform.js';
import { type Problem, problem } from '../http/problem.js';
import { sendBalance, sendMiniStatement } from './sms-account.js';
import { parseSmsCommand } from './sms-command.js';
import { confirmOrder } from './sms-confirm.js';
import { reply, type SmsEnv, textsOf } from './sms-env.js';
import { orderTillPayment, orderTransfer } from './sms-orders.js';
import { sendReply } from './sms-reply.js';
import { UNREGISTERED } from './sms-texts.js';

export interface InboundSms {
  /** The sender's number, as the gateway writes it. */
  from: string;
  text: string;
  /** The gateway's id of the message: a delivery repeated under it runs nothing again. */
  messageId: string;
}

/** Accepted (answered, if at all, by SMS), or a problem for a request refused without effect. */
export type InboundAnswer = { ok: true } | { ok: false; problem: Problem };

function runCommand(env: SmsEnv, text: string): Promise<void> {
  const command = parseSmsCommand(text);
  const texts = textsOf(env);
  switch (command.kind) {
    case 'balance':
      return sendBalance(env);
    case 'mini':
      return sendMiniStatement(env);
    case 'send':
      return orderTransfer(env, command.to, command.amount);
    case 'pay':
      return orderTillPayment(env, command.code, command.amount);
    case 'confirm':
      return confirmOrder(env, command.code);
    case 'help':
      return reply(env, texts.help);
    case 'usage':
      return reply(env, texts.usage[command.of]);
    case 'unknown':
      return reply(env, texts.unknown);
  }
}

async function answer(platform: Platform, phone: string, sms: InboundSms): Promise<void> {
  const { ctx } = platform;
  const customer = await findCustomerByPhone(ctx.db, phone);
  if (customer) return runCommand({ platform, customer, replyId: `sms-in:${sms.messageId}` }, sms.text);
  // Told how to register at most once a day (the reply's id repeats within the day), and nothing else.
  const today = startOfPeriod(ctx.clock(), 'day', ctx.settings.timeZone);
  const to = { id: null, phone, locale: 'zh-CN' } as const;
  await sendReply(ctx.db, to, `sms-unregistered:${phone}:${today}`, UNREGISTERED, ctx.clock());
}

export async function receiveSms(platform: Platform, sms: InboundSms): Promise<InboundAnswer> {
  const { ctx } = platform;
  const phone = normalizePhone(sms.from, ctx.settings.defaultRegion);
  if (!phone.ok) {
    return { ok: false, problem: problem(400, phone.error, '`from` is not a valid mobile number.') };
  }
  const now = ctx.clock();
  const first = await ctx.db.run(
    'INSERT INTO sms_inbound (message_id, phone, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [sms.messageId, phone.e164, BigInt(now)],
  );
  // A message received but never answered (its process died midway) is run again by the gateway's retry, once
  // the first attempt had time to finish; an answered one is only acknowledged.
  const retaken =
    first === 0 &&
    (await ctx.db.run(
      `UPDATE sms_inbound SET received_at = $1 WHERE message_id = $2 AND phone = $3 AND answered_at IS NULL
         AND received_at < $4`,
      [BigInt(now), sms.messageId, phone.e164, BigInt(now - UNANSWERED_RETRY_MS)],
    )) === 1;
  if (first === 0 && !retaken) return { ok: true };
  try {
    await answer(platform, phone.e164, sms);
  } catch (error) {
    // Not acknowledged: the gateway's retry runs the message again. A YES already accepted stays closed (its
    // payment, if recorded, is finished by the recovery job), so a retry never pays twice.
    await ctx.db.run('DELETE FROM sms_inbound WHERE message_id = $1', [sms.messageId]);
    throw error;
  }
  await ctx.db.run('UPDATE sms_inbound SET answered_at = $1 WHERE message_id = $2', [
    BigInt(ctx.clock()),
    sms.messageId,
  ]);
  return { ok: true };
}

/** A message still unanswered this long after it arrived was left by a process that died: a retry runs it. */
const UNANSWERED_RETRY_MS = 30_000;
