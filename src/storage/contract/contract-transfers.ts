// Contract tests of plain transfers: effects, every static and account-level result code, duplicates, overflow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AccountFlags,
  AMOUNT_MAX,
  ID_MAX,
  TIMEOUT_MAX,
  TransferFlags,
  type TransferInput,
} from '../../ledger/types.js';
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
  transferOf,
  transfersOk,
  voidOf,
  withStore,
} from './fixtures.js';
import { FRESH, itRejectsEach, type Rejection } from './rejections.js';

const { pending: pendingFlag, postPendingTransfer: postFlag, voidPendingTransfer: voidFlag } = TransferFlags;
const plain = (fields: Partial<TransferInput>) => transfer(FRESH, 1n, 2n, 1n, fields);
const HIGH_NOW = AMOUNT_MAX - 1_000_000_000_000_000_000n;

const invalidFields: [string, Partial<TransferInput>][] = [
  ['a negative id', { id: -1n }],
  ['an id above u128', { id: ID_MAX + 1n }],
  ['a debit account id above u128', { debitAccountId: ID_MAX + 1n }],
  ['a negative credit account id', { creditAccountId: -1n }],
  ['a pending id above u128', { pendingId: ID_MAX + 1n }],
  ['userData128 above u128', { userData128: ID_MAX + 1n }],
  ['userData64 above u64', { userData64: 1n << 64n }],
  ['a negative userData64', { userData64: -1n }],
  ['userData32 above u32', { userData32: 2 ** 32 }],
  ['a negative timeout', { timeout: -1 }],
  ['a timeout above 2^31-1', { timeout: TIMEOUT_MAX + 1, flags: pendingFlag }],
  ['a fractional timeout', { timeout: 1.5, flags: pendingFlag }],
  ['an amount above 2^63-1', { amount: AMOUNT_MAX + 1n }],
  ['ledger above u32', { ledger: 2 ** 32 }],
  ['code above u16', { code: 2 ** 16 }],
  ['flags above u32', { flags: 2 ** 32 }],
];
const staticRejections: Rejection[] = invalidFields.map(([name, fields]) => ({
  name,
  bad: plain(fields),
  code: 'invalid_field',
}));

const kindRejections: Rejection[] = [
  { name: 'an unknown flag', bad: plain({ flags: 1 << 6 }), code: 'reserved_flag' },
  { name: 'id 0', bad: plain({ id: 0n }), code: 'id_must_not_be_zero' },
  { name: 'id 2^128-1', bad: plain({ id: ID_MAX }), code: 'id_must_not_be_int_max' },
  {
    name: 'pending + post',
    bad: plain({ flags: pendingFlag | postFlag }),
    code: 'flags_are_mutually_exclusive',
  },
  {
    name: 'post + void',
    bad: voidOf(FRESH, 100n, 0n, { flags: postFlag }),
    code: 'flags_are_mutually_exclusive',
  },
  {
    name: 'pending + void',
    bad: plain({ flags: pendingFlag | voidFlag }),
    code: 'flags_are_mutually_exclusive',
  },
  {
    name: 'closingDebit on a plain transfer',
    bad: plain({ flags: TransferFlags.closingDebit }),
    code: 'closing_transfer_must_be_pending',
  },
  {
    name: 'closingCredit on a post',
    bad: post(FRESH, 100n, 0n, { flags: TransferFlags.closingCredit }),
    code: 'closing_transfer_must_be_pending',
  },
  { name: 'debit account 0', bad: plain({ debitAccountId: 0n }), code: 'debit_account_id_must_not_be_zero' },
  {
    name: 'credit account 0',
    bad: plain({ creditAccountId: 0n }),
    code: 'credit_account_id_must_not_be_zero',
  },
  { name: 'the same account twice', bad: plain({ creditAccountId: 1n }), code: 'accounts_must_be_different' },
  {
    name: 'a pending id on a plain transfer',
    bad: plain({ pendingId: 100n }),
    code: 'pending_id_must_be_zero',
  },
  {
    name: 'a timeout on a plain transfer',
    bad: plain({ timeout: 1 }),
    code: 'timeout_reserved_for_pending_transfer',
  },
  { name: 'amount 0', bad: plain({ amount: 0n }), code: 'amount_must_be_positive' },
  { name: 'a negative amount', bad: plain({ amount: -1n }), code: 'amount_must_be_positive' },
  { name: 'a pending transfer of 0', bad: pending(FRESH, 1n, 2n, 0n), code: 'amount_must_be_positive' },
  { name: 'ledger 0', bad: plain({ ledger: 0 }), code: 'ledger_must_not_be_zero' },
  { name: 'code 0', bad: plain({ code: 0 }), code: 'code_must_not_be_zero' },
  { name: 'a post of pending id 0', bad: post(FRESH, 0n), code: 'pending_id_must_not_be_zero' },
  { name: 'a void of itself', bad: voidOf(FRESH, FRESH), code: 'pending_id_must_be_different' },
  {
    name: 'a timeout on a post',
    bad: post(FRESH, 100n, 0n, { timeout: 1 }),
    code: 'timeout_reserved_for_pending_transfer',
  },
  { name: 'a post of a negative amount', bad: post(FRESH, 100n, -1n), code: 'amount_must_be_positive' },
  { name: 'a void of a negative amount', bad: voidOf(FRESH, 100n, -1n), code: 'amount_must_be_positive' },
  // First failure wins.
  {
    name: 'invalid_field before reserved_flag',
    bad: plain({ flags: 1 << 6, code: 2 ** 16 }),
    code: 'invalid_field',
  },
  { name: 'reserved_flag before id 0', bad: plain({ id: 0n, flags: 1 << 6 }), code: 'reserved_flag' },
  {
    name: 'id 0 before mutually exclusive flags',
    bad: plain({ id: 0n, flags: pendingFlag | voidFlag }),
    code: 'id_must_not_be_zero',
  },
  {
    name: 'mutually exclusive flags before closing_transfer_must_be_pending',
    bad: plain({ flags: postFlag | voidFlag | TransferFlags.closingDebit }),
    code: 'flags_are_mutually_exclusive',
  },
  {
    name: 'closing_transfer_must_be_pending before debit account 0',
    bad: plain({ debitAccountId: 0n, flags: TransferFlags.closingCredit }),
    code: 'closing_transfer_must_be_pending',
  },
  {
    name: 'debit account 0 before credit account 0',
    bad: plain({ debitAccountId: 0n, creditAccountId: 0n }),
    code: 'debit_account_id_must_not_be_zero',
  },
  {
    name: 'pending id before timeout on a plain transfer',
    bad: plain({ pendingId: 100n, timeout: 1 }),
    code: 'pending_id_must_be_zero',
  },
  { name: 'amount before ledger', bad: plain({ amount: 0n, ledger: 0 }), code: 'amount_must_be_positive' },
  { name: 'static checks before exists', bad: transfer(1n, 1n, 5n, 0n), code: 'amount_must_be_positive' },
  { name: 'an existing id with the same fields', bad: transfer(1n, 1n, 5n, 10n), code: 'exists' },
  {
    name: 'an existing id with another amount',
    bad: transfer(1n, 1n, 5n, 11n),
    code: 'exists_with_different_fields',
  },
];

