// Contract tests of the read side: lookups, an account's transfers (filters, order, paging), past balances, pendingState.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AccountTransfersFilter, AMOUNT_MAX, type Transfer } from '../../ledger/types.js';
import type { LedgerStore } from '../port.js';
import {
  account,
  accountOf,
  balances,
  createAccountsOk,
  type OpenStore,
  pending,
  pickBalances,
  post,
  SECOND,
  T0,
  transfer,
  transferOf,
  transfersOk,
  voidOf,
  withStore,
} from './fixtures.js';

/** Accounts 1–3 and transfers 1–7, of which 1–6 touch account 1 (7 does not). */
async function history(store: LedgerStore): Promise<Transfer[]> {
  await createAccountsOk(store, [account(1n), account(2n), account(3n)]);
  await transfersOk(store, [transfer(1n, 1n, 2n, 1n), transfer(2n, 2n, 1n, 2n), transfer(3n, 1n, 3n, 3n)]);
  await transfersOk(store, [transfer(4n, 3n, 1n, 4n), pending(5n, 1n, 2n, 5n)], T0 + SECOND);
  await transfersOk(store, [post(6n, 5n), transfer(7n, 2n, 3n, 7n)], T0 + 2n * SECOND);
  return store.lookupTransfers([1n, 2n, 3n, 4n, 5n, 6n]);
}

const ids = (transfers: Transfer[]) => transfers.map((t) => t.id);
const page = (store: LedgerStore, filter: Partial<AccountTransfersFilter>) =>
  store.getAccountTransfers({ accountId: 1n, limit: 100, ...filter });

/** Follows the cursor (last timestamp ± 1) page by page until an empty page. */
async function allPages(store: LedgerStore, reversed: boolean): Promise<Transfer[]> {
  const seen: Transfer[] = [];
  for (let cursor: Partial<AccountTransfersFilter> = {}; ; ) {
    const next = await page(store, { limit: 2, reversed, ...cursor });
    if (next.length === 0) return seen;
    seen.push(...next);
    const last = (next.at(-1) as Transfer).timestamp;
    cursor = reversed ? { timestampMax: last - 1n } : { timestampMin: last + 1n };
  }
}

