// GSMA transfers over HTTP on both databases: wallet to wallet, the spec's errors, X-CorrelationID idempotency.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { lockByStaff } from '../../src/domain/customers/wallet-lock.js';
import { describeApi } from '../support/api-suite.js';
import { assertGsmaError, basicAuth, gsmaGet, gsmaPost, newClient } from '../support/gsma-driver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

const msisdn = (value: string) => [{ key: 'msisdn', value }];

describeApi('GSMA transfers', (suite) => {
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
    // A transfer is not reversed through the API (that takes the payee's consent).
    const reversal = await gsmaPost(
      suite.test,
      `/transactions/${body.transactionReference}/reversals`,
      auth,
      {
        type: 'reversal',
      },
    );
    assertGsmaError(reversal, 400, 'businessRule', 'incorrectState');
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
});
