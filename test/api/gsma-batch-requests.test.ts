// The GSMA batch request's asynchronous state on both databases: pending until the batch is paid, then completed and called back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { describeApi } from '../support/api-suite.js';
import { accountId, assertGsmaError, gsmaCall, gsmaGet, MM, msisdn } from '../support/gsma-driver.js';
import { specViolations } from '../support/gsma-spec.js';
import { awaitBatchCompleted, merchantWithFloat } from '../support/gsma-steps.js';
import { receiver } from '../support/http-receiver.js';

interface RequestState {
  serverCorrelationId: string;
  status: string;
  notificationMethod: string;
  objectReference?: string;
}

describeApi('GSMA batch request states', (suite) => {
  const callbacks = receiver();
  let callbackUrl = '';
  before(async () => {
    callbackUrl = await callbacks.start();
  });
  after(() => callbacks.stop());

  /** Runs the callback dispatcher and answers the callbacks received meanwhile. */
  const deliver = async () => {
    const seen = callbacks.received.length;
    await suite.test.platform.gsmaCallbacks.runOnce();
    return callbacks.received.slice(seen);
  };

  it('keeps the batch request pending until the batch is paid, then completes it and calls back with the batch', async () => {
    const { merchant, auth, operator } = await merchantWithFloat(suite.test, suite.api, {
      customerPhone: '13900170001',
      name: 'Batch state shop',
      float: '100.00',
    });
    const payee = await suite.api.register('13900170002');
    const item = (amount: string, currency = 'CNY') => ({
      type: 'disbursement',
      amount,
      currency,
      debitParty: accountId(merchant.id),
      creditParty: msisdn(payee.phone),
    });
    const body = { batchTitle: 'Refunds', transactions: [item('5.00'), item('1.00', 'USD')] };
    const post = (headers: Record<string, string>) =>
      gsmaCall(suite.test, 'POST', '/batchtransactions', auth, { body, headers });

    assertGsmaError(await post({ 'x-callback-url': 'not a url' }), 400, 'validation', 'formatError');
    const correlationId = randomUUID();
    const created = await post({ 'x-callback-url': callbackUrl, 'x-correlationid': correlationId });
    assert.equal(created.statusCode, 202, created.body);
    const state = created.json<RequestState>();
    assert.deepEqual([state.status, state.notificationMethod], ['pending', 'callback']);
    const batchId = state.objectReference ?? '';
    assert.match(batchId, /^bat_/);
    const statePath = `/requeststates/${state.serverCorrelationId}`;
    assert.equal((await gsmaGet(suite.test, statePath, auth)).json<RequestState>().status, 'pending');
    const link = await gsmaGet(suite.test, `/responses/${correlationId}`, auth);
    assert.deepEqual(link.json(), { link: `/batchtransactions/${batchId}` });
    assertGsmaError(await gsmaGet(suite.test, statePath, operator), 404, 'identification', 'identifierError');
    assert.deepEqual(await deliver(), [], 'no callback before the batch is paid');

    const approved = await gsmaCall(suite.test, 'PATCH', `/batchtransactions/${batchId}`, auth, {
      body: [{ op: 'replace', path: '/batchStatus', value: 'approved' }],
    });
    assert.equal(approved.statusCode, 204, approved.body);
    await awaitBatchCompleted(suite.test, auth, batchId);

    const [callback, ...more] = await deliver();
    assert.equal(more.length, 0);
    assert.equal(callback?.method, 'PUT');
    assert.equal(callback?.headers['x-correlationid'], correlationId);
    const url = `${MM}/batchtransactions/${batchId}`;
    assert.deepEqual(specViolations('GET', url, 200, 'application/json', callback?.body ?? ''), []);
    const paid = JSON.parse(callback?.body ?? '{}') as {
      batchId: string;
      batchStatus: string;
      completedCount: number;
      rejectionCount: number;
    };
    assert.deepEqual(
      [paid.batchId, paid.batchStatus, paid.completedCount, paid.rejectionCount],
      [batchId, 'completed', 1, 1],
    );
    assert.equal((await gsmaGet(suite.test, statePath, auth)).json<RequestState>().status, 'completed');
    assert.deepEqual(await deliver(), [], 'delivered once');
    assert.equal(await suite.api.balance(payee.token), '5.00');

    // Without headers, the state is still recorded for polling.
    const polled = await post({});
    const pollState = polled.json<RequestState>();
    assert.deepEqual([pollState.status, pollState.notificationMethod], ['pending', 'polling']);
    const found = await gsmaGet(suite.test, `/requeststates/${pollState.serverCorrelationId}`, auth);
    assert.equal(found.json<RequestState>().objectReference, pollState.objectReference);

    // Approving with X-Callback-URL: 202 and a request state; the callback then says the update succeeded.
    const laterId = pollState.objectReference ?? '';
    const approvedLater = await gsmaCall(suite.test, 'PATCH', `/batchtransactions/${laterId}`, auth, {
      body: [{ op: 'replace', path: '/batchStatus', value: 'approved' }],
      headers: { 'x-callback-url': callbackUrl, 'x-correlationid': randomUUID() },
    });
    assert.equal(approvedLater.statusCode, 202, approvedLater.body);
    const patched = `${MM}/batchtransactions/${laterId}`;
    assert.deepEqual(specViolations('PATCH', patched, 202, 'application/json', approvedLater.body), []);
    await awaitBatchCompleted(suite.test, auth, laterId);
    const updates = (await deliver()).map((received) => JSON.parse(received.body) as unknown);
    assert.deepEqual(updates, [{ result: 'success' }]);
    assert.equal(await suite.api.balance(payee.token), '10.00');
  });
});
