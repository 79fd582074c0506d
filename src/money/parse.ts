// Strict decimal-string → Amount parsing: the only place in mwallet where strings become amounts.

import { AMOUNT_MAX, type AmountResult } from './amount.js';
import { currencyOf } from './currencies.js';
import type { ParseError, PositiveParseError } from './errors.js';

const DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
const ZEROS = /^0*$/;
/** 2^63−1 has 19 digits, so a whole part longer than this is out of range whatever its digits. */
const MAX_WHOLE_DIGITS = 19;

/**
 * Parses a canonical decimal string such as `"12.50"` into minor units of `currency`.
 * Decimals beyond the currency's exponent are accepted only if they are zeros (JPY `"100.00"` = 100n,
 * CNY `"1.230"` = 123n). Zero is valid. Failures are checked in this order: `unknown_currency`,
 * `invalid_format`, `too_many_decimals`, `out_of_range`.
 */
export function parseAmount(text: unknown, currency: string): AmountResult<ParseError> {
  const found = currencyOf(currency);
  if (!found.ok) return found;
  if (typeof text !== 'string') return { ok: false, error: 'invalid_format' };
  const match = DECIMAL.exec(text);
  if (match === null) return { ok: false, error: 'invalid_format' };
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const { code, exponent } = found.currency;
  if (!ZEROS.test(fraction.slice(exponent))) return { ok: false, error: 'too_many_decimals' };
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, error: 'out_of_range' };
  const value = BigInt(whole + fraction.slice(0, exponent).padEnd(exponent, '0'));
  if (value > AMOUNT_MAX) return { ok: false, error: 'out_of_range' };
  return { ok: true, amount: { value, currency: code } };
}

/** Like `parseAmount`, but zero is refused with `not_positive`. */
export function parsePositiveAmount(text: unknown, currency: string): AmountResult<PositiveParseError> {
  const parsed = parseAmount(text, currency);
  if (parsed.ok && parsed.amount.value === 0n) return { ok: false, error: 'not_positive' };
  return parsed;
}
