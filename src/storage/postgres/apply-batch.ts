// Encodes a WriteSet as the column arrays of mw_apply_batch (one round trip writes a whole batch).
import { expiresAt, type PendingOutcome, type WriteSet } from '../../ledger/ledger-view.js';
import type { Account, Id, Transfer } from '../../ledger/types.js';
import { arrayLiteral, type Cell } from './array-literal.js';
import { idToUuid } from './uuid.js';

export const APPLY_BATCH_SQL = `SELECT mw_apply_batch(${Array.from({ length: 34 }, (_, i) => `$${i + 1}`).join(', ')}) AS applied`;

/** One array literal per column (the shape unnest() takes), each column read from every item in turn. */
function columns<T>(items: readonly T[], cells: readonly ((item: T) => Cell)[]): string[] {
  return cells.map((cell) => arrayLiteral(items.map(cell)));
}

type AccountItem = { account: Account; isNew: boolean };

const ACCOUNT_CELLS: ((item: AccountItem) => Cell)[] = [
  ({ account }) => idToUuid(account.id),
  ({ account }) => account.ledger,
  ({ account }) => account.code,
  ({ account }) => account.flags,
  ({ account }) => idToUuid(account.userData128),
  ({ account }) => BigInt.asIntN(64, account.userData64),
  ({ account }) => account.userData32,
  ({ account }) => account.debitsPending,
  ({ account }) => account.debitsPosted,
  ({ account }) => account.creditsPending,
  ({ account }) => account.creditsPosted,
  ({ account }) => account.timestamp,
  ({ isNew }) => isNew,
];

const TRANSFER_CELLS: ((t: Transfer) => Cell)[] = [
  (t) => idToUuid(t.id),
  (t) => idToUuid(t.debitAccountId),
  (t) => idToUuid(t.creditAccountId),
  (t) => t.amount,
  (t) => (t.pendingId === 0n ? null : idToUuid(t.pendingId)),
  (t) => idToUuid(t.userData128),
  (t) => BigInt.asIntN(64, t.userData64),
  (t) => t.userData32,
  (t) => t.timeout,
  (t) => t.ledger,
  (t) => t.code,
  (t) => t.flags,
  (t) => t.timestamp,
  (t) => expiresAt(t) ?? null,
];

const OUTCOME_CELLS: ((o: PendingOutcome) => Cell)[] = [
  (o) => idToUuid(o.pendingId),
  (o) => o.state,
  (o) => o.timestamp,
];

/**
 * Parameters of APPLY_BATCH_SQL for `writes`, valid only if last_timestamp is still `expectedLast` and none
 * of the transfer ids `assumedNew` (computed as absent without reading them) exists.
 */
export function applyBatchParams(
  writes: WriteSet,
  expectedLast: bigint,
  assumedNew: readonly Id[],
): string[] {
  return [
    expectedLast.toString(),
    writes.lastTimestamp.toString(),
    writes.expiryWatermark.toString(),
    arrayLiteral(assumedNew.map(idToUuid)),
    ...columns(
      [
        ...writes.newAccounts.map((account) => ({ account, isNew: true })),
        ...writes.updatedAccounts.map((account) => ({ account, isNew: false })),
      ],
      ACCOUNT_CELLS,
    ),
    ...columns(writes.newTransfers, TRANSFER_CELLS),
    ...columns(writes.outcomes, OUTCOME_CELLS),
  ];
}
