// The system dashboard's figures from the database: today's payments (count, sum, success rate), reversed ones, outbox depth.
import { formatAmount } from '../../money/index.js';
import { startOfPeriod } from '../calendar.js';
import type { DomainContext } from '../context.js';

interface PaymentTally {
  [column: string]: unknown;
  moved: bigint | null;
  volume: bigint | string | null;
  came_back: bigint | null;
  came_back_volume: bigint | string | null;
  failed: bigint | null;
}

/** Money that moved and stayed: P2P transfers paid, claimed or waiting to be claimed, and merchant payments. */
const MOVED = "('completed', 'claimed', 'awaiting_claim')";
/** Money that moved and came back: merchant payments reversed by staff, P2P transfers returned unclaimed. */
const CAME_BACK = "('reversed', 'returned')";

const TALLY = (table: string) => `
SELECT sum(CASE WHEN status IN ${MOVED} THEN 1 ELSE 0 END) AS moved,
       sum(CASE WHEN status IN ${MOVED} THEN amount ELSE 0 END) AS volume,
       sum(CASE WHEN status IN ${CAME_BACK} THEN 1 ELSE 0 END) AS came_back,
       sum(CASE WHEN status IN ${CAME_BACK} THEN amount ELSE 0 END) AS came_back_volume,
       sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
FROM ${table} WHERE created_at >= $1 AND currency = $2`;

/**
 * Payments made since the start of the operator's business day: P2P transfers and merchant payments. The count and
 * volume are of payments whose money stayed moved; those reversed or returned since are counted apart (the two
 * together are what the merchant portal counts as sales, reversals included). Every payment whose money moved is a
 * success, reversed or not; the rate is over decided payments (pending ones are left out). Outbox depth: SMS and
 * webhooks not yet delivered.
 */
export async function dashboardFigures(ctx: DomainContext) {
  const now = ctx.clock();
  const since = startOfPeriod(now, 'day', ctx.settings.timeZone);
  const currency = ctx.settings.currency;
  const total = { moved: 0n, volume: 0n, cameBack: 0n, cameBackVolume: 0n, failed: 0n };
  for (const table of ['payments', 'merchant_payments']) {
    const tally = await ctx.db.get<PaymentTally>(TALLY(table), [BigInt(since), currency]);
    total.moved += BigInt(tally?.moved ?? 0n);
    total.volume += BigInt(tally?.volume ?? 0n);
    total.cameBack += BigInt(tally?.came_back ?? 0n);
    total.cameBackVolume += BigInt(tally?.came_back_volume ?? 0n);
    total.failed += BigInt(tally?.failed ?? 0n);
  }
  const sms = await ctx.db.get<{ n: bigint }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL');
  const webhooks = await ctx.db.get<{ n: bigint }>(
    'SELECT count(*) AS n FROM webhook_events WHERE delivered_at IS NULL AND given_up_at IS NULL',
  );
  const succeeded = total.moved + total.cameBack;
  const decided = succeeded + total.failed;
  return {
    since: new Date(since).toISOString(),
    payments: {
      count: Number(total.moved),
      volume: formatAmount({ value: total.volume, currency }),
      currency,
      reversed: {
        count: Number(total.cameBack),
        volume: formatAmount({ value: total.cameBackVolume, currency }),
      },
      failed: Number(total.failed),
      successRate: decided === 0n ? null : Number(succeeded) / Number(decided),
    },
    outbox: { sms: Number(sms?.n ?? 0n), webhooks: Number(webhooks?.n ?? 0n) },
  };
}
