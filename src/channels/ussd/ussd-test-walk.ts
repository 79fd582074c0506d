// For the USSD menu tests: a customer pressing keys through the pure engine, every screen checked on the way.
import assert from 'node:assert/strict';
import type { Locale } from '../../domain/notifications/messages.js';
import { advance, newSession, show } from './ussd-engine.js';
import { money, SCREEN_MAX } from './ussd-screen.js';
import type { Effect, EffectKind, EffectOf, Next, Outcome, RequestItem, SessionState } from './ussd-state.js';
import { textsFor } from './ussd-texts.js';

export const PIN = '135792';
export const OWN = '+8613800000001';
export const LONG_NAME = 'The Extremely Long Named Chengdu Fresh Market And Grocery Cooperative Store';
export type Script = { [K in EffectKind]?: (effect: EffectOf<K>) => Outcome<K> };
export const ok = <T>(value: T) => ({ ok: true, value }) as const;
export const done = ok({ done: true } as const);

/** A customer pressing keys: every reply is checked (length, no PIN echoed or stored). */
export class Walk {
  state: SessionState | null;
  readonly effects: Effect[] = [];
  private at = 0;
  constructor(
    readonly locale: Locale,
    airtime = true,
  ) {
    this.state = newSession({ locale, phone: OWN }, { currency: 'CNY', region: 'CN', airtime });
    check(show(this.state).text, '');
  }
  get t() {
    return textsFor(this.locale);
  }

  press(input: string, script: Script = {}): string {
    assert.ok(this.state, 'the session ended');
    let next: Next = advance(this.state, input, this.at++);
    while (next.kind === 'effect') {
      const effect: Effect = next.effect;
      this.effects.push(effect);
      const answer = script[effect.kind] as ((e: Effect) => Outcome<EffectKind>) | undefined;
      assert.ok(answer, `unexpected effect ${effect.kind}`);
      next = (next.resume as (o: Outcome<EffectKind>) => Next)(answer(effect));
    }
    check(next.text, input);
    assert.ok(!JSON.stringify(next.next).includes(PIN), 'a PIN in the session state');
    this.state = next.next;
    return next.text;
  }
  presses(inputs: string[], script: Script = {}): string {
    return inputs.map((input) => this.press(input, script)).at(-1) ?? '';
  }
  get last(): Effect | undefined {
    return this.effects.at(-1);
  }
}

export function check(text: string, input: string): void {
  assert.ok([...text].length <= SCREEN_MAX, `${[...text].length} characters: ${text}`);
  assert.match(text, /^(CON|END) /);
  assert.ok(!text.endsWith('…'), `cut: ${text}`);
  if (input === PIN) assert.ok(!text.includes(PIN), 'the PIN echoed');
}

export const con = (text: string) => `CON ${text}`;
/** An amount as a customer of this locale reads it. */
export const y = (locale: Locale, wire: string) =>
  money({ locale, currency: 'CNY', phone: OWN, region: 'CN', airtime: true, trail: [] }, wire);
export const end = (text: string) => `END ${text}`;

export function requests(n: number): RequestItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `ord_${i}`,
    cashOut: false,
    merchant: i % 2 ? LONG_NAME : `Shop ${i}`,
    amount: `${i + 1}.50`,
    description: i % 2 ? 'A very long description of what this order is for, '.repeat(3) : '',
  }));
}
