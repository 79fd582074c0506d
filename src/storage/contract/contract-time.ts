// Contract tests of time: timestamps from `now`, pending-transfer expiry by call and before each batch, its order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransferFlags } from '../../ledger/types.js';
import type { LedgerStore } from '../port.js';
import {
  account,
  accountOf,
  balances,
  balancesOf,
  createAccountsOk,
  expectTransfers,
  isClosed,
  linked,
  type OpenStore,
  pending,
  post,
  SECOND,
  T0,
  transfer,
  transferOf,
  transfersOk,
  voidOf,
  withStore,
} from './fixtures.js';

/** Accounts 1–4 and pending transfer 10 (1→2, 10, the given timeout); returns when it expires. */
async function pendingWithTimeout(store: LedgerStore, timeout: number, flags = 0): Promise<bigint> {
  await createAccountsOk(store, [account(1n), account(2n), account(3n), account(4n)]);
  await transfersOk(store, [pending(10n, 1n, 2n, 10n, { timeout, flags })]);
  return (await transferOf(store, 10n)).timestamp + BigInt(timeout) * SECOND;
}

async function assertExpired(store: LedgerStore): Promise<void> {
  assert.equal(await store.pendingState(10n), 'expired');
  assert.deepEqual(await balancesOf(store, [1n, 2n]), [balances(), balances()]);
}

