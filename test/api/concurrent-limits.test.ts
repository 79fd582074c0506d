// Parallel payments cannot squeeze past a limit: tier limits, velocity and the password-free allowance hold under races.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { createTestApp } from '../../src/channels/http/test-app.js';
import { ApiDriver, type Customer, GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';

describeApi(
  'limits under concurrent payments',
  (suite, storage) => {
    /** A funded payer who has paid `payee` once already (so later payments need no SMS code). */
    async function payerOf(phone: string, payee: string, funds: string): Promise<Customer> {
      const payer = await suite.api.register(phone);
      await suite.api.fund(payer.phone, funds);
      assert.equal((await suite.api.pay(payer, payee, '0.01')).statusCode, 201);
      return payer;
    }

    const burst = (payer: Customer, payee: string, amount: string, count: number, pin?: string) =>
      Promise.all(
        Array.from({ length: count }, () =>
          suite.api.post(
            '/api/v1/p2p/transfers',
            { to: payee, amount, ...(pin === undefined ? {} : { pin }) },
            { token: payer.token, key: randomUUID() },
          ),
        ),
      );

    it('keeps the lifetime limit of a Class I wallet when ten payments race', async () => {
      await suite.api.register('13600136001');
      const payer = await payerOf('13600136002', '13600136001', '1000.00');
      const replies = await burst(payer, '13600136001', '150.00', 5, GOOD_PIN);
      const accepted = replies.filter((r) => r.statusCode === 201).length;
      const refused = replies.filter((r) => r.json<{ code?: string }>().code === 'limit_exceeded').length;
      assert.equal(accepted + refused, 5, replies.map((r) => r.body).join('\n'));
      // ¥0.01 already paid; ¥1,000 in all: at most 6 × 150 = 900 more fit, so all 5 fit.
      assert.equal(accepted, 5);
      const more = await burst(payer, '13600136001', '150.00', 3, GOOD_PIN);
      assert.equal(more.filter((r) => r.statusCode === 201).length, 0, 'only ¥249.99 of the limit was left');
      assert.equal(await suite.api.balance(payer.token), '249.99');
    });

    it('lets no more than the velocity limit through in one hour, however many race', async () => {
      await suite.api.register('13600136003');
      const payer = await payerOf('13600136004', '13600136003', '100.00');
      const optIn = await suite.api.post(
        '/api/v1/me/preferences',
        { passwordFree: true, pin: GOOD_PIN },
        { token: payer.token },
      );
      assert.equal(optIn.statusCode, 200);
      const replies = await burst(payer, '13600136003', '1.00', 10);
      const accepted = replies.filter((r) => r.statusCode === 201).length;
      assert.equal(accepted, 5, 'six an hour, one already made');
      assert.ok(
        replies
          .filter((r) => r.statusCode !== 201)
          .every((r) => r.json<{ code: string }>().code === 'velocity_exceeded'),
      );
      assert.equal(await suite.api.balance(payer.token), '94.99');
    });

    it('never lets password-free payments pass the daily allowance when they race', async () => {
      // A roomier Class I here, so that the ¥1,000 password-free allowance is the only limit in play.
      const roomy = await createTestApp({
        storage,
        env: {
          MWALLET_TIERS:
            '{"class_1":{"perTransaction":"5000.00","perDay":"5000.00","perMonth":"5000.00","perYear":"5000.00","lifetime":"5000.00","balanceCap":"5000.00"}}',
        },
      });
      try {
        const local = new ApiDriver(roomy);
        await local.register('13600136005');
        const payer = await local.register('13600136006');
        await local.fund(payer.phone, '2000.00');
        assert.equal((await local.pay(payer, '13600136005', '0.01')).statusCode, 201);
        await local.post(
          '/api/v1/me/preferences',
          { passwordFree: true, pin: GOOD_PIN },
          { token: payer.token },
        );
        const replies = await Promise.all(
          Array.from({ length: 8 }, () =>
            local.post(
              '/api/v1/p2p/transfers',
              { to: '13600136005', amount: '200.00' },
              { token: payer.token },
            ),
          ),
        );
        const accepted = replies.filter((r) => r.statusCode === 201);
        assert.equal(accepted.length, 5, replies.map((r) => r.body).join('\n'));
        assert.ok(accepted.every((r) => r.json<{ authentication: string }>().authentication === 'none'));
        const refused = replies.filter((r) => r.statusCode !== 201);
        assert.ok(refused.every((r) => r.json<{ code: string }>().code === 'pin_required'));
        assert.equal(await local.balance(payer.token), '999.99');
      } finally {
        await roomy.close();
      }
    });
  },
  { env: { MWALLET_PAYMENTS_PER_HOUR: '6' } },
);
