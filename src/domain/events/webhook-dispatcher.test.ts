// Tests of webhook delivery against a real local receiver: signing, de-duplication, retries, give-up, redelivery, the log.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { migrateDatabase } from '../../storage/sql/migrate.js';
import type { SqlDatabase } from '../../storage/sql/sql-database.js';
import { openSqliteDatabase } from '../../storage/sql/sqlite-database.js';
import { DAY_MS } from '../clock.js';
import { domainMigrations } from '../schema.js';
import { createWebhookDispatcher, WEBHOOK_RETRY_DELAYS_MS } from './webhook-dispatcher.js';
import { enqueueWebhookEvent, redeliverEvent } from './webhook-outbox.js';
import { listWebhookDeliveries, listWebhookEvents } from './webhook-queries.js';
import { newWebhookSecret, verifyWebhook, webhookSecretBytes } from './webhook-signature.js';

const SHOP = 'mer_shop';
const OTHER_SHOP = 'mer_other';
const SHOP_WITHOUT_SECRET = 'mer_nosecret';
const SECRET = newWebhookSecret();

/** What the receiver answers to its n-th request (1-based): a status, or never. */
type Answer = (request: number) => number | 'hang';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

async function insertMerchant(db: SqlDatabase, id: string): Promise<void> {
  await db.run(
    `INSERT INTO merchants (id, name, mcc, licence_number, contact_name, contact_phone, contact_email, city, country,
       bank_name, bank_account_number, bank_account_holder, status, account_id, rate_limit_per_minute, created_at, updated_at)
     VALUES ($1, 'Test shop', '5411', $1, 'Li Lei', '+8613800000001', 'shop@example.com', 'Shanghai', 'CN',
       'Bank', '6222000000000001', 'Li Lei', 'active', $1, 600, 0, 0)`,
    [id],
  );
}

/** A receiving server that verifies every delivery as a merchant would, and a dispatcher on an in-memory database. */
async function setup(answer: Answer, options: { allowPrivate?: boolean; timeoutMs?: number } = {}) {
  let now = Date.UTC(2025, 0, 1);
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(request.headers[name] ?? '');
      const headers = {
        'webhook-id': header('webhook-id'),
        'webhook-timestamp': header('webhook-timestamp'),
        'webhook-signature': header('webhook-signature'),
      };
      const verified = verifyWebhook(SECRET, headers, body, Math.floor(now / 1000)).ok;
      received.push({ headers: request.headers, body, verified });
      const reply = answer(received.length);
      if (reply === 'hang') return;
      response.writeHead(reply, reply === 302 ? { location: '/elsewhere' } : {}).end('ignored body');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const db = openSqliteDatabase(':memory:');
  await migrateDatabase(db, domainMigrations);
  for (const merchant of [SHOP, OTHER_SHOP, SHOP_WITHOUT_SECRET]) await insertMerchant(db, merchant);
  const dispatcherFor = () =>
    createWebhookDispatcher({
      db,
      clock: () => now,
      secretFor: async (merchantId) =>
        merchantId === SHOP_WITHOUT_SECRET ? undefined : webhookSecretBytes(SECRET),
      allowPrivate: options.allowPrivate ?? true,
      timeoutMs: options.timeoutMs,
    });
  const enqueue = (id: string, merchantId = SHOP) =>
    db.transaction((tx) =>
      enqueueWebhookEvent(
        tx,
        { id, merchantId, type: 'payment.succeeded', url, data: { amount: '12.50' } },
        now,
      ),
    );
  const event = async (id: string) =>
    (await listWebhookEvents(db, SHOP, { limit: 100 })).find((e) => e.id === id);
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });
  return {
    db,
    received,
    dispatcher: dispatcherFor(),
    dispatcherFor,
    enqueue,
    event,
    deliveries: (eventId: string) => listWebhookDeliveries(db, SHOP, { limit: 100, eventId }),
    now: () => now,
    advance: (ms: number) => (now += ms),
  };
}

const always =
  (status: number | 'hang'): Answer =>
  () =>
    status;

