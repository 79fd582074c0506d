// The SIM-swap signal port's dev adapter: staff (or a telco feed) record a swap; payments above the small limit pause 72 h.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';

export async function recordSimSwap(
  ctx: DomainContext,
  phone: string,
  at: number,
  actor: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO sim_swaps (phone, swapped_at, recorded_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [phone, BigInt(at), actor],
    );
    await recordAudit(
      tx,
      {
        actor,
        action: 'sim_swap.record',
        subject: `phone:${phone}`,
        details: { at: new Date(at).toISOString() },
      },
      ctx.clock(),
    );
  });
}
