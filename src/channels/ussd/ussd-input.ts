// Reading what customers type: mobile numbers (in the operator's region) and amounts (in the wallet's currency).
import { type CountryCode, nationalDigits, normalizePhone } from '../../domain/customers/phone.js';
import { formatAmount, parsePositiveAmount } from '../../money/index.js';
import type { RefusalCode } from '../phone-refusals.js';
import type { SessionState } from './ussd-state.js';

export type Read<T> = { ok: true; value: T } | { ok: false; error: RefusalCode };

/** A typed number as E.164. */
export function readPhone(s: SessionState, input: string): Read<string> {
  const phone = normalizePhone(input, s.region as CountryCode);
  return phone.ok ? { ok: true, value: phone.e164 } : phone;
}

/** A typed amount in its canonical wire form (`10` → `10.00`). */
export function readAmount(s: SessionState, input: string): Read<string> {
  const amount = parsePositiveAmount(input, s.currency);
  return amount.ok
    ? { ok: true, value: formatAmount(amount.amount) }
    : { ok: false, error: 'invalid_amount' };
}

/** A number as people in its country write it (`13800000001`), E.164 when unknown. */
export function showPhone(e164: string): string {
  return nationalDigits(e164) || e164;
}
