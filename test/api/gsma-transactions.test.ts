// GSMA transactions over HTTP on both databases: transfers, merchant payment requests, errors, X-CorrelationID.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { lockByStaff } from '../../src/domain/customers/wallet-lock.js';
import { GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { assertGsmaError, basicAuth, gsmaGet, gsmaPost, newClient } from '../support/gsma-driver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

const msisdn = (value: string) => [{ key: 'msisdn', value }];

describeApi('GSMA transactions', (suite) => {
  const transfer = (from: string, to: string, amount: string) => ({
    amount,
    currency: 'CNY',
    debitParty: msisdn(from),
    creditParty: msisdn(to),
    descriptionText: 'Rent share',
  });

  /** Two new wallets, the payer funded, and an operator client. */
  const fundedPair = async (payerPhone: string, payeePhone: string, funds: string) => {
    const payer = await suite.api.register(payerPhone);
    const payee = await suite.api.register(payeePhone);
    await suite.api.fund(payer.phone, funds);
    return { payer, payee, auth: basicAuth(await newClient(suite.test)) };
  };

  const balanceOf = async (phone: string, auth: ReturnType<typeof basicAuth>) =>
    (await gsmaGet(suite.test, `/accounts/msisdn/${phone}/balance`, auth)).json<{
      availableBalance: string;
    }>().availableBalance;

  it('moves money between two wallets for an operator client, and shows the transfer by its reference', async () => {
    const { payer, payee, auth } = await fundedPair('13900140001', '13900140002', '500.00');
    const created = await gsmaPost(
      suite.test,
      '/transactions/type/transfer',
      auth,
      transfer(payer.phone, payee.phone, '20.5'),
    );
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json<{ transactionReference: string; transactionStatus: string; amount: string }>();
    assert.equal(body.transactionStatus, 'completed');
    assert.equal(body.amount, '20.50');
    assert.equal(await balanceOf(payer.phone, auth), '479.50');
    assert.equal(await balanceOf(payee.phone, auth), '20.50');
    const viewed = await gsmaGet(suite.test, `/transactions/${body.transactionReference}`, auth);
    assert.deepEqual(viewed.json(), {
      transactionReference: body.transactionReference,
      transactionStatus: 'completed',
      type: 'transfer',
      amount: '20.50',
      currency: 'CNY',
      debitParty: msisdn(payer.phone),
      creditParty: msisdn(payee.phone),
      descriptionText: 'Rent share',
      creationDate: viewed.json<{ creationDate: string }>().creationDate,
      modificationDate: viewed.json<{ modificationDate: string }>().modificationDate,
    });
    assertGsmaError(
      await gsmaGet(suite.test, '/transactions/pay_nope', auth),
      404,
      'identification',
      'identifierError',
    );
  });

  it('refuses what may not be done with the spec’s error object and changes nothing', async () => {
    const { payer, payee, auth } = await fundedPair('13900140011', '13900140012', '500.00');
    const merchant = await onboardMerchant(suite.test);
    const merchantAuth = basicAuth(await newClient(suite.test, merchant.id));
    const refusals: [object, number, string, string, ReturnType<typeof basicAuth>?][] = [
      [transfer(payer.phone, payee.phone, '600.00'), 400, 'businessRule', 'insufficientFunds'],
      [transfer(payer.phone, payee.phone, '1000.01'), 400, 'businessRule', 'greaterThanTransactionMaxValue'],
      [transfer(payer.phone, payer.phone, '1.00'), 400, 'businessRule', 'samePartiesError'],
      [transfer(payer.phone, '+8613900140019', '1.00'), 404, 'identification', 'identifierError'],
      [transfer('+8613900140019', payee.phone, '1.00'), 404, 'identification', 'identifierError'],
      [transfer(payer.phone, 'not-a-number', '1.00'), 400, 'validation', 'formatError'],
      [
        { ...transfer(payer.phone, payee.phone, '1.00'), currency: 'USD' },
        400,
        'validation',
        'currencyNotSupported',
      ],
      [{ ...transfer(payer.phone, payee.phone, '-1.00') }, 400, 'validation', 'formatError'],
      [{ ...transfer(payer.phone, payee.phone, '0') }, 400, 'validation', 'formatError'],
      [{ ...transfer(payer.phone, payee.phone, '1.001') }, 400, 'validation', 'formatError'],
      [{ ...transfer(payer.phone, payee.phone, '1.00'), amount: 1 }, 400, 'validation', 'formatError'],
      [
        { currency: 'CNY', debitParty: msisdn(payer.phone), creditParty: msisdn(payee.phone) },
        400,
        'validation',
        'mandatoryValueNotSupplied',
      ],
      [
        { amount: '1.00', currency: 'CNY', creditParty: msisdn(payee.phone) },
        400,
        'validation',
        'mandatoryValueNotSupplied',
      ],
      [
        { ...transfer(payer.phone, payee.phone, '1.00'), creditParty: [{ key: 'walletid', value: '1' }] },
        404,
        'identification',
        'identifierError',
      ],
      [
        transfer(payer.phone, payee.phone, '1.00'),
        401,
        'authorisation',
        'requestingPartyAuthorisationError',
        merchantAuth,
      ],
    ];
    for (const [body, status, category, code, as] of refusals) {
      const reply = await gsmaPost(suite.test, '/transactions/type/transfer', as ?? auth, body);
      assertGsmaError(reply, status, category, code);
    }
    for (const [type, code] of [
      ['billpay', 'transactionTypeError'],
      ['teleport', 'formatError'],
    ] as const) {
      const body = transfer(payer.phone, payee.phone, '1.00');
      const reply = await gsmaPost(suite.test, `/transactions/type/${type}`, auth, body);
      assertGsmaError(reply, 400, 'validation', code);
    }
    assert.deepEqual(await lockByStaff(suite.test.platform.ctx, payer.phone, 'staff:test', 'test'), {
      ok: true,
    });
    assertGsmaError(
      await gsmaPost(
        suite.test,
        '/transactions/type/transfer',
        auth,
        transfer(payer.phone, payee.phone, '1.00'),
      ),
      400,
      'businessRule',
      'incorrectState',
    );
    assert.equal(await balanceOf(payer.phone, auth), '500.00');
    assert.equal(await balanceOf(payee.phone, auth), '0.00');
  });

  it('makes a POST with an X-CorrelationID run once: a repeat replays, another body is a duplicateRequest', async () => {
    const { payer, payee, auth } = await fundedPair('13900140021', '13900140022', '100.00');
    const correlationId = randomUUID();
    const body = transfer(payer.phone, payee.phone, '10.00');
    const first = await gsmaPost(suite.test, '/transactions/type/transfer', auth, body, correlationId);
    assert.equal(first.statusCode, 201, first.body);
    const again = await gsmaPost(suite.test, '/transactions/type/transfer', auth, body, correlationId);
    assert.equal(again.statusCode, 201);
    assert.equal(again.body, first.body);
    const other = await gsmaPost(
      suite.test,
      '/transactions/type/transfer',
      auth,
      transfer(payer.phone, payee.phone, '11.00'),
      correlationId,
    );
    assertGsmaError(other, 400, 'businessRule', 'duplicateRequest');
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/transfer', auth, body, 'not-a-uuid'),
      400,
      'validation',
      'formatError',
    );
    // Another client's correlation ids are its own.
    const otherClient = basicAuth(await newClient(suite.test));
    const theirs = await gsmaPost(
      suite.test,
      '/transactions/type/transfer',
      otherClient,
      body,
      correlationId,
    );
    assert.equal(theirs.statusCode, 201, theirs.body);
    assert.notEqual(
      theirs.json<{ transactionReference: string }>().transactionReference,
      first.json<{ transactionReference: string }>().transactionReference,
    );
    assert.equal(await balanceOf(payer.phone, auth), '80.00');
  });

  it('moves money once for concurrent duplicates of one X-CorrelationID', async () => {
    const { payer, payee, auth } = await fundedPair('13900140031', '13900140032', '100.00');
    const correlationId = randomUUID();
    const body = transfer(payer.phone, payee.phone, '7.00');
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        gsmaPost(suite.test, '/transactions/type/transfer', auth, body, correlationId),
      ),
    );
    const created = replies.filter((reply) => reply.statusCode === 201);
    assert.ok(created.length >= 1, replies.map((reply) => reply.body).join('\n'));
    for (const reply of replies) {
      if (reply.statusCode !== 201) assertGsmaError(reply, 503, 'serviceUnavailable', 'genericError');
    }
    const references = new Set(
      created.map((reply) => reply.json<{ transactionReference: string }>().transactionReference),
    );
    assert.equal(references.size, 1);
    assert.equal(await balanceOf(payer.phone, auth), '93.00');
    assert.equal(await balanceOf(payee.phone, auth), '7.00');
  });

  it('lets a merchant ask a customer to pay: pending until confirmed on the phone, failed when declined', async () => {
    const customer = await suite.api.register('13900140041');
    await suite.api.fund(customer.phone, '100.00');
    const merchant = await onboardMerchant(suite.test);
    const auth = basicAuth(await newClient(suite.test, merchant.id));
    const request = (amount: string, reference: string) => ({
      amount,
      currency: 'CNY',
      debitParty: msisdn(customer.phone),
      creditParty: [{ key: 'accountid', value: merchant.id }],
      descriptionText: 'Order 42',
      requestingOrganisationTransactionReference: reference,
    });
    const created = await gsmaPost(
      suite.test,
      '/transactions/type/merchantpay',
      auth,
      request('30.00', 'order-42'),
    );
    assert.equal(created.statusCode, 201, created.body);
    const { transactionReference, transactionStatus } = created.json<{
      transactionReference: string;
      transactionStatus: string;
    }>();
    assert.equal(transactionStatus, 'pending');
    assert.match(transactionReference, /^ord_/);
    const confirmed = await suite.api.post(
      `/api/v1/payment-requests/${transactionReference}/confirm`,
      { pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(confirmed.statusCode, 201, confirmed.body);
    const paid = await gsmaGet(suite.test, `/transactions/${transactionReference}`, auth);
    assert.equal(paid.json<{ transactionStatus: string }>().transactionStatus, 'completed');
    assert.equal(
      paid.json<{ requestingOrganisationTransactionReference: string }>()
        .requestingOrganisationTransactionReference,
      'order-42',
    );
    assert.equal(await suite.api.balance(customer.token), '70.00');

    const second = await gsmaPost(
      suite.test,
      '/transactions/type/merchantpay',
      auth,
      request('5.00', 'order-43'),
    );
    const secondReference = second.json<{ transactionReference: string }>().transactionReference;
    const declined = await suite.api.post(
      `/api/v1/payment-requests/${secondReference}/decline`,
      { reason: 'not mine' },
      { token: customer.token },
    );
    assert.equal(declined.statusCode, 200, declined.body);
    const failed = await gsmaGet(suite.test, `/transactions/${secondReference}`, auth);
    assert.equal(failed.json<{ transactionStatus: string }>().transactionStatus, 'failed');

    // Only for its own merchant, and never another merchant's transactions.
    const other = await onboardMerchant(suite.test, { name: 'Other shop' });
    const otherAuth = basicAuth(await newClient(suite.test, other.id));
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/merchantpay', auth, {
        ...request('1.00', 'order-44'),
        creditParty: [{ key: 'accountid', value: other.id }],
      }),
      401,
      'authorisation',
      'requestingPartyAuthorisationError',
    );
    assertGsmaError(
      await gsmaGet(suite.test, `/transactions/${transactionReference}`, otherAuth),
      404,
      'identification',
      'identifierError',
    );
    const operator = basicAuth(await newClient(suite.test));
    assert.equal(
      (await gsmaGet(suite.test, `/transactions/${transactionReference}`, operator)).statusCode,
      200,
    );
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/merchantpay', operator, request('1.00', 'order-45')),
      401,
      'authorisation',
      'requestingPartyAuthorisationError',
    );
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/merchantpay', auth, request('1.00', 'order-42')),
      400,
      'businessRule',
      'duplicateRequest',
    );
  });
});
