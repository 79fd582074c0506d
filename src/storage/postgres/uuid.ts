// u128 ids as PostgreSQL uuids: written as 32 hex digits (uuid input takes them without hyphens), read back with them.
const ZERO = '0'.repeat(32);

/** Hex digits in byte order: the byte order of a uuid equals the numeric order of the id. */
export function idToUuid(id: bigint): string {
  return id === 0n ? ZERO : id.toString(16).padStart(32, '0');
}

export function uuidToId(uuid: string): bigint {
  return BigInt(`0x${uuid.replaceAll('-', '')}`);
}
