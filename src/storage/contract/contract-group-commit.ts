// Contract tests of the ledger service on a store: group commit of concurrent callers, overload, close, expiry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLedger, type Ledger, type LedgerOptions } from '../../ledger/ledger.js';
import type { CreateTransferResult, TransferInput } from '../../ledger/types.js';
import type { LedgerStore } from '../port.js';
import {
  account,
  assertNoTransfers,
  balances,
  balancesOf,
  createAccountsOk,
  linked,
  type OpenStore,
  pending,
  SECOND,
  T0,
  transfer,
  withStore,
} from './fixtures.js';

type Commit = Parameters<NonNullable<LedgerOptions['onCommit']>>[0];

/** Accounts 1 and 2, and a ledger on the store whose clock advances a second per reading. */
async function ledgerOn(
  store: LedgerStore,
  options: LedgerOptions = {},
): Promise<{ ledger: Ledger; commits: Commit[] }> {
  await createAccountsOk(store, [account(1n), account(2n)]);
  let now = T0;
  const commits: Commit[] = [];
  const ledger = createLedger(store, {
    expiryIntervalMs: 0,
    clock: () => {
      now += SECOND;
      return now;
    },
    onCommit: (info) => commits.push(info),
    ...options,
  });
  return { ledger, commits };
}

/** Caller i's batch and the results it must get; callers differ so that a mix-up shows. */
function caller(i: number): { batch: TransferInput[]; expected: CreateTransferResult[] } {
  const id = 1000n + BigInt(i) * 10n;
  switch (i % 4) {
    case 0:
      return { batch: [transfer(id, 1n, 2n, BigInt(i + 1))], expected: ['ok'] };
    case 1:
      return {
        batch: [transfer(id, 1n, 2n, 1n), transfer(id + 1n, 1n, 2n, 0n)],
        expected: ['ok', 'amount_must_be_positive'],
      };
    case 2:
      return {
        batch: [transfer(id, 1n, 2n, 1n), linked(transfer(id + 1n, 1n, 2n, 1n))],
        expected: ['ok', 'linked_event_chain_open'],
      };
    default:
      return { batch: [transfer(id - 10n, 2n, 1n, 1n)], expected: ['exists_with_different_fields'] };
  }
}

export function describeGroupCommitContract(open: OpenStore): void {
  describe('group commit through createLedger', () => {
    it('answers 200 concurrent callers each with its own results, in fewer commits than callers', async () => {
      await withStore(open, async (store) => {
        const { ledger, commits } = await ledgerOn(store);
        const callers = Array.from({ length: 200 }, (_, i) => caller(i));
        const answers = await Promise.all(callers.map((c) => ledger.createTransfers(c.batch)));
        answers.forEach((answer, i) => {
          assert.deepEqual(answer, { ok: true, results: callers[i]?.expected }, `caller ${i}`);
        });
        const transferCommits = commits.filter((c) => c.kind === 'transfers');
        assert.ok(transferCommits.length < 200, `${transferCommits.length} commits for 200 callers`);
        assert.equal(
          transferCommits.reduce((n, c) => n + c.submissions, 0),
          200,
        );
        const moved = callers.reduce(
          (sum, c) => sum + (c.expected[0] === 'ok' ? (c.batch[0]?.amount ?? 0n) : 0n),
          0n,
        );
        assert.deepEqual(await balancesOf(store, [1n, 2n]), [
          balances({ debitsPosted: moved }),
          balances({ creditsPosted: moved }),
        ]);
        assert.equal(ledger.queued(), 0);
        await ledger.close();
      });
    });

    it('groups concurrent account batches too', async () => {
      await withStore(open, async (store) => {
        const { ledger, commits } = await ledgerOn(store);
        const answers = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            ledger.createAccounts([account(100n + BigInt(i)), account(1n)]),
          ),
        );
        for (const answer of answers) assert.deepEqual(answer, { ok: true, results: ['ok', 'exists'] });
        assert.ok(commits.length < 50, `${commits.length} commits for 50 callers`);
        assert.equal(
          (await store.lookupAccounts(Array.from({ length: 50 }, (_, i) => 100n + BigInt(i)))).length,
          50,
        );
        await ledger.close();
      });
    });

    it('answers overloaded at once, with no effect, when the queue is full', async () => {
      await withStore(open, async (store) => {
        const { ledger } = await ledgerOn(store, { maxQueue: 3 });
        const first = ledger.createTransfers([1n, 2n, 3n].map((id) => transfer(id, 1n, 2n, 1n)));
        const refused = ledger.createTransfers([transfer(4n, 1n, 2n, 1n)]);
        const notYet = new Promise((resolve) => setImmediate(() => resolve('not answered yet')));
        assert.deepEqual(await Promise.race([refused, notYet]), { ok: false, error: 'overloaded' });
        assert.deepEqual(await first, { ok: true, results: ['ok', 'ok', 'ok'] });
        await assertNoTransfers(store, [4n]);
        assert.deepEqual(await ledger.createTransfers([transfer(5n, 1n, 2n, 1n)]), {
          ok: true,
          results: ['ok'],
        });
        await ledger.close();
      });
    });

    it('commits everything accepted before close() resolves, then answers closed', async () => {
      await withStore(open, async (store) => {
        const { ledger } = await ledgerOn(store);
        const ids = Array.from({ length: 20 }, (_, i) => 10n + BigInt(i));
        const calls = ids.map((id) => ledger.createTransfers([transfer(id, 1n, 2n, 1n)]));
        await ledger.close();
        assert.equal(
          (await store.lookupTransfers(ids)).length,
          20,
          'accepted work is committed when close resolves',
        );
        for (const answer of await Promise.all(calls))
          assert.deepEqual(answer, { ok: true, results: ['ok'] });
        assert.deepEqual(await ledger.createTransfers([transfer(99n, 1n, 2n, 1n)]), {
          ok: false,
          error: 'closed',
        });
        assert.deepEqual(await ledger.createAccounts([account(99n)]), { ok: false, error: 'closed' });
        await assertNoTransfers(store, [99n]);
        assert.deepEqual(await store.lookupAccounts([99n]), []);
      });
    });

    it('expires pending transfers with its own clock', async () => {
      await withStore(open, async (store) => {
        const { ledger } = await ledgerOn(store);
        assert.deepEqual(await ledger.createTransfers([pending(1n, 1n, 2n, 5n, { timeout: 2 })]), {
          ok: true,
          results: ['ok'],
        });
        assert.equal(await ledger.expirePendingTransfers(), 0, 'a second before its expiry');
        assert.equal(await ledger.pendingState(1n), 'pending');
        assert.equal(await ledger.expirePendingTransfers(), 1);
        assert.equal(await ledger.pendingState(1n), 'expired');
        await ledger.close();
      });
    });
  });
}
