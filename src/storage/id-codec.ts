// u128 ids as 16-byte big-endian binary, so that byte order equals numeric order in every database.
const LOW_64 = (1n << 64n) - 1n;

const ZERO = Buffer.alloc(16);

/** The 16 bytes of `id`; the shared zero buffer for 0 (most user data is 0) — callers must not write to it. */
export function idToBytes(id: bigint): Buffer {
  if (id === 0n) return ZERO;
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeBigUInt64BE(id >> 64n, 0);
  bytes.writeBigUInt64BE(id & LOW_64, 8);
  return bytes;
}

export function bytesToId(bytes: Uint8Array): bigint {
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (buffer.readBigUInt64BE(0) << 64n) | buffer.readBigUInt64BE(8);
}

/** u64 user data stored in a signed 64-bit column, two's complement. */
export function u64ToI64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

export function i64ToU64(value: bigint): bigint {
  return BigInt.asUintN(64, value);
}
