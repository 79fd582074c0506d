// The Amount value type (bigint minor units + currency), its bounds and the result shape of amount operations.

import type { CurrencyCode } from './currencies.js';

/** An exact amount of money: `value` minor units (cents, fen…) of `currency`. Never a float. */
export interface Amount {
  readonly value: bigint;
  readonly currency: CurrencyCode;
}

/** The largest value an Amount may hold: 2^63−1, the top of a signed 64-bit BIGINT column. */
export const AMOUNT_MAX = (1n << 63n) - 1n;
/** The smallest value an Amount may hold (negative values appear in statements and deltas): −2^63. */
export const AMOUNT_MIN = -(1n << 63n);

/** Either an amount or one of the listed failure codes. */
export type AmountResult<E extends string> = { ok: true; amount: Amount } | { ok: false; error: E };

/** True when the amount is exactly zero. */
export function isZero(amount: Amount): boolean {
  return amount.value === 0n;
}
