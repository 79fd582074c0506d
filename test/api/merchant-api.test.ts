// The merchant API end to end: request signing refusals, refunds and reversals, and signed webhooks to a real server.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { verifyWebhook } from '../../src/domain/events/webhook-signature.js';
import { newTransferBase } from '../../src/domain/ids.js';
import { decideMerchant } from '../../src/domain/merchants/merchant-onboarding.js';
import { reversePayment } from '../../src/domain/payments/merchant-refunds.js';
import { phoneSequence, refusedWith } from '../support/api-assertions.js';
import { GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { receiver } from '../support/http-receiver.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

const phones = phoneSequence('1371001');

describeApi('merchant API', (suite) => {
  const hooks = receiver();
  let hookUrl = '';
  before(async () => {
    hookUrl = await hooks.start();
  });
  after(() => hooks.stop());

  /** A merchant, and a customer who paid it ¥100 by its till QR. */
  async function paidMerchant() {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '200.00');
    const paymentId = await shop.paidBy(suite.api, customer, '100.00');
    return { shop, customer, paymentId };
  }

  it('refuses unsigned, wrongly signed, stale, replayed and tampered requests, changing nothing', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const order = { kind: 'dynamic_qr', amount: '9.00', reference: `ref-${randomUUID()}`, description: 'x' };
    const unsigned = await suite.test.app.inject({ method: 'GET', url: '/merchant/v1/me' });
    refusedWith(unsigned, 'signature_missing');
    refusedWith(await shop.post('/orders', order, { secret: 'msk_wrong' }), 'signature_invalid');
    refusedWith(await shop.post('/orders', order, { keyId: 'mk_unknown' }), 'signature_invalid');
    const now = Math.floor(suite.test.platform.ctx.clock() / 1000);
    refusedWith(await shop.post('/orders', order, { timestamp: now - 301 }), 'timestamp_skew');
    // A minute past the 5-minute window: real time keeps running while the test does, and must not close the gap.
    refusedWith(await shop.post('/orders', order, { timestamp: now + 360 }), 'timestamp_skew');
    const nonce = randomBytes(12).toString('base64url');
    const first = await shop.get('/me', { nonce });
    assert.equal(first.statusCode, 200, first.body);
    refusedWith(await shop.get('/me', { nonce }), 'nonce_replayed');
    // A body changed after signing (same headers) fails the signature.
    const signed = await shop.post('/stores', { name: 'A', city: 'B' });
    assert.equal(signed.statusCode, 201, signed.body);
    const reference = `ref-${randomUUID()}`;
    const missing = await shop.get(`/orders?reference=${reference}`);
    refusedWith(missing, 'order_not_found');
  });

  it('rotates a key: the old one works during the overlap (but cannot mint keys), then stops', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const rotated = await shop.post('/credentials', { overlapSeconds: 3600 });
    assert.equal(rotated.statusCode, 201, rotated.body);
    const fresh = rotated.json<{ keyId: string; secret: string }>();
    assert.equal((await shop.get('/me')).statusCode, 200);
    assert.equal((await shop.get('/me', { keyId: fresh.keyId, secret: fresh.secret })).statusCode, 200);
    refusedWith(await shop.post('/credentials', {}), 'credential_rotated');
    suite.test.advance(3_601_000);
    refusedWith(await shop.get('/me'), 'signature_invalid');
    assert.equal((await shop.get('/me', { keyId: fresh.keyId, secret: fresh.secret })).statusCode, 200);
  });

  it('refunds in parts up to the amount paid, idempotently, and never more', async () => {
    const { shop, customer, paymentId } = await paidMerchant();
    const key = randomUUID();
    const partial = await shop.post(
      `/payments/${paymentId}/refunds`,
      { amount: '30.00', reason: 'one item returned' },
      { key },
    );
    assert.equal(partial.statusCode, 201, partial.body);
    const replay = await shop.post(
      `/payments/${paymentId}/refunds`,
      { amount: '30.00', reason: 'one item returned' },
      { key },
    );
    assert.equal(replay.json().id, partial.json().id);
    assert.equal(await suite.api.balance(customer.token), '130.00');
    refusedWith(
      await shop.post(`/payments/${paymentId}/refunds`, { amount: '70.01', reason: 'too much' }),
      'refund_exceeds_payment',
    );
    const rest = await shop.post(`/payments/${paymentId}/refunds`, {
      amount: '70.00',
      reason: 'order cancelled',
    });
    assert.equal(rest.statusCode, 201, rest.body);
    assert.equal(await suite.api.balance(customer.token), '200.00');
    refusedWith(
      await shop.post(`/payments/${paymentId}/refunds`, { amount: '0.01', reason: 'again' }),
      'refund_exceeds_payment',
    );
    const payment = await shop.get(`/payments/${paymentId}`);
    assert.equal(payment.json().refunded, '100.00');
    const refunds = await shop.get(`/payments/${paymentId}/refunds`);
    // The fee (¥0.38) goes back in proportion: ¥0.11 with the first ¥30, the rest with the last ¥70.
    assert.deepEqual(
      refunds.json().map((r: { amount: string; feeReturned: string }) => [r.amount, r.feeReturned]),
      [
        ['30.00', '0.11'],
        ['70.00', '0.27'],
      ],
    );
    const sms = await suite.api.smsTo(customer.phone);
    assert.ok(
      sms.some((text) => text.includes('Refund of') && text.includes('30.00')),
      sms.join('\n'),
    );
  });

  it("refuses refunding another merchant's payment, and parallel refunds never exceed the payment", async () => {
    const { shop, customer, paymentId } = await paidMerchant();
    const other = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    refusedWith(
      await other.post(`/payments/${paymentId}/refunds`, { amount: '1.00', reason: 'not mine' }),
      'payment_not_found',
    );
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        shop.post(`/payments/${paymentId}/refunds`, { amount: '30.00', reason: 'rush' }),
      ),
    );
    assert.equal(replies.filter((r) => r.statusCode === 201).length, 3);
    for (const reply of replies.filter((r) => r.statusCode !== 201))
      refusedWith(reply, 'refund_exceeds_payment');
    assert.equal(await suite.api.balance(customer.token), '190.00');
  });

  it('lets only the holder of a refund’s settlement lease move its money; another attempt waits for it', async () => {
    const { shop, customer, paymentId } = await paidMerchant();
    const { ctx } = suite.test.platform;
    const now = ctx.clock();
    const hash = JSON.stringify(['refund', paymentId, '1000', 'lease test']);
    // A refund recorded by an attempt that is still settling it (its lease runs 30 s).
    await ctx.db.run(
      `INSERT INTO merchant_refunds (id, payment_id, merchant_id, kind, amount, fee_refund, reason, idempotency_scope,
         idempotency_key, request_hash, transfer_id, requested_by, status, created_at, settling_until)
       VALUES ('ref_lease', $1, $2, 'refund', 1000, 0, 'lease test', $3, 'k-lease', $4, $5, 'test', 'pending', $6, $7)`,
      [
        paymentId,
        shop.merchant.id,
        `merchant:${shop.merchant.id}`,
        hash,
        newTransferBase().toString(),
        BigInt(now),
        BigInt(now + 30_000),
      ],
    );
    await ctx.db.run('UPDATE merchant_payments SET refunded = refunded + 1000 WHERE id = $1', [paymentId]);
    const retry = () =>
      shop.post(
        `/payments/${paymentId}/refunds`,
        { amount: '10.00', reason: 'lease test' },
        { key: 'k-lease' },
      );
    refusedWith(await retry(), 'idempotency_in_progress');
    assert.equal(await suite.api.balance(customer.token), '100.00', 'nothing moved while the lease is held');
    suite.test.advance(31_000);
    const taken = await retry();
    assert.equal(taken.statusCode, 201, taken.body);
    assert.equal(taken.json().id, 'ref_lease');
    assert.equal(await suite.api.balance(customer.token), '110.00');
    assert.equal((await retry()).json().id, 'ref_lease');
    assert.equal(await suite.api.balance(customer.token), '110.00', 'settled once');
  });

  it('lets staff reverse a whole payment, fee included, within the window', async () => {
    const { customer, paymentId } = await paidMerchant();
    const reversed = await reversePayment(suite.test.platform.ctx, paymentId, {
      actor: 'staff:test',
      reason: 'duplicate charge',
    });
    assert.ok(reversed.ok);
    assert.equal(await suite.api.balance(customer.token), '200.00');
    const again = await reversePayment(suite.test.platform.ctx, paymentId, {
      actor: 'staff:test',
      reason: 'duplicate charge',
    });
    assert.ok(again.ok && again.refund.id === reversed.refund.id);
    const late = await paidMerchant();
    suite.test.advance(4 * 24 * 3_600_000);
    const tooLate = await reversePayment(suite.test.platform.ctx, late.paymentId, {
      actor: 'staff:test',
      reason: 'late',
    });
    assert.deepEqual(tooLate, { ok: false, error: 'reversal_window_passed' });
  });

  it('delivers signed webhooks to the merchant, retries after a failure, and redelivers on request', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const set = await shop.send('PUT', '/webhook', { url: hookUrl });
    assert.equal(set.statusCode, 200, set.body);
    const { secret } = set.json<{ secret: string }>();
    assert.match(secret, /^whsec_/);
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '50.00');
    hooks.statuses.push(500);
    const before = hooks.received.length;
    const paymentId = await shop.paidBy(suite.api, customer, '20.00');
    const { webhooks } = suite.test.platform;
    await webhooks.runOnce();
    assert.equal(hooks.received.length, before + 1);
    suite.test.advance(5_000);
    await webhooks.runOnce();
    assert.equal(hooks.received.length, before + 2);
    const delivered = hooks.received.at(-1);
    assert.ok(delivered);
    const headers = {
      'webhook-id': String(delivered.headers['webhook-id']),
      'webhook-timestamp': String(delivered.headers['webhook-timestamp']),
      'webhook-signature': String(delivered.headers['webhook-signature']),
    };
    const nowSeconds = Math.floor(suite.test.platform.ctx.clock() / 1000);
    assert.deepEqual(verifyWebhook(secret, headers, delivered.body, nowSeconds), { ok: true });
    assert.deepEqual(
      verifyWebhook(secret, headers, delivered.body.replace('20.00', '2.00'), nowSeconds).ok,
      false,
    );
    const event = JSON.parse(delivered.body);
    assert.equal(event.type, 'payment.succeeded');
    assert.equal(event.data.payment.id, paymentId);
    assert.equal(event.data.payment.amount, '20.00');
    const log = await shop.get(`/webhook-deliveries?eventId=${encodeURIComponent(headers['webhook-id'])}`);
    assert.deepEqual(
      log.json().map((d: { statusCode: number }) => d.statusCode),
      [200, 500],
    );
    const redeliver = await shop.post(
      `/webhook-events/${encodeURIComponent(headers['webhook-id'])}/redeliver`,
      {},
    );
    assert.equal(redeliver.statusCode, 202, redeliver.body);
    await webhooks.runOnce();
    assert.equal(hooks.received.length, before + 3);
    assert.equal(hooks.received.at(-1)?.headers['webhook-id'], headers['webhook-id']);
  });

  it('lists, exports and sums the merchant’s payments by the operator’s day', async () => {
    const { shop, paymentId } = await paidMerchant();
    const refunded = await shop.post(`/payments/${paymentId}/refunds`, { amount: '40.00', reason: 'part' });
    assert.equal(refunded.statusCode, 201, refunded.body);
    const list = await shop.get('/payments?limit=10&status=completed');
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json().payments.map((p: { id: string; refunded: string }) => [p.id, p.refunded]),
      [[paymentId, '40.00']],
    );
    refusedWith(await shop.get('/payments?before=not-a-cursor'), 'invalid_query');
    const csv = await shop.get('/payments.csv');
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.equal(csv.body.split('\r\n')[1]?.split(',')[0], paymentId);
    // Asia/Shanghai has no daylight saving: its day is UTC+8.
    const today = new Date(suite.test.platform.ctx.clock() + 8 * 3_600_000).toISOString().slice(0, 10);
    const summary = await shop.get(`/summary/daily?from=${today}&to=${today}`);
    assert.equal(summary.statusCode, 200, summary.body);
    // ¥100 paid, fee ¥0.38 less the ¥0.15 given back with the ¥40 refund.
    assert.deepEqual(summary.json().totals, {
      payments: 1,
      gross: '100.00',
      fees: '0.23',
      refunds: '40.00',
      net: '59.77',
    });
  });

  it('serves till and order QR codes as SVG and PNG images', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const svg = await shop.get(`/tills/${shop.merchant.tillId}/qr.svg`);
    assert.equal(svg.statusCode, 200, svg.body);
    assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
    assert.match(svg.body, /^<svg/);
    const order = await shop.order({ kind: 'dynamic_qr', amount: '3.00' });
    const png = await shop.get(`/orders/${order.id}/qr.png`);
    assert.equal(png.statusCode, 200, png.body);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual([...png.rawPayload.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    refusedWith(await shop.get(`/tills/til_nope/qr.png`), 'till_not_found');
    const invalid = await shop.get(`/tills/${shop.merchant.tillId}/qr.gif`);
    assert.equal(invalid.statusCode, 400, invalid.body);
  });

  it('limits each merchant to its own rate, without slowing other merchants', async () => {
    const slow = new MerchantDriver(suite.test, await onboardMerchant(suite.test, { rateLimitPerMinute: 3 }));
    const other = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    for (let i = 0; i < 3; i++) assert.equal((await slow.get('/me')).statusCode, 200);
    refusedWith(await slow.get('/me'), 'too_many_requests');
    assert.equal((await other.get('/me')).statusCode, 200);
  });

  it('stops a suspended merchant taking payments, and tells the merchant when a request expires', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    assert.equal((await shop.send('PUT', '/webhook', { url: hookUrl })).statusCode, 200);
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '50.00');
    const request = await shop.order({
      kind: 'payment_request',
      amount: '5.00',
      phone: customer.phone,
      expiresInSeconds: 60,
    });
    suite.test.advance(61_000);
    await suite.test.platform.runJobs();
    const before = hooks.received.length;
    await suite.test.platform.webhooks.runOnce();
    const expired = hooks.received.slice(before).map((r) => JSON.parse(r.body));
    assert.deepEqual(
      expired.map((e) => [e.type, e.data.order.id, e.data.order.status]),
      [['payment_request.expired', request.id, 'expired']],
    );
    const qr = await shop.tillQr();
    const suspended = await decideMerchant(
      suite.test.platform.ctx,
      shop.merchant.id,
      'suspend',
      'staff:test',
      'fraud check',
    );
    assert.ok(suspended.ok);
    const refused = await suite.api.post(
      '/api/v1/merchant-payments',
      { payload: qr, amount: '1.00', pin: GOOD_PIN },
      { token: customer.token },
    );
    refusedWith(refused, 'merchant_unavailable');
    assert.equal(await suite.api.balance(customer.token), '50.00');
    // Only an active merchant's state moves this way; reinstated, it takes payments again.
    const decide = (decision: 'approve' | 'reinstate' | 'close') =>
      decideMerchant(suite.test.platform.ctx, shop.merchant.id, decision, 'staff:test', 'review');
    assert.deepEqual(await decide('approve'), {
      ok: false,
      error: 'merchant_state',
      detail: 'the merchant is suspended',
    });
    assert.ok((await decide('reinstate')).ok);
    const again = await suite.api.post(
      '/api/v1/merchant-payments',
      { payload: qr, amount: '1.00', pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(await suite.api.balance(customer.token), '49.00');
    // It holds the money it took (settlement pays it out): it cannot be closed yet.
    assert.deepEqual(await decide('close'), { ok: false, error: 'merchant_balance_not_zero' });
  });

  it('refuses webhook URLs on private networks unless in development', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    refusedWith(await shop.send('PUT', '/webhook', { url: 'ftp://example.com/x' }), 'webhook_url_invalid');
    refusedWith(
      await shop.send('PUT', '/webhook', { url: 'https://user:pw@93.184.216.34/x' }),
      'webhook_url_invalid',
    );
  });
});
