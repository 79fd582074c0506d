// Contract tests of linked transfer chains: all or nothing, open chains, exists inside a chain, submission bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccountFlags } from '../../ledger/types.js';
import type { LedgerStore } from '../port.js';
import {
  account,
  assertNoTransfers,
  balances,
  balancesOf,
  createAccountsOk,
  expectTransfers,
  linked,
  type OpenStore,
  pending,
  post,
  T0,
  transfer,
  withStore,
} from './fixtures.js';

/** Accounts 1 and 2 plain, 5 limited to its credits (which start at 0). */
async function world(store: LedgerStore): Promise<void> {
  await createAccountsOk(store, [
    account(1n),
    account(2n),
    account(5n, { flags: AccountFlags.debitsMustNotExceedCredits }),
  ]);
}

export function describeLinkedContract(open: OpenStore): void {
  describe('createTransfers: linked chains', () => {
    it('applies a chain whole, each item seeing the effects of the ones before', async () => {
      await withStore(open, async (store) => {
        await world(store);
        await expectTransfers(
          store,
          [linked(transfer(1n, 1n, 5n, 10n)), transfer(2n, 5n, 2n, 10n)],
          ['ok', 'ok'],
        );
        assert.deepEqual(await balancesOf(store, [5n]), [
          balances({ debitsPosted: 10n, creditsPosted: 10n }),
        ]);
      });
    });

    it('undoes earlier items when a chain fails in the middle; items after the chain apply', async () => {
      await withStore(open, async (store) => {
        await world(store);
        const chain = [
          linked(transfer(10n, 1n, 2n, 5n)),
          linked(transfer(11n, 1n, 2n, 0n)),
          transfer(12n, 1n, 2n, 1n),
        ];
        await expectTransfers(
          store,
          [...chain, transfer(13n, 1n, 2n, 2n)],
          ['linked_event_failed', 'amount_must_be_positive', 'linked_event_failed', 'ok'],
        );
        await assertNoTransfers(store, [10n, 11n, 12n]);
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: 2n }),
          balances({ creditsPosted: 2n }),
        ]);
      });
    });

    it('undoes a pending transfer and its post when a later item of the chain fails on their effects', async () => {
      await withStore(open, async (store) => {
        await world(store);
        await expectTransfers(
          store,
          [linked(pending(20n, 1n, 5n, 10n)), linked(post(21n, 20n)), transfer(22n, 5n, 2n, 11n)],
          ['linked_event_failed', 'linked_event_failed', 'exceeds_credits'],
        );
        await assertNoTransfers(store, [20n, 21n, 22n]);
        assert.equal(await store.pendingState(20n), undefined);
        assert.deepEqual(await balancesOf(store, [1n, 5n]), [balances(), balances()]);
      });
    });

    it('frees the ids of an undone chain, even for later items of the same batch', async () => {
      await withStore(open, async (store) => {
        await world(store);
        await expectTransfers(
          store,
          [
            linked(transfer(30n, 1n, 2n, 1n)),
            transfer(31n, 1n, 2n, 1n, { code: 0 }),
            transfer(30n, 1n, 2n, 3n),
          ],
          ['linked_event_failed', 'code_must_not_be_zero', 'ok'],
        );
        assert.deepEqual(await balancesOf(store, [1n]), [balances({ debitsPosted: 3n })]);
      });
    });

    it('fails a chain still open at the end of the batch, whatever its last item', async () => {
      await withStore(open, async (store) => {
        await world(store);
        await expectTransfers(
          store,
          [transfer(40n, 1n, 2n, 1n), linked(transfer(41n, 1n, 2n, 1n)), linked(transfer(42n, 1n, 2n, 1n))],
          ['ok', 'linked_event_failed', 'linked_event_chain_open'],
        );
        await expectTransfers(
          store,
          [linked(transfer(43n, 1n, 2n, 1n)), linked(transfer(44n, 1n, 2n, 1n, { code: 0 }))],
          ['linked_event_failed', 'linked_event_chain_open'],
        );
        await assertNoTransfers(store, [41n, 42n, 43n, 44n]);
        assert.deepEqual(await balancesOf(store, [1n]), [balances({ debitsPosted: 1n })]);
      });
    });

    it('counts exists inside a chain as success, and a duplicate within a chain applies once', async () => {
      await withStore(open, async (store) => {
        await world(store);
        const first = linked(transfer(50n, 1n, 2n, 4n));
        await expectTransfers(store, [first, first, transfer(51n, 1n, 2n, 1n)], ['ok', 'exists', 'ok']);
        await expectTransfers(store, [first, transfer(52n, 1n, 2n, 1n)], ['exists', 'ok'], T0 + 1n);
        await expectTransfers(
          store,
          [{ ...first, amount: 5n }, transfer(53n, 1n, 2n, 1n)],
          ['exists_with_different_fields', 'linked_event_failed'],
        );
        assert.deepEqual(await balancesOf(store, [1n]), [balances({ debitsPosted: 6n })]);
      });
    });

    it('does not let a chain span two submissions of one call', async () => {
      await withStore(open, async (store) => {
        await world(store);
        const results = await store.createTransfers(
          [
            [transfer(60n, 1n, 2n, 1n), linked(transfer(61n, 1n, 2n, 1n))],
            [transfer(62n, 1n, 2n, 1n)],
            [linked(transfer(63n, 1n, 2n, 1n)), transfer(64n, 1n, 2n, 0n)],
          ],
          T0,
        );
        assert.deepEqual(results, [
          ['ok', 'linked_event_chain_open'],
          ['ok'],
          ['linked_event_failed', 'amount_must_be_positive'],
        ]);
        await assertNoTransfers(store, [61n, 63n, 64n]);
        assert.deepEqual(await balancesOf(store, [1n]), [balances({ debitsPosted: 2n })]);
      });
    });
  });
}
