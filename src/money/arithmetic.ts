// Same-currency addition, subtraction and comparison of Amounts; mixing currencies is an error, not a guess.

import { AMOUNT_MAX, AMOUNT_MIN, type Amount, type AmountResult } from './amount.js';
import type { ArithmeticError } from './errors.js';

function combine(a: Amount, b: Amount, value: bigint): AmountResult<ArithmeticError> {
  if (a.currency !== b.currency) return { ok: false, error: 'currency_mismatch' };
  if (value > AMOUNT_MAX || value < AMOUNT_MIN) return { ok: false, error: 'out_of_range' };
  return { ok: true, amount: { value, currency: a.currency } };
}

/** a + b, or `currency_mismatch`, or `out_of_range` if the sum leaves the signed 64-bit range. */
export function addAmounts(a: Amount, b: Amount): AmountResult<ArithmeticError> {
  return combine(a, b, a.value + b.value);
}

/** a − b (may be negative), or `currency_mismatch`, or `out_of_range` outside the signed 64-bit range. */
export function subtractAmounts(a: Amount, b: Amount): AmountResult<ArithmeticError> {
  return combine(a, b, a.value - b.value);
}

/** The order of a and b (−1 less, 0 equal, 1 greater), or `currency_mismatch`. */
export function compareAmounts(
  a: Amount,
  b: Amount,
): { ok: true; order: -1 | 0 | 1 } | { ok: false; error: 'currency_mismatch' } {
  if (a.currency !== b.currency) return { ok: false, error: 'currency_mismatch' };
  return { ok: true, order: a.value < b.value ? -1 : a.value > b.value ? 1 : 0 };
}
