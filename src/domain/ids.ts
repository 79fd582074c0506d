// Random identifiers: opaque public ids for domain records and 128-bit ledger ids.
import { randomBytes } from 'node:crypto';

/** An opaque, unguessable id such as `cus_3kH…`: 96 random bits, URL-safe. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** A random 128-bit ledger id whose low 4 bits are zero: a payment's related transfers use base+1…base+15. */
export function newTransferBase(): bigint {
  const bytes = randomBytes(16);
  return BigInt(`0x${bytes.toString('hex')}`) & ~0xfn;
}

/** A random 128-bit ledger account id (never 0, never the reserved small operator ids). */
export function newAccountId(): bigint {
  return BigInt(`0x${randomBytes(16).toString('hex')}`) | (1n << 127n);
}

/** An opaque random secret for a bearer token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
