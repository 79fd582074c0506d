// Tests of the EMV QR CRC: the CRC-16/CCITT-FALSE check value, the EMVCo example, and a bitwise reference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { emvCrc } from './emv-crc.js';

/** The textbook bit-at-a-time CRC-16/CCITT-FALSE, written independently of the module under test. */
function bitwiseCrc(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** The merchant-presented example of the EMV QRCPS specification, with a Chinese alternate-language template. */
const EMVCO_EXAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN' +
  '5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***' +
  '0708A60086670902ME91320016A0112233449988770708123456786304A13A';

describe('EMV CRC', () => {
  it('gives the CRC-16/CCITT-FALSE check value 29B1 for "123456789"', () => {
    assert.equal(emvCrc('123456789'), '29B1');
    assert.equal(bitwiseCrc('123456789'), '29B1');
  });

  it('is the initial value FFFF for no bytes, always 4 uppercase hex digits', () => {
    assert.equal(emvCrc(''), 'FFFF');
    assert.equal(emvCrc('A'), 'B915');
  });

  it('reproduces the CRC A13A of the EMVCo example, computed over the UTF-8 bytes up to and including 6304', () => {
    assert.equal(emvCrc(EMVCO_EXAMPLE.slice(0, -4)), 'A13A');
  });

  it('agrees with the bitwise reference on any text, including non-ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        assert.equal(emvCrc(text), bitwiseCrc(text));
      }),
    );
  });
});
