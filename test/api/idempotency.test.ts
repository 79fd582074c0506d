// Idempotency-Key on quotes and transfers on both databases: concurrent duplicates, replays, reused keys and missing keys.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp, type TestStorage } from '../../src/channels/http/test-app.js';
import { phoneSequence, problemOf } from '../support/api-assertions.js';
import { ApiDriver, GOOD_PIN } from '../support/api-driver.js';

const WRONG_PIN = '246813';

/** Same status, same bytes: what a client retrying a request must see. */
function assertSameAnswer(replies: LightMyRequestResponse[]): void {
  const [first, ...rest] = replies;
  assert.ok(first);
  for (const reply of rest) {
    assert.equal(reply.statusCode, first.statusCode, reply.body);
    assert.equal(reply.body, first.body);
  }
}

/** A fresh mainland mobile number for each customer of this file. */
const newPhone = phoneSequence('1392000');

for (const storage of ['sqlite', 'postgres'] satisfies TestStorage[]) {
  describe(`Idempotency-Key (${storage})`, () => {
    let test: TestApp;
    before(async () => {
      test = await createTestApp({ storage });
    });
    after(() => test.close());

    /** A payer with ¥100 who has paid the payee ¥1 once, so quotes to them need only the PIN. */
    const payerAndKnownPayee = async () => {
      const api = new ApiDriver(test);
      const { payer, payee, pinQuote } = await api.payerWithKnownPayee(newPhone(), newPhone());
      const confirm = (body: object, key: string | null) =>
        api.post('/api/v1/p2p/transfers', body, { token: payer.token, key });
      const balances = async () => [await api.balance(payer.token), await api.balance(payee.token)];
      const paymentsOf = async () => {
        const row = await test.platform.ctx.db.get<{ n: bigint }>(
          'SELECT count(*) AS n FROM payments WHERE customer_id = $1',
          [payer.customerId],
        );
        return Number(row?.n);
      };
      const quotesOf = async () => {
        const row = await test.platform.ctx.db.get<{ n: bigint }>(
          'SELECT count(*) AS n FROM p2p_quotes WHERE customer_id = $1',
          [payer.customerId],
        );
        return Number(row?.n);
      };
      return { api, payer, payee, pinQuote, confirm, balances, paymentsOf, quotesOf };
    };

    it('moves money once for three simultaneous transfers with one key, and answers all three alike', async () => {
      const { pinQuote, confirm, balances, paymentsOf } = await payerAndKnownPayee();
      const body = { quoteId: await pinQuote('10.00'), pin: GOOD_PIN };
      const key = randomUUID();
      const replies = await Promise.all([confirm(body, key), confirm(body, key), confirm(body, key)]);
      assert.equal(replies[0]?.statusCode, 201, replies[0]?.body);
      assertSameAnswer(replies);
      assert.equal(replies.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 2);
      assert.deepEqual(await balances(), ['89.00', '11.00']);
      assert.equal(await paymentsOf(), 2);
    });

    it('replays a completed transfer byte for byte, marked idempotent-replayed, even after its quote expired', async () => {
      const { pinQuote, confirm, balances, paymentsOf } = await payerAndKnownPayee();
      const body = { quoteId: await pinQuote('10.00'), pin: GOOD_PIN };
      const key = randomUUID();
      const first = await confirm(body, key);
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.headers['idempotent-replayed'], undefined);
      test.advance(11 * 60_000);
      const again = await confirm(body, key);
      assertSameAnswer([first, again]);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.match(String(again.headers['content-type']), /^application\/json/);
      assert.deepEqual(await balances(), ['89.00', '11.00']);
      assert.equal(await paymentsOf(), 2);
    });

    it('refuses a key reused for another quote (422) and does nothing with it', async () => {
      const { pinQuote, confirm, balances, paymentsOf } = await payerAndKnownPayee();
      const firstQuote = await pinQuote('10.00');
      const otherQuote = await pinQuote('20.00');
      const key = randomUUID();
      const first = await confirm({ quoteId: firstQuote, pin: GOOD_PIN }, key);
      assert.equal(first.statusCode, 201, first.body);
      problemOf(
        await confirm({ quoteId: otherQuote, pin: GOOD_PIN }, key),
        422,
        'idempotency_key_reused',
        'idempotency_conflict',
      );
      assert.deepEqual(await balances(), ['89.00', '11.00']);
      assert.equal(await paymentsOf(), 2);
      // The other quote is untouched: with a key of its own it goes through.
      const other = await confirm({ quoteId: otherQuote, pin: GOOD_PIN }, randomUUID());
      assert.equal(other.statusCode, 201, other.body);
      assert.deepEqual(await balances(), ['69.00', '31.00']);
    });

    it('lets only one of two simultaneous transfers with one key and different quotes through', async () => {
      const { pinQuote, confirm, balances, paymentsOf } = await payerAndKnownPayee();
      const quotes = [await pinQuote('10.00'), await pinQuote('20.00')];
      const key = randomUUID();
      const replies = await Promise.all(quotes.map((quoteId) => confirm({ quoteId, pin: GOOD_PIN }, key)));
      const done = replies.filter((r) => r.statusCode === 201);
      const refused = replies.filter((r) => r.statusCode !== 201);
      assert.equal(done.length, 1, replies.map((r) => r.body).join('\n'));
      for (const reply of refused) problemOf(reply, 422, 'idempotency_key_reused', 'idempotency_conflict');
      const amount = done[0]?.json<{ amount: string }>().amount;
      assert.deepEqual(await balances(), amount === '10.00' ? ['89.00', '11.00'] : ['79.00', '21.00']);
      assert.equal(await paymentsOf(), 2);
    });

    it('refuses a transfer without a usable Idempotency-Key (400) and does nothing', async () => {
      const { pinQuote, confirm, balances, paymentsOf } = await payerAndKnownPayee();
      const body = { quoteId: await pinQuote('10.00'), pin: GOOD_PIN };
      // A malformed key is named as such; a missing, empty or overlong one is refused by the header schema.
      problemOf(await confirm(body, 'has spaces'), 400, 'idempotency_key_required');
      for (const bad of [null, '', 'x'.repeat(129)]) {
        problemOf(await confirm(body, bad), 400, 'idempotency_key_required', 'invalid_request');
      }
      assert.deepEqual(await balances(), ['99.00', '1.00']);
      assert.equal(await paymentsOf(), 1);
      const paid = await confirm(body, randomUUID());
      assert.equal(paid.statusCode, 201, paid.body);
    });

    it('replays a refusal under its key without counting the wrong PIN again', async () => {
      const { api, payer, pinQuote, confirm, balances } = await payerAndKnownPayee();
      const quoteId = await pinQuote('10.00');
      const key = randomUUID();
      const first = await confirm({ quoteId, pin: WRONG_PIN }, key);
      assert.equal(problemOf(first, 403, 'pin_incorrect').attemptsRemaining, 4);
      const retries = await Promise.all([1, 2, 3].map(() => confirm({ quoteId, pin: WRONG_PIN }, key)));
      assertSameAnswer([first, ...retries]);
      for (const retry of retries) assert.equal(retry.headers['idempotent-replayed'], 'true');
      const next = await confirm({ quoteId, pin: WRONG_PIN }, randomUUID());
      assert.equal(problemOf(next, 403, 'pin_incorrect').attemptsRemaining, 3);
      const me = await api.get('/api/v1/me', payer.token);
      assert.equal(me.json<{ pinLocked: boolean }>().pinLocked, false);
      assert.deepEqual(await balances(), ['99.00', '1.00']);
    });

    it('makes one quote for three simultaneous requests with one key, and replays it later', async () => {
      const { api, payer, payee, quotesOf } = await payerAndKnownPayee();
      const before = await quotesOf();
      const body = { to: payee.phone, amount: '7.00', note: 'lunch' };
      const key = randomUUID();
      const quote = () => api.post('/api/v1/p2p/quotes', body, { token: payer.token, key });
      const replies = await Promise.all([quote(), quote(), quote()]);
      assert.equal(replies[0]?.statusCode, 201, replies[0]?.body);
      assertSameAnswer(replies);
      assert.equal(replies.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 2);
      assert.equal(await quotesOf(), before + 1);

      test.advance(60_000);
      const later = await quote();
      assertSameAnswer([replies[0] as LightMyRequestResponse, later]);
      assert.equal(later.headers['idempotent-replayed'], 'true');
      assert.equal(await quotesOf(), before + 1);
    });

    it('refuses a quote key reused for another body (422), and a quote without a key (400); neither makes a quote', async () => {
      const { api, payer, payee, quotesOf } = await payerAndKnownPayee();
      const key = randomUUID();
      const first = await api.post(
        '/api/v1/p2p/quotes',
        { to: payee.phone, amount: '7.00' },
        { token: payer.token, key },
      );
      assert.equal(first.statusCode, 201, first.body);
      const count = await quotesOf();
      problemOf(
        await api.post(
          '/api/v1/p2p/quotes',
          { to: payee.phone, amount: '8.00' },
          { token: payer.token, key },
        ),
        422,
        'idempotency_key_reused',
        'idempotency_conflict',
      );
      problemOf(
        await api.post(
          '/api/v1/p2p/quotes',
          { to: payee.phone, amount: '8.00' },
          { token: payer.token, key: null },
        ),
        400,
        'idempotency_key_required',
        'invalid_request',
      );
      assert.equal(await quotesOf(), count);
      // The first answer is still what the key holds.
      const again = await api.post(
        '/api/v1/p2p/quotes',
        { to: payee.phone, amount: '7.00' },
        { token: payer.token, key },
      );
      assertSameAnswer([first, again]);
    });
  });
}
