// Building blocks of the menus: moving between views, asking for effects, replies, amounts, clipping and paging.
import type { Locale } from '../../domain/notifications/messages.js';
import { type CurrencyCode, currencyOf, formatAmountForDisplay, parseAmount } from '../../money/index.js';
import { type RefusalCode, refusalText } from '../phone-refusals.js';
import type {
  EffectKind,
  EffectOf,
  Effects,
  Outcome,
  Reply,
  SessionState,
  View,
  ViewName,
  ViewOf,
} from './ussd-state.js';
import { type Texts, textsFor } from './ussd-texts.js';

/** The longest reply a USSD screen takes, `CON `/`END ` included. */
export const SCREEN_MAX = 182;
/** Numbered rows on one page of a list (`9` is "more", `0` is "back"). */
const ROWS_PER_PAGE = 8;

/** Show the view on top of the state's trail, with an optional notice line above it. */
export interface Go {
  kind: 'go';
  state: SessionState;
  notice?: string;
}
export type StepOf<K extends EffectKind> = {
  kind: 'effect';
  effect: EffectOf<K>;
  resume(outcome: Outcome<K>): Step;
};
/** What a menu answers to an input: a reply, a view to show, or an effect to run first. */
export type Step = Reply | Go | { [K in EffectKind]: StepOf<K> }[EffectKind];

export const t = (s: SessionState): Texts => textsFor(s.locale);
export const top = (s: SessionState): View => s.trail.at(-1) ?? { at: 'home' };

export const push = (s: SessionState, view: View, notice?: string): Go =>
  go({ ...s, trail: [...s.trail, view] }, notice);
export const replace = (s: SessionState, view: View, notice?: string): Go =>
  go({ ...s, trail: [...s.trail.slice(0, -1), view] }, notice);
export const stay = (s: SessionState, notice: string): Go => go(s, notice);
export const home = (s: SessionState): Go => go({ ...s, trail: [{ at: 'home' }] });
export const pop = (s: SessionState): Go =>
  s.trail.length > 1 ? go({ ...s, trail: s.trail.slice(0, -1) }) : home(s);

function go(state: SessionState, notice?: string): Go {
  return notice === undefined ? { kind: 'go', state } : { kind: 'go', state, notice };
}

export function end(text: string): Reply {
  return { kind: 'reply', text: fit(`END ${text}`), next: null };
}

export function con(state: SessionState, text: string): Reply {
  return { kind: 'reply', text: fit(`CON ${text}`), next: state };
}

/** Cuts a reply to what a screen takes (texts are written to fit; this guards the unexpected). */
function fit(text: string): string {
  const chars = [...text];
  return chars.length <= SCREEN_MAX ? text : `${chars.slice(0, SCREEN_MAX - 1).join('')}…`;
}

/** Asks for an effect; `resume` gets its outcome. */
export function ask<K extends EffectKind>(
  kind: K,
  data: Effects[K],
  resume: (outcome: Outcome<K>) => Step,
): Step {
  // The effect and its continuation share K; TypeScript cannot see that a generic K picks one union member.
  return { kind: 'effect', effect: { kind, ...data }, resume } as unknown as Step;
}

/** A refusal: shown above `retry` (the view to try again) when given, else the session ends with it. */
export function refuse(
  s: SessionState,
  refusal: { error: RefusalCode; attemptsRemaining?: number },
  retry?: Go,
): Step {
  const text = refusalText(s.locale, refusal);
  return retry ? { ...retry, notice: text } : end(text);
}

/** An amount written `12.50` (optionally signed), as the customer reads it (`¥12.50`). */
export function money(s: SessionState, wire: string): string {
  const negative = wire.startsWith('-');
  const currency = currencyOf(s.currency);
  const parsed = parseAmount(negative ? wire.slice(1) : wire, s.currency);
  if (!parsed.ok || !currency.ok) return wire;
  const code: CurrencyCode = currency.currency.code;
  const shown = formatAmountForDisplay({ value: parsed.amount.value, currency: code }, s.locale);
  return negative ? `-${shown}` : shown;
}

/** At most `max` characters, the last one an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export interface Page {
  text: string;
  /** Index of the first row shown, and how many are shown. */
  start: number;
  count: number;
  more: boolean;
}

/** The rows that fit one screen under `header`, page after page; `numbered` puts 1–8 in front of them. */
export function pageOf(
  locale: Locale,
  header: string,
  rows: string[],
  page: number,
  numbered: boolean,
): Page {
  const texts = textsFor(locale);
  let start = 0;
  for (let index = 0; ; index++) {
    const count = fitting(texts, header, rows, start, numbered);
    const more = start + count < rows.length;
    if (index === page || !more) {
      const shown = rows.slice(start, start + count).map((row, i) => (numbered ? `${i + 1} ${row}` : row));
      const footer = more ? `${texts.more}\n${texts.back}` : texts.back;
      return { text: [header, ...shown, footer].join('\n'), start, count, more };
    }
    start += count;
  }
}

/** How many rows from `start` fit on a screen (at least one, so paging always moves on). */
function fitting(texts: Texts, header: string, rows: string[], start: number, numbered: boolean): number {
  let count = 0;
  while (start + count < rows.length && count < ROWS_PER_PAGE) {
    const next = count + 1;
    const more = start + next < rows.length;
    const shown = rows.slice(start, start + next).map((row, i) => (numbered ? `${i + 1} ${row}` : row));
    const footer = more ? `${texts.more}\n${texts.back}` : texts.back;
    if ([...`CON ${[header, ...shown, footer].join('\n')}`].length > SCREEN_MAX && count > 0) break;
    count = next;
  }
  return count;
}

/** The same view again (a refusal's notice goes above it). */
export const again = (s: SessionState): Go => go(s);

/** How one kind of view is shown and answers input; `back` replaces the default `0` (one view back). */
export interface ViewSpec<A extends ViewName> {
  render(s: SessionState, view: ViewOf<A>): string;
  input(s: SessionState, view: ViewOf<A>, input: string, at: number): Step;
  back?(s: SessionState, view: ViewOf<A>): Step;
}
export type ViewSpecs<A extends ViewName> = { [K in A]: ViewSpec<K> };

export const isPin = (input: string): boolean => /^\d{6}$/.test(input);
