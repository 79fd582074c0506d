// Model-based property test: random step sequences applied to a store and to the reference model must agree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type AccountInput,
  type AccountTransfersFilter,
  type Id,
  TransferFlags,
  type TransferInput,
} from '../../ledger/types.js';
import type { LedgerStore } from '../port.js';
import { type OpenStore, pickBalances, T0 } from './fixtures.js';
import { ACCOUNT_IDS, resolveItems, type Step, stepsArb, TRANSFER_IDS } from './model-steps.js';
import { ReferenceLedger } from './reference-model.js';

export interface ModelPropertyOptions {
  numRuns?: number;
  /** Stops generating and shrinking after this long (default 60 s); a failure found so far is still reported. */
  timeLimitMs?: number;
  /** To replay a failure: the seed and path fast-check printed. */
  seed?: number;
  path?: string;
}

/** Account ids compared after each step: the generated ones and 9, which is generated rarely. */
const WATCHED_ACCOUNTS: Id[] = [...ACCOUNT_IDS, 9n];

export function describeModelProperty(
  name: string,
  open: OpenStore,
  options: ModelPropertyOptions = {},
): void {
  describe(`LedgerStore model property: ${name}`, () => {
    it('agrees with the reference model after every step of random step sequences', async () => {
      await fc.assert(
        fc.asyncProperty(stepsArb, async (steps) => {
          const opened = await open();
          try {
            await replay(opened.store, steps, opened.peer);
          } finally {
            await opened.close();
          }
        }),
        {
          numRuns: options.numRuns ?? 100,
          seed: options.seed,
          path: options.path,
          includeErrorInReport: true,
          plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs ?? 60_000)],
        },
      );
    });
  });
}

/**
 * Applies the steps to both ledgers, comparing results and state after each and the history at the end. With a
 * `peer`, a second store on the same data follows along (it sees what the first wrote) and a third, opened at the
 * end, sees the same accounts; totals are compared every third step, so what stores keep between steps spans
 * several of them.
 */
async function replay(store: LedgerStore, steps: Step[], peer?: () => Promise<LedgerStore>): Promise<void> {
  const follower = await peer?.();
  try {
    await replaySteps(store, steps, follower);
    if (peer) await assertPeerAgrees(await peer(), await store.lookupAccounts(WATCHED_ACCOUNTS));
  } finally {
    await follower?.close();
  }
}

async function replaySteps(store: LedgerStore, steps: Step[], follower?: LedgerStore): Promise<void> {
  const model = new ReferenceLedger();
  const accountInputs: AccountInput[] = [];
  const transferInputs: TransferInput[] = [];
  let now = T0;
  for (const [i, step] of steps.entries()) {
    now += step.dt;
    const where = `step ${i} (${step.kind} at ${now})`;
    if (step.kind === 'accounts') {
      const submissions = resolveItems(step.submissions, accountInputs);
      const actual = await store.createAccounts(submissions, now);
      assert.deepEqual(actual, model.createAccounts(submissions, now), `${where}: account results`);
    } else if (step.kind === 'transfers') {
      const pendingIds = model
        .lookupTransfers(TRANSFER_IDS)
        .filter((t) => (t.flags & TransferFlags.pending) !== 0)
        .map((t) => t.id);
      const submissions = resolveItems(step.submissions, transferInputs, pendingIds);
      const actual = await store.createTransfers(submissions, now);
      assert.deepEqual(actual, model.createTransfers(submissions, now), `${where}: transfer results`);
    } else {
      const actual = await store.expirePendingTransfers(now);
      assert.equal(actual, model.expirePendingTransfers(now), `${where}: expired count`);
    }
    await assertSameState(store, model, where, follower);
    if (i % 3 === 2 || i === steps.length - 1) await assertSameTotals(store, model, where);
  }
  await assertSameHistory(store, model);
}

