// Delivers GSMA request outcomes to the clients' X-Callback-URL (PUT), retried on the webhook schedule; advances pending requests.
import type { SqlDatabase } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import { type BackgroundWorker, backgroundWorker } from '../events/background-worker.js';
import { WEBHOOK_RETRY_DELAYS_MS } from '../events/webhook-dispatcher.js';
import { postWebhook } from '../events/webhook-post.js';
import { advancePendingRequests } from './request-states.js';

const BATCH = 50;
const DEFAULT_TIMEOUT_MS = 10_000;
/** A claimed callback stays leased this long past the request timeout (a crashed process's lease then ends). */
const LEASE_MARGIN_MS = 60_000;
const MAX_ERROR_LENGTH = 500;

export interface GsmaCallbackDeps {
  ctx: DomainContext;
  /** Development and tests only: deliver to loopback and private addresses. */
  allowPrivate: boolean;
  timeoutMs?: number;
}

/** Each round advances pending requests, then attempts every callback due; it counts deliveries. */
export type GsmaCallbacks = BackgroundWorker;

interface DueRow {
  [column: string]: unknown;
  server_correlation_id: string;
  client_correlation_id: string | null;
  callback_url: string;
  response: string;
  callback_attempts: bigint;
  callback_next_at: bigint;
}

/** Leases due callbacks: each UPDATE succeeds only if no other process moved `callback_next_at` since the read. */
async function claim(db: SqlDatabase, now: number, leaseUntil: bigint): Promise<DueRow[]> {
  const due = await db.all<DueRow>(
    `SELECT server_correlation_id, client_correlation_id, callback_url, response, callback_attempts, callback_next_at
     FROM gsma_requests WHERE callback_next_at <= $1 ORDER BY callback_next_at LIMIT $2`,
    [BigInt(now), BigInt(BATCH)],
  );
  const claimed: DueRow[] = [];
  for (const row of due) {
    const leased = await db.run(
      `UPDATE gsma_requests SET callback_next_at = $1, callback_attempts = callback_attempts + 1
       WHERE server_correlation_id = $2 AND callback_next_at = $3`,
      [leaseUntil, row.server_correlation_id, row.callback_next_at],
      { durable: false },
    );
    if (leased === 1) claimed.push(row);
  }
  return claimed;
}

export function createGsmaCallbacks(deps: GsmaCallbackDeps): GsmaCallbacks {
  const { db, clock } = deps.ctx;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const deliver = async (row: DueRow): Promise<boolean> => {
    const attempt = Number(row.callback_attempts) + 1;
    const outcome = await postWebhook(
      new URL(row.callback_url),
      {
        'content-type': 'application/json',
        'user-agent': 'mwallet-gsma/1',
        'x-date': new Date(clock()).toISOString(),
        ...(row.client_correlation_id === null ? {} : { 'x-correlationid': row.client_correlation_id }),
      },
      row.response,
      { timeoutMs, allowPrivate: deps.allowPrivate, method: 'PUT' },
    );
    const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const delay = delivered ? undefined : WEBHOOK_RETRY_DELAYS_MS[attempt - 1];
    const now = clock();
    const error = delivered
      ? null
      : (outcome.error ?? `HTTP ${outcome.statusCode}`).slice(0, MAX_ERROR_LENGTH);
    await db.run(
      `UPDATE gsma_requests SET callback_next_at = $1, callback_delivered_at = $2, callback_error = $3
       WHERE server_correlation_id = $4 AND callback_attempts = $5`,
      [
        delay === undefined ? null : BigInt(now + delay),
        delivered ? BigInt(now) : null,
        error,
        row.server_correlation_id,
        BigInt(attempt),
      ],
    );
    return delivered;
  };

  const runRound = async (): Promise<number> => {
    await advancePendingRequests(deps.ctx);
    let delivered = 0;
    for (;;) {
      const now = clock();
      const rows = await claim(db, now, BigInt(now + timeoutMs + LEASE_MARGIN_MS));
      const results = await Promise.all(rows.map(deliver));
      delivered += results.filter(Boolean).length;
      if (rows.length < BATCH) return delivered;
    }
  };

  return backgroundWorker(runRound);
}
