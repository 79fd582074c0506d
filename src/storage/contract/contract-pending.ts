// Contract tests of two-phase transfers: pending, post (full/partial), void, their result codes, closing transfers.
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
  type OpenStore,
  pending,
  post,
  transfer,
  transferOf,
  transfersOk,
  voidOf,
  withStore,
} from './fixtures.js';
import { FRESH, itRejectsEach, type Rejection } from './rejections.js';

const resolveRejections: Rejection[] = [
  { name: 'a post of a missing transfer', bad: post(FRESH, 77n), code: 'pending_transfer_not_found' },
  { name: 'a void of a plain transfer', bad: voidOf(FRESH, 1n), code: 'pending_transfer_not_pending' },
  {
    name: 'another debit account',
    bad: post(FRESH, 100n, 0n, { debitAccountId: 2n }),
    code: 'pending_transfer_has_different_fields',
  },
  {
    name: 'another credit account',
    bad: voidOf(FRESH, 100n, 0n, { creditAccountId: 1n }),
    code: 'pending_transfer_has_different_fields',
  },
  {
    name: 'another ledger',
    bad: post(FRESH, 100n, 0n, { ledger: 2 }),
    code: 'pending_transfer_has_different_fields',
  },
  {
    name: 'another code',
    bad: post(FRESH, 100n, 0n, { code: 2 }),
    code: 'pending_transfer_has_different_fields',
  },
  {
    name: 'a void of part of it',
    bad: voidOf(FRESH, 100n, 5n),
    code: 'pending_transfer_has_different_fields',
  },
  {
    name: 'a post of more than pending',
    bad: post(FRESH, 100n, 11n),
    code: 'exceeds_pending_transfer_amount',
  },
  { name: 'a post of a posted transfer', bad: post(FRESH, 102n), code: 'pending_transfer_already_posted' },
  { name: 'a void of a posted transfer', bad: voidOf(FRESH, 102n), code: 'pending_transfer_already_posted' },
  { name: 'a post of a voided transfer', bad: post(FRESH, 104n), code: 'pending_transfer_already_voided' },
  { name: 'a void of a voided transfer', bad: voidOf(FRESH, 104n), code: 'pending_transfer_already_voided' },
  { name: 'a post of an expired transfer', bad: post(FRESH, 106n, 1n), code: 'pending_transfer_expired' },
  { name: 'a void of an expired transfer', bad: voidOf(FRESH, 106n), code: 'pending_transfer_expired' },
  // First failure wins.
  {
    name: 'not_pending before different fields',
    bad: post(FRESH, 1n, 0n, { code: 2 }),
    code: 'pending_transfer_not_pending',
  },
  {
    name: 'different fields before exceeding the amount',
    bad: post(FRESH, 100n, 11n, { code: 2 }),
    code: 'pending_transfer_has_different_fields',
  },
  {
    name: 'exceeding the amount before already posted',
    bad: post(FRESH, 102n, 11n),
    code: 'exceeds_pending_transfer_amount',
  },
  {
    name: 'a void amount before already voided',
    bad: voidOf(FRESH, 104n, 3n),
    code: 'pending_transfer_has_different_fields',
  },
  {
    name: 'different fields before expired',
    bad: post(FRESH, 106n, 0n, { ledger: 2 }),
    code: 'pending_transfer_has_different_fields',
  },
  // Resubmitting a post/void: 0 in an account, ledger, code or amount matches the stored (resolved) value.
  { name: 'the same post again', bad: post(103n, 102n), code: 'exists' },
  { name: 'the same post with its resolved amount', bad: post(103n, 102n, 10n), code: 'exists' },
  {
    name: 'the same post with its resolved accounts, ledger and code',
    bad: post(103n, 102n, 0n, { debitAccountId: 1n, creditAccountId: 2n, ledger: 1, code: 1 }),
    code: 'exists',
  },
  { name: 'the same void with its amount', bad: voidOf(105n, 104n, 10n), code: 'exists' },
  { name: 'a post id with another amount', bad: post(103n, 102n, 9n), code: 'exists_with_different_fields' },
  {
    name: 'a post id with other user data',
    bad: post(103n, 102n, 0n, { userData32: 1 }),
    code: 'exists_with_different_fields',
  },
  { name: 'a post id as a void', bad: voidOf(103n, 102n), code: 'exists_with_different_fields' },
  {
    name: 'a post id for another pending transfer',
    bad: post(103n, 100n),
    code: 'exists_with_different_fields',
  },
];

/** Accounts 1, 2, 3 and a pending transfer 10 of 10 from 1 to 2. */
async function withPending(store: LedgerStore, fields = {}): Promise<void> {
  await createAccountsOk(store, [account(1n), account(2n), account(3n)]);
  await transfersOk(store, [pending(10n, 1n, 2n, 10n, fields)]);
  assert.deepEqual(await balancesOf(store, [1n, 2n]), [
    balances({ debitsPending: 10n }),
    balances({ creditsPending: 10n }),
  ]);
  assert.equal(await store.pendingState(10n), 'pending');
}

