// Unit and property tests of the KYC tier defaults, the limit and balance-cap checks and operator overrides.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkBalanceCap,
  checkLimits,
  DEFAULT_TIERS,
  type LimitUsage,
  parseTierOverrides,
  type TierLimits,
} from './tiers.js';

const yuan = (value: number): bigint => BigInt(value) * 100n;
const NOTHING_USED: LimitUsage = { day: 0n, month: 0n, year: 0n, lifetime: 0n };

describe('DEFAULT_TIERS', () => {
  it('keeps the source documents’ numbers: Class I ¥1,000 cumulative, II ¥100,000 and III ¥200,000 a year', () => {
    assert.equal(DEFAULT_TIERS.class_1.lifetime, yuan(1_000));
    assert.equal(DEFAULT_TIERS.class_1.balanceCap, yuan(1_000));
    assert.equal(DEFAULT_TIERS.class_2.perYear, yuan(100_000));
    assert.equal(DEFAULT_TIERS.class_2.lifetime, null);
    assert.equal(DEFAULT_TIERS.class_3.perYear, yuan(200_000));
    assert.equal(DEFAULT_TIERS.class_3.lifetime, null);
  });

  it('has nested windows and grows from class to class', () => {
    const tiers = [DEFAULT_TIERS.class_1, DEFAULT_TIERS.class_2, DEFAULT_TIERS.class_3];
    for (const tier of tiers) {
      assert.ok(tier.perTransaction <= tier.perDay && tier.perDay <= tier.perMonth);
      assert.ok(tier.perMonth <= tier.perYear);
    }
    for (const [lower, higher] of [
      [DEFAULT_TIERS.class_1, DEFAULT_TIERS.class_2],
      [DEFAULT_TIERS.class_2, DEFAULT_TIERS.class_3],
    ] as const) {
      assert.ok(lower.perYear < higher.perYear && lower.perDay < higher.perDay);
      assert.ok(lower.balanceCap < higher.balanceCap);
    }
  });

  it('cannot be changed at run time', () => {
    assert.ok(Object.isFrozen(DEFAULT_TIERS) && Object.isFrozen(DEFAULT_TIERS.class_2));
    assert.throws(() => {
      (DEFAULT_TIERS.class_2 as TierLimits).perDay = 1n;
    }, TypeError);
  });
});

describe('checkLimits', () => {
  const tier = DEFAULT_TIERS.class_2;

  it('accepts a payment up to and including each limit', () => {
    assert.deepEqual(checkLimits(tier, NOTHING_USED, yuan(10_000)), { ok: true });
    const used = { day: yuan(9_000), month: yuan(9_000), year: yuan(9_000), lifetime: yuan(9_000) };
    assert.deepEqual(checkLimits(tier, used, yuan(1_000)), { ok: true });
  });

  it('refuses one fen over the per-payment limit', () => {
    assert.deepEqual(checkLimits(tier, NOTHING_USED, yuan(10_000) + 1n), {
      ok: false,
      error: 'limit_exceeded',
      limit: 'per_transaction',
      remaining: yuan(10_000),
    });
  });

  it('names the day, month and year windows with what is left in them', () => {
    const day = { day: yuan(9_000), month: yuan(9_000), year: yuan(9_000), lifetime: 0n };
    assert.deepEqual(checkLimits(tier, day, yuan(1_000) + 1n), {
      ok: false,
      error: 'limit_exceeded',
      limit: 'per_day',
      remaining: yuan(1_000),
    });
    const month = { day: 0n, month: yuan(99_500), year: yuan(99_500), lifetime: 0n };
    assert.deepEqual(checkLimits(tier, month, yuan(600)), {
      ok: false,
      error: 'limit_exceeded',
      limit: 'per_month',
      remaining: yuan(500),
    });
    const year = { day: 0n, month: 0n, year: yuan(99_999), lifetime: 0n };
    assert.deepEqual(checkLimits(tier, year, yuan(2)), {
      ok: false,
      error: 'limit_exceeded',
      limit: 'per_year',
      remaining: yuan(1),
    });
  });

  it('enforces the Class I lifetime limit even in a new year', () => {
    const usage = { day: 0n, month: 0n, year: 0n, lifetime: yuan(999) };
    assert.deepEqual(checkLimits(DEFAULT_TIERS.class_1, usage, yuan(1)), { ok: true });
    assert.deepEqual(checkLimits(DEFAULT_TIERS.class_1, usage, yuan(1) + 1n), {
      ok: false,
      error: 'limit_exceeded',
      limit: 'lifetime',
      remaining: yuan(1),
    });
  });

  it('ignores lifetime usage when the tier has no lifetime limit', () => {
    const usage = { ...NOTHING_USED, lifetime: yuan(10_000_000) };
    assert.deepEqual(checkLimits(tier, usage, yuan(100)), { ok: true });
  });

  it('reports the tightest limit when several refuse, and 0 left for an overrun window', () => {
    const usage = { day: yuan(9_000), month: yuan(100_000), year: yuan(120_000), lifetime: 0n };
    assert.deepEqual(checkLimits(tier, usage, yuan(20_000)), {
      ok: false,
      error: 'limit_exceeded',
      limit: 'per_month',
      remaining: 0n,
    });
  });

  it('reports exactly the largest amount that would pass (property)', () => {
    const money = fc.bigInt({ min: 0n, max: yuan(300_000) });
    const tierArb = fc.record({
      perTransaction: money,
      perDay: money,
      perMonth: money,
      perYear: money,
      lifetime: fc.option(money, { nil: null }),
      balanceCap: money,
    });
    const usageArb = fc.record({ day: money, month: money, year: money, lifetime: money });
    fc.assert(
      fc.property(tierArb, usageArb, fc.bigInt({ min: 1n, max: yuan(300_000) }), (limits, usage, amount) => {
        const result = checkLimits(limits, usage, amount);
        if (result.ok) {
          assert.ok(amount <= limits.perTransaction && usage.day + amount <= limits.perDay);
          assert.ok(usage.month + amount <= limits.perMonth && usage.year + amount <= limits.perYear);
          assert.ok(limits.lifetime === null || usage.lifetime + amount <= limits.lifetime);
          return;
        }
        assert.ok(amount > result.remaining);
        assert.deepEqual(checkLimits(limits, usage, result.remaining), { ok: true });
        assert.deepEqual(checkLimits(limits, usage, result.remaining + 1n), result);
      }),
    );
  });
});

