// The SMS webhook as the gateway meets it: malformed requests, repeated message ids, unknown senders, the daily cap.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SmsPhone } from '../../src/channels/sms/sms-test-phone.js';
import { phoneSequence, problemOf } from '../support/api-assertions.js';
import { describeApi } from '../support/api-suite.js';

const phones = phoneSequence('1376610');
const CODE = /YES (\d{6})/;

describeApi('SMS webhook', (suite) => {
  const customer = async (amount = '100.00') => {
    const registered = await suite.api.register(phones());
    if (amount !== '0') await suite.api.fund(registered.phone, amount);
    const sms = new SmsPhone(suite.test.app, registered.phone);
    await sms.received();
    return { ...registered, sms };
  };
  const count = async (table: string, where = '1 = 1', params: string[] = []) => {
    const row = await suite.test.platform.ctx.db.get<{ n: bigint }>(
      `SELECT count(*) AS n FROM ${table} WHERE ${where}`,
      params,
    );
    return Number(row?.n);
  };

  it('runs again a message whose first attempt died unanswered, and only acknowledges an answered one', async () => {
    const alice = await customer('42.00');
    const { db, clock } = suite.test.platform.ctx;
    // The process that received SM-died recorded it and died before answering.
    await db.run('INSERT INTO sms_inbound (message_id, phone, received_at) VALUES ($1, $2, $3)', [
      'SM-died',
      alice.phone,
      BigInt(clock() - 31_000),
    ]);
    const retried = await alice.sms.send('BAL', 'SM-died');
    assert.equal(retried.length, 1);
    assert.match(retried[0] ?? '', /42\.00/);
    assert.deepEqual(await alice.sms.send('BAL', 'SM-died'), [], 'answered now: acknowledged, not run again');
  });

  it('refuses malformed requests with 400 problem+json and no effect', async () => {
    const alice = await customer();
    const bob = await customer('0');
    const order = { from: alice.phone, text: `SEND ${bob.phone} 5`, messageId: 'SM-malformed-1' };
    const inbound = await count('sms_inbound');
    const bad: [Record<string, unknown>, boolean][] = [
      [{ text: order.text, messageId: order.messageId }, false],
      [{ from: alice.phone, messageId: order.messageId }, false],
      [{ from: alice.phone, text: order.text }, false],
      [{ ...order, text: 'x'.repeat(641) }, false],
      [{ ...order, messageId: 'id with spaces' }, false],
      [{ ...order, messageId: 'x'.repeat(65) }, false],
      [{ ...order, from: 'not a number' }, false],
      [{ ...order, from: '+861' }, false],
      [{ ...order, text: 'BAL\u0000' }, true],
      [{ ...order, surprise: 'field' }, true],
      [{ ...order, text: 42 }, true],
    ];
    for (const [fields, json] of bad) {
      problemOf(await alice.sms.post(fields, json), 400, 'invalid_request', 'invalid_phone');
    }
    const repeated = await suite.test.app.inject({
      method: 'POST',
      url: '/channels/sms',
      payload: `from=${encodeURIComponent(alice.phone)}&text=BAL&text=MINI&messageId=SM-x`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    problemOf(repeated, 400, 'invalid_request');
    assert.equal(await count('sms_inbound'), inbound);
    assert.deepEqual(await alice.sms.received(), []);
    assert.equal(await count('sms_confirmations', 'customer_id = $1', [alice.customerId]), 0);
    // The same message well-formed, as JSON: accepted and answered.
    const accepted = await alice.sms.post(order, true);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.match((await alice.sms.received()).join(), /Reply YES \d{6}/);
  });

  it('a repeated messageId is acknowledged again but runs once', async () => {
    const alice = await customer();
    const bob = await customer('0');
    const order = await alice.sms.send(`SEND ${bob.phone} 7`, 'SM-repeat-order');
    assert.equal(order.length, 1);
    assert.deepEqual(await alice.sms.send('SEND anything else', 'SM-repeat-order'), []);
    const code = CODE.exec(order[0] ?? '')?.[1] ?? '';
    assert.equal((await alice.sms.send(`YES ${code}`, 'SM-repeat-yes')).length, 1);
    assert.deepEqual(await alice.sms.send(`YES ${code}`, 'SM-repeat-yes'), []);
    assert.equal(await count('sms_confirmations', 'customer_id = $1', [alice.customerId]), 1);
    assert.equal(await suite.api.balance(alice.token), '93.00');
  });

  it('tells a number without a wallet how to register (once a day) and nothing about anyone', async () => {
    const alice = await customer('321.00');
    const stranger = new SmsPhone(suite.test.app, phones());
    const answer = await stranger.ask('BAL');
    assert.match(answer, /未开通mwallet钱包.*This number has no mwallet wallet/);
    assert.deepEqual(await stranger.send(`SEND ${alice.phone} 5`), []);
    assert.deepEqual(await stranger.send('MINI'), []);
    assert.doesNotMatch(answer, /321|\*{4}/);
    assert.deepEqual(await alice.sms.received(), []);
  });

  it('is in the OpenAPI document under channels', async () => {
    const document = await suite.api.get('/openapi.json');
    const paths = document.json<{ paths: Record<string, { post?: { tags?: string[] } }> }>().paths;
    assert.deepEqual(paths['/channels/sms']?.post?.tags, ['channels']);
  });
});

describeApi(
  'SMS limits',
  (suite) => {
    it('counts messages per sender: the 21st in a minute gets 429, other numbers go on', async () => {
      const busy = new SmsPhone(suite.test.app, phones());
      for (let i = 0; i < 20; i++) await busy.send('BAL');
      problemOf(
        await busy.post({ from: busy.phone, text: 'BAL', messageId: 'SM-21st' }),
        429,
        'too_many_requests',
      );
      const other = new SmsPhone(suite.test.app, phones());
      assert.equal(
        (await other.post({ from: other.phone, text: 'BAL', messageId: 'SM-other' })).statusCode,
        200,
      );
    });

    it('counts every SMS-confirmed payment of the day against the allowance', async () => {
      const alice = await suite.api.register(phones());
      const bob = await suite.api.register(phones());
      await suite.api.fund(alice.phone, '500.00');
      const sms = new SmsPhone(suite.test.app, alice.phone);
      await sms.received();
      for (const amount of ['200', '100']) {
        const code = CODE.exec(await sms.ask(`SEND ${bob.phone} ${amount}`))?.[1];
        assert.match(await sms.ask(`YES ${code}`), /You paid/);
      }
      assert.match(
        await sms.ask(`SEND ${bob.phone} 0.01`),
        /above the SMS payment limit\. By SMS you can pay up to CN¥200\.00 at a time and CN¥300\.00 a day/,
      );
      assert.equal(await suite.api.balance(alice.token), '200.00');
    });
  },
  { env: { MWALLET_PASSWORD_FREE_PER_DAY: '300.00', MWALLET_RATE_LIMIT: '600' } },
);
