// Turns the JSON snapshot returned by mw_ledger_snapshot into a LedgerView for one batch.
import type { LedgerView, PendingOutcome } from '../../ledger/ledger-view.js';
import type { Account, Id, Transfer } from '../../ledger/types.js';
import type { VersionedAccountCache } from './account-cache.js';
import { uuidToId } from './uuid.js';

type JsonAccount = [
  string,
  number,
  number,
  number,
  string,
  string,
  number,
  string,
  string,
  string,
  string,
  string,
];
type JsonTransfer = [
  string,
  string,
  string,
  string,
  string | null,
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  string,
];

export interface Snapshot {
  last: string;
  watermark: string;
  next_expiry: string | null;
  accounts: JsonAccount[];
  transfers: JsonTransfer[];
  outcomes: [string, PendingOutcome['state']][];
  due: JsonTransfer[];
}

function account(r: JsonAccount): Account {
  return {
    id: uuidToId(r[0]),
    ledger: r[1],
    code: r[2],
    flags: r[3],
    userData128: uuidToId(r[4]),
    userData64: BigInt.asUintN(64, BigInt(r[5])),
    userData32: r[6],
    debitsPending: BigInt(r[7]),
    debitsPosted: BigInt(r[8]),
    creditsPending: BigInt(r[9]),
    creditsPosted: BigInt(r[10]),
    timestamp: BigInt(r[11]),
  };
}

export function transferFromJson(r: JsonTransfer): Transfer {
  return {
    id: uuidToId(r[0]),
    debitAccountId: uuidToId(r[1]),
    creditAccountId: uuidToId(r[2]),
    amount: BigInt(r[3]),
    pendingId: r[4] === null ? 0n : uuidToId(r[4]),
    userData128: uuidToId(r[5]),
    userData64: BigInt.asUintN(64, BigInt(r[6])),
    userData32: r[7],
    timeout: r[8],
    ledger: r[9],
    code: r[10],
    flags: r[11],
    timestamp: BigInt(r[12]),
  };
}

function nextExpiryOf(snapshot: Snapshot): bigint | undefined {
  return snapshot.next_expiry === null ? undefined : BigInt(snapshot.next_expiry);
}

/**
 * A view that answers only for the ids the snapshot was taken for: asking for any other id is a bug
 * (the snapshot would not prove it absent), so it throws.
 */
export function snapshotView(
  snapshot: Snapshot,
  accountIds: Set<Id>,
  transferIds: Set<Id>,
  cache: VersionedAccountCache,
  /** What the cache vouched for when the query was sent; the database resent them unless still at `version`. */
  vouched: { version: bigint | undefined; accounts: Map<Id, Account | undefined> },
): { view: LedgerView; due: Transfer[] } {
  const last = BigInt(snapshot.last);
  const fresh = snapshot.accounts.map(account);
  // The cache now holds every requested account as of `last` (the snapshot resent any it could not vouch for).
  cache.observe({ last, watermark: BigInt(snapshot.watermark), nextExpiry: nextExpiryOf(snapshot) }, fresh);
  const transfers = new Map(snapshot.transfers.map((r) => [uuidToId(r[0]), transferFromJson(r)] as const));
  const outcomes = new Map(snapshot.outcomes.map(([id, state]) => [uuidToId(id), state] as const));
  const due = snapshot.due.map(transferFromJson);
  for (const t of due) transferIds.add(t.id);
  for (const t of [...transfers.values(), ...due]) {
    accountIds.add(t.debitAccountId);
    accountIds.add(t.creditAccountId);
  }
  const watermark = BigInt(snapshot.watermark);
  const known = (ids: Set<Id>, id: Id) => {
    if (!ids.has(id)) throw new Error(`ledger snapshot does not cover id ${id}`);
  };
  // The view keeps its own copy: the batch computes after an await, when another batch may have reset the cache.
  const accounts = new Map<Id, Account | undefined>(vouched.version === last ? vouched.accounts : []);
  for (const a of fresh) accounts.set(a.id, a);
  const view: LedgerView = {
    account(id) {
      known(accountIds, id);
      return accounts.get(id);
    },
    transfer(id) {
      known(transferIds, id);
      return transfers.get(id);
    },
    outcome(pendingId) {
      known(transferIds, pendingId);
      return outcomes.get(pendingId);
    },
    lastTimestamp: () => last,
    expiryWatermark: () => watermark,
  };
  return { view, due };
}
