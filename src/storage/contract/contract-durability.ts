// Contract test of durable stores: everything committed survives close and reopen, and time carries on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LedgerStore } from '../port.js';
import {
  account,
  accountOf,
  createAccountsOk,
  type OpenStore,
  pending,
  post,
  SECOND,
  T0,
  transfer,
  transferOf,
  transfersOk,
} from './fixtures.js';

const TRANSFERS = [1n, 2n, 3n, 4n];

/** Everything the contract can read about accounts 1–2 and transfers 1–4. */
async function readAll(store: LedgerStore) {
  return {
    accounts: await store.lookupAccounts([1n, 2n]),
    transfers: await store.lookupTransfers(TRANSFERS),
    states: await Promise.all(TRANSFERS.map((id) => store.pendingState(id))),
    history: await store.getAccountTransfers({ accountId: 1n, limit: 10 }),
    balanceAt: await store.getAccountBalanceAt(1n, T0 + 20n * SECOND),
  };
}

export function describeDurabilityContract(open: OpenStore): void {
  describe('durability', () => {
    it('keeps everything committed across close and reopen, and timestamps keep increasing', async () => {
      const opened = await open();
      const { reopen } = opened;
      assert.ok(reopen, 'a durable store can be reopened');
      try {
        const first = opened.store;
        await createAccountsOk(
          first,
          [account(1n), account(2n, { userData128: 1n << 100n })],
          T0 + 10n * SECOND,
        );
        await transfersOk(first, [
          transfer(1n, 1n, 2n, 5n),
          pending(2n, 1n, 2n, 3n),
          pending(3n, 2n, 1n, 1n, { timeout: 60 }),
        ]);
        await transfersOk(first, [post(4n, 2n, 2n)]);
        const before = await readAll(first);
        const last = (await transferOf(first, 4n)).timestamp;
        const store = await reopen.call(opened);
        assert.deepEqual(await readAll(store), before);
        await createAccountsOk(store, [account(3n)], T0);
        assert.ok((await accountOf(store, 3n)).timestamp > last, 'time carries on after reopening');
        const expiry = (await transferOf(store, 3n)).timestamp + 60n * SECOND;
        assert.equal(await store.expirePendingTransfers(expiry), 1, 'a pending timeout survives reopening');
      } finally {
        await opened.close();
      }
    });
  });
}
