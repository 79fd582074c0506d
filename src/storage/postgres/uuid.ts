// u128 ids as PostgreSQL uuid text ('0000…-…'): byte order of uuid equals numeric order of the id.
export function idToUuid(id: bigint): string {
  const hex = id.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuidToId(uuid: string): bigint {
  return BigInt(`0x${uuid.replaceAll('-', '')}`);
}
