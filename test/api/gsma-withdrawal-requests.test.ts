// GSMA cash-outs without a code on both databases: pending until the customer confirms (PIN, limits) or declines in the app.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { localClock } from '../../src/domain/calendar.js';
import { expireCashOutRequests } from '../../src/domain/payments/cash-out-requests.js';
import { floatOf, fundedAgent } from '../support/agent-steps.js';
import { type Customer, GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import {
  accountId,
  assertGsmaError,
  basicAuth,
  createdTransaction,
  type GsmaAuth,
  gsmaCall,
  gsmaGet,
  MM,
  msisdn,
  newClient,
  patchTransactionStatus,
} from '../support/gsma-driver.js';
import { specViolations } from '../support/gsma-spec.js';
import { receiver } from '../support/http-receiver.js';

interface RequestState {
  serverCorrelationId: string;
  status: string;
  objectReference?: string;
}

interface OpenRequest {
  id: string;
  kind: string;
  payee: { kind: string; id: string; name: string };
  amount: string;
  expiresAt: string;
}

describeApi('GSMA withdrawals confirmed on the phone', (suite) => {
  const callbacks = receiver();
  let callbackUrl = '';
  before(async () => {
    callbackUrl = await callbacks.start();
  });
  after(() => callbacks.stop());

  /** An agent's client asks `customer` to cash out `amount` (no code); headers as given. */
  const askCashOut = (auth: GsmaAuth, agentId: string, customer: Customer, amount: string, headers = {}) =>
    gsmaCall(suite.test, 'POST', '/transactions/type/withdrawal', auth, {
      body: { amount, currency: 'CNY', debitParty: msisdn(customer.phone), creditParty: accountId(agentId) },
      headers,
    });
  const openRequests = async (customer: Customer) =>
    (await suite.api.get('/api/v1/payment-requests', customer.token)).json<OpenRequest[]>();
  const answer = (customer: Customer, id: string, verb: 'confirm' | 'decline', body: object = {}) =>
    suite.api.post(`/api/v1/payment-requests/${id}/${verb}`, body, { token: customer.token });
  const statusOf = async (auth: GsmaAuth, reference: string) =>
    (await gsmaGet(suite.test, `/transactions/${reference}`, auth)).json<{ transactionStatus: string }>()
      .transactionStatus;

  it('answers 202 pending; the customer confirms with the PIN in the app; the float is paid; the client is called back', async () => {
    const customer = await suite.api.register('13900180001');
    await suite.api.fund(customer.phone, '200.00');
    const { agent, auth } = await fundedAgent(suite.test, 'Riverside cash point', '13900180002', '100.00');
    const correlationId = randomUUID();
    const asked = await askCashOut(auth, agent.id, customer, '50.00', {
      'x-callback-url': callbackUrl,
      'x-correlationid': correlationId,
    });
    assert.equal(asked.statusCode, 202, asked.body);
    const state = asked.json<RequestState>();
    assert.equal(state.status, 'pending');
    const reference = state.objectReference ?? '';
    assert.match(reference, /^wdr_/);
    const statePath = `/requeststates/${state.serverCorrelationId}`;
    assert.equal((await gsmaGet(suite.test, statePath, auth)).json<RequestState>().status, 'pending');
    assert.equal(await statusOf(auth, reference), 'pending');
    assert.equal(await suite.api.balance(customer.token), '200.00');
    assert.equal(await floatOf(suite.test, agent.id), 10_000n);
    const [sms] = await suite.api.smsTo(customer.phone);
    assert.match(sms ?? '', /Riverside cash point asks to cash out CN¥50\.00 from your wallet/);

    const [open, ...others] = await openRequests(customer);
    assert.equal(others.length, 0);
    assert.deepEqual(
      [open?.id, open?.kind, open?.payee, open?.amount],
      [reference, 'cash_out', { kind: 'agent', id: agent.id, name: 'Riverside cash point' }, '50.00'],
    );
    // The SMS says until when to answer in the operator's time zone, as the customer reads clocks there.
    const answerBy = localClock(Date.parse(open?.expiresAt ?? ''), suite.test.platform.ctx.settings.timeZone);
    assert.match(sms ?? '', new RegExp(`Confirm in mwallet by ${answerBy.time};`));
    // A cash-out is never password-free: the PIN is asked for.
    assert.equal((await answer(customer, reference, 'confirm')).statusCode, 403);
    const stranger = await suite.api.register('13900180003');
    assert.equal((await answer(stranger, reference, 'confirm', { pin: GOOD_PIN })).statusCode, 404);
    const confirmed = await answer(customer, reference, 'confirm', { pin: GOOD_PIN });
    assert.equal(confirmed.statusCode, 201, confirmed.body);
    assert.deepEqual(
      [confirmed.json().kind, confirmed.json().status, confirmed.json().agent.name],
      ['cash_out', 'completed', 'Riverside cash point'],
    );
    assert.equal(await suite.api.balance(customer.token), '150.00');
    assert.equal(await floatOf(suite.test, agent.id), 15_000n);
    assert.equal(await statusOf(auth, reference), 'completed');
    assert.equal((await answer(customer, reference, 'confirm', { pin: GOOD_PIN })).statusCode, 409);
    assert.deepEqual(await openRequests(customer), []);

    const seen = callbacks.received.length;
    await suite.test.platform.gsmaCallbacks.runOnce();
    const [callback, ...more] = callbacks.received.slice(seen);
    assert.equal(more.length, 0);
    assert.equal(callback?.headers['x-correlationid'], correlationId);
    const url = `${MM}/transactions/${reference}`;
    assert.deepEqual(specViolations('GET', url, 200, 'application/json', callback?.body ?? ''), []);
    const called = JSON.parse(callback?.body ?? '{}') as { transactionStatus: string; type: string };
    assert.deepEqual([called.type, called.transactionStatus], ['withdrawal', 'completed']);
    assert.equal((await gsmaGet(suite.test, statePath, auth)).json<RequestState>().status, 'completed');
    const history = await suite.api.get('/api/v1/wallet/history?limit=1', customer.token);
    const [entry] = history.json<{ entries: { type: string; amount: string }[] }>().entries;
    assert.deepEqual([entry?.type, entry?.amount], ['cash_out', '-50.00']);

    // Without a callback URL the same request answers its pending transaction; a retry answers it again.
    const polledKey = randomUUID();
    const polled = await askCashOut(auth, agent.id, customer, '10.00', { 'x-correlationid': polledKey });
    const pending = createdTransaction(polled, 'wdr_', 'pending');
    const again = await askCashOut(auth, agent.id, customer, '10.00', { 'x-correlationid': polledKey });
    assert.equal(again.body, polled.body);
    assert.equal((await openRequests(customer)).length, 1);
    const declined = await answer(customer, pending.transactionReference, 'decline');
    assert.equal(declined.statusCode, 200, declined.body);
  });

  it('moves no money for a declined or expired request, and applies the spending limits when the customer confirms', async () => {
    const customer = await suite.api.register('13900180011');
    await suite.api.fund(customer.phone, '900.00');
    const { agent, auth } = await fundedAgent(suite.test, 'Station kiosk', '13900180012', '10.00');
    const ask = async (amount: string) =>
      createdTransaction(await askCashOut(auth, agent.id, customer, amount), 'wdr_', 'pending')
        .transactionReference;

    const declinedRef = await ask('20.00');
    assert.equal((await answer(customer, declinedRef, 'decline')).statusCode, 200);
    assert.equal(await statusOf(auth, declinedRef), 'failed');
    assert.equal((await answer(customer, declinedRef, 'confirm', { pin: GOOD_PIN })).statusCode, 409);

    // Class I allows 1,000.00 a day: 600.00 confirmed, then 500.00 is over the limit when confirmed.
    const first = await ask('600.00');
    assert.equal((await answer(customer, first, 'confirm', { pin: GOOD_PIN })).statusCode, 201);
    const second = await ask('500.00');
    const refused = await answer(customer, second, 'confirm', { pin: GOOD_PIN });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().code, 'limit_exceeded');
    assert.equal(await statusOf(auth, second), 'pending');
    assert.equal(await suite.api.balance(customer.token), '300.00');
    assert.equal(await floatOf(suite.test, agent.id), 61_000n);

    // Unanswered, the request expires (15 minutes): failed, nothing moved, no longer confirmable.
    suite.test.advance(16 * 60 * 1000);
    assert.equal(await statusOf(auth, second), 'failed');
    assert.equal((await answer(customer, second, 'confirm', { pin: GOOD_PIN })).statusCode, 410);
    assert.deepEqual(await openRequests(customer), []);
    assert.equal(await suite.api.balance(customer.token), '300.00');
    assert.equal(await floatOf(suite.test, agent.id), 61_000n);
    const { ctx } = suite.test.platform;
    const expired = await ctx.db.get<{ status: string; failure_code: string }>(
      'SELECT status, failure_code FROM disbursements WHERE id = $1',
      [second],
    );
    assert.deepEqual([expired?.status, expired?.failure_code], ['requested', null]);
    assert.equal(await expireCashOutRequests(ctx), 1);
    const recorded = await ctx.db.get<{ status: string; failure_code: string }>(
      'SELECT status, failure_code FROM disbursements WHERE id = $1',
      [second],
    );
    assert.deepEqual([recorded?.status, recorded?.failure_code], ['failed', 'expired']);
  });

  it("lets the operator's client answer a cash-out for its customer with PATCH /transactions/{ref}, by callback too", async () => {
    const customer = await suite.api.register('13900180021');
    await suite.api.fund(customer.phone, '100.00');
    const { agent, auth } = await fundedAgent(suite.test, 'Harbour cash point', '13900180022', '100.00');
    const operator = basicAuth(await newClient(suite.test));
    const ask = async (amount: string) =>
      createdTransaction(await askCashOut(auth, agent.id, customer, amount), 'wdr_', 'pending')
        .transactionReference;

    const first = await ask('30.00');
    // The agent's own client cannot answer for the customer.
    assertGsmaError(
      await patchTransactionStatus(suite.test, first, 'completed', auth),
      401,
      'authorisation',
      'requestingPartyAuthorisationError',
    );
    const paid = await patchTransactionStatus(suite.test, first, 'completed', operator);
    assert.equal(paid.statusCode, 204, paid.body);
    assert.equal(await statusOf(auth, first), 'completed');
    assert.equal(await suite.api.balance(customer.token), '70.00');
    assert.equal(await floatOf(suite.test, agent.id), 13_000n);
    assertGsmaError(
      await patchTransactionStatus(suite.test, first, 'completed', operator),
      400,
      'businessRule',
      'incorrectState',
    );

    // With X-Callback-URL: 202 and a request state; the callback then says the update succeeded.
    const second = await ask('5.00');
    const seen = callbacks.received.length;
    const accepted = await patchTransactionStatus(suite.test, second, 'failed', operator, {
      'x-callback-url': callbackUrl,
      'x-correlationid': randomUUID(),
    });
    assert.equal(accepted.statusCode, 202, accepted.body);
    assert.deepEqual(
      specViolations('PATCH', `${MM}/transactions/${second}`, 202, 'application/json', accepted.body),
      [],
    );
    assert.equal(accepted.json<RequestState>().status, 'completed');
    await suite.test.platform.gsmaCallbacks.runOnce();
    const callback = callbacks.received.slice(seen).at(-1);
    assert.deepEqual(JSON.parse(callback?.body ?? '{}'), { result: 'success' });
    assert.equal(await statusOf(auth, second), 'failed');
    assert.equal(await suite.api.balance(customer.token), '70.00');
    assertGsmaError(
      await patchTransactionStatus(suite.test, 'wdr_nope', 'completed', operator),
      404,
      'identification',
      'identifierError',
    );
  });
});
