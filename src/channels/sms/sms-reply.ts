// Replies to an SMS through the outbox (message kind `reply`), and packs lines into messages of one SMS each.
import { type Locale, renderSms } from '../../domain/notifications/messages.js';
import { enqueueSms } from '../../domain/notifications/outbox.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';

/** Whom a reply goes to: a customer, or (id null) a number without a wallet. */
export interface ReplyTo {
  id: string | null;
  phone: string;
  locale: Locale;
}

/** What one reply may hold, the brand included: one SMS. */
export const SMS_BUDGET = 160;

/** Queues the text in the caller's transaction; `id` names the reply, so a repeated one is sent once. */
export function sendReply(
  tx: SqlExecutor,
  to: ReplyTo,
  id: string,
  text: string,
  now: number,
): Promise<void> {
  return enqueueSms(
    tx,
    { id, customerId: to.id, phone: to.phone, locale: to.locale, message: { kind: 'reply', text } },
    now,
  );
}

const fits = (text: string, locale: Locale) =>
  renderSms({ kind: 'reply', text }, locale).length <= SMS_BUDGET;

/** The title and lines in as few messages as fit the budget, never splitting a line (callers keep lines short). */
export function packLines(locale: Locale, title: string, lines: string[]): string[] {
  const messages: string[] = [];
  let current = title;
  for (const line of lines) {
    const joined = `${current}\n${line}`;
    if (fits(joined, locale)) current = joined;
    else {
      messages.push(current);
      current = line;
    }
  }
  messages.push(current);
  return messages;
}

/** At most `max` characters (code points), the last an ellipsis when clipped. */
export function clip(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
