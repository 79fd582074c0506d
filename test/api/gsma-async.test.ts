// The GSMA asynchronous pattern on both databases: 202 and callbacks to a real HTTP server (retried), and polling.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { assertGsmaError, basicAuth, gsmaCall, gsmaGet, MM, newClient } from '../support/gsma-driver.js';
import { specViolations } from '../support/gsma-spec.js';
import { receiver } from '../support/http-receiver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

const msisdn = (value: string) => [{ key: 'msisdn', value }];

interface RequestState {
  serverCorrelationId: string;
  status: string;
  notificationMethod: string;
  objectReference?: string;
  error?: { errorCode: string };
}

describeApi('GSMA asynchronous requests', (suite) => {
  const callbacks = receiver();
  let callbackUrl = '';
  before(async () => {
    callbackUrl = await callbacks.start();
  });
  after(() => callbacks.stop());

  const post = (
    auth: ReturnType<typeof basicAuth>,
    path: string,
    body: object,
    headers: Record<string, string>,
  ) => gsmaCall(suite.test, 'POST', path, auth, { body, headers });

  /** Runs the callback dispatcher and answers the callbacks received meanwhile, as parsed bodies. */
  const deliver = async () => {
    const before = callbacks.received.length;
    await suite.test.platform.gsmaCallbacks.runOnce();
    return callbacks.received.slice(before);
  };

  it('answers 202 with the request state, then PUTs the transaction to the callback URL until it is taken', async () => {
    const payer = await suite.api.register('13900140091');
    const payee = await suite.api.register('13900140092');
    await suite.api.fund(payer.phone, '100.00');
    const auth = basicAuth(await newClient(suite.test));
    const correlationId = randomUUID();
    const transfer = {
      amount: '15.00',
      currency: 'CNY',
      debitParty: msisdn(payer.phone),
      creditParty: msisdn(payee.phone),
    };
    const accepted = await post(auth, '/transactions/type/transfer', transfer, {
      'x-callback-url': callbackUrl,
      'x-correlationid': correlationId,
    });
    assert.equal(accepted.statusCode, 202, accepted.body);
    const state = accepted.json<RequestState>();
    assert.equal(state.status, 'completed');
    assert.equal(state.notificationMethod, 'callback');
    assert.match(state.objectReference ?? '', /^pay_/);
    callbacks.statuses.push(503);
    const [refused, ...none] = await deliver();
    assert.equal(none.length, 0);
    assert.equal(refused?.method, 'PUT');
    assert.equal(await suite.api.balance(payee.token), '15.00');
    assert.equal((await deliver()).length, 0, 'the retry waits its delay');
    suite.test.advance(5_001);
    const [delivered] = await deliver();
    assert.equal(delivered?.headers['x-correlationid'], correlationId);
    const url = `${MM}/transactions/${state.objectReference}`;
    assert.deepEqual(specViolations('GET', url, 200, 'application/json', delivered?.body ?? ''), []);
    const object = JSON.parse(delivered?.body ?? '{}') as {
      transactionReference: string;
      transactionStatus: string;
    };
    assert.deepEqual(
      [object.transactionReference, object.transactionStatus],
      [state.objectReference, 'completed'],
    );
    assert.equal((await deliver()).length, 0, 'delivered once');

    const polled = await gsmaGet(suite.test, `/requeststates/${state.serverCorrelationId}`, auth);
    assert.deepEqual(polled.json(), state);
    const response = await gsmaGet(suite.test, `/responses/${correlationId}`, auth);
    assert.deepEqual(response.json(), { link: `/transactions/${state.objectReference}` });
    const other = basicAuth(await newClient(suite.test));
    assertGsmaError(
      await gsmaGet(suite.test, `/requeststates/${state.serverCorrelationId}`, other),
      404,
      'identification',
      'identifierError',
    );
    assertGsmaError(
      await gsmaGet(suite.test, `/responses/${correlationId}`, other),
      404,
      'identification',
      'identifierError',
    );

    const failed = await post(
      auth,
      '/transactions/type/transfer',
      { ...transfer, amount: '500.00' },
      {
        'x-callback-url': callbackUrl,
      },
    );
    assert.equal(failed.statusCode, 202, failed.body);
    const failedState = failed.json<RequestState>();
    assert.deepEqual([failedState.status, failedState.error?.errorCode], ['failed', 'insufficientFunds']);
    const [errorCallback] = await deliver();
    assert.equal(JSON.parse(errorCallback?.body ?? '{}').errorCode, 'insufficientFunds');
    assertGsmaError(
      await post(auth, '/transactions/type/transfer', transfer, { 'x-callback-url': 'ftp://example.com/cb' }),
      400,
      'validation',
      'formatError',
    );
    assert.equal(await suite.api.balance(payee.token), '15.00');
  });

  it('keeps a payment request pending until the customer answers, then calls back with the completed transaction', async () => {
    const customer = await suite.api.register('13900140093');
    await suite.api.fund(customer.phone, '100.00');
    const merchant = await onboardMerchant(suite.test, { name: 'Async shop' });
    const auth = basicAuth(await newClient(suite.test, merchant.id));
    const correlationId = randomUUID();
    const accepted = await post(
      auth,
      '/transactions/type/merchantpay',
      { amount: '25.00', currency: 'CNY', debitParty: msisdn(customer.phone), descriptionText: 'Invoice 7' },
      { 'x-callback-url': callbackUrl, 'x-correlationid': correlationId },
    );
    assert.equal(accepted.statusCode, 202, accepted.body);
    const state = accepted.json<RequestState>();
    assert.equal(state.status, 'pending');
    assert.equal((await deliver()).length, 0, 'nothing to deliver while the customer has not answered');
    const reference = state.objectReference ?? '';
    const confirmed = await suite.api.post(
      `/api/v1/payment-requests/${reference}/confirm`,
      { pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(confirmed.statusCode, 201, confirmed.body);
    const [callback] = await deliver();
    const object = JSON.parse(callback?.body ?? '{}') as {
      transactionReference: string;
      transactionStatus: string;
    };
    assert.deepEqual([object.transactionReference, object.transactionStatus], [reference, 'completed']);
    const polled = await gsmaGet(suite.test, `/requeststates/${state.serverCorrelationId}`, auth);
    assert.equal(polled.json<RequestState>().status, 'completed');
  });

  it('lets a client without a callback find its response by X-CorrelationID (polling)', async () => {
    const payer = await suite.api.register('13900140094');
    const payee = await suite.api.register('13900140095');
    await suite.api.fund(payer.phone, '100.00');
    const auth = basicAuth(await newClient(suite.test));
    const correlationId = randomUUID();
    const created = await post(
      auth,
      '/transactions/type/transfer',
      { amount: '1.00', currency: 'CNY', debitParty: msisdn(payer.phone), creditParty: msisdn(payee.phone) },
      { 'x-correlationid': correlationId },
    );
    assert.equal(created.statusCode, 201, created.body);
    const { link } = (await gsmaGet(suite.test, `/responses/${correlationId}`, auth)).json<{
      link: string;
    }>();
    const viewed = await gsmaGet(suite.test, link, auth);
    assert.deepEqual(viewed.json(), created.json());
    assertGsmaError(
      await gsmaGet(suite.test, `/responses/${randomUUID()}`, auth),
      404,
      'identification',
      'identifierError',
    );
    assertGsmaError(
      await gsmaGet(suite.test, '/responses/not-a-uuid', auth),
      400,
      'validation',
      'formatError',
    );
  });
});