describe('checkBalanceCap', () => {
  it('allows a balance up to the cap and refuses one fen more', () => {
    const tier = DEFAULT_TIERS.class_1;
    assert.deepEqual(checkBalanceCap(tier, yuan(1_000)), { ok: true });
    assert.deepEqual(checkBalanceCap(tier, yuan(1_000) + 1n), {
      ok: false,
      error: 'balance_cap_exceeded',
      cap: yuan(1_000),
    });
  });
});

function tiersOf(json: string) {
  const result = parseTierOverrides(json);
  assert.ok(result.ok, `expected valid overrides, got: ${result.ok ? '' : result.error}`);
  return result.tiers;
}

function errorOf(json: string): string {
  const result = parseTierOverrides(json);
  assert.ok(!result.ok, 'expected the overrides to be refused');
  return result.error;
}

describe('parseTierOverrides', () => {
  it('gives the defaults for an empty object', () => {
    assert.deepEqual(tiersOf('{}'), DEFAULT_TIERS);
  });

  it('overrides only the named limits, in decimal yuan', () => {
    const tiers = tiersOf(
      '{"class_1":{"perDay":"500.00","perTransaction":"200"},"class_3":{"balanceCap":"0.5"}}',
    );
    assert.deepEqual(tiers.class_1, { ...DEFAULT_TIERS.class_1, perDay: 50_000n, perTransaction: 20_000n });
    assert.deepEqual(tiers.class_2, DEFAULT_TIERS.class_2);
    assert.deepEqual(tiers.class_3, { ...DEFAULT_TIERS.class_3, balanceCap: 50n });
  });

  it('sets or removes the lifetime limit', () => {
    assert.equal(tiersOf('{"class_1":{"lifetime":null}}').class_1.lifetime, null);
    assert.equal(tiersOf('{"class_2":{"lifetime":"999999999999.99"}}').class_2.lifetime, 99_999_999_999_999n);
  });

  it('leaves DEFAULT_TIERS untouched', () => {
    tiersOf('{"class_2":{"perDay":"1.00","perTransaction":"1.00"}}');
    assert.equal(DEFAULT_TIERS.class_2.perDay, yuan(10_000));
  });

  it('refuses text that is not a JSON object', () => {
    assert.match(errorOf('{"class_1":'), /valid JSON/);
    assert.match(errorOf('[]'), /JSON object keyed by tier name/);
    assert.match(errorOf('"class_1"'), /JSON object keyed by tier name/);
    assert.match(errorOf('{"class_1":["500.00"]}'), /class_1 must be an object of limits/);
  });

  it('names an unknown tier or field', () => {
    assert.match(errorOf('{"class_4":{}}'), /unknown tier "class_4"/);
    assert.match(errorOf('{"__proto__":{"perDay":"1"}}'), /unknown tier "__proto__"/);
    assert.match(errorOf('{"class_2":{"perWeek":"1.00"}}'), /unknown limit "perWeek" in class_2/);
  });

  it('refuses amounts that are not strict decimal yuan strings', () => {
    for (const value of [
      '500.001',
      '-1',
      '1e3',
      '',
      ' 500',
      '500.',
      '.5',
      '1234567890123',
      '0500',
      '１００',
    ]) {
      const json = JSON.stringify({ class_2: { perDay: value } });
      assert.match(errorOf(json), /^class_2\.perDay must be a decimal yuan string/, value);
    }
    assert.match(errorOf('{"class_2":{"perDay":500}}'), /class_2\.perDay .*\(got 500\)/);
    assert.match(errorOf('{"class_2":{"perDay":null}}'), /class_2\.perDay must .*"500\.00" \(got null\)/);
    assert.match(errorOf('{"class_1":{"lifetime":true}}'), /class_1\.lifetime must .* or null/);
  });

  it('refuses windows that do not nest, quoting both values', () => {
    assert.equal(
      errorOf('{"class_2":{"perDay":"200000.00"}}'),
      'class_2.perDay (200000.00) exceeds class_2.perMonth (100000.00)',
    );
  });

  it('reports every problem at once', () => {
    const error = errorOf('{"class_9":{},"class_1":{"perYear":"x","perWeek":"1"}}');
    assert.deepEqual(error.split('; ').length, 3);
    assert.match(error, /class_9/);
    assert.match(error, /class_1\.perYear/);
    assert.match(error, /perWeek/);
  });
});
