// Send money: the number, the amount, a confirm screen priced by the tariff (masked recipient, fee, total).

import type { RefusalCode } from '../phone-refusals.js';
import { readAmount, readPhone, showPhone } from './ussd-input.js';
import { again, ask, money, pop, push, refuse, type Step, stay, t, type ViewSpecs } from './ussd-screen.js';
import type { SessionState, ViewOf } from './ussd-state.js';

/** Refusals of the price that the number or the amount screen can take another try at. */
const NUMBER_ERRORS: ReadonlySet<RefusalCode> = new Set(['invalid_phone', 'not_mobile', 'self_payment']);
const AMOUNT_ERRORS: ReadonlySet<RefusalCode> = new Set([
  'invalid_amount',
  'amount_below_fee',
  'limit_exceeded',
]);

function price(s: SessionState, view: ViewOf<'send_amount'>, amount: string): Step {
  return ask('price', { to: view.to, amount }, (o) => {
    if (o.ok) return push(s, { at: 'send_confirm', quote: o.value });
    if (NUMBER_ERRORS.has(o.error)) return refuse(s, o, pop(s));
    return refuse(s, o, AMOUNT_ERRORS.has(o.error) ? again(s) : undefined);
  });
}

export const SEND_VIEWS: ViewSpecs<'send_to' | 'send_amount' | 'send_confirm'> = {
  send_to: {
    render: (s) => t(s).sendTo,
    input: (s, _view, input) => {
      const to = readPhone(s, input);
      if (!to.ok) return refuse(s, to, again(s));
      if (to.value === s.phone) return refuse(s, { error: 'self_payment' }, again(s));
      return push(s, { at: 'send_amount', to: to.value });
    },
  },
  send_amount: {
    render: (s, view) => t(s).sendAmount(showPhone(view.to)),
    input: (s, view, input) => {
      const amount = readAmount(s, input);
      return amount.ok ? price(s, view, amount.value) : refuse(s, amount, again(s));
    },
  },
  send_confirm: {
    render: (s, { quote }) =>
      t(s).sendConfirm({
        recipient: quote.name ? `${quote.name} ${quote.recipient}` : quote.recipient,
        amount: money(s, quote.amount),
        fee: money(s, quote.fee),
        total: money(s, quote.total),
      }),
    input: (s, { quote }, input) =>
      input === '1'
        ? push(s, {
            at: 'pay_pin',
            order: { kind: 'p2p', to: quote.to, amount: quote.amount, payee: quote.recipient },
          })
        : stay(s, t(s).invalidChoice),
  },
};
