// GSMA agents over HTTP on both databases: float bought once per reference, cash-in and code-authorised cash-out.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { createAgent, fundAgent } from '../../src/domain/agents/agents.js';
import { lockByStaff } from '../../src/domain/customers/wallet-lock.js';
import { floatOf, fundedAgent } from '../support/agent-steps.js';
import { GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import {
  accountId,
  assertGsmaError,
  basicAuth,
  createdTransaction,
  gsmaGet,
  gsmaPost,
  msisdn,
  newClient,
} from '../support/gsma-driver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

describeApi('GSMA agents', (suite) => {
  it('sells an agent float once per reference, audited; a reference reused for another amount is refused', async () => {
    const { ctx } = suite.test.platform;
    const created = await createAgent(ctx, { name: 'Corner shop', phone: '13900150001', actor: 'staff:ops' });
    assert.ok(created.ok);
    const agentId = created.agent.id;
    assert.deepEqual(await createAgent(ctx, { name: ' ', phone: '13900150001', actor: 'staff:ops' }), {
      ok: false,
      error: 'name_invalid',
    });
    const fund = (amount: string, reference = 'bank-credit-1') =>
      fundAgent(ctx, { agentId, amount, reference, actor: 'staff:ops' });
    assert.deepEqual(await fund('5000.00'), { ok: true, float: 500_000n, alreadyFunded: false });
    assert.deepEqual(await fund('5000.00'), { ok: true, float: 500_000n, alreadyFunded: true });
    assert.deepEqual(await fund('6000.00'), { ok: false, error: 'reference_reused' });
    assert.deepEqual(await fund('250.50', 'bank-credit-2'), {
      ok: true,
      float: 525_050n,
      alreadyFunded: false,
    });
    const audited = await ctx.db.all<{ action: string; actor: string }>(
      'SELECT action, actor FROM audit_log WHERE subject = $1 ORDER BY seq',
      [`agent:${agentId}`],
    );
    assert.deepEqual(
      audited.map((row) => [row.action, row.actor]),
      [
        ['agent.create', 'staff:ops'],
        ['agent.fund', 'staff:ops'],
        ['agent.fund', 'staff:ops'],
      ],
    );
    const missing = await fundAgent(ctx, {
      agentId: 'agt_none',
      amount: '1.00',
      reference: 'x',
      actor: 'staff:ops',
    });
    assert.deepEqual(missing, { ok: false, error: 'agent_not_found' });
  });

  it('cashes in from the agent’s own float once per X-CorrelationID, within the float, the cap and locks', async () => {
    const customer = await suite.api.register('13900150011');
    const { agent, auth } = await fundedAgent(suite.test, 'Market stall', '13900150012', '1200.00');
    const cashIn = (amount: string, extra: object = {}, correlationId?: string) =>
      gsmaPost(
        suite.test,
        '/transactions/type/deposit',
        auth,
        { amount, currency: 'CNY', creditParty: msisdn(customer.phone), ...extra },
        correlationId,
      );
    const correlationId = randomUUID();
    const deposited = await cashIn('300.00', { debitParty: accountId(agent.id) }, correlationId);
    const body = createdTransaction(deposited, 'dep_', 'completed');
    assert.deepEqual(body.debitParty, accountId(agent.id));
    assert.equal(
      (await cashIn('300.00', { debitParty: accountId(agent.id) }, correlationId)).body,
      deposited.body,
    );
    assert.equal(await suite.api.balance(customer.token), '300.00');
    assert.equal(await floatOf(suite.test, agent.id), 90_000n);
    const notices = (await suite.api.smsTo(customer.phone)).filter((text) => text.includes('Market stall'));
    assert.equal(notices.length, 1, 'one SMS, though the request came twice');
    assert.match(notices[0] ?? '', /300\.00 from Market stall/);
    const history = await suite.api.get('/api/v1/wallet/history?limit=5', customer.token);
    const [entry] = history.json<{ entries: { type: string; description: string; amount: string }[] }>()
      .entries;
    assert.deepEqual(
      [entry?.type, entry?.description, entry?.amount],
      ['cash_in', 'Cash in at Market stall', '300.00'],
    );
    const viewed = await gsmaGet(suite.test, `/transactions/${body.transactionReference}`, auth);
    assert.equal(viewed.json<{ type: string }>().type, 'deposit');

    // The cap (1,000.00 for this tier) and the float (900.00 left) bound a cash-in.
    assertGsmaError(await cashIn('700.01'), 400, 'businessRule', 'maxBalanceExceeded');
    const second = await suite.api.register('13900150013');
    const tooMuch = await gsmaPost(suite.test, '/transactions/type/deposit', auth, {
      amount: '950.00',
      currency: 'CNY',
      creditParty: msisdn(second.phone),
    });
    assertGsmaError(tooMuch, 400, 'businessRule', 'insufficientFunds');
    assert.equal(await floatOf(suite.test, agent.id), 90_000n);
    assert.equal(await suite.api.balance(second.token), '0.00');

    assert.deepEqual(await lockByStaff(suite.test.platform.ctx, customer.phone, 'staff:test', 'test'), {
      ok: true,
    });
    assertGsmaError(await cashIn('1.00'), 400, 'businessRule', 'incorrectState');
    assert.equal(await floatOf(suite.test, agent.id), 90_000n);
  });

  it('keeps every client to its own party: only an agent’s client moves its own float, and only by cash-in/out', async () => {
    const customer = await suite.api.register('13900150021');
    await suite.api.fund(customer.phone, '100.00');
    const { agent, auth } = await fundedAgent(suite.test, 'Kiosk', '13900150022', '500.00');
    const other = await fundedAgent(suite.test, 'Other kiosk', '13900150023', '500.00');
    const merchant = await onboardMerchant(suite.test, { name: 'Agent test shop' });
    const operator = basicAuth(await newClient(suite.test));
    const merchantClient = basicAuth(await newClient(suite.test, merchant.id));
    const deposit = { amount: '10.00', currency: 'CNY', creditParty: msisdn(customer.phone) };
    const refusals: [typeof auth, string, object][] = [
      [operator, 'deposit', { ...deposit, debitParty: accountId(agent.id) }],
      [merchantClient, 'deposit', deposit],
      [
        merchantClient,
        'withdrawal',
        { ...deposit, debitParty: msisdn(customer.phone), creditParty: accountId(agent.id) },
      ],
      [auth, 'deposit', { ...deposit, debitParty: accountId(other.agent.id) }],
      [auth, 'disbursement', deposit],
      [auth, 'transfer', { ...deposit, debitParty: msisdn(customer.phone) }],
      [auth, 'merchantpay', { ...deposit, creditParty: accountId(merchant.id), oneTimeCode: '912345678901' }],
    ];
    for (const [client, type, body] of refusals) {
      const refused = await gsmaPost(suite.test, `/transactions/type/${type}`, client, body);
      assertGsmaError(refused, 401, 'authorisation', 'requestingPartyAuthorisationError');
    }
    assert.equal(await floatOf(suite.test, agent.id), 50_000n);
    assert.equal(await floatOf(suite.test, other.agent.id), 50_000n);
    assert.equal(await suite.api.balance(customer.token), '100.00');

    const deposited = createdTransaction(
      await gsmaPost(suite.test, '/transactions/type/deposit', auth, deposit),
      'dep_',
      'completed',
    );
    const path = `/transactions/${deposited.transactionReference}`;
    assertGsmaError(await gsmaGet(suite.test, path, other.auth), 404, 'identification', 'identifierError');
    assertGsmaError(
      await gsmaGet(suite.test, path, merchantClient),
      404,
      'identification',
      'identifierError',
    );
    assert.equal((await gsmaGet(suite.test, path, operator)).statusCode, 200);
    // A cash-in is final here: a mistaken one is corrected by an adjustment, not a reversal.
    const reversal = await gsmaPost(suite.test, `${path}/reversals`, operator, { type: 'reversal' });
    assertGsmaError(reversal, 400, 'businessRule', 'incorrectState');
    assert.equal(await suite.api.balance(customer.token), '110.00');
  });

  it('cashes out with an authorisation code the customer made in the app (PIN-confirmed), once, within the limits', async () => {
    const customer = await suite.api.register('13900150031');
    const stranger = await suite.api.register('13900150032');
    await suite.api.fund(customer.phone, '200.00');
    await suite.api.fund(stranger.phone, '200.00');
    const { agent, auth } = await fundedAgent(suite.test, 'Cash point', '13900150033', '100.00');
    const makeCode = (owner: typeof customer, body: object) =>
      suite.api.post('/api/v1/authorisation-codes', body, { token: owner.token });
    const wrongPin = await makeCode(customer, { pin: '000000', amount: '80.00' });
    assert.equal(wrongPin.statusCode, 403, wrongPin.body);
    const made = await makeCode(customer, { pin: GOOD_PIN, amount: '80.00', amountType: 'maximum' });
    assert.equal(made.statusCode, 201, made.body);
    const code = made.json<{ code: string; amount: string; amountType: string }>();
    assert.deepEqual([code.amount, code.amountType], ['80.00', 'maximum']);
    const strangers = await makeCode(stranger, { pin: GOOD_PIN });
    assert.equal(strangers.statusCode, 201, strangers.body);

    const cashOut = (amount: string, oneTimeCode?: string, correlationId?: string) =>
      gsmaPost(
        suite.test,
        '/transactions/type/withdrawal',
        auth,
        {
          amount,
          currency: 'CNY',
          debitParty: msisdn(customer.phone),
          creditParty: accountId(agent.id),
          ...(oneTimeCode === undefined ? {} : { oneTimeCode }),
        },
        correlationId,
      );
    for (const refused of [
      await cashOut('50.00', strangers.json<{ code: string }>().code),
      await cashOut('80.01', code.code),
      await cashOut('50.00', '900000000000'),
    ]) {
      assertGsmaError(refused, 400, 'businessRule', 'requestDeclined');
    }
    assert.equal(await suite.api.balance(customer.token), '200.00');
    const correlationId = randomUUID();
    const withdrawn = await cashOut('75.00', code.code, correlationId);
    const body = createdTransaction(withdrawn, 'wdr_', 'completed');
    assert.deepEqual([body.debitParty, body.creditParty], [msisdn(customer.phone), accountId(agent.id)]);
    // A retry answers the same cash-out; the code is used up for any other.
    assert.equal((await cashOut('75.00', code.code, correlationId)).body, withdrawn.body);
    assertGsmaError(await cashOut('5.00', code.code), 400, 'businessRule', 'requestDeclined');
    assert.equal(await suite.api.balance(customer.token), '125.00');
    assert.equal(await floatOf(suite.test, agent.id), 17_500n);
    const [sms] = await suite.api.smsTo(customer.phone);
    assert.match(sms ?? '', /75\.00 to Cash point/);
    const history = await suite.api.get('/api/v1/wallet/history?limit=1', customer.token);
    const [entry] = history.json<{ entries: { type: string; amount: string }[] }>().entries;
    assert.deepEqual([entry?.type, entry?.amount], ['cash_out', '-75.00']);

    // Cash-outs count as spending: 75.00 out today leaves 925.00 of this tier's 1,000.00 a day; a refused
    // cash-out leaves the code usable.
    const large = await makeCode(customer, { pin: GOOD_PIN, amount: '930.00', amountType: 'maximum' });
    const largeCode = large.json<{ code: string }>().code;
    assertGsmaError(await cashOut('930.00', largeCode), 400, 'businessRule', 'dailyValueLimitExceeded');
    createdTransaction(await cashOut('25.00', largeCode), 'wdr_', 'completed');
    assert.equal(await suite.api.balance(customer.token), '100.00');
  });
});
