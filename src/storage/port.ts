// The storage port: what the ledger needs from a database. Every adapter passes src/storage/contract.
import type {
  Account,
  AccountBalance,
  AccountInput,
  AccountTransfersFilter,
  CreateAccountResult,
  CreateTransferResult,
  Id,
  PendingState,
  Transfer,
  TransferInput,
} from '../ledger/types.js';

export interface BalanceTotals {
  accounts: number;
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
  /** Accounts whose balances break their own debit/credit limit flag; always 0 unless the store is corrupt. */
  limitViolations: number;
}

/**
 * A ledger store applies whole batches atomically and durably: each call is one database
 * transaction with one durable commit. `submissions` are independent callers' batches applied in
 * order; a linked chain never spans two submissions. `now` is the caller's clock in nanoseconds;
 * the store assigns timestamps strictly greater than any it assigned before.
 */
export interface LedgerStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending schema migrations; returns the versions it applied. */
  migrate(): Promise<number[]>;
  createAccounts(submissions: AccountInput[][], now: bigint): Promise<CreateAccountResult[][]>;
  createTransfers(submissions: TransferInput[][], now: bigint): Promise<CreateTransferResult[][]>;
  /** Voids every pending transfer whose timeout has passed at `now`; returns how many. */
  expirePendingTransfers(now: bigint): Promise<number>;
  lookupAccounts(ids: Id[]): Promise<Account[]>;
  lookupTransfers(ids: Id[]): Promise<Transfer[]>;
  pendingState(id: Id): Promise<PendingState | undefined>;
  getAccountTransfers(filter: AccountTransfersFilter): Promise<Transfer[]>;
  /** The account's balances as of `timestamp` (the returned timestamp is that instant); undefined before it existed. */
  getAccountBalanceAt(accountId: Id, timestamp: bigint): Promise<AccountBalance | undefined>;
  /** Sums of all accounts' balances read in one consistent snapshot (the books must balance). */
  balanceTotals(): Promise<BalanceTotals>;
  /** Cheap liveness query of the database. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
