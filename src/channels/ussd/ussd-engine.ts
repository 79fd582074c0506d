// The USSD menu engine: a pure state machine from (state, input) to a reply, or to an effect and what follows it.
import type { Locale } from '../../domain/notifications/messages.js';
import { ACCOUNT_VIEWS } from './ussd-menu-account.js';
import { MAIN_VIEWS } from './ussd-menu-main.js';
import { MERCHANT_VIEWS } from './ussd-menu-merchant.js';
import { PAY_VIEWS } from './ussd-menu-pay.js';
import { SEND_VIEWS } from './ussd-menu-send.js';
import { con, home, pop, type Step, top, type ViewSpec, type ViewSpecs } from './ussd-screen.js';
import type { Next, Reply, SessionState, View, ViewName } from './ussd-state.js';

const VIEWS: ViewSpecs<ViewName> = {
  ...MAIN_VIEWS,
  ...SEND_VIEWS,
  ...PAY_VIEWS,
  ...MERCHANT_VIEWS,
  ...ACCOUNT_VIEWS,
};

/** The spec of a view; each view's `at` names its own spec (a correlation TypeScript cannot follow). */
function specOf(view: View): ViewSpec<ViewName> {
  return VIEWS[view.at] as ViewSpec<ViewName>;
}

export interface Customer {
  locale: Locale;
  phone: string;
}

/** A new session at the main menu. */
export function newSession(
  customer: Customer,
  settings: { currency: string; region: string; airtime: boolean },
): SessionState {
  return { ...settings, locale: customer.locale, phone: customer.phone, trail: [{ at: 'home' }] };
}

/** The screen of the state as it is (the first reply of a session). */
export function show(state: SessionState): Reply {
  return con(state, specOf(top(state)).render(state, top(state)));
}

/** One input (the `at`-th of the session): `00` home, `0` back, anything else to the current view. */
export function advance(state: SessionState, input: string, at: number): Next {
  if (input === '00') return resolve(home(state));
  const view = top(state);
  const spec = specOf(view);
  if (input === '0') return resolve(spec.back ? spec.back(state, view) : pop(state));
  return resolve(spec.input(state, view, input, at));
}

function resolve(step: Step): Next {
  switch (step.kind) {
    case 'reply':
      return step;
    case 'go': {
      const screen = specOf(top(step.state)).render(step.state, top(step.state));
      return con(step.state, step.notice === undefined ? screen : `${step.notice}\n${screen}`);
    }
    case 'effect': {
      const resume = step.resume as (outcome: unknown) => Step;
      return { ...step, resume: (outcome: unknown) => resolve(resume(outcome)) } as Next;
    }
  }
}
