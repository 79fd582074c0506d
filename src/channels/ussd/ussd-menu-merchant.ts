// Paying merchants: by till code, answering merchants' payment requests and agents' cash-outs (paged list), airtime.
import { readAmount, readPhone, showPhone } from './ussd-input.js';
import {
  again,
  ask,
  clip,
  end,
  money,
  pageOf,
  pop,
  push,
  refuse,
  replace,
  type Step,
  stay,
  t,
  type ViewSpecs,
} from './ussd-screen.js';
import type { PaymentOrder, SessionState, ViewOf } from './ussd-state.js';

/** Merchant names as shown in lists and prompts. */
const NAME_IN_LIST = 16;
export const NAME_IN_PROMPT = 30;

function requestsPage(s: SessionState, view: ViewOf<'requests'>) {
  const rows = view.items.map((item) => `${clip(item.merchant, NAME_IN_LIST)} ${money(s, item.amount)}`);
  return pageOf(s.locale, t(s).requestsTitle, rows, view.page, true);
}

function pickRequest(s: SessionState, view: ViewOf<'requests'>, input: string): Step {
  const page = requestsPage(s, view);
  if (input === '9' && page.more) return replace(s, { ...view, page: view.page + 1 });
  const picked = /^[1-8]$/.test(input) ? Number(input) : 0;
  const item = picked >= 1 && picked <= page.count ? view.items[page.start + picked - 1] : undefined;
  return item ? push(s, { at: 'request', item }) : stay(s, t(s).invalidChoice);
}

function answerRequest(s: SessionState, { item }: ViewOf<'request'>, input: string): Step {
  if (input === '1') {
    const name = clip(item.merchant, NAME_IN_PROMPT);
    const { id: orderId, amount } = item;
    const order: PaymentOrder = item.cashOut
      ? { kind: 'cash_out', orderId, amount, agent: name }
      : { kind: 'request', orderId, amount, payee: name };
    return push(s, { at: 'pay_pin', order });
  }
  if (input !== '2') return stay(s, t(s).invalidChoice);
  const declined = item.cashOut ? t(s).cashOutDeclined : t(s).declined;
  return ask('decline', { orderId: item.id }, (o) => (o.ok ? end(declined) : refuse(s, o)));
}

export const MERCHANT_VIEWS: ViewSpecs<
  'till_code' | 'till_amount' | 'requests' | 'request' | 'airtime' | 'airtime_number' | 'airtime_amount'
> = {
  till_code: {
    render: (s) => t(s).tillCode,
    input: (s, _view, code) => {
      if (!/^\d{8}$/.test(code)) return refuse(s, { error: 'till_not_found' }, again(s));
      return ask('till', { code }, (o) => {
        if (o.ok)
          return push(s, { at: 'till_amount', code, merchant: clip(o.value.merchant, NAME_IN_PROMPT) });
        return refuse(s, o, o.error === 'till_not_found' ? again(s) : undefined);
      });
    },
  },
  till_amount: {
    render: (s, view) => t(s).tillAmount(view.merchant),
    input: (s, { code, merchant }, input) => {
      const amount = readAmount(s, input);
      if (!amount.ok) return refuse(s, amount, again(s));
      return push(s, { at: 'pay_pin', order: { kind: 'till', code, amount: amount.value, payee: merchant } });
    },
  },
  requests: {
    render: (s, view) => requestsPage(s, view).text,
    input: pickRequest,
    back: (s, view) => (view.page > 0 ? replace(s, { ...view, page: view.page - 1 }) : pop(s)),
  },
  request: {
    render: (s, { item }) =>
      item.cashOut
        ? t(s).cashOutRequest(clip(item.merchant, NAME_IN_PROMPT), money(s, item.amount))
        : t(s).request(
            clip(item.merchant, NAME_IN_PROMPT),
            money(s, item.amount),
            clip(item.description, 60),
          ),
    input: answerRequest,
  },
  airtime: {
    render: (s) => t(s).airtime,
    input: (s, _view, input) => {
      if (input === '1') return push(s, { at: 'airtime_amount', number: s.phone });
      return input === '2' ? push(s, { at: 'airtime_number' }) : stay(s, t(s).invalidChoice);
    },
  },
  airtime_number: {
    render: (s) => t(s).airtimeNumber,
    input: (s, _view, input) => {
      const number = readPhone(s, input);
      return number.ok
        ? push(s, { at: 'airtime_amount', number: number.value })
        : refuse(s, number, again(s));
    },
  },
  airtime_amount: {
    render: (s, view) => t(s).airtimeAmount(showPhone(view.number)),
    input: (s, { number }, input) => {
      const amount = readAmount(s, input);
      if (!amount.ok) return refuse(s, amount, again(s));
      return push(s, { at: 'pay_pin', order: { kind: 'airtime', number, amount: amount.value } });
    },
  },
};
