// Unit tests for strict amount parsing: accepted shapes, every refusal code and their precedence.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAmount, parsePositiveAmount } from './parse.js';

function ok(text: string, currency: string): bigint {
  const parsed = parseAmount(text, currency);
  assert.ok(parsed.ok, `${JSON.stringify(text)} ${currency}: ${parsed.ok ? '' : parsed.error}`);
  assert.equal(parsed.amount.currency, currency);
  return parsed.amount.value;
}

function error(text: unknown, currency: string): string | undefined {
  const parsed = parseAmount(text, currency);
  return parsed.ok ? undefined : parsed.error;
}

describe('parseAmount accepts', () => {
  it('whole and decimal amounts in minor units', () => {
    assert.equal(ok('12.5', 'CNY'), 1250n);
    assert.equal(ok('12.50', 'CNY'), 1250n);
    assert.equal(ok('12', 'CNY'), 1200n);
    assert.equal(ok('0.01', 'USD'), 1n);
    assert.equal(ok('100', 'JPY'), 100n);
    assert.equal(ok('1.234', 'BHD'), 1234n);
    assert.equal(ok('1.2', 'BHD'), 1200n);
    assert.equal(ok('5000', 'UGX'), 5000n);
  });

  it('zero in every spelling', () => {
    assert.equal(ok('0', 'CNY'), 0n);
    assert.equal(ok('0.00', 'CNY'), 0n);
    assert.equal(ok('0.0000', 'CNY'), 0n);
    assert.equal(ok('0', 'JPY'), 0n);
  });

  it('trailing zeros beyond the exponent, as exact values', () => {
    assert.equal(ok('1.230', 'CNY'), 123n);
    assert.equal(ok('100.00', 'JPY'), 100n);
    assert.equal(ok('1.0', 'JPY'), 1n);
    assert.equal(ok('1.2340000', 'BHD'), 1234n);
  });

  it('the largest value, 2^63−1 minor units', () => {
    assert.equal(ok('92233720368547758.07', 'CNY'), 2n ** 63n - 1n);
    assert.equal(ok('9223372036854775807', 'JPY'), 2n ** 63n - 1n);
    assert.equal(ok('9223372036854775.807', 'BHD'), 2n ** 63n - 1n);
    assert.equal(ok('9223372036854775807.000', 'JPY'), 2n ** 63n - 1n);
  });
});

describe('parseAmount refuses', () => {
  it('malformed text with invalid_format', () => {
    const bad = [
      '1e3',
      ' 1',
      '1 ',
      '+1',
      '-1',
      '-0',
      '',
      '0x10',
      '1.',
      '.5',
      '01',
      '00',
      '00.5',
      '1,000',
      '1,5',
      '1.2.3',
      '１２',
      '١٢',
      '1\n',
      '\n1',
      '1_000',
      'Infinity',
      'NaN',
      '1.5e-2',
      '¥1',
      '1n',
      '0b1',
    ];
    for (const text of bad) assert.equal(error(text, 'CNY'), 'invalid_format', JSON.stringify(text));
  });

  it('non-strings with invalid_format', () => {
    for (const value of [12.5, 1250n, null, undefined, {}, ['1'], true, new String('1')]) {
      assert.equal(error(value, 'CNY'), 'invalid_format', String(value));
    }
  });

  it('significant decimals beyond the exponent with too_many_decimals', () => {
    assert.equal(error('1.234', 'CNY'), 'too_many_decimals');
    assert.equal(error('0.001', 'USD'), 'too_many_decimals');
    assert.equal(error('1.5', 'JPY'), 'too_many_decimals');
    assert.equal(error('1.01', 'UGX'), 'too_many_decimals');
    assert.equal(error('1.2345', 'BHD'), 'too_many_decimals');
    assert.equal(error('1.2300001', 'CNY'), 'too_many_decimals');
  });

  it('values above 2^63−1 minor units with out_of_range', () => {
    assert.equal(error('92233720368547758.08', 'CNY'), 'out_of_range');
    assert.equal(error('9223372036854775808', 'JPY'), 'out_of_range');
    assert.equal(error('9223372036854775.808', 'BHD'), 'out_of_range');
    assert.equal(error('99999999999999999999', 'JPY'), 'out_of_range');
    assert.equal(error(`1${'0'.repeat(10_000)}`, 'CNY'), 'out_of_range');
  });

  it('unknown currencies with unknown_currency', () => {
    assert.equal(error('1', 'XXX'), 'unknown_currency');
    assert.equal(error('1', 'cny'), 'unknown_currency');
    assert.equal(error('1', ''), 'unknown_currency');
  });

  it('in the documented precedence', () => {
    assert.equal(error('abc', 'XXX'), 'unknown_currency');
    assert.equal(error(1, 'XXX'), 'unknown_currency');
    assert.equal(error('99999999999999999999.999', 'CNY'), 'too_many_decimals');
  });
});

describe('parsePositiveAmount', () => {
  it('refuses zero with not_positive', () => {
    for (const text of ['0', '0.00', '0.000']) {
      assert.deepEqual(parsePositiveAmount(text, 'CNY'), { ok: false, error: 'not_positive' });
    }
  });

  it('passes positive amounts and other errors through', () => {
    assert.deepEqual(parsePositiveAmount('0.01', 'CNY'), {
      ok: true,
      amount: { value: 1n, currency: 'CNY' },
    });
    assert.deepEqual(parsePositiveAmount('-1', 'CNY'), { ok: false, error: 'invalid_format' });
    assert.deepEqual(parsePositiveAmount('1.5', 'JPY'), { ok: false, error: 'too_many_decimals' });
    assert.deepEqual(parsePositiveAmount('1', 'XXX'), { ok: false, error: 'unknown_currency' });
  });
});
