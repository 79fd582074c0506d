// Delivers the outbox: renders each message in the customer's language and sends it, retrying with backoff.

import { placeholders } from '../../storage/sql/placeholders.js';
import type { SqlDatabase } from '../../storage/sql/sql-database.js';
import type { Clock } from '../clock.js';
import { type Locale, renderSms, type SmsMessage } from './messages.js';
import type { SmsSender } from './sms-port.js';

/** A claimed message is not claimed again for this long (another dispatcher may be sending it). */
const LEASE_MS = 60_000;
const BATCH = 100;
const MAX_BACKOFF_MS = 15 * 60_000;

interface OutboxRow {
  [column: string]: unknown;
  id: string;
  phone: string;
  locale: Locale;
  message: string;
  attempts: bigint;
}

export interface SmsDispatcher {
  /** Delivers every message due now; returns how many were delivered. */
  flush(): Promise<number>;
  /** Delivers in the background every `intervalMs` until `stop`. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createSmsDispatcher(db: SqlDatabase, sender: SmsSender, clock: Clock): SmsDispatcher {
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;

  /** Takes due messages and leases them (another dispatcher skips them until the lease ends). */
  const claim = (now: number) =>
    db.transaction(
      async (tx) => {
        const rows = await tx.all<OutboxRow>(
          `SELECT id, phone, locale, message, attempts FROM outbox
         WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2${db.forUpdate}`,
          [BigInt(now), BigInt(BATCH)],
        );
        if (rows.length > 0) {
          await tx.run(
            `UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 WHERE id IN (${placeholders(2, rows.length)})`,
            [BigInt(now + LEASE_MS), ...rows.map((row) => row.id)],
          );
        }
        return rows;
      },
      { durable: false },
    );

  /** Sends one message; a failure is scheduled again with exponential backoff. */
  const send = async (row: OutboxRow): Promise<boolean> => {
    const message = JSON.parse(row.message) as SmsMessage;
    const result = await sender.send(row.phone, renderSms(message, row.locale));
    if (result.ok) return true;
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Number(row.attempts));
    await db.run(
      'UPDATE outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3',
      [BigInt(clock() + backoff), result.error, row.id],
      { durable: false },
    );
    return false;
  };

  const flushOnce = async (): Promise<number> => {
    let delivered = 0;
    for (;;) {
      const rows = await claim(clock());
      const sent: string[] = [];
      if (sender.sendAll && rows.length > 0) {
        const texts = rows.map((row) => ({
          to: row.phone,
          text: renderSms(JSON.parse(row.message) as SmsMessage, row.locale),
        }));
        await sender.sendAll(texts);
        sent.push(...rows.map((row) => row.id));
      } else {
        for (const row of rows) if (await send(row)) sent.push(row.id);
      }
      if (sent.length > 0) {
        // At-least-once: marks lost in a crash or power cut only mean these messages are sent again.
        await db.run(
          `UPDATE outbox SET delivered_at = $1, last_error = NULL WHERE id IN (${placeholders(2, sent.length)})`,
          [BigInt(clock()), ...sent],
          { durable: false },
        );
      }
      delivered += sent.length;
      if (rows.length < BATCH) return delivered;
    }
  };

  const flush = (): Promise<number> => {
    const previous = running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(flushOnce);
    running = next;
    return next;
  };

  return {
    flush,
    start(intervalMs) {
      timer ??= setInterval(() => void flush().catch(() => undefined), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