export function describeTimeContract(open: OpenStore): void {
  describe('time and expiry', () => {
    it('gives the first item max(now, last+1) and strictly increasing timestamps, even when now goes back', async () => {
      await withStore(open, async (store) => {
        const late = T0 + 100n * SECOND;
        await createAccountsOk(store, [account(1n), account(2n)], late);
        await transfersOk(store, [transfer(1n, 1n, 2n, 1n), pending(2n, 1n, 2n, 1n)], T0);
        await createAccountsOk(store, [account(3n)], T0 - SECOND);
        await transfersOk(store, [voidOf(3n, 2n)], 0n);
        await createAccountsOk(store, [account(4n)], late + SECOND);
        const creationOrder = [
          ...(await store.lookupAccounts([1n, 2n])),
          ...(await store.lookupTransfers([1n, 2n])),
          ...(await store.lookupAccounts([3n])),
          ...(await store.lookupTransfers([3n])),
          ...(await store.lookupAccounts([4n])),
        ];
        const stamps = creationOrder.map((r) => r.timestamp);
        assert.equal(stamps.length, 7);
        assert.equal(stamps[0], late, 'the first timestamp is now when now is ahead');
        assert.equal(stamps.at(-1), late + SECOND);
        for (let i = 1; i < stamps.length; i++) {
          assert.ok(
            (stamps[i] ?? 0n) > (stamps[i - 1] ?? 0n),
            `timestamp ${i} increases: ${stamps.join(', ')}`,
          );
        }
      });
    });

    it('gives no timestamp to items that failed or were undone with their chain', async () => {
      await withStore(open, async (store) => {
        const accounts = await store.createAccounts(
          [[linked(account(1n)), account(2n, { code: 0 })], [account(3n, { code: 0 })], [account(3n)]],
          T0,
        );
        assert.deepEqual(accounts, [
          ['linked_event_failed', 'code_must_not_be_zero'],
          ['code_must_not_be_zero'],
          ['ok'],
        ]);
        assert.equal((await accountOf(store, 3n)).timestamp, T0, 'the first created account gets now');
        await createAccountsOk(store, [account(4n), account(5n)], T0 + SECOND);
        const transfers = await store.createTransfers(
          [[linked(transfer(1n, 4n, 5n, 1n)), transfer(2n, 4n, 5n, 0n)], [transfer(3n, 4n, 5n, 1n)]],
          T0 + 2n * SECOND,
        );
        assert.deepEqual(transfers, [['linked_event_failed', 'amount_must_be_positive'], ['ok']]);
        assert.equal(
          (await transferOf(store, 3n)).timestamp,
          T0 + 2n * SECOND,
          'the first created transfer gets now',
        );
      });
    });

    it('expires a pending transfer by expirePendingTransfers exactly at its expiry', async () => {
      await withStore(open, async (store) => {
        const expiry = await pendingWithTimeout(store, 2);
        assert.equal(await store.expirePendingTransfers(expiry - 1n), 0);
        assert.equal(await store.pendingState(10n), 'pending');
        assert.equal(await store.expirePendingTransfers(expiry), 1);
        await assertExpired(store);
        assert.equal(await store.expirePendingTransfers(expiry + SECOND), 0, 'an expiry happens once');
        await expectTransfers(
          store,
          [post(11n, 10n), voidOf(12n, 10n)],
          ['pending_transfer_expired', 'pending_transfer_expired'],
        );
        await assertExpired(store);
      });
    });

    it('expires due pending transfers before each transfer batch, at the batch first timestamp', async () => {
      await withStore(open, async (store) => {
        const expiry = await pendingWithTimeout(store, 1);
        await expectTransfers(
          store,
          [post(11n, 10n), transfer(12n, 3n, 4n, 1n)],
          ['pending_transfer_expired', 'ok'],
          expiry,
        );
        await assertExpired(store);
        assert.ok((await transferOf(store, 12n)).timestamp > expiry, 'the expiry took the first timestamp');
        assert.deepEqual(await store.getAccountBalanceAt(1n, expiry - 1n).then(pendingOnly), 10n);
        assert.deepEqual(await store.getAccountBalanceAt(1n, expiry).then(pendingOnly), 0n);
      });
    });

    it('posts a pending transfer in a batch whose first timestamp is just before its expiry', async () => {
      await withStore(open, async (store) => {
        const expiry = await pendingWithTimeout(store, 1);
        await expectTransfers(store, [post(11n, 10n)], ['ok'], expiry - 1n);
        assert.equal(await store.pendingState(10n), 'posted');
        assert.equal(await store.expirePendingTransfers(expiry + SECOND), 0);
      });
    });

    it('refuses a post whose own timestamp reaches the expiry, though its batch started just before', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n), account(2n), account(3n), account(4n)]);
        const start = T0 + SECOND;
        await transfersOk(
          store,
          [transfer(1n, 3n, 4n, 1n), pending(10n, 1n, 2n, 10n, { timeout: 1 })],
          start,
        );
        assert.equal((await transferOf(store, 10n)).timestamp, start + 1n);
        // The next batch starts at start + 1 s, one nanosecond before the expiry; the post would get the expiry.
        await expectTransfers(
          store,
          [transfer(2n, 3n, 4n, 1n), post(11n, 10n)],
          ['ok', 'pending_transfer_expired'],
          start + SECOND,
        );
        assert.equal(await store.pendingState(10n), 'pending', 'it expires with the next batch');
        assert.equal(await store.expirePendingTransfers(start + SECOND + 1n), 1);
      });
    });

    it('expires in order of expiry, then of creation, one timestamp each', async () => {
      await withStore(open, async (store) => {
        const ids = [1n, 2n, 3n, 4n, 5n, 6n];
        await createAccountsOk(
          store,
          ids.map((id) => account(id)),
        );
        await transfersOk(
          store,
          [pending(10n, 1n, 2n, 1n, { timeout: 3 }), pending(11n, 3n, 4n, 1n, { timeout: 1 })],
          T0,
        );
        const created = (await transferOf(store, 10n)).timestamp;
        await transfersOk(store, [pending(12n, 5n, 6n, 1n, { timeout: 2 })], created + SECOND);
        // Expiries: 11 first; 10 and 12 at the same time (created + 3 s), 10 being the older.
        const at = T0 + 10n * SECOND;
        assert.equal(await store.expirePendingTransfers(at), 3);
        const pendingAt = (id: bigint, t: bigint) => store.getAccountBalanceAt(id, t).then(pendingOnly);
        assert.deepEqual(await Promise.all([pendingAt(3n, at), pendingAt(1n, at), pendingAt(5n, at)]), [
          0n,
          1n,
          1n,
        ]);
        assert.deepEqual(await Promise.all([pendingAt(1n, at + 1n), pendingAt(5n, at + 1n)]), [0n, 1n]);
        assert.equal(await pendingAt(5n, at + 2n), 0n);
        await createAccountsOk(store, [account(7n)], 0n);
        assert.equal((await accountOf(store, 7n)).timestamp, at + 3n, 'each expiry took one timestamp');
      });
    });

    it('reopens the accounts a closing pending transfer closed when it expires', async () => {
      await withStore(open, async (store) => {
        const expiry = await pendingWithTimeout(
          store,
          1,
          TransferFlags.closingDebit | TransferFlags.closingCredit,
        );
        assert.ok(isClosed(await accountOf(store, 1n)));
        assert.equal(await store.expirePendingTransfers(expiry), 1);
        assert.ok(!isClosed(await accountOf(store, 1n)) && !isClosed(await accountOf(store, 2n)));
        await transfersOk(store, [transfer(11n, 1n, 2n, 1n)]);
      });
    });

    it('expires due pending transfers before an account batch too, at its first timestamp', async () => {
      await withStore(open, async (store) => {
        const expiry = await pendingWithTimeout(store, 1);
        await createAccountsOk(store, [account(5n)], expiry);
        await assertExpired(store);
        assert.equal(
          (await accountOf(store, 5n)).timestamp,
          expiry + 1n,
          'the expiry took the first timestamp',
        );
        assert.equal(await store.expirePendingTransfers(expiry + SECOND), 0);
      });
    });

    it('still expires a pending transfer created after the clock went back past an idle expiry run', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n), account(2n)]);
        assert.equal(await store.expirePendingTransfers(T0 + 10n * SECOND), 0);
        await transfersOk(store, [pending(10n, 1n, 2n, 10n, { timeout: 1 })], T0);
        const expiry = (await transferOf(store, 10n)).timestamp + SECOND;
        assert.ok(expiry < T0 + 10n * SECOND);
        assert.equal(await store.expirePendingTransfers(T0 + 11n * SECOND), 1);
        await assertExpired(store);
      });
    });
  });
}

function pendingOnly(balance: { debitsPending: bigint } | undefined): bigint | undefined {
  return balance?.debitsPending;
}
