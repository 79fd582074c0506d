// Shared fixtures of the storage contract: fresh stores, account/transfer builders and balance snapshots.
import assert from 'node:assert/strict';
import {
  type Account,
  AccountFlags,
  type AccountInput,
  type CreateAccountResult,
  type CreateTransferResult,
  type Id,
  TransferFlags,
  type TransferInput,
} from '../../ledger/types.js';
import type { LedgerStore } from '../port.js';

/** A migrated, empty store and how to release it. */
export interface OpenedStore {
  store: LedgerStore;
  /** Closes the store (whichever `reopen` returned last) and drops its data. */
  close(): Promise<void>;
  /** For durable stores: closes the store and opens a new one on the same data. */
  reopen?(): Promise<LedgerStore>;
  /** For stores shared by processes: a second store on the same data, as another process opens it. */
  peer?(): Promise<LedgerStore>;
}

/** Opens a fresh, migrated, empty store; every contract test calls it once. */
export type OpenStore = () => Promise<OpenedStore>;

export const SECOND = 1_000_000_000n;
/** A fixed "now" (ns) so that tests are deterministic. */
export const T0 = 1_700_000_000n * SECOND;

export type Balances = Pick<Account, 'debitsPending' | 'debitsPosted' | 'creditsPending' | 'creditsPosted'>;

export async function withStore<T>(open: OpenStore, use: (store: LedgerStore) => Promise<T>): Promise<T> {
  const opened = await open();
  try {
    return await use(opened.store);
  } finally {
    await opened.close();
  }
}

export function account(id: Id, fields: Partial<AccountInput> = {}): AccountInput {
  return { id, ledger: 1, code: 10, ...fields };
}

export function transfer(
  id: Id,
  debitAccountId: Id,
  creditAccountId: Id,
  amount: bigint,
  fields: Partial<TransferInput> = {},
): TransferInput {
  return { id, debitAccountId, creditAccountId, amount, ledger: 1, code: 1, ...fields };
}

export function pending(
  id: Id,
  debitAccountId: Id,
  creditAccountId: Id,
  amount: bigint,
  fields: Partial<TransferInput> = {},
): TransferInput {
  return transfer(id, debitAccountId, creditAccountId, amount, {
    ...fields,
    flags: TransferFlags.pending | (fields.flags ?? 0),
  });
}

/** Posts `amount` of pending transfer `pendingId` (0 = all of it). */
export function post(id: Id, pendingId: Id, amount = 0n, fields: Partial<TransferInput> = {}): TransferInput {
  return { id, pendingId, amount, ...fields, flags: TransferFlags.postPendingTransfer | (fields.flags ?? 0) };
}

export function voidOf(
  id: Id,
  pendingId: Id,
  amount = 0n,
  fields: Partial<TransferInput> = {},
): TransferInput {
  return { id, pendingId, amount, ...fields, flags: TransferFlags.voidPendingTransfer | (fields.flags ?? 0) };
}

/** The same account or transfer with the `linked` flag (the bit is 1 for both). */
export function linked<T extends { flags?: number }>(item: T): T {
  return { ...item, flags: (item.flags ?? 0) | TransferFlags.linked };
}

export function balances(fields: Partial<Balances> = {}): Balances {
  return { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n, ...fields };
}

/** Just the four balances of an account or of a balance as of some time. */
export function pickBalances(b: Balances): Balances {
  return {
    debitsPending: b.debitsPending,
    debitsPosted: b.debitsPosted,
    creditsPending: b.creditsPending,
    creditsPosted: b.creditsPosted,
  };
}

/** The four balances of each account, in the order given; fails if one is missing. */
export async function balancesOf(store: LedgerStore, ids: Id[]): Promise<Balances[]> {
  const found = await store.lookupAccounts(ids);
  assert.equal(found.length, ids.length, 'every account exists');
  return found.map(pickBalances);
}

export async function accountOf(store: LedgerStore, id: Id): Promise<Account> {
  const [found] = await store.lookupAccounts([id]);
  assert.ok(found, `account ${id} exists`);
  return found;
}

export function isClosed(a: Account): boolean {
  return (a.flags & AccountFlags.closed) !== 0;
}

/** Creates accounts in one batch and asserts each was created. */
export async function createAccountsOk(
  store: LedgerStore,
  accounts: AccountInput[],
  now = T0,
): Promise<void> {
  const [results] = await store.createAccounts([accounts], now);
  assert.deepEqual(
    results,
    accounts.map(() => 'ok'),
  );
}

/** Submits one batch of transfers and asserts its results. */
export async function expectTransfers(
  store: LedgerStore,
  transfers: TransferInput[],
  expected: CreateTransferResult[],
  now = T0,
): Promise<void> {
  const [results] = await store.createTransfers([transfers], now);
  assert.deepEqual(results, expected);
}

/** Submits one batch of accounts and asserts its results. */
export async function expectAccounts(
  store: LedgerStore,
  accounts: AccountInput[],
  expected: CreateAccountResult[],
  now = T0,
): Promise<void> {
  const [results] = await store.createAccounts([accounts], now);
  assert.deepEqual(results, expected);
}

export async function transfersOk(store: LedgerStore, transfers: TransferInput[], now = T0): Promise<void> {
  await expectTransfers(
    store,
    transfers,
    transfers.map(() => 'ok'),
    now,
  );
}

/** Asserts that none of these transfer ids is stored. */
export async function assertNoTransfers(store: LedgerStore, ids: Id[]): Promise<void> {
  assert.deepEqual(await store.lookupTransfers(ids), [], `transfers ${ids.join(', ')} do not exist`);
}

/** Asserts that none of these account ids is stored. */
export async function assertNoAccounts(store: LedgerStore, ids: Id[]): Promise<void> {
  assert.deepEqual(await store.lookupAccounts(ids), [], `accounts ${ids.join(', ')} do not exist`);
}

/** The transfer with this id; fails if it is missing. */
export async function transferOf(store: LedgerStore, id: Id) {
  const [found] = await store.lookupTransfers([id]);
  assert.ok(found, `transfer ${id} exists`);
  return found;
}
