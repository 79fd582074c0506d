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
  /** The separator when the locale groups every three digits with one separator (then Intl is not needed per call). */
  thousands: string | undefined;
}

/** The separator of a locale that groups 1234 as 1·234 and 1234567890 as 1·234·567·890, else undefined. */
function thousandsSeparator(formatter: Intl.NumberFormat): string | undefined {
  const grouping = (value: bigint) => {
    const parts = formatter.formatToParts(value);
    const separators = new Set(parts.filter((part) => part.type === 'group').map((part) => part.value));
    const integers = parts.filter((part) => part.type === 'integer').map((part) => part.value);
    return { separators, integers: integers.join(',') };
  };
  const small = grouping(1234n);
  const large = grouping(1_234_567_890n);
  const [separator] = large.separators;
  const byThree =
    small.integers === '1,234' &&
    large.integers === '1,234,567,890' &&
    large.separators.size === 1 &&
    small.separators.has(separator ?? '');
  return byThree ? separator : undefined;
}

/** The whole part's digits, grouped as the locale does. */
function groupedDigits(layout: Layout, whole: bigint): string {
  const digits = whole.toString();
  if (digits.length <= 3) return digits;
  if (layout.thousands !== undefined) {
    const head = digits.length % 3 || 3;
    const groups = [digits.slice(0, head)];
    for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
    return groups.join(layout.thousands);
  }
  return layout.formatter
    .formatToParts(whole)
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
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
    layout = {
      formatter,
      positive: formatter.formatToParts(1n),
      negative: formatter.formatToParts(-1n),
      thousands: thousandsSeparator(formatter),
    };
    layouts.set(key, layout);
  }
  return layout;
}

/**
 * Formats with the locale's currency symbol, sign position and grouping. Intl only ever sees bigints:
 * the layout comes from formatting ±1 (once per currency), the grouped digits from the whole part (grouped by us
 * where the locale groups by threes), and the fraction digits are ours, so values up to 2^63−1 stay exact.
 */
export function formatAmountForDisplay(amount: Amount, locale: DisplayLocale): string {
  const exponent = minorUnits(amount.currency);
  const layout = layoutFor(locale, amount.currency, exponent);
  const { negative, whole, fraction } = splitMinorUnits(amount.value, exponent);
  const digits = groupedDigits(layout, whole);
  return (negative ? layout.negative : layout.positive)
    .map((part) => (part.type === 'integer' ? digits : part.type === 'fraction' ? fraction : part.value))
    .join('');
}
