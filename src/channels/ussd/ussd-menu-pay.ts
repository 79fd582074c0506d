// The last steps of every payment: the PIN, an SMS code when the step-up policy asks, and the outcome.
import { showPhone } from './ussd-input.js';
import {
  again,
  ask,
  end,
  isPin,
  money,
  pop,
  push,
  refuse,
  type Step,
  t,
  type ViewSpecs,
} from './ussd-screen.js';
import type { Outcome, PaymentOrder, SessionState } from './ussd-state.js';

function done(s: SessionState, order: PaymentOrder): string {
  const amount = money(s, order.amount);
  switch (order.kind) {
    case 'p2p':
      return t(s).sent(amount, order.payee);
    case 'airtime':
      return t(s).airtimeBought(amount, showPhone(order.number));
    case 'cash_out':
      return t(s).cashedOut(amount, order.agent);
    default:
      return t(s).paid(amount, order.payee);
  }
}

/** The SMS code step: the PIN (at `pinAt`) is checked before a code is sent. */
function sendCode(s: SessionState, order: PaymentOrder, pinAt: number): Step {
  return ask('send_code', { pinAt }, (o) => {
    if (o.ok) return push(s, { at: 'pay_code', order, pinAt, challengeId: o.value.challengeId });
    return refuse(s, o, o.error === 'pin_incorrect' ? again(s) : undefined);
  });
}

/** What a payment attempt led to, seen from the PIN screen (`fromCode` false) or the SMS code screen. */
function paid(
  s: SessionState,
  order: PaymentOrder,
  pinAt: number,
  fromCode: boolean,
  o: Outcome<'pay'>,
): Step {
  if (o.ok) return end(done(s, order));
  switch (o.error) {
    case 'otp_required':
      return fromCode ? refuse(s, { error: 'verification_invalid' }) : sendCode(s, order, pinAt);
    case 'pin_incorrect':
      return refuse(s, o, fromCode ? pop(s) : again(s));
    case 'otp_incorrect':
      return refuse(s, o, fromCode ? again(s) : undefined);
    default:
      return refuse(s, o);
  }
}

export const PAY_VIEWS: ViewSpecs<'pay_pin' | 'pay_code'> = {
  pay_pin: {
    render: (s, { order }) => {
      const amount = money(s, order.amount);
      if (order.kind === 'p2p') return t(s).enterPin;
      if (order.kind === 'airtime') return t(s).airtimePin(amount, showPhone(order.number));
      if (order.kind === 'cash_out') return t(s).cashOutPin(amount, order.agent);
      return t(s).payPin(amount, order.payee);
    },
    input: (s, { order }, input, at) =>
      isPin(input)
        ? ask('pay', { order, pinAt: at, step: at }, (o) => paid(s, order, at, false, o))
        : refuse(s, { error: 'pin_format' }, again(s)),
  },
  pay_code: {
    render: (s) => t(s).enterCode,
    input: (s, { order, pinAt, challengeId }, input, at) =>
      /^\d{6}$/.test(input)
        ? ask('pay', { order, pinAt, step: at, code: { challengeId, at } }, (o) =>
            paid(s, order, pinAt, true, o),
          )
        : refuse(s, { error: 'otp_invalid' }, again(s)),
  },
};
