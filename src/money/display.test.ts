// Unit tests for localized display: symbols per locale, grouping, signs and exactness of large values.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AMOUNT_MAX, AMOUNT_MIN, type Amount } from './amount.js';
import { CURRENCY_CODES, type CurrencyCode, minorUnits } from './currencies.js';
import { type DisplayLocale, formatAmountForDisplay } from './display.js';
import { formatAmount } from './format.js';

const amount = (value: bigint, currency: CurrencyCode): Amount => ({ value, currency });
const NBSP = '\u00a0';

/** Intl formatting a decimal string exactly (Intl.NumberFormat v3, untyped in our ES2022 lib): the oracle. */
function intlFormatOfDecimal(a: Amount, locale: DisplayLocale): string {
  const exponent = minorUnits(a.currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: a.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  const format = formatter.format as unknown as (value: string) => string;
  return format(formatAmount(a));
}

describe('formatAmountForDisplay', () => {
  it('uses ¥ in zh-CN and CN¥ in en for CNY, with grouping', () => {
    assert.equal(formatAmountForDisplay(amount(1250n, 'CNY'), 'zh-CN'), '¥12.50');
    assert.equal(formatAmountForDisplay(amount(1250n, 'CNY'), 'en'), 'CN¥12.50');
    assert.equal(formatAmountForDisplay(amount(123456750n, 'CNY'), 'zh-CN'), '¥1,234,567.50');
    assert.equal(formatAmountForDisplay(amount(123456750n, 'CNY'), 'en'), 'CN¥1,234,567.50');
  });

  it("shows exactly the currency's exponent digits", () => {
    assert.equal(formatAmountForDisplay(amount(100n, 'JPY'), 'en'), '¥100');
    assert.equal(formatAmountForDisplay(amount(100n, 'JPY'), 'zh-CN'), 'JP¥100');
    assert.equal(formatAmountForDisplay(amount(1234n, 'BHD'), 'en'), `BHD${NBSP}1.234`);
    assert.equal(formatAmountForDisplay(amount(1234567n, 'UGX'), 'en'), `UGX${NBSP}1,234,567`);
    assert.equal(formatAmountForDisplay(amount(0n, 'USD'), 'en'), '$0.00');
  });

  it('puts the minus sign where the locale does, also below one unit', () => {
    assert.equal(formatAmountForDisplay(amount(-1250n, 'CNY'), 'zh-CN'), '-¥12.50');
    assert.equal(formatAmountForDisplay(amount(-5n, 'CNY'), 'zh-CN'), '-¥0.05');
    assert.equal(formatAmountForDisplay(amount(-5n, 'USD'), 'en'), '-$0.05');
  });

  it('stays exact beyond float precision', () => {
    assert.equal(formatAmountForDisplay(amount(AMOUNT_MAX, 'CNY'), 'zh-CN'), '¥92,233,720,368,547,758.07');
    assert.equal(formatAmountForDisplay(amount(AMOUNT_MIN, 'CNY'), 'en'), '-CN¥92,233,720,368,547,758.08');
  });

  it('matches Intl formatting the exact decimal string, for every currency, locale and 64-bit value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCY_CODES),
        fc.constantFrom<DisplayLocale>('zh-CN', 'en'),
        fc.bigInt({ min: AMOUNT_MIN, max: AMOUNT_MAX }),
        (currency, locale, value) => {
          const a = amount(value, currency);
          assert.equal(formatAmountForDisplay(a, locale), intlFormatOfDecimal(a, locale));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
