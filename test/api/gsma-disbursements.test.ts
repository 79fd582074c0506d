// GSMA disbursements and adjustments over HTTP on both databases: organisation account ↔ wallet, once, audited.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { lockByStaff } from '../../src/domain/customers/wallet-lock.js';
import { describeApi } from '../support/api-suite.js';
import {
  assertGsmaError,
  basicAuth,
  createdTransaction,
  gsmaGet,
  gsmaPost,
  newClient,
} from '../support/gsma-driver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

const msisdn = (value: string) => [{ key: 'msisdn', value }];
const account = (value: string) => [{ key: 'accountid', value }];

describeApi('GSMA disbursements', (suite) => {
  const payout = (to: string, amount: string, extra: object = {}) => ({
    amount,
    currency: 'CNY',
    creditParty: msisdn(to),
    descriptionText: 'Cashback',
    ...extra,
  });

  it('pays wallets from a merchant’s account once per X-CorrelationID, within its balance and the payee’s cap', async () => {
    const payer = await suite.api.register('13900140071');
    const payee = await suite.api.register('13900140072');
    await suite.api.fund(payer.phone, '500.00');
    await suite.api.optIntoPasswordFree(payer);
    const merchant = await onboardMerchant(suite.test, { name: 'Cashback shop' });
    const auth = basicAuth(await newClient(suite.test, merchant.id));
    const collected = await gsmaPost(suite.test, '/transactions/type/merchantpay', auth, {
      amount: '200.00',
      currency: 'CNY',
      oneTimeCode: await suite.api.paymentCode(payer),
    });
    assert.equal(collected.statusCode, 201, collected.body);
    // The merchant holds 200.00 less its 0.38 % fee: 199.24.
    const correlationId = randomUUID();
    const disburse = () =>
      gsmaPost(
        suite.test,
        '/transactions/type/disbursement',
        auth,
        payout(payee.phone, '50.00'),
        correlationId,
      );
    const paid = await disburse();
    const body = createdTransaction(paid, 'dsb_', 'completed');
    assert.deepEqual(body.debitParty, account(merchant.id));
    assert.equal((await disburse()).body, paid.body);
    assert.equal(await suite.api.balance(payee.token), '50.00');
    const history = await suite.api.get('/api/v1/wallet/history?limit=5', payee.token);
    const [entry] = history.json<{ entries: { type: string; description: string; amount: string }[] }>()
      .entries;
    assert.deepEqual(
      [entry?.type, entry?.description, entry?.amount],
      ['disbursement', 'Payout from Cashback shop', '50.00'],
    );

    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/disbursement', auth, payout(payee.phone, '150.00')),
      400,
      'businessRule',
      'insufficientFunds',
    );
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/disbursement', auth, payout(payee.phone, '951.00')),
      400,
      'businessRule',
      'maxBalanceExceeded',
    );
    const other = await onboardMerchant(suite.test, { name: 'Other shop' });
    for (const [type, extra] of [
      ['disbursement', { debitParty: account(other.id) }],
      ['adjustment', {}],
    ] as const) {
      const refused = await gsmaPost(
        suite.test,
        `/transactions/type/${type}`,
        auth,
        payout(payee.phone, '1.00', extra),
      );
      assertGsmaError(refused, 401, 'authorisation', 'requestingPartyAuthorisationError');
    }
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/disbursement', auth, payout('+8613900140079', '1.00')),
      404,
      'identification',
      'identifierError',
    );
    assert.equal(await suite.api.balance(payee.token), '50.00');
    const viewed = await gsmaGet(suite.test, `/transactions/${body.transactionReference}`, auth);
    assert.equal(viewed.json<{ type: string }>().type, 'disbursement');
    const otherAuth = basicAuth(await newClient(suite.test, other.id));
    assertGsmaError(
      await gsmaGet(suite.test, `/transactions/${body.transactionReference}`, otherAuth),
      404,
      'identification',
      'identifierError',
    );
  });

  it('lets the operator’s client adjust a wallet either way against suspense, audited; its payouts need fee revenue', async () => {
    const customer = await suite.api.register('13900140081');
    const auth = basicAuth(await newClient(suite.test));
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/disbursement', auth, payout(customer.phone, '900.00')),
      400,
      'businessRule',
      'insufficientFunds',
    );
    const credited = await gsmaPost(suite.test, '/transactions/type/adjustment', auth, {
      amount: '10.00',
      currency: 'CNY',
      creditParty: msisdn(customer.phone),
      descriptionText: 'Compensation for outage',
    });
    assert.equal(credited.statusCode, 201, credited.body);
    const debit = {
      amount: '4.00',
      currency: 'CNY',
      debitParty: msisdn(customer.phone),
      creditParty: account('operator'),
      descriptionText: 'Duplicate compensation',
    };
    const debited = await gsmaPost(suite.test, '/transactions/type/adjustment', auth, debit);
    assert.equal(debited.statusCode, 201, debited.body);
    assert.deepEqual(debited.json<{ creditParty: unknown }>().creditParty, account('operator'));
    assert.equal(await suite.api.balance(customer.token), '6.00');
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/adjustment', auth, { ...debit, amount: '6.01' }),
      400,
      'businessRule',
      'insufficientFunds',
    );
    const history = await suite.api.get('/api/v1/wallet/history?limit=5', customer.token);
    const entries = history.json<{ entries: { type: string; amount: string }[] }>().entries;
    assert.deepEqual(
      entries.map((e) => [e.type, e.amount]),
      [
        ['adjustment', '-4.00'],
        ['adjustment', '10.00'],
      ],
    );
    const audited = await suite.test.platform.ctx.db.all<{ action: string }>(
      "SELECT action FROM audit_log WHERE subject = $1 AND action = 'adjustment.create'",
      [`customer:${customer.customerId}`],
    );
    assert.equal(audited.length, 3);
    assert.deepEqual(await lockByStaff(suite.test.platform.ctx, customer.phone, 'staff:test', 'test'), {
      ok: true,
    });
    assertGsmaError(
      await gsmaPost(suite.test, '/transactions/type/adjustment', auth, debit),
      400,
      'businessRule',
      'incorrectState',
    );
    // The lock ended the app session: the balance as the operator's client reads it.
    const balance = await gsmaGet(suite.test, `/accounts/msisdn/${customer.phone}/balance`, auth);
    assert.equal(balance.json<{ availableBalance: string }>().availableBalance, '6.00');
  });
});
