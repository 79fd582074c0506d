// The notification outbox: messages are written in the same transaction as the change they report, then delivered.

import { placeholders } from '../../storage/sql/placeholders.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { Locale, SmsMessage } from './messages.js';

export interface OutgoingSms {
  /** The event's id: enqueuing the same event twice keeps one message (de-duplication). */
  id: string;
  customerId: string | null;
  phone: string;
  locale: Locale;
  message: SmsMessage;
}

/** Adds a message to the outbox inside the caller's transaction; a repeated id is ignored. */
export function enqueueSms(tx: SqlExecutor, sms: OutgoingSms, now: number): Promise<void> {
  return enqueueAllSms(tx, [sms], now);
}

/** Adds several messages to the outbox in one statement, inside the caller's transaction; repeated ids are ignored. */
export async function enqueueAllSms(tx: SqlExecutor, messages: OutgoingSms[], now: number): Promise<void> {
  if (messages.length === 0) return;
  // $1 is the time; each message's five fields follow.
  const rows = messages.map((_, i) => `(${placeholders(5 * i + 2, 5)}, $1, $1)`);
  await tx.run(
    `INSERT INTO outbox (id, customer_id, phone, locale, message, created_at, next_attempt_at)
     VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
    [
      BigInt(now),
      ...messages.flatMap((sms) => [
        sms.id,
        sms.customerId,
        sms.phone,
        sms.locale,
        JSON.stringify(sms.message),
      ]),
    ],
  );
}
