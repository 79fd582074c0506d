// Staff second factor: RFC 6238 TOTP (SHA-1, 6 digits, 30-second steps) through the otpauth library.
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'mwallet console';

function totpFor(username: string, base32Secret: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(base32Secret),
  });
}

/** A fresh 160-bit secret (RFC 4226's recommended length), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans (shown once, when the account is made). */
export function totpUri(username: string, base32Secret: string): string {
  return totpFor(username, base32Secret).toString();
}

/** The code for an instant (tests and demo tooling; a person reads it from their app). */
export function totpCode(base32Secret: string, atMs: number): string {
  return totpFor('staff', base32Secret).generate({ timestamp: atMs });
}

/**
 * The time step of a code that is right at `nowMs` or one step either side (clock drift), or undefined.
 * The caller refuses a step it has already accepted (a replayed code).
 */
export function matchingTotpStep(base32Secret: string, code: string, nowMs: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor('staff', base32Secret).validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