export function describeQueryContract(open: OpenStore): void {
  describe('queries', () => {
    it('looks up accounts and transfers in request order, omitting missing ids', async () => {
      await withStore(open, async (store) => {
        await history(store);
        assert.deepEqual(ids(await store.lookupTransfers([3n, 77n, 1n])), [3n, 1n]);
        assert.deepEqual(
          (await store.lookupAccounts([3n, 77n, 1n])).map((a) => a.id),
          [3n, 1n],
        );
        assert.deepEqual(await store.lookupAccounts([]), []);
        assert.deepEqual(await store.lookupTransfers([0n]), []);
      });
    });

    it("lists an account's transfers by side, time range, order and limit", async () => {
      await withStore(open, async (store) => {
        const all = await history(store);
        const [t1, t2, t3, t4, t5, t6] = all as [Transfer, Transfer, Transfer, Transfer, Transfer, Transfer];
        assert.deepEqual(await page(store, {}), all, 'both sides, oldest first, full records');
        assert.deepEqual(ids(await page(store, { credits: false })), [1n, 3n, 5n, 6n]);
        assert.deepEqual(ids(await page(store, { debits: false })), [2n, 4n]);
        assert.deepEqual(await page(store, { debits: false, credits: false }), []);
        assert.deepEqual(ids(await page(store, { reversed: true })), [6n, 5n, 4n, 3n, 2n, 1n]);
        assert.deepEqual(ids(await page(store, { limit: 2 })), [1n, 2n]);
        assert.deepEqual(ids(await page(store, { limit: 2, reversed: true })), [6n, 5n]);
        assert.deepEqual(await page(store, { limit: 0 }), []);
        const range = { timestampMin: t2.timestamp, timestampMax: t4.timestamp };
        assert.deepEqual(ids(await page(store, range)), [2n, 3n, 4n], 'bounds are inclusive');
        assert.deepEqual(ids(await page(store, { ...range, reversed: true, limit: 2 })), [4n, 3n]);
        assert.deepEqual(ids(await page(store, { timestampMin: t5.timestamp })), [5n, 6n]);
        assert.deepEqual(ids(await page(store, { timestampMax: t1.timestamp })), [1n]);
        assert.deepEqual(ids(await page(store, { timestampMin: t6.timestamp + 1n })), []);
        assert.deepEqual(ids(await page(store, { timestampMin: t3.timestamp, debits: false })), [4n]);
        assert.deepEqual(await page(store, { accountId: 77n }), []);
        assert.deepEqual(ids(await page(store, { accountId: 3n })), [3n, 4n, 7n]);
      });
    });

    it('pages through all of an account transfers with the last timestamp as cursor', async () => {
      await withStore(open, async (store) => {
        const all = await history(store);
        assert.deepEqual(await allPages(store, false), all);
        assert.deepEqual(await allPages(store, true), [...all].reverse());
      });
    });

    it('gives an account balances as of past timestamps across pending, post, void and expiry', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n), account(2n)]);
        const created = (await accountOf(store, 1n)).timestamp;
        await transfersOk(store, [transfer(1n, 1n, 2n, 5n), pending(2n, 1n, 2n, 10n)], T0 + SECOND);
        await transfersOk(
          store,
          [post(3n, 2n, 4n), pending(4n, 1n, 2n, 3n, { timeout: 10 })],
          T0 + 2n * SECOND,
        );
        await transfersOk(store, [pending(5n, 2n, 1n, 7n)], T0 + 3n * SECOND);
        await transfersOk(store, [voidOf(6n, 5n)], T0 + 4n * SECOND);
        const expiredAt = (await transferOf(store, 4n)).timestamp + 10n * SECOND;
        assert.equal(await store.expirePendingTransfers(expiredAt), 1);
        const at = async (t: bigint) => {
          const b = await store.getAccountBalanceAt(1n, t);
          return b && pickBalances(b);
        };
        assert.equal(
          await store.getAccountBalanceAt(1n, created - 1n),
          undefined,
          'before the account existed',
        );
        assert.equal(await store.getAccountBalanceAt(77n, T0 * 2n), undefined, 'an unknown account');
        assert.deepEqual(await at(created), balances());
        assert.deepEqual(await at(T0 + SECOND), balances({ debitsPosted: 5n }));
        assert.deepEqual(await at(T0 + SECOND + 1n), balances({ debitsPosted: 5n, debitsPending: 10n }));
        assert.deepEqual(await at(T0 + 2n * SECOND), balances({ debitsPosted: 9n }));
        assert.deepEqual(await at(T0 + 2n * SECOND + 1n), balances({ debitsPosted: 9n, debitsPending: 3n }));
        const pendingCredit = balances({ debitsPosted: 9n, debitsPending: 3n, creditsPending: 7n });
        assert.deepEqual(await at(T0 + 3n * SECOND), pendingCredit);
        assert.deepEqual(await at(T0 + 4n * SECOND - 1n), pendingCredit, 'between two events');
        assert.deepEqual(await at(T0 + 4n * SECOND), balances({ debitsPosted: 9n, debitsPending: 3n }));
        assert.deepEqual(await at(expiredAt - 1n), balances({ debitsPosted: 9n, debitsPending: 3n }));
        assert.deepEqual(await at(expiredAt), balances({ debitsPosted: 9n }));
        assert.deepEqual(await at(expiredAt * 2n), balances({ debitsPosted: 9n }));
      });
    });

    it('tells what became of a pending transfer', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n), account(2n)]);
        const pendings = [1n, 2n, 3n, 4n].map((id) =>
          pending(id, 1n, 2n, 1n, { timeout: id === 4n ? 1 : 0 }),
        );
        await transfersOk(store, [...pendings, transfer(5n, 1n, 2n, 1n)]);
        await transfersOk(store, [post(6n, 2n), voidOf(7n, 3n)]);
        assert.equal(await store.expirePendingTransfers(T0 + 2n * SECOND), 1);
        const states = await Promise.all([1n, 2n, 3n, 4n, 5n, 6n, 77n].map((id) => store.pendingState(id)));
        assert.deepEqual(states, ['pending', 'posted', 'voided', 'expired', undefined, undefined, undefined]);
      });
    });

    it('sums all balances in balanceTotals exactly, even past 2^63-1', async () => {
      await withStore(open, async (store) => {
        const empty = { accounts: 0, ...balances(), limitViolations: 0 };
        assert.deepEqual(await store.balanceTotals(), empty);
        await createAccountsOk(store, [account(1n), account(2n), account(3n), account(4n)]);
        await transfersOk(store, [
          transfer(1n, 1n, 2n, AMOUNT_MAX),
          transfer(2n, 3n, 4n, AMOUNT_MAX),
          pending(3n, 4n, 1n, 5n),
        ]);
        const posted = 2n * AMOUNT_MAX;
        assert.deepEqual(await store.balanceTotals(), {
          accounts: 4,
          ...balances({ debitsPosted: posted, creditsPosted: posted, debitsPending: 5n, creditsPending: 5n }),
          limitViolations: 0,
        });
      });
    });

    it('migrates idempotently and answers ping', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n)]);
        await store.migrate();
        await store.ping();
        await accountOf(store, 1n);
      });
    });
  });
}
