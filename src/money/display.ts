// Amount → localized display text ("¥1,234.50", "CN¥1,234.50") for people; never parsed back.

import type { Amount } from './amount.js';
import { minorUnits } from './currencies.js';
import { splitMinorUnits } from './format.js';

/** The locales every user-facing text exists in. */
export type DisplayLocale = 'zh-CN' | 'en';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: DisplayLocale, currency: string, exponent: number): Intl.NumberFormat {
  const key = `${locale}/${currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      numberingSystem: 'latn',
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats with the locale's currency symbol, sign position and grouping. Intl only ever sees bigints:
 * the layout comes from formatting ±1, the grouped digits from the whole part, and the fraction digits
 * are ours, so values up to 2^63−1 stay exact.
 */
export function formatAmountForDisplay(amount: Amount, locale: DisplayLocale): string {
  const exponent = minorUnits(amount.currency);
  const formatter = formatterFor(locale, amount.currency, exponent);
  const { negative, whole, fraction } = splitMinorUnits(amount.value, exponent);
  const digits = formatter
    .formatToParts(whole)
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  return formatter
    .formatToParts(negative ? -1n : 1n)
    .map((part) => (part.type === 'integer' ? digits : part.type === 'fraction' ? fraction : part.value))
    .join('');
}
