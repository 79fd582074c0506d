// PIN verifiers: scrypt (slow, salted per customer) over HMAC(pepper, PIN); never the PIN itself.
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost: about 20–40 ms on one core here; runs on libuv's thread pool, off the event loop. */
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;

export interface PinVerifier {
  salt: Buffer;
  hash: Buffer;
}

function derive(pepper: Buffer, pin: string, salt: Buffer): Promise<Buffer> {
  const peppered = createHmac('sha256', pepper).update(pin).digest();
  return new Promise((resolve, reject) => {
    scrypt(peppered, salt, HASH_BYTES, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function createPinVerifier(pepper: Buffer, pin: string): Promise<PinVerifier> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(pepper, pin, salt) };
}

/** Constant-time comparison of the PIN's hash with the stored one. */
export async function pinMatches(pepper: Buffer, pin: string, verifier: PinVerifier): Promise<boolean> {
  const hash = await derive(pepper, pin, verifier.salt);
  return hash.length === verifier.hash.length && timingSafeEqual(hash, verifier.hash);
}