/** A store newly opened on the same data sees the same accounts; it is closed after. */
async function assertPeerAgrees(other: LedgerStore, expected: unknown): Promise<void> {
  try {
    assert.deepEqual(
      await other.lookupAccounts(WATCHED_ACCOUNTS),
      expected,
      'at the end: accounts in a new peer',
    );
  } finally {
    await other.close();
  }
}

async function assertSameState(
  store: LedgerStore,
  model: ReferenceLedger,
  where: string,
  follower?: LedgerStore,
): Promise<void> {
  const accounts = await store.lookupAccounts(WATCHED_ACCOUNTS);
  assert.deepEqual(accounts, model.lookupAccounts(WATCHED_ACCOUNTS), `${where}: accounts`);
  if (follower) {
    assert.deepEqual(
      await follower.lookupAccounts(WATCHED_ACCOUNTS),
      accounts,
      `${where}: accounts in a peer`,
    );
  }
  assert.deepEqual(
    await store.lookupTransfers(TRANSFER_IDS),
    model.lookupTransfers(TRANSFER_IDS),
    `${where}: transfers`,
  );
}

/** The store's totals (which may write what it keeps in memory back) equal the sums of the model's accounts. */
async function assertSameTotals(store: LedgerStore, model: ReferenceLedger, where: string): Promise<void> {
  const accounts = model.lookupAccounts(WATCHED_ACCOUNTS);
  const sum = (pick: (a: (typeof accounts)[number]) => bigint) => accounts.reduce((n, a) => n + pick(a), 0n);
  assert.equal(
    sum((a) => a.debitsPosted),
    sum((a) => a.creditsPosted),
    `${where}: posted debits = credits`,
  );
  assert.equal(
    sum((a) => a.debitsPending),
    sum((a) => a.creditsPending),
    `${where}: pending debits = credits`,
  );
  const totals = {
    accounts: accounts.length,
    debitsPending: sum((a) => a.debitsPending),
    debitsPosted: sum((a) => a.debitsPosted),
    creditsPending: sum((a) => a.creditsPending),
    creditsPosted: sum((a) => a.creditsPosted),
    limitViolations: 0,
  };
  assert.deepEqual(await store.balanceTotals(), totals, `${where}: balanceTotals`);
}

/** Compares every account's transfers, balances at sampled past timestamps, and every pending state. */
async function assertSameHistory(store: LedgerStore, model: ReferenceLedger): Promise<void> {
  const stamps = [...model.lookupTransfers(TRANSFER_IDS), ...model.lookupAccounts(WATCHED_ACCOUNTS)]
    .map((r) => r.timestamp)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const middle = stamps[Math.floor(stamps.length / 2)] ?? T0;
  const sampled = stamps.filter((_, i) => i % 3 === 0).flatMap((t) => [t - 1n, t, t + 1n]);
  for (const accountId of WATCHED_ACCOUNTS) {
    const filters: AccountTransfersFilter[] = [
      { accountId, limit: 1000 },
      { accountId, limit: 3, reversed: true },
      { accountId, limit: 1000, debits: false, timestampMin: middle },
      { accountId, limit: 1000, credits: false, timestampMax: middle },
    ];
    for (const filter of filters) {
      const actual = await store.getAccountTransfers(filter);
      assert.deepEqual(actual, model.getAccountTransfers(filter), `getAccountTransfers(${show(filter)})`);
    }
    for (const at of sampled) {
      const actual = await store.getAccountBalanceAt(accountId, at);
      const expected = model.getAccountBalanceAt(accountId, at);
      assert.deepEqual(
        actual && pickBalances(actual),
        expected && pickBalances(expected),
        `getAccountBalanceAt(${accountId}, ${at})`,
      );
    }
  }
  for (const id of TRANSFER_IDS) {
    assert.equal(await store.pendingState(id), model.pendingState(id), `pendingState(${id})`);
  }
}

function show(filter: AccountTransfersFilter): string {
  return JSON.stringify(filter, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
