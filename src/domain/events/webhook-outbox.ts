// The webhook outbox: events are written in the same transaction as the change they report, then delivered.
import type { SqlDatabase, SqlExecutor } from '../../storage/sql/sql-database.js';

export interface WebhookEvent {
  /** Deterministic, e.g. `${paymentId}:payment.succeeded`: enqueuing the same event twice keeps one. */
  id: string;
  merchantId: string;
  /** Dotted event type, e.g. `payment.succeeded`. */
  type: string;
  /** The merchant's endpoint when the event happened (checked with checkWebhookUrl when it was set). */
  url: string;
  /** JSON-safe data (amounts as decimal strings, no bigint). */
  data: Record<string, unknown>;
}

/** Adds an event inside the caller's transaction, due at once; the body is the Standard Webhooks payload. */
export async function enqueueWebhookEvent(tx: SqlExecutor, event: WebhookEvent, now: number): Promise<void> {
  const payload = JSON.stringify({
    type: event.type,
    timestamp: new Date(now).toISOString(),
    data: event.data,
  });
  await tx.run(
    `INSERT INTO webhook_events (id, merchant_id, type, url, payload, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (id) DO NOTHING`,
    [event.id, event.merchantId, event.type, event.url, payload, BigInt(now)],
  );
}

/**
 * Schedules one more attempt of a merchant's event now (also after it was delivered or given up);
 * false when the merchant has no such event.
 */
export async function redeliverEvent(
  db: SqlDatabase,
  merchantId: string,
  eventId: string,
  now: number,
): Promise<boolean> {
  const changed = await db.run(
    'UPDATE webhook_events SET next_attempt_at = $1, given_up_at = NULL WHERE id = $2 AND merchant_id = $3',
    [BigInt(now), eventId, merchantId],
  );
  return changed > 0;
}
