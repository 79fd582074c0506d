// Queues a message to a customer in their language (the common case of enqueueSms).
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { Locale, SmsMessage } from './messages.js';
import { enqueueSms, type OutgoingSms } from './outbox.js';

export interface Recipient {
  id: string;
  phone: string;
  locale: Locale;
}

export function notifyCustomer(
  tx: SqlExecutor,
  to: Recipient,
  eventId: string,
  message: SmsMessage,
  now: number,
): Promise<void> {
  return enqueueSms(tx, customerSms(to, eventId, message), now);
}

/** A message to a customer in their language, for enqueueAllSms. */
export function customerSms(to: Recipient, eventId: string, message: SmsMessage): OutgoingSms {
  return { id: eventId, customerId: to.id, phone: to.phone, locale: to.locale, message };
}
