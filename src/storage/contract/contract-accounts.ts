// Contract tests of createAccounts: every result code, exists vs exists_with_different_fields, linked chains.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccountFlags, type AccountInput, type CreateAccountResult, ID_MAX } from '../../ledger/types.js';
import {
  account,
  accountOf,
  assertNoAccounts,
  balances,
  balancesOf,
  createAccountsOk,
  expectAccounts,
  isClosed,
  linked,
  type OpenStore,
  T0,
  withStore,
} from './fixtures.js';

const { debitsMustNotExceedCredits: dmnec, creditsMustNotExceedDebits: cmned, closed } = AccountFlags;

/** Each invalid account, submitted after a valid one in the same batch; the fresh id used is 50. */
const rejections: [string, AccountInput, CreateAccountResult][] = [
  ['a negative id', account(-1n), 'invalid_field'],
  ['an id above u128', account(ID_MAX + 1n), 'invalid_field'],
  ['userData128 above u128', account(50n, { userData128: ID_MAX + 1n }), 'invalid_field'],
  ['userData64 above u64', account(50n, { userData64: 1n << 64n }), 'invalid_field'],
  ['userData32 above u32', account(50n, { userData32: 2 ** 32 }), 'invalid_field'],
  ['ledger above u32', account(50n, { ledger: 2 ** 32 }), 'invalid_field'],
  ['a negative ledger', account(50n, { ledger: -1 }), 'invalid_field'],
  ['a fractional ledger', account(50n, { ledger: 1.5 }), 'invalid_field'],
  ['code above u16', account(50n, { code: 2 ** 16 }), 'invalid_field'],
  ['flags above u32', account(50n, { flags: 2 ** 32 }), 'invalid_field'],
  ['an unknown flag', account(50n, { flags: 1 << 4 }), 'reserved_flag'],
  ['id 0', account(0n), 'id_must_not_be_zero'],
  ['id 2^128-1', account(ID_MAX), 'id_must_not_be_int_max'],
  ['both balance limits', account(50n, { flags: dmnec | cmned }), 'flags_are_mutually_exclusive'],
  ['ledger 0', account(50n, { ledger: 0 }), 'ledger_must_not_be_zero'],
  ['code 0', account(50n, { code: 0 }), 'code_must_not_be_zero'],
  ['an existing id with another code', account(1n, { code: 11 }), 'exists_with_different_fields'],
  ['an existing id with the same fields', account(1n), 'exists'],
  // First failure wins.
  ['invalid_field before reserved_flag', account(0n, { flags: 1 << 4, code: 2 ** 16 }), 'invalid_field'],
  ['reserved_flag before id_must_not_be_zero', account(0n, { flags: 1 << 4 }), 'reserved_flag'],
  ['id_must_not_be_zero before ledger_must_not_be_zero', account(0n, { ledger: 0 }), 'id_must_not_be_zero'],
  [
    'mutually exclusive flags before ledger 0',
    account(50n, { flags: dmnec | cmned, ledger: 0 }),
    'flags_are_mutually_exclusive',
  ],
  ['ledger 0 before code 0', account(50n, { ledger: 0, code: 0 }), 'ledger_must_not_be_zero'],
  ['static checks before exists', account(1n, { code: 0 }), 'code_must_not_be_zero'],
];

