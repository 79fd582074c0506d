// Encodes a WriteSet as the column arrays of mw_apply_batch (one round trip writes a whole batch).
import { expiresAt, type WriteSet } from '../../ledger/ledger-view.js';
import type { Account, Transfer } from '../../ledger/types.js';
import { idToUuid } from './uuid.js';

export const APPLY_BATCH_SQL = `SELECT mw_apply_batch(${Array.from({ length: 33 }, (_, i) => `$${i + 1}`).join(', ')}) AS applied`;

/** Turns rows into one array per column (the shape unnest() takes). */
function columns(rows: unknown[][], width: number): unknown[][] {
  const cols: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) {
    for (let i = 0; i < width; i++) cols[i]?.push(row[i]);
  }
  return cols;
}

function accountRow(a: Account, isNew: boolean): unknown[] {
  return [
    idToUuid(a.id),
    a.ledger,
    a.code,
    a.flags,
    idToUuid(a.userData128),
    BigInt.asIntN(64, a.userData64).toString(),
    a.userData32,
    a.debitsPending.toString(),
    a.debitsPosted.toString(),
    a.creditsPending.toString(),
    a.creditsPosted.toString(),
    a.timestamp.toString(),
    isNew,
  ];
}

function transferRow(t: Transfer): unknown[] {
  return [
    idToUuid(t.id),
    idToUuid(t.debitAccountId),
    idToUuid(t.creditAccountId),
    t.amount.toString(),
    t.pendingId === 0n ? null : idToUuid(t.pendingId),
    idToUuid(t.userData128),
    BigInt.asIntN(64, t.userData64).toString(),
    t.userData32,
    t.timeout,
    t.ledger,
    t.code,
    t.flags,
    t.timestamp.toString(),
    expiresAt(t)?.toString() ?? null,
  ];
}

/** Parameters of APPLY_BATCH_SQL for `writes`, valid only if last_timestamp is still `expectedLast`. */
export function applyBatchParams(writes: WriteSet, expectedLast: bigint): unknown[] {
  return [
    expectedLast.toString(),
    writes.lastTimestamp.toString(),
    writes.expiryWatermark.toString(),
    ...columns(
      [
        ...writes.newAccounts.map((a) => accountRow(a, true)),
        ...writes.updatedAccounts.map((a) => accountRow(a, false)),
      ],
      13,
    ),
    ...columns(writes.newTransfers.map(transferRow), 14),
    writes.outcomes.map((o) => idToUuid(o.pendingId)),
    writes.outcomes.map((o) => o.state),
    writes.outcomes.map((o) => o.timestamp.toString()),
  ];
}
