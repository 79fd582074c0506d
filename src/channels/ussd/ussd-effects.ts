// The thin executor of the menus' effects: each one domain call (PINs and codes read by position from the inputs).
import { maskName, maskPhone } from '../../domain/customers/masking.js';
import { requestCode } from '../../domain/customers/otp.js';
import { checkPin } from '../../domain/customers/pin-check.js';
import { changePin } from '../../domain/customers/pin-management.js';
import { updatePreferences } from '../../domain/customers/preferences.js';
import { lockOwnWallet } from '../../domain/customers/wallet-lock.js';
import { declineCashOut, isCashOutRequest } from '../../domain/payments/cash-out-requests.js';
import { priceTransfer } from '../../domain/payments/p2p-quote.js';
import { declineRequest, openRequests } from '../../domain/payments/payment-requests.js';
import { lookUpTillCode } from '../../domain/payments/till-code-payments.js';
import { walletBalance } from '../../domain/wallets/accounts.js';
import { walletHistory } from '../../domain/wallets/history.js';
import { formatAmount } from '../../money/index.js';
import { type EffectEnv, inputAt, payerOf, refusal } from './ussd-effect-env.js';
import { pay } from './ussd-pay.js';
import { clip } from './ussd-screen.js';
import type { EffectKind, EffectOf, Next, Outcome, Pending, Refusal, Reply } from './ussd-state.js';

type Handler<K extends EffectKind> = (env: EffectEnv, effect: EffectOf<K>) => Promise<Outcome<K>>;

const MINI_STATEMENT = 10;
const done = { ok: true, value: { done: true } } as const;

/** Checks the PIN typed at `at`; undefined when it is right. */
async function pinRefusal(env: EffectEnv, at: number): Promise<Refusal | undefined> {
  const checked = await checkPin(env.platform.ctx, env.customer.id, inputAt(env, at));
  return checked.ok ? undefined : refusal(checked);
}

const money = (env: EffectEnv, value: bigint) =>
  formatAmount({ value, currency: env.platform.ctx.settings.currency });

const days = new Map<string, Intl.DateTimeFormat>();
/** `MM-DD` of an instant in the operator's time zone. */
function dayOf(iso: string, timeZone: string): string {
  let format = days.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone, month: '2-digit', day: '2-digit' });
    days.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')}`;
}

const HANDLERS: { [K in EffectKind]: Handler<K> } = {
  balance: async (env, { pinAt }) => {
    const refused = await pinRefusal(env, pinAt);
    if (refused) return refused;
    const balance = await walletBalance(env.platform.ctx.ledger, env.customer.walletAccountId);
    return { ok: true, value: { balance: money(env, balance) } };
  },
  statement: async (env, { pinAt }) => {
    const refused = await pinRefusal(env, pinAt);
    if (refused) return refused;
    const { ctx } = env.platform;
    const page = await walletHistory(ctx, env.customer, { limit: MINI_STATEMENT });
    const lines = page.entries.map((entry) => ({
      day: dayOf(entry.at, ctx.settings.timeZone),
      amount: entry.amount,
      text: clip(entry.description, 18),
    }));
    return { ok: true, value: { lines } };
  },
  price: async (env, { to, amount }) => {
    const priced = await priceTransfer(env.platform.ctx, payerOf(env), { to, amount });
    if (!priced.ok) return refusal(priced);
    const { priced: p } = priced;
    const name = p.recipient?.name ? clip(maskName(p.recipient.name), 12) : null;
    const quote = {
      to: p.to,
      recipient: maskPhone(p.to),
      name,
      amount: money(env, p.amount),
      fee: money(env, p.fee.fee),
      total: money(env, p.fee.debitTotal),
    };
    return { ok: true, value: quote };
  },
  till: async (env, { code }) => {
    const found = await lookUpTillCode(env.platform.ctx, code);
    return found
      ? { ok: true, value: { merchant: found.merchant.name } }
      : { ok: false, error: 'till_not_found' };
  },
  requests: async (env) => {
    const requests = await openRequests(env.platform.ctx, env.customer.id);
    const items = requests.map((request) => ({
      id: request.id,
      cashOut: request.kind === 'cash_out',
      merchant: request.payee.name,
      amount: formatAmount({ value: request.amount, currency: request.currency }),
      description: request.description,
    }));
    return { ok: true, value: { items } };
  },
  pay,
  send_code: async (env, { pinAt }) => {
    const refused = await pinRefusal(env, pinAt);
    if (refused) return refused;
    const { customer } = env;
    const sent = await requestCode(env.platform.ctx, {
      phone: customer.phone,
      purpose: 'payment',
      // Codes are counted per number; a USSD session has no client address of its own.
      clientAddress: `ussd:${customer.phone}`,
      locale: customer.locale,
      deliver: true,
    });
    return sent.ok ? { ok: true, value: { challengeId: sent.challengeId } } : refusal(sent);
  },
  decline: async (env, { orderId }) => {
    const { ctx } = env.platform;
    const declined = isCashOutRequest(orderId)
      ? await declineCashOut(ctx, payerOf(env), orderId)
      : await declineRequest(ctx, payerOf(env), orderId, 'declined by the customer (USSD)');
    return declined.ok ? done : refusal(declined);
  },
  change_pin: async (env, { currentAt, newAt, repeatAt }) => {
    const newPin = inputAt(env, newAt);
    if (newPin !== inputAt(env, repeatAt)) return { ok: false, error: 'pin_mismatch' };
    const changed = await changePin(env.platform.ctx, env.customer.id, inputAt(env, currentAt), newPin);
    return changed.ok ? done : refusal(changed);
  },
  lock: async (env, { pinAt }) => {
    const refused = await pinRefusal(env, pinAt);
    if (refused) return refused;
    const locked = await lockOwnWallet(env.platform.ctx, env.customer.id, 'ussd');
    return locked.ok ? done : refusal(locked);
  },
  language: async (env, { locale }) => {
    const set = await updatePreferences(env.platform.ctx, env.customer.id, { locale });
    return set.ok ? done : refusal(set);
  },
};

function runOne<K extends EffectKind>(env: EffectEnv, pending: Pending<K>): Promise<Next> {
  const handler: Handler<K> = HANDLERS[pending.effect.kind];
  return handler(env, pending.effect).then((outcome) => pending.resume(outcome));
}

/** Runs the effects the engine asks for, one after another, until it replies. */
export async function runEffects(env: EffectEnv, next: Next): Promise<Reply> {
  let current = next;
  while (current.kind === 'effect') current = await runOne(env, current);
  return current;
}
