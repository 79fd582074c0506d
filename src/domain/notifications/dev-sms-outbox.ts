// The dev SMS adapter: "sends" by storing the text, so demos and tests can read codes at GET /dev/sms.

import { placeholders } from '../../storage/sql/placeholders.js';
import type { SqlDatabase } from '../../storage/sql/sql-database.js';
import type { Clock } from '../clock.js';
import type { SmsSender } from './sms-port.js';

export interface DevSms {
  seq: number;
  phone: string;
  text: string;
  sentAt: string;
}

export interface DevSmsOutbox extends SmsSender {
  /** The newest messages first, optionally to one number. */
  list(phone: string | undefined, limit: number): Promise<DevSms[]>;
}

interface DevSmsRow {
  [column: string]: unknown;
  seq: bigint;
  phone: string;
  text: string;
  sent_at: bigint;
}

export function createDevSmsOutbox(db: SqlDatabase, clock: Clock): DevSmsOutbox {
  /** Stores the texts in one statement ($1 is the time; each text's number and body follow). */
  const store = async (messages: readonly { to: string; text: string }[]) => {
    if (messages.length === 0) return;
    const rows = messages.map((_, i) => `(${placeholders(2 * i + 2, 2)}, $1)`);
    await db.run(
      `INSERT INTO sms_dev_outbox (phone, text, sent_at) VALUES ${rows.join(', ')}`,
      [BigInt(clock()), ...messages.flatMap((m) => [m.to, m.text])],
      { durable: false },
    );
  };
  return {
    async send(to, text) {
      await store([{ to, text }]);
      return { ok: true };
    },
    async sendAll(messages) {
      await store(messages);
    },
    async list(phone, limit) {
      const rows =
        phone === undefined
          ? await db.all<DevSmsRow>('SELECT * FROM sms_dev_outbox ORDER BY seq DESC LIMIT $1', [
              BigInt(limit),
            ])
          : await db.all<DevSmsRow>(
              'SELECT * FROM sms_dev_outbox WHERE phone = $1 ORDER BY seq DESC LIMIT $2',
              [phone, BigInt(limit)],
            );
      return rows.map((row) => ({
        seq: Number(row.seq),
        phone: row.phone,
        text: row.text,
        sentAt: new Date(Number(row.sent_at)).toISOString(),
      }));
    },
  };
}
