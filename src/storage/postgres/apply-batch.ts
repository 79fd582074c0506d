// Encodes a WriteSet as the column arrays of mw_apply_batch (one round trip writes a whole batch).
import { expiresAt, type WriteSet } from '../../ledger/ledger-view.js';
import type { Account, Id, Transfer } from '../../ledger/types.js';
import { arrayLiteral, type Cell } from './array-literal.js';
import { idToUuid } from './uuid.js';

export const APPLY_BATCH_SQL = `SELECT mw_apply_batch(${Array.from({ length: 34 }, (_, i) => `$${i + 1}`).join(', ')}) AS applied`;

/** Turns rows into one array literal per column (the shape unnest() takes). */
function columns(rows: Cell[][], width: number): string[] {
  return Array.from({ length: width }, (_, i) => arrayLiteral(rows.map((row) => row[i] ?? null)));
}

function accountRow(a: Account, isNew: boolean): Cell[] {
  return [
    idToUuid(a.id),
    a.ledger,
    a.code,
    a.flags,
    idToUuid(a.userData128),
    BigInt.asIntN(64, a.userData64),
    a.userData32,
    a.debitsPending,
    a.debitsPosted,
    a.creditsPending,
    a.creditsPosted,
    a.timestamp,
    isNew,
  ];
}

function transferRow(t: Transfer): Cell[] {
  return [
    idToUuid(t.id),
    idToUuid(t.debitAccountId),
    idToUuid(t.creditAccountId),
    t.amount,
    t.pendingId === 0n ? null : idToUuid(t.pendingId),
    idToUuid(t.userData128),
    BigInt.asIntN(64, t.userData64),
    t.userData32,
    t.timeout,
    t.ledger,
    t.code,
    t.flags,
    t.timestamp,
    expiresAt(t) ?? null,
  ];
}

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
        ...writes.newAccounts.map((a) => accountRow(a, true)),
        ...writes.updatedAccounts.map((a) => accountRow(a, false)),
      ],
      13,
    ),
    ...columns(writes.newTransfers.map(transferRow), 14),
    ...columns(
      writes.outcomes.map((o) => [idToUuid(o.pendingId), o.state, o.timestamp]),
      3,
    ),
  ];
}
