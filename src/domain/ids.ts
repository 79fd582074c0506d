// Random identifiers: opaque public ids for domain records and 128-bit ledger ids.
import { randomBytes } from 'node:crypto';

/** Random bytes are drawn from the CSPRNG a page at a time: one call per page instead of one per id. */
const PAGE_BYTES = 4096;
let page = Buffer.alloc(0);
let used = 0;

/** `n` fresh random bytes (a view of the current page, never handed out twice). */
function random(n: number): Buffer {
  if (used + n > page.length) {
    page = randomBytes(PAGE_BYTES);
    used = 0;
  }
  used += n;
  return page.subarray(used - n, used);
}

/** An opaque, unguessable id such as `cus_3kH…`: 96 random bits, URL-safe. */
export function newId(prefix: string): string {
  return `${prefix}_${random(12).toString('base64url')}`;
}

/** A random 128-bit ledger id whose low 4 bits are zero: a payment's related transfers use base+1…base+15. */
export function newTransferBase(): bigint {
  const bytes = random(16);
  return BigInt(`0x${bytes.toString('hex')}`) & ~0xfn;
}

/** A random 128-bit ledger account id (never 0, never the reserved small operator ids). */
export function newAccountId(): bigint {
  return BigInt(`0x${random(16).toString('hex')}`) | (1n << 127n);
}

/** An opaque random secret for a bearer token (256 bits). */
export function newToken(): string {
  return random(32).toString('base64url');
}
