// GSMA merchant payments over HTTP on both databases: by the customer's one-time code, and merchant-initiated requests.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import {
  assertGsmaError,
  basicAuth,
  createdTransaction,
  gsmaGet,
  gsmaPost,
  newClient,
  patchTransactionStatus,
} from '../support/gsma-driver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

const msisdn = (value: string) => [{ key: 'msisdn', value }];

describeApi('GSMA merchant payments', (suite) => {
  /** A funded customer who opted into password-free payments, and a fresh payment code of theirs. */
  const payingCustomer = async (phone: string) => {
    const customer = await suite.api.register(phone);
    await suite.api.fund(customer.phone, '500.00');
    await suite.api.optIntoPasswordFree(customer);
    return { customer, code: () => suite.api.paymentCode(customer) };
  };

  it('charges a customer’s one-time code once: at once when small, pending the PIN on the phone when large', async () => {
    const { customer, code } = await payingCustomer('13900140051');
    const merchant = await onboardMerchant(suite.test);
    const auth = basicAuth(await newClient(suite.test, merchant.id));
    const pay = (amount: string, oneTimeCode: string, debitParty?: string) =>
      gsmaPost(suite.test, '/transactions/type/merchantpay', auth, {
        amount,
        currency: 'CNY',
        creditParty: [{ key: 'accountid', value: merchant.id }],
        ...(debitParty === undefined ? {} : { debitParty: msisdn(debitParty) }),
        oneTimeCode,
        requestingOrganisationTransactionReference: `till-${amount}`,
      });
    // Registering waits out the minute between SMS codes, longer than a payment code lives: first.
    const other = await suite.api.register('13900140052');
    const small = await code();
    const wrongPayer = await pay('12.00', small, '+8613900140059');
    assertGsmaError(wrongPayer, 404, 'identification', 'identifierError');
    assertGsmaError(await pay('12.00', small, other.phone), 400, 'businessRule', 'requestDeclined');
    const body = createdTransaction(await pay('12.00', small, customer.phone), 'mpy_', 'completed');
    assert.deepEqual(body.debitParty, msisdn('139****0051'));
    assertGsmaError(await pay('1.00', small), 400, 'businessRule', 'requestDeclined');
    assert.equal(await suite.api.balance(customer.token), '488.00');

    const large = await pay('300.00', await code());
    assert.equal(large.statusCode, 201, large.body);
    const pending = large.json<{ transactionReference: string; transactionStatus: string }>();
    assert.match(pending.transactionReference, /^ord_/);
    assert.equal(pending.transactionStatus, 'pending');
    const confirmed = await suite.api.post(
      `/api/v1/payment-requests/${pending.transactionReference}/confirm`,
      { pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(confirmed.statusCode, 201, confirmed.body);
    const viewed = await gsmaGet(suite.test, `/transactions/${pending.transactionReference}`, auth);
    assert.equal(viewed.json<{ transactionStatus: string }>().transactionStatus, 'completed');
    assert.equal(await suite.api.balance(customer.token), '188.00');

    // The operator's client names the merchant, and sees the payer's number in full.
    const operator = basicAuth(await newClient(suite.test));
    const byOperator = await gsmaPost(suite.test, '/transactions/type/merchantpay', operator, {
      amount: '2.00',
      currency: 'CNY',
      creditParty: [{ key: 'accountid', value: merchant.id }],
      oneTimeCode: await code(),
    });
    assert.equal(byOperator.statusCode, 201, byOperator.body);
    assert.deepEqual(byOperator.json<{ debitParty: unknown }>().debitParty, msisdn(customer.phone));
    const noMerchant = await gsmaPost(suite.test, '/transactions/type/merchantpay', operator, {
      amount: '2.00',
      currency: 'CNY',
      debitParty: msisdn(customer.phone),
      creditParty: [{ key: 'accountid', value: 'mer_nope' }],
      oneTimeCode: await code(),
    });
    assertGsmaError(noMerchant, 404, 'identification', 'identifierError');
    const reference = body.transactionReference;
    const otherMerchant = basicAuth(
      await newClient(suite.test, (await onboardMerchant(suite.test, { name: 'Other shop' })).id),
    );
    assertGsmaError(
      await gsmaGet(suite.test, `/transactions/${reference}`, otherMerchant),
      404,
      'identification',
      'identifierError',
    );
    assert.equal((await gsmaGet(suite.test, `/transactions/${reference}`, operator)).statusCode, 200);
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

  it('reverses merchant payments: the merchant’s client refunds in part, the operator’s reverses in full', async () => {
    const { customer, code } = await payingCustomer('13900140061');
    const merchant = await onboardMerchant(suite.test, { name: 'Refunding shop' });
    const auth = basicAuth(await newClient(suite.test, merchant.id));
    const operator = basicAuth(await newClient(suite.test));
    const pay = async (amount: string) => {
      const paid = await gsmaPost(suite.test, '/transactions/type/merchantpay', auth, {
        amount,
        currency: 'CNY',
        oneTimeCode: await code(),
      });
      assert.equal(paid.statusCode, 201, paid.body);
      return paid.json<{ transactionReference: string }>().transactionReference;
    };
    const reverse = (reference: string, body: object, as = auth) =>
      gsmaPost(suite.test, `/transactions/${reference}/reversals`, as, { type: 'reversal', ...body });
    const first = await pay('12.00');
    const partial = await reverse(first, { amount: '5.00', descriptionText: 'One item returned' });
    assert.equal(partial.statusCode, 201, partial.body);
    const reversal = partial.json<{
      transactionReference: string;
      originalTransactionReference: string;
      transactionStatus: string;
      amount: string;
    }>();
    assert.equal(reversal.originalTransactionReference, first);
    assert.equal(reversal.transactionStatus, 'completed');
    assert.equal(reversal.amount, '5.00');
    assert.equal(await suite.api.balance(customer.token), '493.00');
    assertGsmaError(await reverse(first, {}), 400, 'businessRule', 'incorrectState');
    const viewed = await gsmaGet(suite.test, `/transactions/${reversal.transactionReference}`, auth);
    assert.equal(viewed.json<{ type: string }>().type, 'reversal');
    assert.deepEqual(viewed.json<{ creditParty: unknown }>().creditParty, msisdn('139****0061'));

    const second = await pay('20.00');
    assertGsmaError(await reverse(second, { amount: '1.00' }, operator), 400, 'validation', 'formatError');
    assertGsmaError(await reverse(second, { type: 'adjustment' }), 400, 'validation', 'transactionTypeError');
    const other = basicAuth(
      await newClient(suite.test, (await onboardMerchant(suite.test, { name: 'Nosy shop' })).id),
    );
    assertGsmaError(await reverse(second, {}, other), 404, 'identification', 'identifierError');
    const whole = await reverse(second, {}, operator);
    assert.equal(whole.statusCode, 201, whole.body);
    assert.equal(whole.json<{ amount: string }>().amount, '20.00');
    assert.equal(await suite.api.balance(customer.token), '493.00');
    assertGsmaError(await reverse('mpy_nope', {}, operator), 404, 'identification', 'identifierError');
  });

  it('redeems a pre-authorised code once, within its amount, before it expires', async () => {
    const customer = await suite.api.register('13900140121');
    const other = await suite.api.register('13900140122');
    await suite.api.fund(customer.phone, '500.00');
    const merchant = await onboardMerchant(suite.test, { name: 'Code shop' });
    const auth = basicAuth(await newClient(suite.test, merchant.id));
    const operator = basicAuth(await newClient(suite.test));
    const issue = async (body: object) => {
      const reply = await gsmaPost(
        suite.test,
        `/accounts/msisdn/${customer.phone}/authorisationcodes`,
        operator,
        body,
      );
      assert.equal(reply.statusCode, 201, reply.body);
      return reply.json<{ authorisationCode: string; codeState: string }>();
    };
    const pay = (amount: string, oneTimeCode: string, payer?: string) =>
      gsmaPost(suite.test, '/transactions/type/merchantpay', auth, {
        amount,
        currency: 'CNY',
        oneTimeCode,
        ...(payer === undefined ? {} : { debitParty: msisdn(payer) }),
      });
    const upTo = await issue({ amount: '300.00', currency: 'CNY', amountType: 'maximum', codeLifetime: 120 });
    assert.equal(upTo.codeState, 'active');
    assert.match(upTo.authorisationCode, /^9\d{11}$/);
    assertGsmaError(await pay('300.01', upTo.authorisationCode), 400, 'businessRule', 'requestDeclined');
    assertGsmaError(
      await pay('250.00', upTo.authorisationCode, other.phone),
      400,
      'businessRule',
      'requestDeclined',
    );
    // Above the password-free allowance, yet no PIN: the operator's client authorised it when issuing the code.
    createdTransaction(await pay('250.00', upTo.authorisationCode, customer.phone), 'mpy_', 'completed');
    assertGsmaError(await pay('1.00', upTo.authorisationCode), 400, 'businessRule', 'requestDeclined');
    const exact = await issue({ amount: '10.00', currency: 'CNY' });
    assertGsmaError(await pay('9.00', exact.authorisationCode), 400, 'businessRule', 'requestDeclined');
    createdTransaction(await pay('10.00', exact.authorisationCode), 'mpy_', 'completed');
    const late = await issue({ codeLifetime: 60 });
    suite.test.advance(61_000);
    assertGsmaError(await pay('1.00', late.authorisationCode), 400, 'businessRule', 'requestDeclined');
    assert.equal(await suite.api.balance(customer.token), '240.00');
    const byMerchant = await gsmaPost(
      suite.test,
      `/accounts/msisdn/${customer.phone}/authorisationcodes`,
      auth,
      {},
    );
    assertGsmaError(byMerchant, 401, 'authorisation', 'requestingPartyAuthorisationError');
  });

  it('lets the operator’s client answer a payment request for its customer with PATCH /transactions/{ref}', async () => {
    const customer = await suite.api.register('13900140141');
    await suite.api.fund(customer.phone, '100.00');
    const merchant = await onboardMerchant(suite.test, { name: 'Patched shop' });
    const auth = basicAuth(await newClient(suite.test, merchant.id));
    const operator = basicAuth(await newClient(suite.test));
    const ask = async (amount: string) => {
      const reply = await gsmaPost(suite.test, '/transactions/type/merchantpay', auth, {
        amount,
        currency: 'CNY',
        debitParty: msisdn(customer.phone),
      });
      return createdTransaction(reply, 'ord_', 'pending').transactionReference;
    };
    const answer = (reference: string, value: string, as = operator) =>
      patchTransactionStatus(suite.test, reference, value, as);
    const statusOf = async (reference: string) =>
      (await gsmaGet(suite.test, `/transactions/${reference}`, auth)).json<{ transactionStatus: string }>()
        .transactionStatus;
    const first = await ask('40.00');
    assertGsmaError(
      await answer(first, 'completed', auth),
      401,
      'authorisation',
      'requestingPartyAuthorisationError',
    );
    const paid = await answer(first, 'completed');
    assert.equal(paid.statusCode, 204, paid.body);
    assert.equal(await statusOf(first), 'completed');
    assert.equal(await suite.api.balance(customer.token), '60.00');
    assertGsmaError(await answer(first, 'completed'), 400, 'businessRule', 'incorrectState');
    const second = await ask('5.00');
    assert.equal((await answer(second, 'failed')).statusCode, 204);
    assert.equal(await statusOf(second), 'failed');
    assertGsmaError(await answer(second, 'completed'), 400, 'businessRule', 'incorrectState');
    assertGsmaError(await answer('pay_nope', 'completed'), 404, 'identification', 'identifierError');
    assert.equal(await suite.api.balance(customer.token), '60.00');
  });
});
