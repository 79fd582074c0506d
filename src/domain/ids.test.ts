// Tests of random identifiers: shapes, ranges, and no repeats across the random pages they are drawn from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newAccountId, newId, newToken, newTransferBase } from './ids.js';

describe('random identifiers', () => {
  it('never repeats over many pages of random bytes, and keeps each shape', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const id = newId('cus');
      const token = newToken();
      assert.match(id, /^cus_[A-Za-z0-9_-]{16}$/);
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      const base = newTransferBase();
      const account = newAccountId();
      assert.equal(base & 0xfn, 0n);
      assert.ok(base < 1n << 128n);
      assert.ok(account >= 1n << 127n && account < 1n << 128n);
      for (const value of [id, token, `b${base}`, `a${account}`]) {
        assert.ok(!seen.has(value), `repeated ${value}`);
        seen.add(value);
      }
    }
  });
});
