// A payment whose request died half-way is finished by the recovery job from what the ledger holds: nothing is lost or doubled.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { findCustomerByPhone } from '../../src/domain/customers/customer-queries.js';
import { newId, newTransferBase } from '../../src/domain/ids.js';
import { settlePending } from '../../src/domain/payments/p2p-settle.js';
import { directTransfers } from '../../src/domain/payments/p2p-transfers.js';
import type { Payment } from '../../src/domain/payments/payment.js';
import { findPaymentById, insertPayment } from '../../src/domain/payments/payment-queries.js';
import { newLease } from '../../src/domain/payments/settlement-lease.js';
import { describeApi } from '../support/api-suite.js';

describeApi('recovery of interrupted payments', (suite) => {
  /** A payment recorded as pending, as step 3 of confirming leaves it, for ¥amount from one number to another (settled by
   * whoever holds `lease`, when given). */
  async function pendingPayment(
    from: string,
    to: string,
    amount: bigint,
    lease: bigint | null = null,
  ): Promise<Payment> {
    const { ctx } = suite.test.platform;
    const sender = await findCustomerByPhone(ctx.db, from);
    const recipient = await findCustomerByPhone(ctx.db, to);
    assert.ok(sender && recipient);
    const payment: Payment = {
      id: newId('pay'),
      kind: 'p2p',
      customerId: sender.id,
      idempotencyKey: newId('key'),
      requestHash: createHash('sha256').update(newId('h')).digest('base64url'),
      quoteId: null,
      recipientPhone: recipient.phone,
      recipientCustomerId: recipient.id,
      amount,
      fee: 0n,
      feePayer: 'sender',
      currency: ctx.settings.currency,
      note: '',
      transferBase: newTransferBase(),
      authentication: 'pin',
      status: 'pending',
      failureCode: null,
      createdAt: ctx.clock(),
      completedAt: null,
      claimExpiresAt: null,
    };
    await ctx.db.transaction((tx) => insertPayment(tx, payment, lease));
    return payment;
  }

  it('completes a payment the ledger committed before the process died, and moves the money once', async () => {
    const { api, test } = suite;
    const a = await api.register('13300133001');
    const b = await api.register('13300133002');
    await api.fund(a.phone, '100.00');
    const payment = await pendingPayment(a.phone, b.phone, 2500n);
    const ctx = test.platform.ctx;
    const sender = await findCustomerByPhone(ctx.db, a.phone);
    const recipient = await findCustomerByPhone(ctx.db, b.phone);
    assert.ok(sender && recipient);
    const submitted = await ctx.ledger.createTransfers(
      directTransfers(payment, { sender: sender.walletAccountId, recipient: recipient.walletAccountId }),
    );
    assert.ok(submitted.ok);
    // The process "died" here: the outcome was never written.
    test.advance(61_000);
    await test.platform.runJobs();
    assert.equal((await findPaymentById(ctx.db, payment.id))?.status, 'completed');
    assert.equal(await api.balance(a.token), '75.00');
    assert.equal(await api.balance(b.token), '25.00');
    await test.platform.runJobs();
    assert.equal(await api.balance(a.token), '75.00', 'running the job again moves nothing');
  });

  it('finishes a payment the ledger never saw by submitting it, or records why it failed', async () => {
    const { api, test } = suite;
    const a = await api.register('13300133003');
    const b = await api.register('13300133004');
    await api.fund(a.phone, '10.00');
    const fits = await pendingPayment(a.phone, b.phone, 600n);
    const tooBig = await pendingPayment(a.phone, b.phone, 600n);
    test.advance(61_000);
    await test.platform.runJobs();
    const ctx = test.platform.ctx;
    assert.equal((await findPaymentById(ctx.db, fits.id))?.status, 'completed');
    const failed = await findPaymentById(ctx.db, tooBig.id);
    assert.deepEqual([failed?.status, failed?.failureCode], ['failed', 'insufficient_funds']);
    assert.equal(await api.balance(a.token), '4.00');
    assert.equal(await api.balance(b.token), '6.00');
  });

  it('leaves a fresh pending payment alone (its request may still be running)', async () => {
    const { api, test } = suite;
    const a = await api.register('13300133005');
    const b = await api.register('13300133006');
    await api.fund(a.phone, '10.00');
    const fresh = await pendingPayment(a.phone, b.phone, 100n);
    await test.platform.runJobs();
    assert.equal((await findPaymentById(test.platform.ctx.db, fresh.id))?.status, 'pending');
    assert.equal(await api.balance(a.token), '10.00');
  });

  it('answers 503 when the ledger is busy, and a retry with the same key finishes that payment once', async () => {
    const { api, test } = suite;
    const a = await api.register('13300133007');
    const b = await api.register('13300133008');
    await api.fund(a.phone, '10.00');
    assert.equal((await api.pay(a, b.phone, '1.00')).statusCode, 201);
    const { ledger } = test.platform.ctx;
    const createTransfers = ledger.createTransfers;
    ledger.createTransfers = async () => {
      ledger.createTransfers = createTransfers;
      return { ok: false, error: 'overloaded' };
    };
    const body = { to: b.phone, amount: '2.00', pin: '135792' };
    const busy = await api.post('/api/v1/p2p/transfers', body, { token: a.token, key: 'busy-1' });
    assert.equal(busy.statusCode, 503, busy.body);
    assert.equal(await api.balance(a.token), '9.00', 'nothing moved yet');
    const retried = await api.post('/api/v1/p2p/transfers', body, { token: a.token, key: 'busy-1' });
    assert.equal(retried.statusCode, 201, retried.body);
    assert.equal(retried.json<{ status: string }>().status, 'completed');
    const again = await api.post('/api/v1/p2p/transfers', body, { token: a.token, key: 'busy-1' });
    assert.equal(again.body, retried.body);
    test.advance(61_000);
    await test.platform.runJobs();
    assert.equal(await api.balance(a.token), '7.00', 'moved exactly once');
    assert.equal(await api.balance(b.token), '3.00');
  });

  it('lets only the holder of a payment’s settlement lease settle it; another attempt waits until it runs out', async () => {
    const { api, test } = suite;
    const a = await api.register('13300133011');
    const b = await api.register('13300133012');
    await api.fund(a.phone, '10.00');
    const { ctx } = test.platform;
    const payment = await pendingPayment(a.phone, b.phone, 300n, newLease(ctx.clock()));
    assert.equal(await settlePending(ctx, payment), 'busy');
    assert.equal(await api.balance(b.token), '0.00', 'nothing moved while another attempt holds the lease');
    test.advance(31_000);
    const settled = await settlePending(ctx, payment);
    assert.ok(settled && settled !== 'busy' && settled.status === 'completed');
    assert.equal(await api.balance(b.token), '3.00');
  });

  it('refuses to close a wallet while a payment to it is still pending', async () => {
    const { api, test } = suite;
    const a = await api.register('13300133009');
    const b = await api.register('13300133010');
    await api.fund(a.phone, '10.00');
    await pendingPayment(a.phone, b.phone, 100n);
    const code = await api.verify(b.phone, 'close', b.token);
    const refused = await api.post(
      '/api/v1/me/closure',
      { pin: '135792', verificationToken: code },
      { token: b.token },
    );
    assert.equal(refused.json<{ code: string }>().code, 'balance_not_zero');
    test.advance(61_000);
    await test.platform.runJobs();
    assert.equal(await api.balance(b.token), '1.00', 'the payment landed in an open wallet');
  });
});
