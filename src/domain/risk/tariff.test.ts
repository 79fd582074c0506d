// Unit and property tests of the P2P fee tariff: band lookup, rounding, min/max, who pays, validation.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_P2P_TARIFF, type FeeBand, quoteFee, type Tariff, validateTariff } from './tariff.js';

const band = (upTo: bigint | null, fields: Partial<FeeBand> = {}): FeeBand => ({
  upTo,
  fixed: 0n,
  basisPoints: 0,
  min: 0n,
  max: null,
  ...fields,
});

function feeOf(tariff: Tariff, amount: bigint): bigint {
  const quote = quoteFee(tariff, amount);
  assert.ok(quote.ok, `expected a quote for ${amount}`);
  return quote.fee;
}

describe('DEFAULT_P2P_TARIFF', () => {
  it('is valid and paid by the sender', () => {
    assert.deepEqual(validateTariff(DEFAULT_P2P_TARIFF), []);
    assert.equal(DEFAULT_P2P_TARIFF.payer, 'sender');
  });

  it('is free up to and including ¥1,000', () => {
    assert.deepEqual(quoteFee(DEFAULT_P2P_TARIFF, 100_000n), {
      ok: true,
      fee: 0n,
      payer: 'sender',
      debitTotal: 100_000n,
      creditTotal: 100_000n,
    });
    assert.equal(feeOf(DEFAULT_P2P_TARIFF, 1n), 0n);
  });

  it('charges 0.1 % above ¥1,000, capped at ¥25', () => {
    assert.deepEqual(quoteFee(DEFAULT_P2P_TARIFF, 100_001n), {
      ok: true,
      fee: 100n,
      payer: 'sender',
      debitTotal: 100_101n,
      creditTotal: 100_001n,
    });
    assert.equal(feeOf(DEFAULT_P2P_TARIFF, 1_234_567n), 1_235n);
    assert.equal(feeOf(DEFAULT_P2P_TARIFF, 2_500_000n), 2_500n);
    assert.equal(feeOf(DEFAULT_P2P_TARIFF, 2_500_500n), 2_500n);
    assert.equal(feeOf(DEFAULT_P2P_TARIFF, 100_000_000_000n), 2_500n);
  });
});

describe('quoteFee', () => {
  const oneBasisPoint: Tariff = { bands: [band(null, { basisPoints: 1 })], payer: 'sender' };

  it('rounds the percentage half up to the fen', () => {
    assert.equal(feeOf(oneBasisPoint, 4_999n), 0n);
    assert.equal(feeOf(oneBasisPoint, 5_000n), 1n);
    assert.equal(feeOf(oneBasisPoint, 14_999n), 1n);
    assert.equal(feeOf(oneBasisPoint, 15_000n), 2n);
  });

  it('stays exact far beyond the range of a float', () => {
    const tariff: Tariff = { bands: [band(null, { basisPoints: 3 })], payer: 'sender' };
    assert.equal(feeOf(tariff, 9_007_199_254_740_993n * 1_000n), 2_702_159_776_422_298n);
  });

  it('adds the fixed part, then applies min and max', () => {
    const tariff: Tariff = {
      bands: [band(null, { fixed: 50n, basisPoints: 100, min: 100n, max: 500n })],
      payer: 'sender',
    };
    assert.equal(feeOf(tariff, 1_000n), 100n);
    assert.equal(feeOf(tariff, 10_000n), 150n);
    assert.equal(feeOf(tariff, 100_000n), 500n);
  });

  it('takes the fee from what the recipient receives when the recipient pays', () => {
    const tariff: Tariff = { ...DEFAULT_P2P_TARIFF, payer: 'recipient' };
    assert.deepEqual(quoteFee(tariff, 200_000n), {
      ok: true,
      fee: 200n,
      payer: 'recipient',
      debitTotal: 200_000n,
      creditTotal: 199_800n,
    });
  });

  it('refuses a recipient-paid transfer the fee would swallow', () => {
    const tariff: Tariff = { bands: [band(null, { fixed: 100n })], payer: 'recipient' };
    assert.deepEqual(quoteFee(tariff, 99n), { ok: false, error: 'amount_below_fee' });
    assert.deepEqual(quoteFee(tariff, 100n), { ok: false, error: 'amount_below_fee' });
    assert.deepEqual(quoteFee(tariff, 101n), {
      ok: true,
      fee: 100n,
      payer: 'recipient',
      debitTotal: 101n,
      creditTotal: 1n,
    });
    assert.deepEqual(quoteFee({ ...tariff, payer: 'sender' }, 99n), {
      ok: true,
      fee: 100n,
      payer: 'sender',
      debitTotal: 199n,
      creditTotal: 99n,
    });
  });

  it('treats a tariff without an unbounded band as a bug', () => {
    assert.throws(() => quoteFee({ bands: [band(10n)], payer: 'sender' }, 11n), /validateTariff/);
  });
});