export function describePendingContract(open: OpenStore): void {
  describe('createTransfers: pending, post and void', () => {
    it('posts all of a pending transfer and stores the post with the resolved fields', async () => {
      await withStore(open, async (store) => {
        await withPending(store);
        await transfersOk(store, [post(11n, 10n, 0n, { userData64: 5n })]);
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: 10n }),
          balances({ creditsPosted: 10n }),
        ]);
        assert.equal(await store.pendingState(10n), 'posted');
        const stored = await transferOf(store, 11n);
        assert.deepEqual(stored, {
          ...transfer(11n, 1n, 2n, 10n),
          pendingId: 10n,
          userData128: 0n,
          userData64: 5n,
          userData32: 0,
          timeout: 0,
          flags: TransferFlags.postPendingTransfer,
          timestamp: stored.timestamp,
        });
        assert.equal(await store.pendingState(11n), undefined, 'a post is not itself pending');
      });
    });

    it('posts part of a pending transfer and releases the rest', async () => {
      await withStore(open, async (store) => {
        await withPending(store);
        await transfersOk(store, [
          post(11n, 10n, 4n, { debitAccountId: 1n, creditAccountId: 2n, ledger: 1, code: 1 }),
        ]);
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: 4n }),
          balances({ creditsPosted: 4n }),
        ]);
        assert.equal((await transferOf(store, 11n)).amount, 4n);
        await expectTransfers(store, [post(12n, 10n, 1n)], ['pending_transfer_already_posted']);
      });
    });

    for (const amount of [0n, 10n]) {
      it(`voids a pending transfer with amount ${amount}`, async () => {
        await withStore(open, async (store) => {
          await withPending(store);
          await transfersOk(store, [voidOf(11n, 10n, amount)]);
          assert.deepEqual(await balancesOf(store, [1n, 2n]), [balances(), balances()]);
          assert.equal(await store.pendingState(10n), 'voided');
          assert.equal((await transferOf(store, 11n)).amount, 10n, 'the void holds the resolved amount');
          await expectTransfers(
            store,
            [post(12n, 10n), voidOf(11n, 10n)],
            ['pending_transfer_already_voided', 'exists'],
          );
        });
      });
    }

    it('resolves a pending transfer once: post twice, void after post', async () => {
      await withStore(open, async (store) => {
        await withPending(store);
        await expectTransfers(
          store,
          [post(11n, 10n, 3n), post(12n, 10n, 3n), voidOf(13n, 10n), post(11n, 10n, 3n)],
          ['ok', 'pending_transfer_already_posted', 'pending_transfer_already_posted', 'exists'],
        );
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: 3n }),
          balances({ creditsPosted: 3n }),
        ]);
      });
    });

    itRejectsEach(open, resolveRejections);

    it('closes accounts with closing transfers; a post keeps them closed and a void reopens them', async () => {
      await withStore(open, async (store) => {
        const { closingDebit, closingCredit } = TransferFlags;
        await createAccountsOk(store, [account(1n), account(2n), account(3n)]);
        await transfersOk(store, [pending(10n, 1n, 2n, 5n, { flags: closingDebit | closingCredit })]);
        assert.ok(isClosed(await accountOf(store, 1n)) && isClosed(await accountOf(store, 2n)));
        await expectTransfers(
          store,
          [transfer(11n, 1n, 3n, 1n), transfer(12n, 3n, 2n, 1n), pending(13n, 3n, 1n, 1n)],
          ['account_closed', 'account_closed', 'account_closed'],
        );
        await transfersOk(store, [voidOf(14n, 10n)]);
        assert.ok(!isClosed(await accountOf(store, 1n)) && !isClosed(await accountOf(store, 2n)));
        await transfersOk(store, [
          pending(15n, 3n, 2n, 1n, { flags: closingCredit }),
          transfer(16n, 1n, 3n, 1n),
        ]);
        assert.ok(isClosed(await accountOf(store, 2n)) && !isClosed(await accountOf(store, 3n)));
        await transfersOk(store, [post(17n, 15n)]);
        assert.ok(isClosed(await accountOf(store, 2n)), 'a post keeps the account closed');
        assert.deepEqual(await balancesOf(store, [2n, 3n]), [
          balances({ creditsPosted: 1n }),
          balances({ debitsPosted: 1n, creditsPosted: 1n }),
        ]);
      });
    });

    it('closes an account with a closing transfer of 0, which a post keeps closed and a void reopens', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n), account(2n), account(3n)]);
        await transfersOk(store, [
          pending(10n, 1n, 2n, 0n, { flags: TransferFlags.closingDebit }),
          pending(11n, 3n, 2n, 0n, { flags: TransferFlags.closingCredit }),
        ]);
        assert.ok(isClosed(await accountOf(store, 1n)) && isClosed(await accountOf(store, 2n)));
        await expectTransfers(store, [transfer(12n, 3n, 1n, 1n)], ['account_closed']);
        await transfersOk(store, [post(13n, 11n), voidOf(14n, 10n)]);
        assert.ok(
          isClosed(await accountOf(store, 2n)),
          'the post of a closing transfer of 0 keeps it closed',
        );
        assert.ok(!isClosed(await accountOf(store, 1n)), 'the void reopens it');
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [balances({}), balances({})]);
      });
    });

    it('posts and voids pending transfers of closed accounts (the README lists no account_closed for them)', async () => {
      await withStore(open, async (store) => {
        await withPending(store);
        await transfersOk(store, [
          pending(12n, 1n, 2n, 2n),
          pending(11n, 3n, 2n, 1n, { flags: TransferFlags.closingCredit }),
        ]);
        assert.ok(isClosed(await accountOf(store, 2n)));
        await transfersOk(store, [post(13n, 10n), voidOf(14n, 12n)]);
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: 10n }),
          balances({ creditsPending: 1n, creditsPosted: 10n }),
        ]);
        assert.ok(
          isClosed(await accountOf(store, 2n)),
          'voiding a transfer that did not close it leaves it closed',
        );
      });
    });
  });
}
