// Unit tests for the canonical decimal form of amounts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Amount } from './amount.js';
import { formatAmount } from './format.js';

const amount = (value: bigint, currency: Amount['currency']): Amount => ({ value, currency });

describe('formatAmount', () => {
  it("writes exactly the currency's exponent digits", () => {
    assert.equal(formatAmount(amount(1250n, 'CNY')), '12.50');
    assert.equal(formatAmount(amount(1n, 'CNY')), '0.01');
    assert.equal(formatAmount(amount(0n, 'CNY')), '0.00');
    assert.equal(formatAmount(amount(100n, 'JPY')), '100');
    assert.equal(formatAmount(amount(0n, 'JPY')), '0');
    assert.equal(formatAmount(amount(1234n, 'BHD')), '1.234');
    assert.equal(formatAmount(amount(5n, 'BHD')), '0.005');
  });

  it('writes negative values with a leading minus', () => {
    assert.equal(formatAmount(amount(-1250n, 'CNY')), '-12.50');
    assert.equal(formatAmount(amount(-5n, 'CNY')), '-0.05');
    assert.equal(formatAmount(amount(-100n, 'JPY')), '-100');
  });

  it('is exact at the 64-bit limits', () => {
    assert.equal(formatAmount(amount(2n ** 63n - 1n, 'CNY')), '92233720368547758.07');
    assert.equal(formatAmount(amount(-(2n ** 63n), 'CNY')), '-92233720368547758.08');
    assert.equal(formatAmount(amount(2n ** 63n - 1n, 'BHD')), '9223372036854775.807');
  });
});
