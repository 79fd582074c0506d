// Range checks for the integer fields of accounts and transfers (u128 ids, u64/u32/u16 user fields).
import { ID_MAX } from './types.js';

const U64_MAX = (1n << 64n) - 1n;

export function isU128(value: bigint): boolean {
  return value >= 0n && value <= ID_MAX;
}

export function isU64(value: bigint): boolean {
  return value >= 0n && value <= U64_MAX;
}

export function isUint(value: number, bits: 16 | 32): boolean {
  return Number.isInteger(value) && value >= 0 && value < 2 ** bits;
}
