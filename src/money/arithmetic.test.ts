// Unit tests for same-currency arithmetic, comparison and zero checks.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AMOUNT_MAX, AMOUNT_MIN, type Amount, isZero } from './amount.js';
import { addAmounts, compareAmounts, subtractAmounts } from './arithmetic.js';

const cny = (value: bigint): Amount => ({ value, currency: 'CNY' });
const usd = (value: bigint): Amount => ({ value, currency: 'USD' });

describe('addAmounts', () => {
  it('adds same-currency amounts', () => {
    assert.deepEqual(addAmounts(cny(1250n), cny(1n)), { ok: true, amount: cny(1251n) });
  });
  it('refuses to mix currencies', () => {
    assert.deepEqual(addAmounts(cny(1n), usd(1n)), { ok: false, error: 'currency_mismatch' });
  });
  it('refuses results beyond the 64-bit range', () => {
    assert.deepEqual(addAmounts(cny(AMOUNT_MAX), cny(0n)), { ok: true, amount: cny(AMOUNT_MAX) });
    assert.deepEqual(addAmounts(cny(AMOUNT_MAX), cny(1n)), { ok: false, error: 'out_of_range' });
    assert.deepEqual(addAmounts(cny(AMOUNT_MIN), cny(-1n)), { ok: false, error: 'out_of_range' });
  });
});

describe('subtractAmounts', () => {
  it('subtracts, going negative when needed', () => {
    assert.deepEqual(subtractAmounts(cny(1250n), cny(250n)), { ok: true, amount: cny(1000n) });
    assert.deepEqual(subtractAmounts(cny(1n), cny(3n)), { ok: true, amount: cny(-2n) });
  });
  it('refuses to mix currencies', () => {
    assert.deepEqual(subtractAmounts(cny(1n), usd(1n)), { ok: false, error: 'currency_mismatch' });
  });
  it('refuses results beyond the 64-bit range', () => {
    assert.deepEqual(subtractAmounts(cny(AMOUNT_MIN), cny(0n)), { ok: true, amount: cny(AMOUNT_MIN) });
    assert.deepEqual(subtractAmounts(cny(AMOUNT_MIN), cny(1n)), { ok: false, error: 'out_of_range' });
    assert.deepEqual(subtractAmounts(cny(0n), cny(AMOUNT_MIN)), { ok: false, error: 'out_of_range' });
  });
});

describe('compareAmounts', () => {
  it('orders same-currency amounts', () => {
    assert.deepEqual(compareAmounts(cny(1n), cny(2n)), { ok: true, order: -1 });
    assert.deepEqual(compareAmounts(cny(2n), cny(2n)), { ok: true, order: 0 });
    assert.deepEqual(compareAmounts(cny(3n), cny(-2n)), { ok: true, order: 1 });
  });
  it('refuses to compare across currencies, even equal values', () => {
    assert.deepEqual(compareAmounts(cny(0n), usd(0n)), { ok: false, error: 'currency_mismatch' });
  });
});

describe('isZero', () => {
  it('is true only for zero', () => {
    assert.equal(isZero(cny(0n)), true);
    assert.equal(isZero(cny(1n)), false);
    assert.equal(isZero(cny(-1n)), false);
  });
});
