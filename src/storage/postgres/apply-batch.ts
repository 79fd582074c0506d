// Encodes a WriteSet as the column arrays of mw_apply_batch (one round trip writes a whole batch).
import { expiresAt, type WriteSet } from '../../ledger/ledger-view.js';
import type { Account } from '../../ledger/types.js';
import { idToUuid } from './uuid.js';

export const APPLY_BATCH_SQL = `SELECT mw_apply_batch(${Array.from({ length: 33 }, (_, i) => `$${i + 1}`).join(', ')}) AS applied`;

function accountColumns(accounts: { account: Account; isNew: boolean }[]): unknown[] {
  const cols: unknown[][] = Array.from({ length: 13 }, () => []);
  for (const { account: a, isNew } of accounts) {
    const row = [
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
    row.forEach((value, i) => cols[i]?.push(value));
  }
  return cols;
}

function transferColumns(writes: WriteSet): unknown[] {
  const cols: unknown[][] = Array.from({ length: 14 }, () => []);
  for (const t of writes.newTransfers) {
    const row = [
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
    row.forEach((value, i) => cols[i]?.push(value));
  }
  return cols;
}

/** Parameters of APPLY_BATCH_SQL for `writes`, valid only if last_timestamp is still `expectedLast`. */
export function applyBatchParams(writes: WriteSet, expectedLast: bigint, watermark: bigint): unknown[] {
  return [
    expectedLast.toString(),
    writes.lastTimestamp.toString(),
    watermark.toString(),
    ...accountColumns([
      ...writes.newAccounts.map((account) => ({ account, isNew: true })),
      ...writes.updatedAccounts.map((account) => ({ account, isNew: false })),
    ]),
    ...transferColumns(writes),
    writes.outcomes.map((o) => idToUuid(o.pendingId)),
    writes.outcomes.map((o) => o.state),
    writes.outcomes.map((o) => o.timestamp.toString()),
  ];
}
