// End-to-end over HTTP on both databases: register, fund, quote and confirm P2P, balances, history, notifications.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeApi } from '../support/api-suite.js';

describeApi('P2P flow over HTTP', (suite) => {
  it('registers two customers, funds one, and moves money with a fee-free transfer', async () => {
    const alice = await suite.api.register('13800138001');
    const bob = await suite.api.register('+86 138 0013 8002');
    assert.equal(alice.phone, '+8613800138001');
    await suite.api.fund(alice.phone, '500.00');
    assert.equal(await suite.api.balance(alice.token), '500.00');

    const reply = await suite.api.pay(alice, '13800138002', '120.50');
    assert.equal(reply.statusCode, 201, reply.body);
    const payment = reply.json<{ status: string; amount: string; fee: string; total: string }>();
    assert.equal(payment.status, 'completed');
    assert.deepEqual([payment.amount, payment.fee, payment.total], ['120.50', '0.00', '120.50']);
    assert.equal(await suite.api.balance(alice.token), '379.50');
    assert.equal(await suite.api.balance(bob.token), '120.50');

    const aliceSms = await suite.api.smsTo(alice.phone);
    assert.ok(
      aliceSms.some((t) => t.includes('120.50')),
      aliceSms.join(' | '),
    );
    const bobSms = await suite.api.smsTo(bob.phone);
    assert.ok(
      bobSms.some((t) => t.includes('120.50')),
      bobSms.join(' | '),
    );

    const statement = await suite.api.get('/api/v1/wallet/statement', alice.token);
    assert.equal(statement.statusCode, 200, statement.body);
    const entries = statement.json<{
      entries: { type: string; amount: string; balance: string; counterparty: string }[];
    }>().entries;
    assert.deepEqual(
      entries.map((e) => [e.type, e.amount, e.balance]),
      [
        ['p2p_sent', '-120.50', '379.50'],
        ['top_up', '500.00', '500.00'],
      ],
    );
    assert.equal(entries[0]?.counterparty, '138****8002');
  });

  it('quotes and confirms in one request to a payee paid before, with the PIN only', async () => {
    const dan = await suite.api.register('13800138005');
    await suite.api.register('13800138006');
    await suite.api.fund(dan.phone, '100.00');
    assert.equal((await suite.api.pay(dan, '13800138006', '1.00')).statusCode, 201);
    const noPin = await suite.api.post(
      '/api/v1/p2p/transfers',
      { to: '13800138006', amount: '2.00' },
      { token: dan.token },
    );
    assert.equal(noPin.json<{ code: string }>().code, 'pin_required');
    const paid = await suite.api.post(
      '/api/v1/p2p/transfers',
      { to: '13800138006', amount: '2.00', note: 'lunch', pin: '135792' },
      { token: dan.token },
    );
    assert.equal(paid.statusCode, 201, paid.body);
    assert.deepEqual(
      [
        paid.json<{ status: string }>().status,
        paid.json<{ note: string }>().note,
        await suite.api.balance(dan.token),
      ],
      ['completed', 'lunch', '97.00'],
    );
    const bad = await suite.api.post(
      '/api/v1/p2p/transfers',
      { to: '13800138006', amount: '2.001', pin: '135792' },
      { token: dan.token },
    );
    assert.deepEqual([bad.statusCode, bad.json<{ code: string }>().code], [422, 'invalid_amount']);
  });

  it('pays a small sum password-free, but checks a PIN that is sent: a wrong one is refused and moves nothing', async () => {
    const erin = await suite.api.register('13800138007');
    await suite.api.register('13800138008');
    await suite.api.fund(erin.phone, '100.00');
    assert.equal((await suite.api.pay(erin, '13800138008', '1.00')).statusCode, 201);
    await suite.api.optIntoPasswordFree(erin);
    const send = (body: Record<string, string>) =>
      suite.api.post(
        '/api/v1/p2p/transfers',
        { to: '13800138008', amount: '2.00', ...body },
        { token: erin.token },
      );
    const wrong = await send({ pin: '246813' });
    assert.deepEqual(
      [wrong.statusCode, wrong.json<{ code: string }>().code, await suite.api.balance(erin.token)],
      [403, 'pin_incorrect', '99.00'],
    );
    const free = await send({});
    assert.equal(free.statusCode, 201, free.body);
    assert.deepEqual(
      [free.json<{ authentication: string }>().authentication, await suite.api.balance(erin.token)],
      ['none', '97.00'],
    );
  });

  it('lets two customers pay each other at the same moment, ten times over, without a deadlock', async () => {
    const [ann, ben] = [await suite.api.register('13800138009'), await suite.api.register('13800138010')];
    for (const [from, to] of [
      [ann, ben],
      [ben, ann],
    ] as const) {
      await suite.api.fund(from.phone, '10.00');
      assert.equal((await suite.api.pay(from, to.phone, '1.00')).statusCode, 201);
      await suite.api.optIntoPasswordFree(from);
    }
    // Each attempt of the domain's write transactions, watched for the database's deadlock error (40P01).
    const db = suite.test.platform.ctx.db;
    const transaction = db.transaction;
    let deadlocks = 0;
    db.transaction = (work, options) =>
      transaction((tx) => {
        return work(tx).catch((error: unknown) => {
          if (error instanceof Error && 'code' in error && error.code === '40P01') deadlocks++;
          throw error;
        });
      }, options);
    try {
      const send = (from: typeof ann, to: typeof ann) =>
        suite.api.post('/api/v1/p2p/transfers', { to: to.phone, amount: '0.50' }, { token: from.token });
      for (let round = 0; round < 10; round++) {
        const replies = await Promise.all([send(ann, ben), send(ben, ann)]);
        assert.deepEqual(
          replies.map((reply) => reply.statusCode),
          [201, 201],
          replies.map((reply) => reply.body).join(' | '),
        );
      }
    } finally {
      db.transaction = transaction;
    }
    assert.equal(deadlocks, 0);
    assert.deepEqual(
      [await suite.api.balance(ann.token), await suite.api.balance(ben.token)],
      ['10.00', '10.00'],
    );
  });

  it('confirms a quote once: a second confirmation under another key, after or at the same time, is refused', async () => {
    const { api } = suite;
    const { payer, payee, pinQuote } = await api.payerWithKnownPayee('13800138011', '13800138012');
    const confirm = (quoteId: string) =>
      api.post('/api/v1/p2p/transfers', { quoteId, pin: '135792' }, { token: payer.token });
    const once = await pinQuote('5.00');
    assert.equal((await confirm(once)).statusCode, 201);
    const again = await confirm(once);
    assert.deepEqual([again.statusCode, again.json<{ code: string }>().code], [409, 'quote_used']);
    const raced = await pinQuote('7.00');
    const replies = await Promise.all([confirm(raced), confirm(raced), confirm(raced)]);
    const codes = replies
      .map((r) => (r.statusCode === 201 ? 'paid' : r.json<{ code: string }>().code))
      .sort();
    assert.deepEqual(codes, ['paid', 'quote_used', 'quote_used']);
    assert.equal(await api.balance(payer.token), '87.00', '100 − 1 − 5 − 7: each quote paid once');
    assert.equal(await api.balance(payee.token), '13.00');
  });

  it('refuses at quote time what the tier limits do not allow, and moves nothing', async () => {
    const carol = await suite.api.register('13800138003');
    await suite.api.register('13800138004');
    await suite.api.fund(carol.phone, '1000.00');
    const tooMuch = await suite.api.quote(carol, '13800138004', '1000.01');
    // Class I allows ¥1,000 in total.
    assert.equal(tooMuch.statusCode, 403, tooMuch.body);
    assert.deepEqual(
      [tooMuch.json<{ code: string }>().code, tooMuch.json<{ reason: string }>().reason],
      ['limit_exceeded', 'per_transaction'],
    );
    assert.equal(await suite.api.balance(carol.token), '1000.00');
  });
});
