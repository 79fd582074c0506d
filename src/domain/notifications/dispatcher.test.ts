// Tests of the SMS outbox dispatcher: delivers each queued message once, retries failures later, de-duplicates by id.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrateDatabase } from '../../storage/sql/migrate.js';
import { openSqliteDatabase } from '../../storage/sql/sqlite-database.js';
import { domainMigrations } from '../schema.js';
import { createDevSmsOutbox } from './dev-sms-outbox.js';
import { createSmsDispatcher } from './dispatcher.js';
import { enqueueSms } from './outbox.js';
import type { SmsSender } from './sms-port.js';

async function setup(sender: SmsSender) {
  const db = openSqliteDatabase(':memory:');
  await migrateDatabase(db, domainMigrations);
  let now = 1_000_000;
  const dispatcher = createSmsDispatcher(db, sender, () => now);
  const queue = (id: string, phone: string) =>
    db.transaction((tx) =>
      enqueueSms(tx, { id, customerId: null, phone, locale: 'en', message: { kind: 'account_locked' } }, now),
    );
  return { db, dispatcher, queue, advance: (ms: number) => (now += ms) };
}

describe('SMS dispatcher', () => {
  it('sends every queued message once, rendered in its language, and queuing an event twice sends it once', async () => {
    const sent: [string, string][] = [];
    const { db, dispatcher, queue } = await setup({
      send: async (to, text) => {
        sent.push([to, text]);
        return { ok: true };
      },
    });
    await queue('event-1', '+8613800000001');
    await queue('event-1', '+8613800000001');
    await queue('event-2', '+8613800000002');
    assert.equal(await dispatcher.flush(), 2);
    assert.equal(await dispatcher.flush(), 0);
    assert.deepEqual(
      sent.map(([to]) => to),
      ['+8613800000001', '+8613800000002'],
    );
    assert.match(sent[0]?.[1] ?? '', /^\[mwallet\]/);
    await db.close();
  });

  it('retries a failed send after a backoff, not before', async () => {
    let failures = 1;
    const sent: string[] = [];
    const { db, dispatcher, queue, advance } = await setup({
      send: async (to) => {
        if (failures-- > 0) return { ok: false, error: 'gateway_timeout' };
        sent.push(to);
        return { ok: true };
      },
    });
    await queue('event-3', '+8613800000003');
    assert.equal(await dispatcher.flush(), 0);
    assert.equal(await dispatcher.flush(), 0, 'not due again yet');
    advance(2_000);
    assert.equal(await dispatcher.flush(), 1);
    assert.deepEqual(sent, ['+8613800000003']);
    const row = await db.get<{ attempts: bigint; delivered_at: bigint | null }>(
      'SELECT attempts, delivered_at FROM outbox WHERE id = $1',
      ['event-3'],
    );
    assert.equal(row?.attempts, 2n);
    assert.notEqual(row?.delivered_at, null);
    await db.close();
  });

  it('hands a whole batch to an adapter that sends many at once (the dev outbox stores them in one transaction)', async () => {
    const db = openSqliteDatabase(':memory:');
    await migrateDatabase(db, domainMigrations);
    const outbox = createDevSmsOutbox(db, () => 1_000);
    const dispatcher = createSmsDispatcher(db, outbox, () => 1_000);
    for (const id of ['a', 'b', 'c']) {
      await db.transaction((tx) =>
        enqueueSms(
          tx,
          {
            id,
            customerId: null,
            phone: id === 'a' ? '+8613800000001' : '+8613800000002',
            locale: 'zh-CN',
            message: { kind: 'pin_locked' },
          },
          1_000,
        ),
      );
    }
    assert.equal(await dispatcher.flush(), 3);
    assert.equal(await dispatcher.flush(), 0);
    const stored = await outbox.list(undefined, 10);
    assert.equal(stored.length, 3);
    assert.ok(stored.every((m) => m.text.startsWith('【mwallet】')));
    assert.equal((await outbox.list('+8613800000001', 10)).length, 1);
    await db.close();
  });
});
