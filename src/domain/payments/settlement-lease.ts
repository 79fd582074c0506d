// One settler at a time: the attempt holding a record's lease alone submits its transfers and writes the outcome.
import type { DomainContext } from '../context.js';

/**
 * Longer than any ledger call takes; a settler that died lets the next attempt (a retry, the recovery job)
 * take over after it. Without a lease, an attempt whose chain failed could record "failed" while a second
 * attempt's identical chain succeeded a moment later: the record would say failed while the money moved.
 */
export const SETTLEMENT_LEASE_MS = 30_000;

export type LeasedTable = 'payments' | 'merchant_payments' | 'merchant_refunds' | 'disbursements';

/** The lease a record being created is inserted with (its `settling_until`): the creating attempt settles it. */
export function newLease(now: number): bigint {
  return BigInt(now + SETTLEMENT_LEASE_MS);
}

/** Takes the lease of a pending record whose settler is gone; undefined while another holds it (or it is settled). */
export async function claimLease(
  ctx: DomainContext,
  table: LeasedTable,
  id: string,
): Promise<bigint | undefined> {
  const now = ctx.clock();
  const lease = BigInt(now + SETTLEMENT_LEASE_MS);
  const claimed = await ctx.db.run(
    `UPDATE ${table} SET settling_until = $1
     WHERE id = $2 AND status = 'pending' AND (settling_until IS NULL OR settling_until <= $3)`,
    [lease, id, BigInt(now)],
    { durable: false },
  );
  return claimed === 1 ? lease : undefined;
}

/** Gives the lease back when the ledger could not take the work (nothing moved): a retry may settle at once. */
export async function releaseLease(
  ctx: DomainContext,
  table: LeasedTable,
  id: string,
  lease: bigint,
): Promise<void> {
  await ctx.db.run(
    `UPDATE ${table} SET settling_until = NULL WHERE id = $1 AND status = 'pending' AND settling_until = $2`,
    [id, lease],
    { durable: false },
  );
}

/**
 * The recovery job's loop over one table: each record left pending (by a crash or a busy ledger) for longer
 * than `minAgeMs` is handed to `settle`; answers how many it settled.
 */
export async function settleStale(
  ctx: DomainContext,
  table: LeasedTable,
  minAgeMs: number,
  settle: (id: string) => Promise<boolean>,
): Promise<number> {
  const rows = await ctx.db.all<{ id: string }>(
    `SELECT id FROM ${table} WHERE status = 'pending' AND created_at < $1 ORDER BY created_at LIMIT 1000`,
    [BigInt(ctx.clock() - minAgeMs)],
  );
  let settled = 0;
  for (const row of rows) if (await settle(row.id)) settled++;
  return settled;
}
