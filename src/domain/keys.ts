// The domain's secret keys, each derived from the master secret for one purpose.
import { createHmac } from 'node:crypto';
import type { SecretKey } from '../secrets/secret-key.js';

export interface DomainKeys {
  /** HMAC key applied to a PIN before its slow hash: a stolen database alone cannot be brute-forced. */
  pinPepper: Buffer;
  /** HMAC key for SMS codes and verification tokens at rest. */
  otp: Buffer;
  /** HMAC key for session tokens at rest. */
  sessions: Buffer;
  /** HMAC key for identity-document numbers (kept only as a keyed hash and the last 4 characters). */
  idNumbers: Buffer;
  /** AES-256-GCM key sealing merchant API secrets and webhook signing secrets at rest. */
  merchantSecrets: Buffer;
  /** HMAC key applied to staff passwords before their slow hash. */
  staffPepper: Buffer;
  /** AES-256-GCM key sealing staff TOTP secrets at rest. */
  staffSecrets: Buffer;
  /** HMAC key for staff (operator console) session tokens at rest. */
  staffSessions: Buffer;
}

export function deriveDomainKeys(secret: SecretKey): DomainKeys {
  return {
    pinPepper: secret.derive('mwallet/pin-pepper'),
    otp: secret.derive('mwallet/otp'),
    sessions: secret.derive('mwallet/sessions'),
    idNumbers: secret.derive('mwallet/id-numbers'),
    merchantSecrets: secret.derive('mwallet/merchant-secrets'),
    staffPepper: secret.derive('mwallet/staff-pepper'),
    staffSecrets: secret.derive('mwallet/staff-secrets'),
    staffSessions: secret.derive('mwallet/staff-sessions'),
  };
}

/** HMAC-SHA256 of text under key: how secrets that must be looked up (tokens, codes) are stored. */
export function keyedHash(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}
