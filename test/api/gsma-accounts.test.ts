// GSMA accounts by msisdn, accountid and walletid over HTTP on both databases: views, transactions, statement entries.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeApi } from '../support/api-suite.js';
import { assertGsmaError, basicAuth, gsmaGet, gsmaPost, newClient } from '../support/gsma-driver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

describeApi('GSMA account history', (suite) => {
  it('lists a wallet’s transactions and statement entries, newest first, found by any of its identifiers', async () => {
    const payer = await suite.api.register('13900140101');
    const payee = await suite.api.register('13900140102');
    await suite.api.fund(payer.phone, '100.00');
    const auth = basicAuth(await newClient(suite.test));
    const sent = await gsmaPost(suite.test, '/transactions/type/transfer', auth, {
      amount: '10.00',
      currency: 'CNY',
      debitParty: [{ key: 'msisdn', value: payer.phone }],
      creditParty: [{ key: 'msisdn', value: payee.phone }],
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const reference = sent.json<{ transactionReference: string }>().transactionReference;
    const wallet = await suite.test.platform.ctx.db.get<{ wallet_account_id: string }>(
      'SELECT wallet_account_id FROM customers WHERE id = $1',
      [payer.customerId],
    );
    for (const account of [
      `msisdn/${payer.phone}`,
      `accountid/${payer.customerId}`,
      `walletid/${wallet?.wallet_account_id}`,
    ]) {
      const transactions = await gsmaGet(suite.test, `/accounts/${account}/transactions`, auth);
      assert.deepEqual(
        transactions
          .json<{ transactionReference: string; type: string; amount: string }[]>()
          .map((t) => [t.type, t.amount]),
        [
          ['transfer', '10.00'],
          ['deposit', '100.00'],
        ],
      );
      assert.equal(
        transactions.json<{ transactionReference: string }[]>()[0]?.transactionReference,
        reference,
      );
      const balance = await gsmaGet(suite.test, `/accounts/${account}/balance`, auth);
      assert.equal(balance.json<{ availableBalance: string }>().availableBalance, '90.00');
    }
    const entries = await gsmaGet(
      suite.test,
      `/accounts/msisdn/${payer.phone}/statemententries?limit=1&offset=1`,
      auth,
    );
    assert.deepEqual(
      entries.json<{ amount: string; descriptionText: string }[]>().map((e) => [e.amount, e.descriptionText]),
      [['100.00', 'Top-up']],
    );
    const received = await gsmaGet(suite.test, `/accounts/msisdn/${payee.phone}/statemententries`, auth);
    assert.deepEqual(
      received
        .json<{ transactionReference: string; transactionStatus: string }[]>()
        .map((e) => [e.transactionReference, e.transactionStatus]),
      [[reference, 'completed']],
    );
    const one = await gsmaGet(suite.test, `/statemententries/${reference}`, auth);
    assert.equal(one.statusCode, 200, one.body);
    const entry = one.json<{ transactionReference: string; amount: string }>();
    assert.deepEqual([entry.transactionReference, entry.amount], [reference, '10.00']);
    const merchant = basicAuth(await newClient(suite.test, (await onboardMerchant(suite.test)).id));
    for (const [who, ref] of [
      [merchant, reference],
      [auth, 'pay_nothing'],
    ] as const) {
      assertGsmaError(
        await gsmaGet(suite.test, `/statemententries/${ref}`, who),
        404,
        'identification',
        'identifierError',
      );
    }
    assertGsmaError(
      await gsmaGet(suite.test, `/accounts/msisdn/${payer.phone}/transactions`, merchant),
      401,
      'authorisation',
      'requestingPartyAuthorisationError',
    );
    // GSMA identifiers may be 256 characters long: a long one is an unknown account, not an unknown route.
    const longId = `accountid/${'x'.repeat(250)}`;
    for (const unknown of ['accountid/cus_nope', 'walletid/12345', 'msisdn/+8613900140109', longId]) {
      assertGsmaError(
        await gsmaGet(suite.test, `/accounts/${unknown}/transactions`, auth),
        404,
        'identification',
        'identifierError',
      );
    }
    assertGsmaError(
      await gsmaGet(suite.test, '/accounts/walletid/abc/statemententries', auth),
      400,
      'validation',
      'formatError',
    );
    assertGsmaError(
      await gsmaGet(suite.test, '/accounts/iban/DE00/transactions', auth),
      404,
      'identification',
      'identifierError',
    );
  });

  it('quotes fees from the tariffs: a large transfer’s fee on top, a merchant’s discount out of the amount', async () => {
    const payee = await suite.api.register('13900140111');
    const merchant = await onboardMerchant(suite.test, { name: 'Quoted shop' });
    const auth = basicAuth(await newClient(suite.test));
    const quotation = (type: string, amount: string, creditParty: object[]) =>
      gsmaPost(suite.test, '/quotations', auth, {
        type,
        requestAmount: amount,
        requestCurrency: 'CNY',
        debitParty: [{ key: 'msisdn', value: '+8613900140110' }],
        creditParty,
      });
    const quotesOf = (reply: Awaited<ReturnType<typeof quotation>>) => {
      assert.equal(reply.statusCode, 201, reply.body);
      const [first] = reply.json<{ quotes: { receivingAmount: string; fees: { feeAmount: string }[] }[] }>()
        .quotes;
      return [first?.receivingAmount, first?.fees[0]?.feeAmount];
    };
    const wallet = [{ key: 'msisdn', value: payee.phone }];
    assert.deepEqual(quotesOf(await quotation('transfer', '500.00', wallet)), ['500.00', '0.00']);
    assert.deepEqual(quotesOf(await quotation('transfer', '2000.00', wallet)), ['2000.00', '2.00']);
    const shop = [{ key: 'accountid', value: merchant.id }];
    assert.deepEqual(quotesOf(await quotation('merchantpay', '100.00', shop)), ['99.62', '0.38']);
    assertGsmaError(
      await quotation('transfer', '1.00', [{ key: 'msisdn', value: '+8613900140119' }]),
      404,
      'identification',
      'identifierError',
    );
  });
});
