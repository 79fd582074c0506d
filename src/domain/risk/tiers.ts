// KYC tiers as data: the payment limits and balance cap of each tier, the checks against them and operator overrides.

import { formatAmount, parseAmount } from '../../money/index.js';

/** The three payment-account classes of China's tiered KYC (PBOC 2015 rules for payment accounts). */
export type TierName = 'class_1' | 'class_2' | 'class_3';

/** The limits of one tier, all in fen (CNY minor units). Outgoing limits include fees. */
export interface TierLimits {
  perTransaction: bigint;
  perDay: bigint;
  perMonth: bigint;
  perYear: bigint;
  /** Cumulative outgoing payments since the account was opened; `null` = no lifetime limit. */
  lifetime: bigint | null;
  balanceCap: bigint;
}

/** Money already spent in each window (business day, month and year in the operator's time zone). */
export interface LimitUsage {
  day: bigint;
  month: bigint;
  year: bigint;
  lifetime: bigint;
}

/** Which limit refused a payment. */
export type LimitName = 'per_transaction' | 'per_day' | 'per_month' | 'per_year' | 'lifetime';

/** `remaining` is the largest amount that would still pass every limit (0 when nothing may be spent). */
export type LimitCheck =
  | { ok: true }
  | { ok: false; error: 'limit_exceeded'; limit: LimitName; remaining: bigint };

const YUAN = 100n;

/**
 * Defaults; operators override them with `parseTierOverrides`.
 * - Class I (one remote verification channel): the rules cap cumulative outgoing payments since opening at
 *   ¥1,000, so every window and the balance cap are ¥1,000 too — a larger window could never be used.
 * - Class II (three channels): ¥100,000 a year. We add ¥10,000 per payment and per day (one large payment a
 *   day, as banks' Class II accounts do), ¥100,000 a month (the year may be spent in one month) and a
 *   ¥100,000 balance cap (no more stored than could be spent in a year).
 * - Class III (five channels or face to face): ¥200,000 a year; ¥50,000 per payment and per day,
 *   ¥200,000 a month and a ¥200,000 balance cap, by the same reasoning.
 */
export const DEFAULT_TIERS: Readonly<Record<TierName, TierLimits>> = Object.freeze({
  class_1: Object.freeze({
    perTransaction: 1_000n * YUAN,
    perDay: 1_000n * YUAN,
    perMonth: 1_000n * YUAN,
    perYear: 1_000n * YUAN,
    lifetime: 1_000n * YUAN,
    balanceCap: 1_000n * YUAN,
  }),
  class_2: Object.freeze({
    perTransaction: 10_000n * YUAN,
    perDay: 10_000n * YUAN,
    perMonth: 100_000n * YUAN,
    perYear: 100_000n * YUAN,
    lifetime: null,
    balanceCap: 100_000n * YUAN,
  }),
  class_3: Object.freeze({
    perTransaction: 50_000n * YUAN,
    perDay: 50_000n * YUAN,
    perMonth: 200_000n * YUAN,
    perYear: 200_000n * YUAN,
    lifetime: null,
    balanceCap: 200_000n * YUAN,
  }),
});

/** How much of each limit is left; a limit already overrun (e.g. lowered by the operator) has 0 left. */
function remainders(tier: TierLimits, usage: LimitUsage): [LimitName, bigint][] {
  const left = (limit: bigint, used: bigint): bigint => (limit > used ? limit - used : 0n);
  const windows: [LimitName, bigint][] = [
    ['per_transaction', tier.perTransaction],
    ['per_day', left(tier.perDay, usage.day)],
    ['per_month', left(tier.perMonth, usage.month)],
    ['per_year', left(tier.perYear, usage.year)],
  ];
  if (tier.lifetime !== null) windows.push(['lifetime', left(tier.lifetime, usage.lifetime)]);
  return windows;
}

/**
 * Checks a new outgoing payment (`amount`, fee included) against every limit of the tier. When several limits
 * refuse it, the tightest one is reported (on a tie, the first of per payment, day, month, year, lifetime).
 */
export function checkLimits(tier: TierLimits, usage: LimitUsage, amount: bigint): LimitCheck {
  let tightest: [LimitName, bigint] | undefined;
  for (const window of remainders(tier, usage)) {
    if (tightest === undefined || window[1] < tightest[1]) tightest = window;
  }
  if (tightest === undefined || amount <= tightest[1]) return { ok: true };
  return { ok: false, error: 'limit_exceeded', limit: tightest[0], remaining: tightest[1] };
}

