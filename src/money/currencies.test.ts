// Unit tests for the ISO 4217 table: lookups, exponents and numeric codes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CURRENCY_CODES, type CurrencyCode, currencyOf, minorUnits } from './currencies.js';

const EXPECTED: Record<string, [numeric: string, exponent: number]> = {
  CNY: ['156', 2],
  USD: ['840', 2],
  EUR: ['978', 2],
  GBP: ['826', 2],
  KES: ['404', 2],
  TZS: ['834', 2],
  UGX: ['800', 0],
  RWF: ['646', 0],
  XOF: ['952', 0],
  XAF: ['950', 0],
  NGN: ['566', 2],
  GHS: ['936', 2],
  INR: ['356', 2],
  JPY: ['392', 0],
  BHD: ['048', 3],
  ZAR: ['710', 2],
  EGP: ['818', 2],
  ZMW: ['967', 2],
  MWK: ['454', 2],
  ETB: ['230', 2],
  HKD: ['344', 2],
};

describe('currencyOf', () => {
  for (const [code, [numeric, exponent]] of Object.entries(EXPECTED)) {
    it(`knows ${code} (${numeric}, exponent ${exponent})`, () => {
      assert.deepEqual(currencyOf(code), { ok: true, currency: { code, numeric, exponent } });
    });
  }

  it('refuses unknown, lower-case, padded and prototype-property codes', () => {
    for (const code of [
      'XXX',
      'cny',
      'Cny',
      ' CNY',
      'CNY ',
      '',
      '156',
      'toString',
      '__proto__',
      'constructor',
    ]) {
      assert.deepEqual(currencyOf(code), { ok: false, error: 'unknown_currency' }, code);
    }
  });

  it('has consistent entries: key = code, three-digit unique numeric codes', () => {
    const numerics = new Set<string>();
    for (const code of CURRENCY_CODES) {
      const found = currencyOf(code);
      assert.ok(found.ok);
      assert.equal(found.currency.code, code);
      assert.match(found.currency.numeric, /^[0-9]{3}$/);
      assert.ok(!numerics.has(found.currency.numeric), `duplicate numeric ${found.currency.numeric}`);
      numerics.add(found.currency.numeric);
    }
    assert.deepEqual([...CURRENCY_CODES], [...CURRENCY_CODES].sort());
  });
});

describe('minorUnits', () => {
  it('returns the exponent', () => {
    const cases: [CurrencyCode, number][] = [
      ['CNY', 2],
      ['JPY', 0],
      ['BHD', 3],
      ['UGX', 0],
    ];
    for (const [code, exponent] of cases) assert.equal(minorUnits(code), exponent);
  });
});
