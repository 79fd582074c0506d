// Amount → localized display text ("¥1,234.50", "CN¥1,234.50") for people; never parsed back.

import type { Amount } from './amount.js';
import { minorUnits } from './currencies.js';
import { splitMinorUnits } from './format.js';

/** The locales every user-facing text exists in. */
export type DisplayLocale = 'zh-CN' | 'en';

/** A currency's formatter and how it lays out a positive and a negative amount (symbol, sign, spacing). */
interface Layout {
  formatter: Intl.NumberFormat;
  positive: Intl.NumberFormatPart[];
  negative: Intl.NumberFormatPart[];
}

const layouts = new Map<string, Layout>();

function layoutFor(locale: DisplayLocale, currency: string, exponent: number): Layout {
  const key = `${locale}/${currency}`;
  let layout = layouts.get(key);
  if (layout === undefined) {
    const formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      numberingSystem: 'latn',
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    layout = { formatter, positive: formatter.formatToParts(1n), negative: formatter.formatToParts(-1n) };
    layouts.set(key, layout);
  }
  return layout;
}

/**
 * Formats with the locale's currency symbol, sign position and grouping. Intl only ever sees bigints:
 * the layout comes from formatting ±1 (once per currency), the grouped digits from the whole part, and the fraction digits
 * are ours, so values up to 2^63−1 stay exact.
 */
export function formatAmountForDisplay(amount: Amount, locale: DisplayLocale): string {
  const exponent = minorUnits(amount.currency);
  const layout = layoutFor(locale, amount.currency, exponent);
  const { negative, whole, fraction } = splitMinorUnits(amount.value, exponent);
  const digits = layout.formatter
    .formatToParts(whole)
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  return (negative ? layout.negative : layout.positive)
    .map((part) => (part.type === 'integer' ? digits : part.type === 'fraction' ? fraction : part.value))
    .join('');
}
