// Property tests: parse ∘ format is the identity on every amount, and parsing never throws.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AMOUNT_MAX, type Amount } from './amount.js';
import { CURRENCY_CODES, minorUnits } from './currencies.js';
import { formatAmount } from './format.js';
import { parseAmount } from './parse.js';

const anyCurrency = fc.constantFrom(...CURRENCY_CODES);
const anyAmount = fc
  .tuple(anyCurrency, fc.bigInt({ min: 0n, max: AMOUNT_MAX }))
  .map(([currency, value]): Amount => ({ value, currency }));

describe('round trip', () => {
  it('parseAmount(formatAmount(a)) = a for every currency and every value in 0..2^63−1', () => {
    fc.assert(
      fc.property(anyAmount, (a) => {
        assert.deepEqual(parseAmount(formatAmount(a), a.currency), { ok: true, amount: a });
      }),
      { numRuns: 5000 },
    );
  });

  it('holds at the edges of the range', () => {
    for (const currency of CURRENCY_CODES) {
      for (const value of [0n, 1n, 9n, 10n, 99n, 100n, 999n, 1000n, AMOUNT_MAX - 1n, AMOUNT_MAX]) {
        const a = { value, currency };
        assert.deepEqual(parseAmount(formatAmount(a), currency), { ok: true, amount: a });
      }
    }
  });

  it('trailing zeros parse to the same amount; a significant extra digit is too_many_decimals', () => {
    fc.assert(
      fc.property(
        anyAmount,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 9 }),
        (a, zeros, digit) => {
          const text = formatAmount(a) + (minorUnits(a.currency) === 0 ? '.' : '');
          assert.deepEqual(parseAmount(text + '0'.repeat(zeros), a.currency), { ok: true, amount: a });
          assert.deepEqual(parseAmount(`${text}${'0'.repeat(zeros - 1)}${digit}`, a.currency), {
            ok: false,
            error: 'too_many_decimals',
          });
        },
      ),
    );
  });
});

describe('parseAmount never throws', () => {
  const check = (text: unknown, currency: string) => {
    const parsed = parseAmount(text, currency);
    assert.equal(typeof parsed.ok, 'boolean');
    if (parsed.ok) {
      assert.ok(parsed.amount.value >= 0n && parsed.amount.value <= AMOUNT_MAX);
      assert.equal(typeof text, 'string');
    }
  };

  it('on arbitrary Unicode strings and currency codes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.oneof(anyCurrency, fc.string()), check),
      { numRuns: 3000 },
    );
  });

  it('on number-like strings', () => {
    const numberish = fc.string({
      unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'x', ' ', ',', '_', '１'),
      maxLength: 40,
    });
    fc.assert(fc.property(numberish, anyCurrency, check), { numRuns: 5000 });
  });

  it('on arbitrary non-string values', () => {
    fc.assert(fc.property(fc.anything(), anyCurrency, check), { numRuns: 1000 });
  });
});
