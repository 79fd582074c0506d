// A table-driven check that a rejected transfer changes nothing while a valid item of its batch applies.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  AccountFlags,
  AMOUNT_MAX,
  type CreateTransferResult,
  ID_MAX,
  type Id,
  type TransferInput,
} from '../../ledger/types.js';
import type { LedgerStore } from '../port.js';
import {
  account,
  balances,
  balancesOf,
  createAccountsOk,
  type OpenStore,
  pending,
  post,
  SECOND,
  T0,
  transfer,
  transfersOk,
  voidOf,
  withStore,
} from './fixtures.js';

/** One invalid transfer and the code it must get. */
export interface Rejection {
  name: string;
  bad: TransferInput;
  code: CreateTransferResult;
  /** The caller's clock for the batch (defaults to T0, which is in the past by then). */
  now?: bigint;
}

/** Account ids of the world: 1, 2 plain; 3 on ledger 2; 4 closed; 5 and 6 limited; 7 and 8 near overflow. */
export const WORLD_ACCOUNTS: Id[] = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 98n, 99n];
/** Transfers of the world: 1–3 plain; 100 pending; 102 posted by 103; 104 voided by 105; 106 expired. */
export const WORLD_TRANSFERS: Id[] = [1n, 2n, 3n, 100n, 102n, 103n, 104n, 105n, 106n];
/** An id that no account or transfer of the world uses. */
export const FRESH = 50n;

/** Builds the world every rejection runs in. */
export async function buildWorld(store: LedgerStore): Promise<void> {
  const { closed, debitsMustNotExceedCredits: dmnec, creditsMustNotExceedDebits: cmned } = AccountFlags;
  await createAccountsOk(store, [
    account(1n),
    account(2n),
    account(3n, { ledger: 2 }),
    account(4n, { flags: closed }),
    account(5n, { flags: dmnec }),
    account(6n, { flags: cmned }),
    account(7n),
    account(8n),
    account(98n),
    account(99n),
  ]);
  await transfersOk(store, [
    transfer(1n, 1n, 5n, 10n),
    transfer(2n, 6n, 1n, 10n),
    transfer(3n, 7n, 8n, AMOUNT_MAX - 5n),
    pending(100n, 1n, 2n, 10n),
    pending(102n, 1n, 2n, 10n),
    post(103n, 102n),
    pending(104n, 1n, 2n, 10n),
    voidOf(105n, 104n),
    pending(106n, 1n, 2n, 10n, { timeout: 1 }),
  ]);
  assert.equal(await store.expirePendingTransfers(T0 + 2n * SECOND), 1, 'transfer 106 expired');
}

const storable = (id: Id) => id >= 0n && id <= ID_MAX;

async function stateOf(store: LedgerStore, ids: Id[]) {
  return {
    accounts: await store.lookupAccounts(WORLD_ACCOUNTS.filter((id) => id < 98n)),
    transfers: await store.lookupTransfers(ids),
    pending: await Promise.all(WORLD_TRANSFERS.map((id) => store.pendingState(id))),
  };
}

/** Registers one test per rejection: [valid transfer 98→99, bad] → ['ok', code]; nothing else changes. */
export function itRejectsEach(open: OpenStore, rejections: Rejection[]): void {
  for (const { name, bad, code, now } of rejections) {
    it(`answers ${code} for ${name}, changing nothing, while a valid item of the batch applies`, async () => {
      await withStore(open, async (store) => {
        await buildWorld(store);
        const watched = [...WORLD_TRANSFERS, FRESH, 900n, ...[bad.id, bad.pendingId ?? 0n].filter(storable)];
        const before = await stateOf(store, watched);
        const [results] = await store.createTransfers([[transfer(900n, 98n, 99n, 1n), bad]], now ?? T0);
        assert.deepEqual(results, ['ok', code]);
        const after = await stateOf(store, watched);
        const good = after.transfers.find((t) => t.id === 900n);
        assert.ok(good, 'the valid transfer of the batch applied');
        assert.deepEqual({ ...after, transfers: after.transfers.filter((t) => t !== good) }, before);
        assert.deepEqual(await balancesOf(store, [98n, 99n]), [
          balances({ debitsPosted: 1n }),
          balances({ creditsPosted: 1n }),
        ]);
      });
    });
  }
}