export function describeAccountContract(open: OpenStore): void {
  describe('createAccounts', () => {
    it('creates accounts with zero balances, the given fields and increasing timestamps from now', async () => {
      await withStore(open, async (store) => {
        const full = account(1n, {
          userData128: ID_MAX - 1n,
          userData64: (1n << 64n) - 1n,
          userData32: 2 ** 32 - 1,
        });
        await createAccountsOk(store, [
          full,
          account(2n, { ledger: 2 ** 32 - 1, code: 2 ** 16 - 1, flags: dmnec }),
        ]);
        const [a, b] = await store.lookupAccounts([1n, 2n]);
        assert.ok(a && b);
        assert.deepEqual(a, { ...full, flags: 0, ...balances(), timestamp: a.timestamp });
        assert.equal(b.flags, dmnec);
        assert.equal(b.ledger, 2 ** 32 - 1);
        assert.ok(a.timestamp >= T0, 'the first timestamp is at least now');
        assert.ok(b.timestamp > a.timestamp, 'timestamps increase in batch order');
      });
    });

    for (const [name, bad, code] of rejections) {
      it(`answers ${code} for ${name}, changing nothing, while a valid item of the batch applies`, async () => {
        await withStore(open, async (store) => {
          await createAccountsOk(store, [account(1n)]);
          const before = await accountOf(store, 1n);
          await expectAccounts(store, [account(2n), bad], ['ok', code]);
          await accountOf(store, 2n);
          assert.deepEqual(await accountOf(store, 1n), before, 'the existing account is unchanged');
          await assertNoAccounts(store, [50n, 0n, ID_MAX]);
        });
      });
    }

    it('compares every field for exists, across batches and within one batch', async () => {
      await withStore(open, async (store) => {
        const original = account(1n, { userData128: 7n, userData64: 8n, userData32: 9, flags: dmnec });
        await createAccountsOk(store, [original]);
        const before = await accountOf(store, 1n);
        const changed: Partial<AccountInput>[] = [
          { ledger: 2 },
          { code: 11 },
          { userData128: 0n },
          { userData64: 0n },
          { userData32: 0 },
          { flags: 0 },
          { flags: cmned },
        ];
        await expectAccounts(
          store,
          [original, ...changed.map((fields) => ({ ...original, ...fields }))],
          ['exists', ...changed.map((): CreateAccountResult => 'exists_with_different_fields')],
          T0 + 1n,
        );
        assert.deepEqual(await accountOf(store, 1n), before, 'nothing changed, not even the timestamp');
        await expectAccounts(store, [account(3n), account(3n)], ['ok', 'exists']);
        await expectAccounts(
          store,
          [account(4n), account(4n, { code: 12 })],
          ['ok', 'exists_with_different_fields'],
        );
        assert.equal((await accountOf(store, 4n)).code, 10, 'the first of the batch wins');
      });
    });

    it('ignores the closed flag when comparing an existing account', async () => {
      await withStore(open, async (store) => {
        await createAccountsOk(store, [account(5n, { flags: closed }), account(6n)]);
        await expectAccounts(store, [account(5n), account(6n, { flags: closed })], ['exists', 'exists']);
        assert.ok(isClosed(await accountOf(store, 5n)), 'an account may be created closed');
        assert.ok(!isClosed(await accountOf(store, 6n)), 'exists does not close the account');
      });
    });

    it('applies a linked chain whole', async () => {
      await withStore(open, async (store) => {
        await expectAccounts(
          store,
          [linked(account(10n)), linked(account(11n)), account(12n)],
          ['ok', 'ok', 'ok'],
        );
        assert.equal((await store.lookupAccounts([10n, 11n, 12n])).length, 3);
        assert.deepEqual(await balancesOf(store, [10n]), [balances()]);
      });
    });

    it('undoes a chain that fails in the middle and keeps items after the chain', async () => {
      await withStore(open, async (store) => {
        const chain = [linked(account(20n)), linked(account(21n, { code: 0 })), account(22n)];
        await expectAccounts(
          store,
          [...chain, account(23n)],
          ['linked_event_failed', 'code_must_not_be_zero', 'linked_event_failed', 'ok'],
        );
        await assertNoAccounts(store, [20n, 21n, 22n]);
        await accountOf(store, 23n);
      });
    });

    it('fails a chain still open at the end of the batch', async () => {
      await withStore(open, async (store) => {
        await expectAccounts(
          store,
          [account(30n), linked(account(31n)), linked(account(32n))],
          ['ok', 'linked_event_failed', 'linked_event_chain_open'],
        );
        await accountOf(store, 30n);
        await assertNoAccounts(store, [31n, 32n]);
        await expectAccounts(store, [linked(account(33n))], ['linked_event_chain_open']);
        await assertNoAccounts(store, [33n]);
      });
    });

    it('counts exists inside a chain as success', async () => {
      await withStore(open, async (store) => {
        await expectAccounts(store, [linked(account(40n)), account(41n)], ['ok', 'ok']);
        await expectAccounts(store, [linked(account(40n)), account(42n)], ['exists', 'ok']);
        await accountOf(store, 42n);
      });
    });

    it('does not let a chain span two submissions of one call', async () => {
      await withStore(open, async (store) => {
        const results = await store.createAccounts(
          [[account(49n), linked(account(50n))], [account(51n)]],
          T0,
        );
        assert.deepEqual(results, [['ok', 'linked_event_chain_open'], ['ok']]);
        await assertNoAccounts(store, [50n]);
        assert.equal((await store.lookupAccounts([49n, 51n])).length, 2);
      });
    });
  });
}
