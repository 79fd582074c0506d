// The merchant discount rate: a percentage of each payment by merchant category, with a cap, and its config text.

import type { CurrencyCode } from '../../money/index.js';
import { parsePositiveAmount } from '../../money/index.js';
import { bandFee } from './tariff.js';

export interface MerchantRate {
  /** 1/100 of a percent: 38 = 0.38 %. */
  basisPoints: number;
  /** The fee of one payment never exceeds this (minor units); null = no cap. */
  cap: bigint | null;
}

export interface MerchantFeeTable {
  default: MerchantRate;
  /** By 4-digit merchant category code. */
  categories: Record<string, MerchantRate>;
}

/**
 * 0.38 % capped at ¥50 by default; no fee for schools (8211, 8220), hospitals (8062), charities (8398) and
 * government services (9399), as public-service categories usually get.
 */
export const DEFAULT_MERCHANT_FEES: MerchantFeeTable = {
  default: { basisPoints: 38, cap: 5_000n },
  categories: Object.fromEntries(
    ['8211', '8220', '8062', '8398', '9399'].map((mcc) => [mcc, { basisPoints: 0, cap: null }]),
  ),
};

/** The fee the merchant pays on a payment: rounded half up to the minor unit, held under the cap, ≤ amount. */
export function merchantFee(table: MerchantFeeTable, mcc: string, amount: bigint): bigint {
  const rate = table.categories[mcc] ?? table.default;
  const fee = bandFee(
    { upTo: null, fixed: 0n, basisPoints: rate.basisPoints, min: 0n, max: rate.cap },
    amount,
  );
  return fee > amount ? amount : fee;
}

const RATE = /^(?:0|[1-9]\d?)(?:\.\d{1,2})?$|^100(?:\.0{1,2})?$/;

/**
 * Reads `MWALLET_MDR`: JSON such as `{"default":{"rate":"0.38","cap":"50.00"},"5411":{"rate":"0.25"}}`
 * (rates in percent, at most 2 decimals; caps as amounts; categories as 4-digit codes).
 */
export function parseMerchantFees(
  text: string,
  currency: CurrencyCode,
): { ok: true; table: MerchantFeeTable } | { ok: false; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: 'expected an object of categories' };
  }
  const table: MerchantFeeTable = { default: DEFAULT_MERCHANT_FEES.default, categories: {} };
  for (const [category, value] of Object.entries(parsed)) {
    if (category !== 'default' && !/^\d{4}$/.test(category)) {
      return { ok: false, error: `"${category}" is not "default" or a 4-digit category code` };
    }
    const rate = readRate(value, currency);
    if (typeof rate === 'string') return { ok: false, error: `${category}: ${rate}` };
    if (category === 'default') table.default = rate;
    else table.categories[category] = rate;
  }
  return { ok: true, table };
}

function readRate(value: unknown, currency: CurrencyCode): MerchantRate | string {
  if (typeof value !== 'object' || value === null) return 'expected {"rate": "0.38", "cap": "50.00"}';
  const { rate, cap, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `unknown field ${Object.keys(rest)[0]}`;
  if (typeof rate !== 'string' || !RATE.test(rate)) return 'rate must be a percentage such as "0.38"';
  const [whole = '0', fraction = ''] = rate.split('.');
  const basisPoints = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (cap === undefined || cap === null) return { basisPoints, cap: null };
  if (typeof cap !== 'string') return 'cap must be an amount such as "50.00"';
  const amount = parsePositiveAmount(cap, currency);
  if (!amount.ok) return 'cap must be an amount such as "50.00"';
  return { basisPoints, cap: amount.amount.value };
}
