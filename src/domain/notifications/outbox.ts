// The notification outbox: messages are written in the same transaction as the change they report, then delivered.
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
export async function enqueueSms(tx: SqlExecutor, sms: OutgoingSms, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO outbox (id, customer_id, phone, locale, message, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (id) DO NOTHING`,
    [sms.id, sms.customerId, sms.phone, sms.locale, JSON.stringify(sms.message), BigInt(now)],
  );
}