const accountRejections: Rejection[] = [
  { name: 'a missing debit account', bad: transfer(FRESH, 77n, 2n, 1n), code: 'account_not_found' },
  { name: 'a missing credit account', bad: transfer(FRESH, 1n, 77n, 1n), code: 'account_not_found' },
  { name: 'accounts on different ledgers', bad: transfer(FRESH, 1n, 3n, 1n), code: 'ledger_mismatch' },
  {
    name: 'a transfer on another ledger',
    bad: transfer(FRESH, 1n, 2n, 1n, { ledger: 2 }),
    code: 'ledger_mismatch',
  },
  { name: 'a closed debit account', bad: transfer(FRESH, 4n, 1n, 1n), code: 'account_closed' },
  { name: 'a closed credit account', bad: pending(FRESH, 1n, 4n, 1n), code: 'account_closed' },
  { name: 'debits beyond 2^63-1', bad: transfer(FRESH, 7n, 1n, 6n), code: 'overflows_debits' },
  { name: 'credits beyond 2^63-1', bad: pending(FRESH, 1n, 8n, 6n), code: 'overflows_credits' },
  { name: 'debits beyond the credits', bad: transfer(FRESH, 5n, 1n, 11n), code: 'exceeds_credits' },
  { name: 'pending debits beyond the credits', bad: pending(FRESH, 5n, 1n, 11n), code: 'exceeds_credits' },
  { name: 'credits beyond the debits', bad: transfer(FRESH, 1n, 6n, 11n), code: 'exceeds_debits' },
  // First failure wins.
  {
    name: 'account_not_found before ledger_mismatch',
    bad: transfer(FRESH, 3n, 77n, 1n),
    code: 'account_not_found',
  },
  {
    name: 'ledger_mismatch before account_closed',
    bad: transfer(FRESH, 4n, 3n, 1n),
    code: 'ledger_mismatch',
  },
  {
    name: 'account_closed before overflows_debits',
    bad: transfer(FRESH, 7n, 4n, 6n),
    code: 'account_closed',
  },
  {
    name: 'overflows_debits before overflows_credits',
    bad: transfer(FRESH, 7n, 8n, 6n),
    code: 'overflows_debits',
  },
  {
    name: 'overflows_credits before exceeds_credits',
    bad: transfer(FRESH, 5n, 8n, 11n),
    code: 'overflows_credits',
  },
  {
    name: 'exceeds_credits before exceeds_debits',
    bad: transfer(FRESH, 5n, 6n, 11n),
    code: 'exceeds_credits',
  },
  {
    name: 'a timeout past the largest timestamp',
    bad: pending(FRESH, 1n, 2n, 1n, { timeout: TIMEOUT_MAX }),
    code: 'overflows_timeout',
    now: HIGH_NOW,
  },
  {
    name: 'overflows_timeout before exceeds_credits',
    bad: pending(FRESH, 5n, 1n, 11n, { timeout: TIMEOUT_MAX }),
    code: 'overflows_timeout',
    now: HIGH_NOW,
  },
];

