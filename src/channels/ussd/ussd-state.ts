// The USSD menus' data: the session state (stored as JSON), the effects menus ask for, and what effects answer.
import type { Locale } from '../../domain/notifications/messages.js';
import type { RefusalCode } from '../phone-refusals.js';

/** A payment being prepared; `payee` is how the customer sees who is paid (masked number, clipped name). */
export type PaymentOrder =
  | { kind: 'p2p'; to: string; amount: string; payee: string }
  | { kind: 'till'; code: string; amount: string; payee: string }
  | { kind: 'airtime'; number: string; amount: string }
  | { kind: 'request'; orderId: string; amount: string; payee: string }
  /** An agent's cash-out request: the customer's e-money goes to `agent`, who hands out the cash. */
  | { kind: 'cash_out'; orderId: string; amount: string; agent: string };

/** A priced P2P transfer, for its confirm screen. */
export interface TransferQuote {
  to: string;
  recipient: string;
  name: string | null;
  amount: string;
  fee: string;
  total: string;
}

/** One compact line of the mini statement: day, signed amount, what it was. */
export interface StatementLine {
  day: string;
  amount: string;
  text: string;
}

/** An open request: a merchant asks to be paid, or an agent asks to pay out cash (`cashOut`). */
export interface RequestItem {
  id: string;
  cashOut: boolean;
  /** The merchant's or the agent's name. */
  merchant: string;
  amount: string;
  description: string;
}

/** Where the customer is. `*At` fields are positions of secret inputs in the gateway's text, never their values. */
export type View =
  | { at: 'home' }
  | { at: 'pin'; purpose: 'balance' | 'statement' | 'lock' }
  | { at: 'statement'; lines: StatementLine[]; page: number }
  | { at: 'send_to' }
  | { at: 'send_amount'; to: string }
  | { at: 'send_confirm'; quote: TransferQuote }
  | { at: 'till_code' }
  | { at: 'till_amount'; code: string; merchant: string }
  | { at: 'requests'; items: RequestItem[]; page: number }
  | { at: 'request'; item: RequestItem }
  | { at: 'airtime' }
  | { at: 'airtime_number' }
  | { at: 'airtime_amount'; number: string }
  | { at: 'pay_pin'; order: PaymentOrder }
  | { at: 'pay_code'; order: PaymentOrder; pinAt: number; challengeId: string }
  | { at: 'account' }
  | { at: 'pin_current' }
  | { at: 'pin_new'; currentAt: number }
  | { at: 'pin_repeat'; currentAt: number; newAt: number }
  | { at: 'language' };

export type ViewName = View['at'];
export type ViewOf<A extends ViewName> = Extract<View, { at: A }>;

export interface SessionState {
  locale: Locale;
  currency: string;
  /** The customer's own number (E.164) and its region, for reading typed numbers. */
  phone: string;
  region: string;
  /** Whether airtime is offered (an airtime till is configured). */
  airtime: boolean;
  /** The screens behind the current one (the last): `0` goes back one, `00` home. */
  trail: View[];
}

/** What each effect is asked with. */
export interface Effects {
  balance: { pinAt: number };
  statement: { pinAt: number };
  price: { to: string; amount: string };
  till: { code: string };
  requests: Record<never, never>;
  /** `step` is the input that confirmed: with the session it makes the payment's idempotency key. */
  pay: { order: PaymentOrder; pinAt: number; step: number; code?: { challengeId: string; at: number } };
  send_code: { pinAt: number };
  decline: { orderId: string };
  change_pin: { currentAt: number; newAt: number; repeatAt: number };
  lock: { pinAt: number };
  language: { locale: Locale };
}

export interface Done {
  done: true;
}

/** What each effect answers when it succeeds. */
export interface Results {
  balance: { balance: string };
  statement: { lines: StatementLine[] };
  price: TransferQuote;
  till: { merchant: string };
  requests: { items: RequestItem[] };
  pay: Done;
  send_code: { challengeId: string };
  decline: Done;
  change_pin: Done;
  lock: Done;
  language: Done;
}

export type EffectKind = keyof Effects;
export type EffectOf<K extends EffectKind> = { kind: K } & Effects[K];
export type Effect = { [K in EffectKind]: EffectOf<K> }[EffectKind];

export interface Refusal {
  ok: false;
  error: RefusalCode;
  attemptsRemaining?: number;
}
export type Outcome<K extends EffectKind> = { ok: true; value: Results[K] } | Refusal;

/** A reply to the gateway: `CON …` with the next state, or `END …` (next is null). */
export interface Reply {
  kind: 'reply';
  text: string;
  next: SessionState | null;
}

/** An effect to run before the menus can answer; `resume` continues with its outcome. */
export interface PendingOf<K extends EffectKind> {
  kind: 'effect';
  effect: EffectOf<K>;
  resume(outcome: Outcome<K>): Next;
}
export type Pending<K extends EffectKind = EffectKind> = { [P in K]: PendingOf<P> }[K];

/** What the engine answers: a reply, or an effect to run first. */
export type Next = Reply | Pending;
