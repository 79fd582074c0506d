// Tests of the snapshot view: it keeps the accounts it was given even when the shared cache is reset meanwhile.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VersionedAccountCache } from './account-cache.js';
import { type Snapshot, snapshotView } from './snapshot.js';
import { idToUuid } from './uuid.js';

describe('snapshotView', () => {
  it('answers the accounts of its snapshot after another batch invalidated the cache', () => {
    const cache = new VersionedAccountCache(1000);
    const snapshot: Snapshot = {
      last: '10',
      watermark: '0',
      next_expiry: null,
      accounts: [[idToUuid(7n), 1, 1, 0, idToUuid(0n), '0', 0, '0', '0', '0', '500', '5']],
      transfers: [],
      outcomes: [],
      due: [],
    };
    const { view } = snapshotView(snapshot, new Set([7n]), new Set(), cache);
    // What the expiry timer's batch does to the shared cache while this batch awaits.
    cache.invalidate();
    assert.equal(view.account(7n)?.creditsPosted, 500n);
  });
});
