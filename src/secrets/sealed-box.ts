// AES-256-GCM sealing of small secrets kept at rest (stored API answers, merchant API and webhook secrets).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext. */
export function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The plain bytes; throws if the box was changed or sealed under another key. */
export function unseal(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}