describe('webhook dispatcher', () => {
  it('delivers an event once, signed, and the same event enqueued twice is delivered once', async () => {
    const { dispatcher, received, enqueue, event, now } = await setup(always(204));
    await enqueue('pay_1:payment.succeeded');
    await enqueue('pay_1:payment.succeeded');
    assert.equal(await dispatcher.runOnce(), 1);
    assert.equal(await dispatcher.runOnce(), 0);
    assert.equal(received.length, 1);
    const [delivery] = received;
    assert.equal(delivery?.verified, true);
    assert.equal(delivery?.headers['webhook-id'], 'pay_1:payment.succeeded');
    assert.equal(delivery?.headers['content-type'], 'application/json');
    assert.equal(delivery?.headers['user-agent'], 'mwallet-webhooks/1');
    assert.deepEqual(JSON.parse(delivery?.body ?? ''), {
      type: 'payment.succeeded',
      timestamp: new Date(now()).toISOString(),
      data: { amount: '12.50' },
    });
    const stored = await event('pay_1:payment.succeeded');
    assert.equal(stored?.status, 'delivered');
    assert.equal(stored?.attempts, 1);
  });

  it('retries a failed delivery exactly 5 s later, not before, and logs both attempts', async () => {
    const { dispatcher, received, enqueue, event, deliveries, now, advance } = await setup((n) =>
      n === 1 ? 500 : 200,
    );
    await enqueue('evt_retry');
    assert.equal(await dispatcher.runOnce(), 0);
    const pending = await event('evt_retry');
    assert.equal(pending?.status, 'pending');
    assert.equal(pending?.nextAttemptAt, new Date(now() + 5_000).toISOString());
    advance(4_000);
    assert.equal(await dispatcher.runOnce(), 0);
    assert.equal(received.length, 1);
    advance(1_000);
    assert.equal(await dispatcher.runOnce(), 1);
    assert.equal((await event('evt_retry'))?.status, 'delivered');
    const log = await deliveries('evt_retry');
    assert.deepEqual(
      log.map(({ attempt, statusCode, error }) => ({ attempt, statusCode, error })),
      [
        { attempt: 2, statusCode: 200, error: null },
        { attempt: 1, statusCode: 500, error: null },
      ],
    );
    assert.ok(received.every((delivery) => delivery.verified));
  });

  it('follows the schedule for over 24 hours, gives up after 8 attempts, and redelivers on request', async () => {
    const { db, dispatcher, received, enqueue, event, deliveries, now, advance } = await setup(always(503));
    await enqueue('evt_down');
    await dispatcher.runOnce();
    for (const [retry, delay] of WEBHOOK_RETRY_DELAYS_MS.entries()) {
      advance(delay - 1);
      await dispatcher.runOnce();
      assert.equal(received.length, retry + 1, 'not retried early');
      advance(1);
      await dispatcher.runOnce();
    }
    advance(7 * DAY_MS);
    await dispatcher.runOnce();
    assert.equal(received.length, 8);
    const givenUp = await event('evt_down');
    assert.deepEqual([givenUp?.status, givenUp?.attempts, givenUp?.nextAttemptAt], ['failed', 8, null]);
    const log = await deliveries('evt_down');
    const span = Date.parse(log[0]?.attemptedAt ?? '') - Date.parse(log.at(-1)?.attemptedAt ?? '');
    assert.ok(span >= DAY_MS, `${span} ms between the first and the last attempt`);

    assert.equal(await redeliverEvent(db, OTHER_SHOP, 'evt_down', now()), false);
    assert.equal(await redeliverEvent(db, SHOP, 'evt_down', now()), true);
    assert.equal((await event('evt_down'))?.status, 'pending');
    await dispatcher.runOnce();
    advance(DAY_MS);
    await dispatcher.runOnce();
    assert.equal(received.length, 9, 'a redelivery is one more attempt');
    assert.equal((await event('evt_down'))?.status, 'failed');
  });

  it('redelivers a delivered event once more', async () => {
    const { db, dispatcher, received, enqueue, event, now } = await setup(always(200));
    await enqueue('evt_again');
    assert.equal(await dispatcher.runOnce(), 1);
    assert.equal(await redeliverEvent(db, SHOP, 'evt_again', now()), true);
    assert.equal(await dispatcher.runOnce(), 1);
    assert.equal(received.length, 2);
    assert.deepEqual(
      [(await event('evt_again'))?.status, (await event('evt_again'))?.attempts],
      ['delivered', 2],
    );
  });

  it('counts a timeout and a redirect (not followed) as failures', async () => {
    const hanging = await setup(always('hang'), { timeoutMs: 100 });
    await hanging.enqueue('evt_slow');
    assert.equal(await hanging.dispatcher.runOnce(), 0);
    const [timedOut] = await hanging.deliveries('evt_slow');
    assert.deepEqual([timedOut?.statusCode, timedOut?.error], [null, 'timeout']);
    assert.ok((timedOut?.durationMs ?? 0) >= 90);
    assert.equal((await hanging.event('evt_slow'))?.status, 'pending');

    const redirecting = await setup(always(302));
    await redirecting.enqueue('evt_moved');
    assert.equal(await redirecting.dispatcher.runOnce(), 0);
    assert.equal(redirecting.received.length, 1, 'the redirect was not followed');
    assert.equal((await redirecting.deliveries('evt_moved'))[0]?.statusCode, 302);
  });

  it('refuses a private address at delivery time without connecting', async () => {
    const { dispatcher, received, enqueue, event, deliveries } = await setup(always(200), {
      allowPrivate: false,
    });
    await enqueue('evt_private');
    assert.equal(await dispatcher.runOnce(), 0);
    assert.equal(received.length, 0);
    assert.equal((await deliveries('evt_private'))[0]?.error, 'private_address');
    assert.equal((await event('evt_private'))?.status, 'pending');
  });

  it('gives up at once on a merchant without a signing secret', async () => {
    const { db, dispatcher, received, enqueue } = await setup(always(200));
    await enqueue('evt_unsigned', SHOP_WITHOUT_SECRET);
    assert.equal(await dispatcher.runOnce(), 0);
    assert.equal(received.length, 0);
    const [stored] = await listWebhookEvents(db, SHOP_WITHOUT_SECRET, { limit: 1 });
    assert.equal(stored?.status, 'failed');
    const [logged] = await listWebhookDeliveries(db, SHOP_WITHOUT_SECRET, { limit: 1 });
    assert.equal(logged?.error, 'no_secret');
  });

  it('lets two dispatchers share the outbox without delivering an attempt twice', async () => {
    const { dispatcherFor, received, enqueue } = await setup(always(200));
    for (let i = 0; i < 60; i += 1) await enqueue(`evt_${i}`);
    const counts = await Promise.all([dispatcherFor().runOnce(), dispatcherFor().runOnce()]);
    assert.equal(counts[0] + counts[1], 60);
    assert.equal(new Set(received.map((delivery) => delivery.headers['webhook-id'])).size, 60);
    assert.equal(received.length, 60);
  });
});

describe('webhook queries', () => {
  it('pages a merchant’s events newest first and shows only its own', async () => {
    const { db, enqueue, advance } = await setup(always(200));
    for (const id of ['evt_a', 'evt_b', 'evt_c']) {
      await enqueue(id);
      advance(1_000);
    }
    await enqueue('evt_foreign', OTHER_SHOP);
    const first = await listWebhookEvents(db, SHOP, { limit: 2 });
    assert.deepEqual(
      first.map((event) => event.id),
      ['evt_c', 'evt_b'],
    );
    const next = await listWebhookEvents(db, SHOP, { limit: 2, before: first.at(-1)?.id });
    assert.deepEqual(
      next.map((event) => event.id),
      ['evt_a'],
    );
    assert.deepEqual(await listWebhookEvents(db, SHOP, { limit: 2, before: 'evt_foreign' }), []);
    assert.deepEqual(await listWebhookDeliveries(db, OTHER_SHOP, { limit: 10 }), []);
  });
});