describe('validateTariff', () => {
  it('names every problem', () => {
    const tariff: Tariff = {
      bands: [
        band(500n, { fixed: -1n }),
        band(500n, { min: 10n, max: 5n }),
        band(null, { basisPoints: 2.5 }),
        band(1_000n, { basisPoints: 10_001, min: -1n }),
      ],
      payer: 'sender',
    };
    assert.deepEqual(validateTariff(tariff), [
      "band 2: upTo must be greater than band 1's",
      'band 3: only the last band may be unbounded',
      'band 4: the last band must be unbounded (upTo null)',
      'band 1: fixed must not be negative',
      'band 2: min must not exceed max',
      'band 3: basisPoints must be a whole number from 0 to 10000',
      'band 4: min must not be negative',
      'band 4: basisPoints must be a whole number from 0 to 10000',
    ]);
  });

  it('refuses a tariff without bands and a negative bound', () => {
    assert.deepEqual(validateTariff({ bands: [], payer: 'sender' }), ['a tariff needs at least one band']);
    assert.deepEqual(validateTariff({ bands: [band(-1n), band(null)], payer: 'sender' }), [
      'band 1: upTo must not be negative',
    ]);
  });

  it('accepts equal min and max and a band without a maximum', () => {
    const tariff: Tariff = { bands: [band(0n, { min: 5n, max: 5n }), band(null)], payer: 'recipient' };
    assert.deepEqual(validateTariff(tariff), []);
  });
});

const money = fc.bigInt({ min: 0n, max: 10_000_000_000n });

const tariffArb: fc.Arbitrary<Tariff> = fc
  .tuple(
    fc.uniqueArray(money, { maxLength: 5 }),
    fc.array(
      fc.record({
        fixed: fc.bigInt({ min: 0n, max: 1_000n }),
        basisPoints: fc.integer({ min: 0, max: 10_000 }),
        min: fc.bigInt({ min: 0n, max: 1_000n }),
        extra: fc.option(fc.bigInt({ min: 0n, max: 100_000n }), { nil: null }),
      }),
      { minLength: 6, maxLength: 6 },
    ),
    fc.constantFrom<Tariff['payer']>('sender', 'recipient'),
  )
  .map(([bounds, shapes, payer]) => {
    const upTos = [...bounds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), null];
    const bands = upTos.map((upTo, index) => {
      const { fixed, basisPoints, min, extra } = shapes[index] ?? {
        fixed: 0n,
        basisPoints: 0,
        min: 0n,
        extra: null,
      };
      return { upTo, fixed, basisPoints, min, max: extra === null ? null : min + extra };
    });
    return { bands, payer };
  });

describe('quoteFee properties', () => {
  it('generated tariffs are valid', () => {
    fc.assert(fc.property(tariffArb, (tariff) => validateTariff(tariff).length === 0));
  });

  it('keeps the fee within the band’s [min, max] and debitTotal − creditTotal = fee', () => {
    fc.assert(
      fc.property(tariffArb, money, (tariff, amount) => {
        const quote = quoteFee(tariff, amount);
        const applied = tariff.bands.find((b) => b.upTo === null || amount <= b.upTo);
        assert.ok(applied !== undefined);
        if (!quote.ok) {
          assert.equal(tariff.payer, 'recipient');
          assert.ok(feeOf({ ...tariff, payer: 'sender' }, amount) >= amount);
          return;
        }
        assert.ok(quote.fee >= applied.min && (applied.max === null || quote.fee <= applied.max));
        assert.equal(quote.debitTotal - quote.creditTotal, quote.fee);
        assert.equal(quote.payer, tariff.payer);
        assert.equal(tariff.payer === 'sender' ? quote.creditTotal : quote.debitTotal, amount);
        assert.ok(quote.creditTotal > 0n || (tariff.payer === 'sender' && amount === 0n));
      }),
    );
  });

  it('looks bands up monotonically, each upper bound inclusive', () => {
    const indexed = (bounds: bigint[]): Tariff => ({
      bands: [...bounds, null].map((upTo, index) => band(upTo, { fixed: BigInt(index) })),
      payer: 'sender',
    });
    const sortedBounds = fc
      .uniqueArray(money, { minLength: 1, maxLength: 5 })
      .map((bounds) => bounds.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    fc.assert(
      fc.property(sortedBounds, money, money, (bounds, a, b) => {
        const tariff = indexed(bounds);
        const [low, high] = a <= b ? [a, b] : [b, a];
        assert.ok(feeOf(tariff, low) <= feeOf(tariff, high));
        bounds.forEach((upTo, index) => {
          assert.equal(feeOf(tariff, upTo), BigInt(index));
          assert.equal(feeOf(tariff, upTo + 1n), BigInt(index + 1));
        });
      }),
    );
  });
});
