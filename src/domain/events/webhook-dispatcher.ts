// Delivers the webhook outbox: signs each event, POSTs it to the merchant, logs every attempt and retries for over a day.
import type { SqlDatabase } from '../../storage/sql/sql-database.js';
import { type Clock, HOUR_MS, MINUTE_MS } from '../clock.js';
import { newId } from '../ids.js';
import { type BackgroundWorker, backgroundWorker } from './background-worker.js';
import { postWebhook } from './webhook-post.js';
import { signWebhook } from './webhook-signature.js';

/** Waits after each failed attempt (the Standard Webhooks schedule): 8 attempts over 27.6 hours, then give up. */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * MINUTE_MS,
  30 * MINUTE_MS,
  2 * HOUR_MS,
  5 * HOUR_MS,
  10 * HOUR_MS,
  10 * HOUR_MS,
];

const BATCH = 50;
const CONCURRENCY = 10;
const DEFAULT_TIMEOUT_MS = 10_000;
/** A claimed event stays leased this long past the request timeout (a crashed process's lease then ends). */
const LEASE_MARGIN_MS = 60_000;
const MAX_ERROR_LENGTH = 500;

export interface WebhookDispatcherDeps {
  db: SqlDatabase;
  clock: Clock;
  /** The merchant's signing key (webhookSecretBytes of its `whsec_` secret), undefined if it has none. */
  secretFor: (merchantId: string) => Promise<Buffer | undefined>;
  /** Development and tests only: deliver to loopback and private addresses. */
  allowPrivate: boolean;
  timeoutMs?: number;
}

/** Each round attempts every event due now and counts the deliveries. */
export type WebhookDispatcher = BackgroundWorker;

interface DueRow {
  [column: string]: unknown;
  id: string;
  merchant_id: string;
  url: string;
  payload: string;
  attempts: bigint;
  next_attempt_at: bigint;
  delivered_at: bigint | null;
}

/** An event this process holds the lease on, for attempt number `attempt`. */
interface ClaimedEvent {
  id: string;
  merchantId: string;
  url: string;
  payload: string;
  attempt: bigint;
  leaseUntil: bigint;
  deliveredBefore: boolean;
}

/** What one attempt came to: the receiver's status code, or why there was none. */
interface Outcome {
  statusCode: number | null;
  error: string | null;
}

const failure = (error: string): Outcome => ({ statusCode: null, error });

/**
 * How long to wait before trying a failed event again, or undefined to give up: a missing secret
 * does not appear by waiting, and a redelivery of an already delivered event is a single attempt.
 */
function retryDelay(event: ClaimedEvent, outcome: Outcome): number | undefined {
  if (outcome.error === 'no_secret' || event.deliveredBefore) return undefined;
  return WEBHOOK_RETRY_DELAYS_MS[Number(event.attempt) - 1];
}

export function createWebhookDispatcher(deps: WebhookDispatcherDeps): WebhookDispatcher {
  const { db, clock } = deps;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** Leases due events: the UPDATE succeeds only if no other process moved `next_attempt_at` since we read it. */
  const claim = (now: number) =>
    db.transaction(
      async (tx) => {
        const due = await tx.all<DueRow>(
          `SELECT id, merchant_id, url, payload, attempts, next_attempt_at, delivered_at FROM webhook_events
           WHERE next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2${db.forUpdate}`,
          [BigInt(now), BigInt(BATCH)],
        );
        const leaseUntil = BigInt(now + timeoutMs + LEASE_MARGIN_MS);
        const claimed: ClaimedEvent[] = [];
        for (const row of due) {
          const leased = await tx.run(
            `UPDATE webhook_events SET next_attempt_at = $1, attempts = attempts + 1
             WHERE id = $2 AND next_attempt_at = $3`,
            [leaseUntil, row.id, row.next_attempt_at],
          );
          if (leased === 0) continue;
          claimed.push({
            id: row.id,
            merchantId: row.merchant_id,
            url: row.url,
            payload: row.payload,
            attempt: row.attempts + 1n,
            leaseUntil,
            deliveredBefore: row.delivered_at !== null,
          });
        }
        return claimed;
      },
      { durable: false },
    );

  /** POSTs the signed event once; unless allowed, the connection can only reach public addresses. */
  const post = (event: ClaimedEvent, secret: Buffer, attemptedAt: number): Promise<Outcome> => {
    const timestamp = Math.floor(attemptedAt / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'mwallet-webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, event.id, timestamp, event.payload),
    };
    return postWebhook(new URL(event.url), headers, event.payload, {
      timeoutMs,
      allowPrivate: deps.allowPrivate,
    });
  };

  /** Logs the attempt and moves the event on, unless its lease was taken over (redelivery) meanwhile. */
  const record = (event: ClaimedEvent, outcome: Outcome, attemptedAt: number, durationMs: number) => {
    const now = clock();
    const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const delay = delivered ? undefined : retryDelay(event, outcome);
    const nextAttemptAt = delay === undefined ? null : BigInt(now + delay);
    const deliveredAt = delivered ? BigInt(now) : null;
    const givenUpAt = delivered || delay !== undefined ? null : BigInt(now);
    return db.transaction(
      async (tx) => {
        await tx.run(
          `INSERT INTO webhook_deliveries (id, event_id, merchant_id, attempt, attempted_at, status_code, error, duration_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            newId('whd'),
            event.id,
            event.merchantId,
            event.attempt,
            BigInt(attemptedAt),
            outcome.statusCode === null ? null : BigInt(outcome.statusCode),
            outcome.error?.slice(0, MAX_ERROR_LENGTH) ?? null,
            BigInt(durationMs),
          ],
        );
        await tx.run(
          `UPDATE webhook_events SET next_attempt_at = $1, delivered_at = COALESCE($2, delivered_at), given_up_at = $3
           WHERE id = $4 AND attempts = $5 AND next_attempt_at = $6`,
          [nextAttemptAt, deliveredAt, givenUpAt, event.id, event.attempt, event.leaseUntil],
        );
        return delivered;
      },
      { durable: false },
    );
  };

  const deliver = async (event: ClaimedEvent): Promise<boolean> => {
    const attemptedAt = clock();
    const started = performance.now();
    const secret = await deps.secretFor(event.merchantId);
    const outcome = secret ? await post(event, secret, attemptedAt) : failure('no_secret');
    return record(event, outcome, attemptedAt, Math.round(performance.now() - started));
  };

  const runRound = async (): Promise<number> => {
    let delivered = 0;
    for (;;) {
      const queue = await claim(clock());
      const claimedCount = queue.length;
      const worker = async () => {
        for (let event = queue.shift(); event; event = queue.shift()) {
          if (await deliver(event)) delivered += 1;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (claimedCount < BATCH) return delivered;
    }
  };

  return backgroundWorker(runRound);
}
