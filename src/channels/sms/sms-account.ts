// BAL and MINI: the balance and the last entries, sent only to the wallet's own number and never while it may be stolen.
import { localDate } from '../../domain/calendar.js';
import { lastSimSwap } from '../../domain/payments/usage.js';
import { hoursSince } from '../../domain/settings.js';
import { walletBalance } from '../../domain/wallets/accounts.js';
import { type HistoryEntry, walletHistory } from '../../domain/wallets/history.js';
import { parseAmount } from '../../money/index.js';
import { moneyOf, refuse, reply, type SmsEnv, textsOf } from './sms-env.js';
import { clip, packLines } from './sms-reply.js';

const MINI_ENTRIES = 5;
const DESCRIPTION_MAX = 24;

/**
 * A locked wallet (lost phone) and a number within its SIM-swap quarantine may be in someone else's hands: no
 * balance or history then. True when it answered so.
 */
async function refusedReading(env: SmsEnv): Promise<boolean> {
  const { ctx } = env.platform;
  const { customer } = env;
  if (customer.lockedAt !== null) {
    await refuse(env, 'account_locked');
    return true;
  }
  const hours = ctx.settings.stepUp.simSwapQuarantineHours;
  const swapped = hoursSince(ctx.clock(), await lastSimSwap(ctx.db, customer.phone));
  if (swapped === null || swapped >= hours) return false;
  await reply(env, textsOf(env).readsPaused(hours));
  return true;
}

export async function sendBalance(env: SmsEnv): Promise<void> {
  if (await refusedReading(env)) return;
  const balance = await walletBalance(env.platform.ctx.ledger, env.customer.walletAccountId);
  await reply(env, textsOf(env).balance(moneyOf(env, balance)));
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** One entry on one short line: `03-08 -¥7.00 Transfer to 138****0000`. */
function lineOf(env: SmsEnv, entry: HistoryEntry): string {
  const { currency, timeZone } = env.platform.ctx.settings;
  const date = localDate(Date.parse(entry.at), timeZone);
  const negative = entry.amount.startsWith('-');
  const parsed = parseAmount(entry.amount.replace(/^-/, ''), currency);
  const amount = parsed.ok
    ? moneyOf(env, negative ? -parsed.amount.value : parsed.amount.value)
    : entry.amount;
  const description = clip(entry.description, DESCRIPTION_MAX);
  return `${twoDigits(date.month)}-${twoDigits(date.day)} ${amount} ${description}`;
}

export async function sendMiniStatement(env: SmsEnv): Promise<void> {
  if (await refusedReading(env)) return;
  const { ctx } = env.platform;
  const texts = textsOf(env);
  const { entries } = await walletHistory(ctx, env.customer, { limit: MINI_ENTRIES });
  if (entries.length === 0) return reply(env, texts.statementEmpty);
  const messages = packLines(
    env.customer.locale,
    texts.statementTitle,
    entries.map((e) => lineOf(env, e)),
  );
  await ctx.db.transaction(async (tx) => {
    for (const [index, text] of messages.entries()) await reply(env, text, index + 1, tx);
  });
}
