// The main menu, and what needs only the PIN: balance, mini statement (paged) and locking the wallet.
import {
  again,
  ask,
  end,
  home,
  isPin,
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
import type { Refusal, SessionState, View, ViewOf } from './ussd-state.js';

/** Where each main-menu choice leads. */
function choose(s: SessionState, input: string): Step {
  const open = (view: View) => push(s, view);
  switch (input) {
    case '1':
      return open({ at: 'pin', purpose: 'balance' });
    case '2':
      return open({ at: 'pin', purpose: 'statement' });
    case '3':
      return open({ at: 'send_to' });
    case '4':
      return open({ at: 'till_code' });
    case '5':
      return ask('requests', {}, (o) => {
        if (!o.ok) return refuse(s, o);
        if (o.value.items.length === 0) return end(t(s).requestsEmpty);
        return open({ at: 'requests', items: o.value.items, page: 0 });
      });
    case '6':
      return s.airtime ? open({ at: 'airtime' }) : end(t(s).airtimeUnavailable);
    case '7':
      return open({ at: 'account' });
    default:
      return stay(s, t(s).invalidChoice);
  }
}

/** A refusal after a PIN: a wrong one is asked again, anything else ends the session. */
export function afterPin(s: SessionState, o: Refusal): Step {
  return refuse(s, o, o.error === 'pin_incorrect' ? again(s) : undefined);
}

function withPin(s: SessionState, purpose: 'balance' | 'statement' | 'lock', at: number): Step {
  switch (purpose) {
    case 'balance':
      return ask('balance', { pinAt: at }, (o) =>
        o.ok ? end(t(s).balance(money(s, o.value.balance))) : afterPin(s, o),
      );
    case 'statement':
      return ask('statement', { pinAt: at }, (o) => {
        if (!o.ok) return afterPin(s, o);
        if (o.value.lines.length === 0) return end(t(s).statementEmpty);
        return replace(s, { at: 'statement', lines: o.value.lines, page: 0 });
      });
    case 'lock':
      return ask('lock', { pinAt: at }, (o) => (o.ok ? end(t(s).locked) : afterPin(s, o)));
  }
}

function statementPage(s: SessionState, view: ViewOf<'statement'>) {
  const rows = view.lines.map((line) => `${line.day} ${money(s, line.amount)} ${line.text}`);
  return pageOf(s.locale, t(s).statementTitle, rows, view.page, false);
}

export const MAIN_VIEWS: ViewSpecs<'home' | 'pin' | 'statement'> = {
  home: {
    render: (s) => t(s).home,
    input: (s, _view, input) => choose(s, input),
    back: home,
  },
  pin: {
    render: (s, view) => (view.purpose === 'lock' ? t(s).lockPin : t(s).enterPin),
    input: (s, view, input, at) =>
      isPin(input) ? withPin(s, view.purpose, at) : refuse(s, { error: 'pin_format' }, again(s)),
  },
  statement: {
    render: (s, view) => statementPage(s, view).text,
    input: (s, view, input) =>
      input === '9' && statementPage(s, view).more
        ? replace(s, { ...view, page: view.page + 1 })
        : stay(s, t(s).invalidChoice),
    back: (s, view) => (view.page > 0 ? replace(s, { ...view, page: view.page - 1 }) : pop(s)),
  },
};
