// Unit tests for phone normalisation: accepted typed forms, mobile-only policy, refusals, E.164 helpers.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isE164, nationalDigits, normalizePhone } from './phone.js';

describe('normalizePhone accepts', () => {
  it('Chinese mobiles in national, spaced, international and IDD forms', () => {
    for (const input of [
      '13800138000',
      '138 0013 8000',
      '+86 138-0013-8000',
      '008613800138000',
      '(138) 0013.8000',
    ]) {
      assert.deepEqual(
        normalizePhone(input, 'CN'),
        { ok: true, e164: '+8613800138000', region: 'CN' },
        input,
      );
    }
  });

  it('other regions, reading national numbers relative to the default region', () => {
    assert.deepEqual(normalizePhone('0712 345 678', 'KE'), { ok: true, e164: '+254712345678', region: 'KE' });
    assert.deepEqual(normalizePhone('+254712345678', 'CN'), {
      ok: true,
      e164: '+254712345678',
      region: 'KE',
    });
  });

  it('numbers whose type may be mobile (FIXED_LINE_OR_MOBILE)', () => {
    assert.deepEqual(normalizePhone('+1 201 555 0123', 'CN'), {
      ok: true,
      e164: '+12015550123',
      region: 'US',
    });
  });
});

describe('normalizePhone refuses', () => {
  it('landlines and toll-free numbers as not_mobile', () => {
    assert.deepEqual(normalizePhone('010 1234 5678', 'CN'), { ok: false, error: 'not_mobile' });
    assert.deepEqual(normalizePhone('+86 10 1234 5678', 'KE'), { ok: false, error: 'not_mobile' });
    assert.deepEqual(normalizePhone('+1 800 555 0199', 'CN'), { ok: false, error: 'not_mobile' });
  });

  it('garbage, wrong lengths, extensions, URIs and non-ASCII digits as invalid_phone', () => {
    const inputs = [
      '',
      '   ',
      'abc',
      '13800138000abc',
      '1380013800',
      '138001380001',
      '+86 138 0013 8000 ext 12',
      'tel:+8613800138000',
      '１３８００１３８０００',
      '+',
      '++8613800138000',
      '+800 1234 5678',
    ];
    for (const input of inputs) {
      assert.deepEqual(normalizePhone(input, 'CN'), { ok: false, error: 'invalid_phone' }, input);
    }
  });

  it('input longer than 32 characters even when it holds a valid number', () => {
    const padded = `+86 138 0013 8000${' '.repeat(16)}`;
    assert.equal(padded.length, 33);
    assert.deepEqual(normalizePhone(padded, 'CN'), { ok: false, error: 'invalid_phone' });
    assert.equal(normalizePhone(padded.slice(1), 'CN').ok, true);
  });

  it('non-strings', () => {
    for (const input of [13800138000, null, undefined, { number: '13800138000' }, ['13800138000']]) {
      assert.deepEqual(normalizePhone(input, 'CN'), { ok: false, error: 'invalid_phone' });
    }
  });
});

describe('isE164', () => {
  it('accepts + then 7 to 15 digits not starting with 0', () => {
    for (const text of ['+8613800138000', '+1234567', '+123456789012345'])
      assert.equal(isE164(text), true, text);
  });

  it('refuses everything else', () => {
    const texts = [
      '8613800138000',
      '+0123456789',
      '+123456',
      '+1234567890123456',
      '+86 13800138000',
      '+86138٠',
    ];
    for (const text of texts) assert.equal(isE164(text), false, text);
  });
});

describe('nationalDigits', () => {
  it('drops the country calling code', () => {
    assert.equal(nationalDigits('+8613800138000'), '13800138000');
    assert.equal(nationalDigits('+254712345678'), '712345678');
    assert.equal(nationalDigits('+12015550123'), '2015550123');
  });

  it('gives an empty string for non-E.164 text', () => {
    assert.equal(nationalDigits('13800138000'), '');
    assert.equal(nationalDigits('+86 138 0013 8000'), '');
  });
});