export function describeTransferContract(open: OpenStore): void {
  describe('createTransfers: plain transfers', () => {
    it('moves posted balances and stores the transfer with omitted fields as 0', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n), account(2n)]);
        await transfersOk(store, [transfer(1n, 1n, 2n, 5n), transfer(2n, 2n, 1n, 2n, { userData64: 9n })]);
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: 5n, creditsPosted: 2n }),
          balances({ debitsPosted: 2n, creditsPosted: 5n }),
        ]);
        const stored = await transferOf(store, 1n);
        assert.deepEqual(stored, {
          ...transfer(1n, 1n, 2n, 5n),
          pendingId: 0n,
          userData128: 0n,
          userData64: 0n,
          userData32: 0,
          timeout: 0,
          flags: 0,
          timestamp: stored.timestamp,
        });
        assert.ok((await transferOf(store, 2n)).timestamp > stored.timestamp);
      });
    });

    itRejectsEach(open, [...staticRejections, ...kindRejections, ...accountRejections]);

    it('applies a duplicate once, within one batch and across batches', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n), account(2n)]);
        const t = transfer(10n, 1n, 2n, 3n, { userData128: 1n, userData64: 2n, userData32: 3 });
        await expectTransfers(
          store,
          [t, t, { ...t, amount: 4n }],
          ['ok', 'exists', 'exists_with_different_fields'],
        );
        const stored = await transferOf(store, 10n);
        const changes: Partial<TransferInput>[] = [
          { debitAccountId: 2n, creditAccountId: 1n },
          { amount: 2n },
          { userData128: 0n },
          { userData64: 0n },
          { userData32: 0 },
          { code: 2 },
          { flags: TransferFlags.pending },
          { timeout: 1, flags: TransferFlags.pending },
        ];
        await expectTransfers(
          store,
          [t, ...changes.map((c) => ({ ...t, ...c }))],
          ['exists', ...changes.map(() => 'exists_with_different_fields' as const)],
          T0 + 1n,
        );
        assert.deepEqual(await transferOf(store, 10n), stored, 'the stored transfer is unchanged');
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: 3n }),
          balances({ creditsPosted: 3n }),
        ]);
      });
    });

    it('answers exists_with_different_fields for a replay that would also fail its balance check', async () => {
      await withStore(open, async (store) => {
        const limited = { flags: AccountFlags.debitsMustNotExceedCredits };
        await createAccountsOk(store, [account(1n), account(2n), account(3n, limited), account(4n)]);
        await transfersOk(store, [transfer(10n, 1n, 2n, 5n)]);
        // Debiting the empty limited account 3 would exceed its credits, but the id exists: that comes first.
        await expectTransfers(
          store,
          [linked(transfer(10n, 3n, 2n, 5n)), transfer(11n, 1n, 4n, 1n), transfer(12n, 1n, 4n, 2n)],
          ['exists_with_different_fields', 'linked_event_failed', 'ok'],
          T0 + 1n,
        );
        await expectTransfers(store, [transfer(10n, 3n, 2n, 5n)], ['exists_with_different_fields'], T0 + 2n);
        await assertNoTransfers(store, [11n]);
        assert.deepEqual(await balancesOf(store, [1n, 3n, 4n]), [
          balances({ debitsPosted: 7n }),
          balances(),
          balances({ creditsPosted: 2n }),
        ]);
      });
    });

    it('accepts balances up to exactly 2^63-1', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(1n), account(2n), account(3n)]);
        await transfersOk(store, [transfer(1n, 1n, 2n, AMOUNT_MAX - 1n), pending(2n, 1n, 3n, 1n)]);
        await expectTransfers(
          store,
          [transfer(3n, 1n, 3n, 1n), transfer(4n, 3n, 2n, 1n)],
          ['overflows_debits', 'ok'],
        );
        await expectTransfers(store, [voidOf(5n, 2n), transfer(6n, 1n, 3n, 1n)], ['ok', 'ok']);
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: AMOUNT_MAX }),
          balances({ debitsPosted: 0n, creditsPosted: AMOUNT_MAX }),
        ]);
        await expectTransfers(store, [transfer(7n, 3n, 2n, 1n)], ['overflows_credits']);
      });
    });
  });
}
