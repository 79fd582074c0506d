// The system dashboard's figures from the database: today's payments (count, sum, success rate) and outbox depth.
import { formatAmount } from '../../money/index.js';
import { startOfPeriod } from '../calendar.js';
import type { DomainContext } from '../context.js';

interface PaymentTally {
  [column: string]: unknown;
  completed: bigint | null;
  failed: bigint | null;
  volume: bigint | null;
}

const TALLY = (table: string) => `
SELECT sum(CASE WHEN status IN ('completed', 'reversed', 'claimed', 'awaiting_claim', 'returned') THEN 1 ELSE 0 END) AS completed,
       sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
       sum(CASE WHEN status IN ('completed', 'reversed', 'claimed', 'awaiting_claim', 'returned') THEN amount ELSE 0 END) AS volume
FROM ${table} WHERE created_at >= $1 AND currency = $2`;

/**
 * Payments since the start of the operator's business day: P2P transfers and merchant payments. A payment
 * counts as a success once its money moved (a P2P transfer waiting to be claimed too); the rate is over
 * decided payments (pending ones are left out). Outbox depth: SMS and webhooks not yet delivered.
 */
export async function dashboardFigures(ctx: DomainContext) {
  const now = ctx.clock();
  const since = startOfPeriod(now, 'day', ctx.settings.timeZone);
  const currency = ctx.settings.currency;
  let completed = 0n;
  let failed = 0n;
  let volume = 0n;
  for (const table of ['payments', 'merchant_payments']) {
    const tally = await ctx.db.get<PaymentTally>(TALLY(table), [BigInt(since), currency]);
    completed += BigInt(tally?.completed ?? 0n);
    failed += BigInt(tally?.failed ?? 0n);
    volume += BigInt(tally?.volume ?? 0n);
  }
  const sms = await ctx.db.get<{ n: bigint }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL');
  const webhooks = await ctx.db.get<{ n: bigint }>(
    'SELECT count(*) AS n FROM webhook_events WHERE delivered_at IS NULL AND given_up_at IS NULL',
  );
  const decided = completed + failed;
  return {
    since: new Date(since).toISOString(),
    payments: {
      count: Number(completed),
      volume: formatAmount({ value: volume, currency }),
      currency,
      failed: Number(failed),
      successRate: decided === 0n ? null : Number(completed) / Number(decided),
    },
    outbox: { sms: Number(sms?.n ?? 0n), webhooks: Number(webhooks?.n ?? 0n) },
  };
}
