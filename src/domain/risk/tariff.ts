// The P2P fee tariff: fee bands by amount, who pays the fee, the fee quote and the tariff's validation.

/** One band of a tariff. All money is in minor units. */
export interface FeeBand {
  /** Inclusive upper bound of the amounts this band prices; `null` = no bound (only the last band). */
  upTo: bigint | null;
  /** Flat part of the fee. */
  fixed: bigint;
  /** Percentage part of the fee in 1/100 of a percent (10 = 0.1 %); a whole number from 0 to 10,000. */
  basisPoints: number;
  /** The fee is never below this… */
  min: bigint;
  /** …nor above this; `null` = no maximum. */
  max: bigint | null;
}

/** Who bears the fee: the sender pays it on top, or the recipient receives the amount less the fee. */
export type FeePayer = 'sender' | 'recipient';

/** Bands sorted by ascending `upTo`, the last one unbounded (see `validateTariff`). */
export interface Tariff {
  bands: FeeBand[];
  payer: FeePayer;
}

/** A fee quote: `debitTotal` leaves the sender, `creditTotal` reaches the recipient; they differ by `fee`. */
export type FeeQuote =
  | { ok: true; fee: bigint; payer: FeePayer; debitTotal: bigint; creditTotal: bigint }
  | { ok: false; error: 'amount_below_fee' };

/** Default P2P tariff, paid by the sender: free up to ¥1,000 inclusive, then 0.1 % (at least ¥0.10, at most ¥25). */
export const DEFAULT_P2P_TARIFF: Tariff = {
  bands: [
    { upTo: 100_000n, fixed: 0n, basisPoints: 0, min: 0n, max: 0n },
    { upTo: null, fixed: 0n, basisPoints: 10, min: 10n, max: 2_500n },
  ],
  payer: 'sender',
};

const BASIS_POINTS_MAX = 10_000;

function bandFor(bands: FeeBand[], amount: bigint): FeeBand {
  const band = bands.find((candidate) => candidate.upTo === null || amount <= candidate.upTo);
  if (band === undefined)
    throw new Error('tariff has no unbounded last band: validate it with validateTariff');
  return band;
}

/** fixed + amount × basisPoints / 10,000 rounded half up to the minor unit, then held within [min, max]. */
export function bandFee(band: FeeBand, amount: bigint): bigint {
  const percentage = (amount * BigInt(band.basisPoints) + 5_000n) / 10_000n;
  const fee = band.fixed + percentage;
  if (fee < band.min) return band.min;
  if (band.max !== null && fee > band.max) return band.max;
  return fee;
}

/**
 * Quotes the fee for sending `amount` (minor units, not negative) under a tariff that passed `validateTariff`.
 * When the recipient pays, a fee that would swallow the whole amount gives `amount_below_fee`.
 */
export function quoteFee(tariff: Tariff, amount: bigint): FeeQuote {
  const fee = bandFee(bandFor(tariff.bands, amount), amount);
  if (tariff.payer === 'sender') {
    return { ok: true, fee, payer: 'sender', debitTotal: amount + fee, creditTotal: amount };
  }
  if (fee >= amount) return { ok: false, error: 'amount_below_fee' };
  return { ok: true, fee, payer: 'recipient', debitTotal: amount, creditTotal: amount - fee };
}

function bandProblems(band: FeeBand, label: string): string[] {
  const problems: string[] = [];
  if (band.upTo !== null && band.upTo < 0n) problems.push(`${label}: upTo must not be negative`);
  if (band.fixed < 0n) problems.push(`${label}: fixed must not be negative`);
  if (band.min < 0n) problems.push(`${label}: min must not be negative`);
  if (band.max !== null && band.max < band.min) problems.push(`${label}: min must not exceed max`);
  if (!Number.isInteger(band.basisPoints) || band.basisPoints < 0 || band.basisPoints > BASIS_POINTS_MAX) {
    problems.push(`${label}: basisPoints must be a whole number from 0 to ${BASIS_POINTS_MAX}`);
  }
  return problems;
}

function orderProblems(bands: FeeBand[]): string[] {
  const problems: string[] = [];
  bands.forEach((band, index) => {
    const previous = bands[index - 1];
    const last = index === bands.length - 1;
    if (band.upTo === null && !last) problems.push(`band ${index + 1}: only the last band may be unbounded`);
    if (band.upTo !== null && last)
      problems.push(`band ${index + 1}: the last band must be unbounded (upTo null)`);
    if (previous?.upTo != null && band.upTo !== null && band.upTo <= previous.upTo) {
      problems.push(`band ${index + 1}: upTo must be greater than band ${index}'s`);
    }
  });
  return problems;
}

/** Every problem of a tariff as a readable message; an empty list means the tariff can be used. */
export function validateTariff(t: Tariff): string[] {
  if (t.bands.length === 0) return ['a tariff needs at least one band'];
  return [
    ...orderProblems(t.bands),
    ...t.bands.flatMap((band, index) => bandProblems(band, `band ${index + 1}`)),
  ];
}
