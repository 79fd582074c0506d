// Read models of a merchant's webhooks: its events with their delivery state, and the log of every attempt.
import type { SqlDatabase, SqlValue } from '../../storage/sql/sql-database.js';

export interface WebhookEventView {
  id: string;
  type: string;
  createdAt: string;
  attempts: number;
  /** pending: an attempt is scheduled (or running); failed: given up after the last attempt. */
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

interface EventRow {
  [column: string]: unknown;
  id: string;
  type: string;
  created_at: bigint;
  attempts: bigint;
  next_attempt_at: bigint | null;
  delivered_at: bigint | null;
  given_up_at: bigint | null;
}

interface DeliveryRow {
  [column: string]: unknown;
  id: string;
  event_id: string;
  attempt: bigint;
  attempted_at: bigint;
  status_code: bigint | null;
  error: string | null;
  duration_ms: bigint;
}

const isoTime = (ms: bigint) => new Date(Number(ms)).toISOString();
const isoTimeOrNull = (ms: bigint | null) => (ms === null ? null : isoTime(ms));

function statusOf(row: EventRow): WebhookEventView['status'] {
  if (row.next_attempt_at !== null) return 'pending';
  return row.given_up_at !== null ? 'failed' : 'delivered';
}

/** A merchant's events, newest first; `before` (an event id) continues after that event. */
export async function listWebhookEvents(
  db: SqlDatabase,
  merchantId: string,
  page: { limit: number; before?: string },
): Promise<WebhookEventView[]> {
  const params: SqlValue[] = [merchantId, BigInt(page.limit)];
  const after = page.before
    ? 'AND (created_at, id) < (SELECT created_at, id FROM webhook_events WHERE id = $3 AND merchant_id = $1)'
    : '';
  if (page.before) params.push(page.before);
  const rows = await db.all<EventRow>(
    `SELECT id, type, created_at, attempts, next_attempt_at, delivered_at, given_up_at FROM webhook_events
     WHERE merchant_id = $1 ${after} ORDER BY created_at DESC, id DESC LIMIT $2`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    createdAt: isoTime(row.created_at),
    attempts: Number(row.attempts),
    status: statusOf(row),
    nextAttemptAt: isoTimeOrNull(row.next_attempt_at),
    deliveredAt: isoTimeOrNull(row.delivered_at),
  }));
}

/** A merchant's delivery attempts, newest first, optionally of one event only. */
export async function listWebhookDeliveries(
  db: SqlDatabase,
  merchantId: string,
  page: { limit: number; eventId?: string },
): Promise<WebhookDeliveryView[]> {
  const params: SqlValue[] = [merchantId, BigInt(page.limit)];
  if (page.eventId) params.push(page.eventId);
  const rows = await db.all<DeliveryRow>(
    `SELECT id, event_id, attempt, attempted_at, status_code, error, duration_ms FROM webhook_deliveries
     WHERE merchant_id = $1 ${page.eventId ? 'AND event_id = $3' : ''}
     ORDER BY attempted_at DESC, attempt DESC, id DESC LIMIT $2`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    attempt: Number(row.attempt),
    attemptedAt: isoTime(row.attempted_at),
    statusCode: row.status_code === null ? null : Number(row.status_code),
    error: row.error,
    durationMs: Number(row.duration_ms),
  }));
}
