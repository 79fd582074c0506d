// Tests of the merchant discount rate: rounding, caps, categories, and reading MWALLET_MDR.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MERCHANT_FEES, merchantFee, parseMerchantFees } from './merchant-fees.js';

describe('merchant discount rate', () => {
  it('charges 0.38 % rounded half up, capped at ¥50, and nothing for schools', () => {
    assert.equal(merchantFee(DEFAULT_MERCHANT_FEES, '5411', 10_000n), 38n);
    assert.equal(merchantFee(DEFAULT_MERCHANT_FEES, '5411', 132n), 1n); // 0.5016 → 1
    assert.equal(merchantFee(DEFAULT_MERCHANT_FEES, '5411', 131n), 0n); // 0.4978 → 0
    assert.equal(merchantFee(DEFAULT_MERCHANT_FEES, '5411', 1n), 0n);
    assert.equal(merchantFee(DEFAULT_MERCHANT_FEES, '5411', 100_000_000n), 5_000n);
    assert.equal(merchantFee(DEFAULT_MERCHANT_FEES, '8211', 100_000n), 0n);
  });

  it('reads per-category rates and caps, and refuses malformed tables with a reason', () => {
    const parsed = parseMerchantFees(
      '{"default":{"rate":"0.6"},"5411":{"rate":"0.25","cap":"10.00"}}',
      'CNY',
    );
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.table.default, { basisPoints: 60, cap: null });
    assert.deepEqual(parsed.table.categories['5411'], { basisPoints: 25, cap: 1_000n });
    assert.equal(merchantFee(parsed.table, '5411', 1_000_000n), 1_000n);
    assert.equal(merchantFee(parsed.table, '5812', 1_000_000n), 6_000n);
    for (const bad of [
      'nope',
      '[]',
      '{"54":{"rate":"1"}}',
      '{"default":{"rate":"0.385"}}',
      '{"default":{"rate":"101"}}',
      '{"default":{"rate":0.38}}',
      '{"default":{"rate":"0.38","cap":"-1"}}',
      '{"default":{"rate":"0.38","extra":1}}',
    ]) {
      const result = parseMerchantFees(bad, 'CNY');
      assert.equal(result.ok, false, bad);
    }
  });
});
