// Maker–checker reversals and the dashboard over HTTP on both databases: request, approve once, refusals, races.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { phoneSequence, problemOf } from '../support/api-assertions.js';
import { type Customer, GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { ConsoleDriver, type LoggedIn } from '../support/console-driver.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

const phones = phoneSequence('1370014');

interface Request {
  id: string;
  paymentId: string;
  status: string;
  requestedBy: string;
  decidedBy: string | null;
  refundId: string | null;
  failure: string | null;
}

describeApi('console reversals (maker–checker)', (suite) => {
  let console: ConsoleDriver;
  let maker: LoggedIn;
  let checker: LoggedIn;
  let shop: MerchantDriver;

  before(async () => {
    console = new ConsoleDriver(suite.test);
    maker = await console.as('finance');
    checker = await console.as('finance');
    shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
  });

  /** A customer who paid the shop ¥amount by its till QR; returns the payment id, the customer and their token. */
  async function payment(
    amount = '100.00',
  ): Promise<{ paymentId: string; token: string; customer: Customer }> {
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '500.00');
    const paid = await suite.api.post(
      '/api/v1/merchant-payments',
      { payload: await shop.tillQr(), amount, pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(paid.statusCode, 201, paid.body);
    return { paymentId: paid.json<{ id: string }>().id, token: customer.token, customer };
  }

  async function request(paymentId: string, who = maker): Promise<Request> {
    const reply = await console.post('/reversals', { paymentId, reason: 'charged twice' }, who);
    assert.equal(reply.statusCode, 201, reply.body);
    return reply.json<Request>();
  }

  async function reversalsOf(paymentId: string): Promise<number> {
    const row = await suite.test.platform.ctx.db.get<{ n: bigint }>(
      "SELECT count(*) AS n FROM merchant_refunds WHERE payment_id = $1 AND kind = 'reversal'",
      [paymentId],
    );
    return Number(row?.n ?? 0n);
  }

  it('reverses a payment once a second staff member approves: the money goes back to the wallet', async () => {
    const { paymentId, token } = await payment();
    assert.equal(await suite.api.balance(token), '400.00');
    const asked = await request(paymentId);
    assert.deepEqual([asked.status, asked.requestedBy], ['pending', `staff:${maker.username}`]);
    assert.equal(await suite.api.balance(token), '400.00', 'nothing moves on the request alone');
    const pending = await console.ok<{ requests: Request[] }>('/reversals?status=pending', checker);
    assert.ok(pending.requests.some((r) => r.id === asked.id));
    const approved = await console.post(
      `/reversals/${asked.id}/approve`,
      { note: 'confirmed with merchant' },
      checker,
    );
    assert.equal(approved.statusCode, 200, approved.body);
    const done = approved.json<Request>();
    assert.deepEqual([done.status, done.decidedBy], ['completed', `staff:${checker.username}`]);
    assert.match(done.refundId ?? '', /^rev_/);
    assert.equal(await suite.api.balance(token), '500.00');
    const again = await console.post(`/reversals/${asked.id}/approve`, {}, checker);
    problemOf(again, 409, 'reversal_already_decided');
    assert.equal(await reversalsOf(paymentId), 1);
    problemOf(
      await console.post('/reversals', { paymentId, reason: 'again' }, maker),
      409,
      'payment_not_refundable',
    );
    const actions = await suite.test.platform.ctx.db.all<{ actor: string; action: string }>(
      'SELECT actor, action FROM audit_log WHERE subject = $1 ORDER BY seq',
      [`merchant_payment:${paymentId}`],
    );
    assert.deepEqual(
      actions.map((a) => [a.actor, a.action]),
      [
        [`staff:${maker.username}`, 'reversal.request'],
        [`staff:${checker.username}`, 'reversal.approve'],
        [`staff:${checker.username}`, 'merchant_payment.reversal'],
      ],
    );
  });

  it('lets finance find the payer and check the payment in their 360, read only: no lock, unlock, note or PIN reset', async () => {
    const { paymentId, customer } = await payment('30.00');
    const found = await console.ok<{ customers: { id: string }[] }>(
      `/customers?phone=${encodeURIComponent(customer.phone)}`,
      maker,
    );
    assert.deepEqual(
      found.customers.map((c) => c.id),
      [customer.customerId],
    );
    const overview = (who: LoggedIn) =>
      console.ok<{
        lock: { locked: boolean };
        notes: unknown[];
        merchantPayments: { id: string; status: string }[];
      }>(`/customers/${customer.customerId}`, who);
    const before = await overview(maker);
    assert.deepEqual(
      before.merchantPayments.map((p) => [p.id, p.status]),
      [[paymentId, 'completed']],
    );
    const actions: [string, object][] = [
      ['lock', { reason: 'x' }],
      ['unlock', { reason: 'x' }],
      ['notes', { body: 'called the customer' }],
      ['pin-reset', { idNumber: 'E123456789' }],
    ];
    for (const [action, body] of actions) {
      problemOf(
        await console.post(`/customers/${customer.customerId}/${action}`, body, maker),
        403,
        'forbidden',
      );
    }
    const asked = await request(paymentId);
    assert.equal((await console.post(`/reversals/${asked.id}/approve`, {}, checker)).statusCode, 200);
    const after = await overview(checker);
    assert.deepEqual(
      after.merchantPayments.map((p) => [p.id, p.status]),
      [[paymentId, 'reversed']],
    );
    assert.deepEqual([after.lock.locked, after.notes.length], [false, 0], 'nothing changed on the customer');
    const viewed = await suite.test.platform.ctx.db.all<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE subject = $1 AND action = 'customer.view'",
      [`customer:${customer.customerId}`],
    );
    assert.deepEqual(
      viewed.map((v) => v.actor),
      [`staff:${maker.username}`, `staff:${checker.username}`],
      'each look is audited',
    );
  });

  it('never lets the maker approve their own request (403), not even an admin maker', async () => {
    const { paymentId, token } = await payment();
    const asked = await request(paymentId);
    problemOf(await console.post(`/reversals/${asked.id}/approve`, {}, maker), 403, 'maker_cannot_approve');
    const admin = await console.as('admin');
    const byAdmin = await request((await payment()).paymentId, admin);
    problemOf(await console.post(`/reversals/${byAdmin.id}/approve`, {}, admin), 403, 'maker_cannot_approve');
    assert.equal(await suite.api.balance(token), '400.00');
    assert.equal(await reversalsOf(paymentId), 0);
  });

  it('reverses at most once when two checkers approve at the same moment', async () => {
    const { paymentId, token } = await payment();
    const asked = await request(paymentId);
    const third = await console.as('finance');
    const replies = await Promise.all([
      console.post(`/reversals/${asked.id}/approve`, {}, checker),
      console.post(`/reversals/${asked.id}/approve`, {}, third),
    ]);
    const statuses = replies.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [200, 409], replies.map((r) => r.body).join('\n'));
    assert.equal(await reversalsOf(paymentId), 1);
    assert.equal(await suite.api.balance(token), '500.00');
  });

  it('rejects with a note; a rejected request cannot be approved, and the payment may be asked for again', async () => {
    const { paymentId, token } = await payment();
    const asked = await request(paymentId);
    problemOf(await console.post(`/reversals/${asked.id}/reject`, {}, checker), 422, 'invalid_reason');
    const rejected = await console.post(
      `/reversals/${asked.id}/reject`,
      { note: 'merchant shipped the goods' },
      checker,
    );
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(rejected.json<Request>().status, 'rejected');
    problemOf(
      await console.post(`/reversals/${asked.id}/approve`, {}, checker),
      409,
      'reversal_already_decided',
    );
    assert.equal(await suite.api.balance(token), '400.00');
    const second = await request(paymentId);
    assert.notEqual(second.id, asked.id);
  });

  it('refuses a second open request, unknown payments and requests, bad reasons, and other roles', async () => {
    const { paymentId } = await payment();
    await request(paymentId);
    problemOf(
      await console.post('/reversals', { paymentId, reason: 'dup' }, checker),
      409,
      'reversal_already_requested',
    );
    problemOf(
      await console.post('/reversals', { paymentId: 'mpay_nobody', reason: 'x' }, maker),
      404,
      'payment_not_found',
    );
    problemOf(
      await console.post('/reversals', { paymentId, reason: '\u0007' }, maker),
      422,
      'invalid_reason',
    );
    problemOf(
      await console.post('/reversals/rvq_nobody/approve', {}, checker),
      404,
      'reversal_request_not_found',
    );
    const support = await console.as('support');
    problemOf(await console.post('/reversals', { paymentId, reason: 'x' }, support), 403, 'forbidden');
    const risk = await console.as('risk');
    problemOf(await console.post('/reversals/rvq_nobody/approve', {}, risk), 403, 'forbidden');
  });

  it("shows today's payments (reversed ones apart), the success rate, outbox depth and the HTTP error rate on the dashboard", async () => {
    interface Figures {
      payments: {
        count: number;
        volume: string;
        reversed: { count: number; volume: string };
        successRate: number | null;
      };
      outbox: { sms: number; webhooks: number };
      http: { minutes: number; requests: number; errorRate: number | null };
    }
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    const before = await console.ok<Figures>('/dashboard', maker);
    const { paymentId } = await payment('12.34');
    const paid = await console.ok<Figures>('/dashboard', maker);
    assert.equal(paid.payments.count, before.payments.count + 1);
    assert.match(paid.payments.volume, /^\d+\.\d{2}$/);
    assert.equal(cents(paid.payments.volume), cents(before.payments.volume) + 1234);
    assert.deepEqual(paid.payments.reversed, before.payments.reversed);
    assert.equal(paid.payments.successRate, 1);
    assert.ok(paid.outbox.sms > 0, 'SMS notices wait for the dispatcher (not started in tests)');
    assert.equal(paid.http.minutes, 15);
    assert.ok(paid.http.requests > 0);
    assert.equal(paid.http.errorRate, 0);

    const asked = await request(paymentId);
    assert.equal((await console.post(`/reversals/${asked.id}/approve`, {}, checker)).statusCode, 200);
    const reversed = await console.ok<Figures>('/dashboard', maker);
    assert.equal(reversed.payments.count, before.payments.count, 'a reversed payment leaves the count');
    assert.equal(reversed.payments.volume, before.payments.volume, 'and the volume');
    assert.equal(reversed.payments.reversed.count, before.payments.reversed.count + 1);
    assert.equal(cents(reversed.payments.reversed.volume), cents(before.payments.reversed.volume) + 1234);
    assert.equal(reversed.payments.successRate, 1, 'it did succeed before it was reversed');
  });
});