/** Checks the balance an incoming movement would leave against the tier's cap. */
export function checkBalanceCap(
  tier: TierLimits,
  balanceAfter: bigint,
): { ok: true } | { ok: false; error: 'balance_cap_exceeded'; cap: bigint } {
  if (balanceAfter <= tier.balanceCap) return { ok: true };
  return { ok: false, error: 'balance_cap_exceeded', cap: tier.balanceCap };
}

/** The tiers, lowest first. */
export const TIER_NAMES: readonly TierName[] = ['class_1', 'class_2', 'class_3'];
const FIELDS: readonly (keyof TierLimits)[] = [
  'perTransaction',
  'perDay',
  'perMonth',
  'perYear',
  'lifetime',
  'balanceCap',
];
/** Whole yuan up to 12 digits, optionally with one or two decimals: "500", "500.5", "500.00". */
const YUAN_TEXT = /^\d{1,12}(\.\d{1,2})?$/;

function isTierName(name: string): name is TierName {
  return (TIER_NAMES as readonly string[]).includes(name);
}

function isField(name: string): name is keyof TierLimits {
  return (FIELDS as readonly string[]).includes(name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type WindowField = 'perTransaction' | 'perDay' | 'perMonth' | 'perYear';
/** Windows must nest: a payment within a day, a day within a month, a month within a year. */
const NESTED: readonly [WindowField, WindowField][] = [
  ['perTransaction', 'perDay'],
  ['perDay', 'perMonth'],
  ['perMonth', 'perYear'],
];

/** A decimal yuan string as fen, or a message naming `path`. */
function parseYuan(path: string, value: unknown, orNull: boolean): bigint | string {
  const parsed = typeof value === 'string' && YUAN_TEXT.test(value) ? parseAmount(value, 'CNY') : undefined;
  if (parsed?.ok) return parsed.amount.value;
  const alternative = orNull ? ' or null' : '';
  return `${path} must be a decimal yuan string such as "500.00"${alternative} (got ${JSON.stringify(value)})`;
}

function applyTierOverride(tier: TierName, override: unknown, target: TierLimits, problems: string[]): void {
  if (!isRecord(override)) {
    problems.push(`${tier} must be an object of limits, e.g. {"perDay":"500.00"}`);
    return;
  }
  for (const [field, value] of Object.entries(override)) {
    if (!isField(field)) {
      problems.push(`unknown limit "${field}" in ${tier} (known: ${FIELDS.join(', ')})`);
    } else if (field === 'lifetime' && value === null) {
      target.lifetime = null;
    } else {
      const fen = parseYuan(`${tier}.${field}`, value, field === 'lifetime');
      if (typeof fen === 'string') problems.push(fen);
      else target[field] = fen;
    }
  }
}

function checkNesting(tier: TierName, limits: TierLimits, problems: string[]): void {
  const yuan = (value: bigint): string => formatAmount({ value, currency: 'CNY' });
  for (const [smaller, larger] of NESTED) {
    if (limits[smaller] <= limits[larger]) continue;
    problems.push(
      `${tier}.${smaller} (${yuan(limits[smaller])}) exceeds ${tier}.${larger} (${yuan(limits[larger])})`,
    );
  }
}

/**
 * The default tiers with an operator's overrides applied, from JSON such as `{"class_1":{"perDay":"500.00"}}`.
 * Amounts are decimal yuan strings matching /^\d{1,12}(\.\d{1,2})?$/ in canonical form (no leading zeros);
 * `lifetime` may also be `null`. Unknown tiers and fields, bad values and windows that do not nest
 * (perTransaction ≤ perDay ≤ perMonth ≤ perYear) are all reported, joined by "; ".
 */
export function parseTierOverrides(
  json: string,
): { ok: true; tiers: Record<TierName, TierLimits> } | { ok: false; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, error: 'tier overrides must be valid JSON, e.g. {"class_1":{"perDay":"500.00"}}' };
  }
  if (!isRecord(parsed))
    return { ok: false, error: 'tier overrides must be a JSON object keyed by tier name' };
  const tiers: Record<TierName, TierLimits> = {
    class_1: { ...DEFAULT_TIERS.class_1 },
    class_2: { ...DEFAULT_TIERS.class_2 },
    class_3: { ...DEFAULT_TIERS.class_3 },
  };
  const problems: string[] = [];
  for (const [name, override] of Object.entries(parsed)) {
    if (isTierName(name)) applyTierOverride(name, override, tiers[name], problems);
    else problems.push(`unknown tier "${name}" (known: ${TIER_NAMES.join(', ')})`);
  }
  for (const name of TIER_NAMES) checkNesting(name, tiers[name], problems);
  return problems.length === 0 ? { ok: true, tiers } : { ok: false, error: problems.join('; ') };
}
