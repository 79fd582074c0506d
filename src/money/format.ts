// Amount → canonical decimal string ("12.50", "100", "-1.234"), the wire and statement form.

import type { Amount } from './amount.js';
import { minorUnits } from './currencies.js';

/** Splits a value into sign, whole units and the zero-padded fraction digits of `exponent` length. */
export function splitMinorUnits(
  value: bigint,
  exponent: number,
): { negative: boolean; whole: bigint; fraction: string } {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const scale = 10n ** BigInt(exponent);
  const fraction = exponent === 0 ? '' : (magnitude % scale).toString().padStart(exponent, '0');
  return { negative, whole: magnitude / scale, fraction };
}

/** Exactly the currency's exponent digits after the point, none for 0-exponent currencies; `-` if negative. */
export function formatAmount(amount: Amount): string {
  const { negative, whole, fraction } = splitMinorUnits(amount.value, minorUnits(amount.currency));
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}
