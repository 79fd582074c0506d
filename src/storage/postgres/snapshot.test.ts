// Tests of the snapshot view: it answers the accounts it was built from, whatever happens to the shared cache meanwhile.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Account } from '../../ledger/types.js';
import { VersionedAccountCache } from './account-cache.js';
import { type Snapshot, snapshotView } from './snapshot.js';
import { idToUuid } from './uuid.js';

const row = (credits: string): Snapshot['accounts'][number] => [
  idToUuid(7n),
  1,
  1,
  0,
  idToUuid(0n),
  '0',
  0,
  '0',
  '0',
  '0',
  credits,
  '5',
];

const snapshotAt = (last: string, accounts: Snapshot['accounts']): Snapshot => ({
  last,
  watermark: '0',
  next_expiry: null,
  accounts,
  transfers: [],
  outcomes: [],
  due: [],
});

/** A cache that vouches for account 7 (credits 500) at ledger version 10, and what it vouched for. */
function vouchingCache() {
  const cache = new VersionedAccountCache(1000);
  snapshotView(snapshotAt('10', [row('500')]), new Set([7n]), new Set(), cache, {
    version: undefined,
    accounts: new Map(),
  });
  const vouched = { version: cache.claimedVersion(), accounts: new Map([[7n, cache.get(7n)]]) };
  return { cache, vouched };
}

describe('snapshotView', () => {
  it('uses what the cache vouched for when the query was sent, even if another batch reset the cache since', () => {
    const { cache, vouched } = vouchingCache();
    // The expiry timer's batch fails and invalidates the cache while this batch's query is in flight.
    cache.invalidate();
    // The database is still at version 10, so it did not resend account 7.
    const { view } = snapshotView(snapshotAt('10', []), new Set([7n]), new Set(), cache, vouched);
    assert.equal(view.account(7n)?.creditsPosted, 500n);
    cache.invalidate();
    assert.equal(view.account(7n)?.creditsPosted, 500n, 'the view keeps its own copy');
  });

  it('takes the resent account when the ledger moved since the cache’s version', () => {
    const { cache, vouched } = vouchingCache();
    const { view } = snapshotView(snapshotAt('11', [row('600')]), new Set([7n]), new Set(), cache, vouched);
    const account: Account | undefined = view.account(7n);
    assert.equal(account?.creditsPosted, 600n);
  });
});
