// Tests that the periodic jobs forget week-old inbound SMS ids and long-ended USSD sessions, and keep recent ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../channels/http/test-app.js';
import { DAY_MS } from './clock.js';

describe('channel housekeeping', () => {
  it('forgets old inbound SMS ids and ended USSD sessions, and keeps recent ones', async () => {
    const test = await createTestApp();
    try {
      const { db, clock } = test.platform.ctx;
      const now = clock();
      const sms = (id: string, at: number) =>
        db.run('INSERT INTO sms_inbound (message_id, phone, received_at) VALUES ($1, $2, $3)', [
          id,
          '+8613700000001',
          BigInt(at),
        ]);
      const ussd = (id: string, expiresAt: number) =>
        db.run(
          `INSERT INTO ussd_sessions (session_id, phone, state, inputs_seen, updated_at, expires_at)
           VALUES ($1, '+8613700000001', '{}', 0, $2, $2)`,
          [id, BigInt(expiresAt)],
        );
      await sms('old', now - 8 * DAY_MS);
      await sms('recent', now - DAY_MS);
      await ussd('ended', now - 2 * DAY_MS);
      await ussd('live', now + 60_000);
      await test.platform.runJobs();
      const left = await db.all<{ id: string }>(
        'SELECT message_id AS id FROM sms_inbound UNION ALL SELECT session_id AS id FROM ussd_sessions ORDER BY id',
      );
      assert.deepEqual(
        left.map((row) => row.id),
        ['live', 'recent'],
      );
    } finally {
      await test.close();
    }
  });
});
