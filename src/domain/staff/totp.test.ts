// Tests the staff TOTP against RFC 6238's SHA-1 test vectors (6-digit truncation), drift of ±1 step, and bad input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Secret } from 'otpauth';
import { matchingTotpStep, newTotpSecret, totpCode, totpUri } from './totp.js';

/** RFC 6238 appendix B: the SHA-1 seed is the ASCII text "12345678901234567890". */
const RFC_SECRET = Secret.fromUTF8('12345678901234567890').base32;

/** Time (seconds) → the RFC's 8-digit TOTP; a 6-digit code is its last 6 digits (the same truncation, mod 10^6). */
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('staff TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  for (const [seconds, code] of VECTORS) {
    it(`gives the RFC's code at T = ${seconds}`, () => {
      assert.equal(totpCode(RFC_SECRET, seconds * 1000), code.slice(-6));
      assert.equal(matchingTotpStep(RFC_SECRET, code.slice(-6), seconds * 1000), Math.floor(seconds / 30));
    });
  }

  it('accepts the previous and the next step (clock drift) and nothing further', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    for (const offset of [-1, 0, 1]) {
      const code = totpCode(RFC_SECRET, now + offset * 30_000);
      assert.equal(matchingTotpStep(RFC_SECRET, code, now), step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      const code = totpCode(RFC_SECRET, now + offset * 30_000);
      assert.equal(matchingTotpStep(RFC_SECRET, code, now), undefined, `offset ${offset}`);
    }
  });

  it('refuses anything but six digits', () => {
    const now = 59_000;
    for (const bad of ['', '28708', '2870822', '28708a', ' 287082', '287 082']) {
      assert.equal(matchingTotpStep(RFC_SECRET, bad, now), undefined, JSON.stringify(bad));
    }
  });

  it('makes 160-bit secrets and an otpauth URI an authenticator app reads', () => {
    const secret = newTotpSecret();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.notEqual(secret, newTotpSecret());
    const uri = new URL(totpUri('alice', secret));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
  });
});
