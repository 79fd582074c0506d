// Unit and property tests for the new-PIN policy: format refusals, guessable patterns, personal data.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNewPin, type PinContext } from './pin-policy.js';

const CONTEXT: PinContext = { birthDate: '1990-07-15', phoneE164: '+8613800138765' };

function errorOf(pin: unknown, context: PinContext = CONTEXT): string | undefined {
  const result = checkNewPin(pin, context);
  return result.ok ? undefined : result.error;
}

describe('checkNewPin accepts', () => {
  it('six digits without a pattern or personal meaning', () => {
    for (const pin of ['275190', '048213', '135792', '120045', '123457', '112233']) {
      assert.deepEqual(checkNewPin(pin, CONTEXT), { ok: true }, pin);
    }
  });

  it('without any context', () => {
    assert.deepEqual(checkNewPin('900715', {}), { ok: true });
    assert.deepEqual(checkNewPin('138765', {}), { ok: true });
  });
});

describe('checkNewPin refuses with pin_format', () => {
  it('anything but a string of exactly six ASCII digits', () => {
    const pins = ['12345', '1234567', '12a456', '１２３４５６', ' 27519', '275190 ', '', '+27519', '٢٧٥١٩٠'];
    for (const pin of pins) assert.equal(errorOf(pin), 'pin_format', pin);
  });

  it('non-strings, even six-digit numbers', () => {
    for (const pin of [275190, null, undefined, ['275190']]) assert.equal(errorOf(pin), 'pin_format');
  });
});

describe('checkNewPin refuses with pin_too_simple', () => {
  it('one repeated digit', () => {
    for (let digit = 0; digit <= 9; digit += 1)
      assert.equal(errorOf(String(digit).repeat(6)), 'pin_too_simple');
  });

  it('ascending and descending runs', () => {
    const runs = ['012345', '123456', '234567', '345678', '456789', '987654', '876543', '654321', '543210'];
    for (const pin of runs) assert.equal(errorOf(pin), 'pin_too_simple', pin);
  });

  it('repeated blocks of two or three digits', () => {
    for (const pin of ['121212', '909090', '123123', '580580', '007007']) {
      assert.equal(errorOf(pin), 'pin_too_simple', pin);
    }
  });

  it('the birth date as YYMMDD, MMDDYY and DDMMYY', () => {
    for (const pin of ['900715', '071590', '150790']) assert.equal(errorOf(pin), 'pin_too_simple', pin);
    assert.equal(
      errorOf('900715', { birthDate: '1990/07/15' }),
      undefined,
      'unreadable birth date is ignored',
    );
  });

  it('the last six digits of the phone number', () => {
    assert.equal(errorOf('138765'), 'pin_too_simple');
    assert.equal(errorOf('138765', { phoneE164: '+254712138765' }), 'pin_too_simple');
    assert.equal(errorOf('013876'), undefined);
  });
});

describe('checkNewPin over every six-digit PIN', () => {
  it('refuses exactly the 1,100 patterned ones when there is no context', () => {
    // 10 single digits + 90 other two-digit blocks + 990 other three-digit blocks + 5 + 5 runs.
    let refused = 0;
    for (let value = 0; value < 1_000_000; value += 1) {
      const error = errorOf(String(value).padStart(6, '0'), {});
      assert.notEqual(error, 'pin_format');
      if (error === 'pin_too_simple') refused += 1;
    }
    assert.equal(refused, 1100);
  });
});
