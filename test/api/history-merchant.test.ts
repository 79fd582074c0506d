// Wallet history over HTTP with merchants: payments and refunds name the merchant, in en and zh-CN, filtered and in CSV.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { reversePayment } from '../../src/domain/payments/merchant-refunds.js';
import type { HistoryEntry } from '../../src/domain/wallets/history.js';
import { phoneSequence } from '../support/api-assertions.js';
import { type Customer, GOOD_PIN } from '../support/api-driver.js';
import { type ApiSuite, describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

const phones = phoneSequence('1372000');
const SHOP = 'Chengdu Fresh Market';

/** A customer who was funded ¥200, paid the shop ¥100 by its till QR and got ¥30 back. */
interface Shopper {
  customer: Customer;
  paymentId: string;
  refundId: string;
}

/** Type, description, counterparty, amount, fee, balance, reference and status of each entry, newest first. */
const rowsOf = (entries: HistoryEntry[]) =>
  entries.map((e) => [
    e.type,
    e.description,
    e.counterparty,
    e.amount,
    e.fee,
    e.balance,
    e.reference,
    e.status,
  ]);

describeApi('wallet history with merchants', (suite) => {
  let shop: MerchantDriver;
  let english: Shopper;
  let chinese: Shopper;

  const history = async (customer: Customer, query = '') => {
    const reply = await suite.api.get(`/api/v1/wallet/history${query}`, customer.token);
    assert.equal(reply.statusCode, 200, reply.body);
    return reply.json<{ entries: HistoryEntry[] }>().entries;
  };

  it('lists a merchant payment and its partial refund with the merchant, running balances and ids (en)', async () => {
    shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test, { name: SHOP }));
    english = await shopper(suite, shop, 'en');
    const { paymentId, refundId } = english;
    assert.deepEqual(rowsOf(await history(english.customer)), [
      ['refund', `Refund from ${SHOP}`, SHOP, '30.00', '0.00', '130.00', refundId, 'completed'],
      ['merchant_payment', `Payment to ${SHOP}`, SHOP, '-100.00', '0.00', '100.00', paymentId, 'completed'],
      ['top_up', 'Top-up', null, '200.00', '0.00', '200.00', null, 'completed'],
    ]);
    const statement = await suite.api.get('/api/v1/wallet/statement', english.customer.token);
    assert.deepEqual(
      rowsOf(statement.json<{ entries: HistoryEntry[] }>().entries),
      rowsOf(await history(english.customer)),
    );
  });

  it("describes them in the customer's language (zh-CN)", async () => {
    chinese = await shopper(suite, shop, 'zh-CN');
    const { paymentId, refundId } = chinese;
    assert.deepEqual(rowsOf(await history(chinese.customer)), [
      ['refund', `${SHOP}退款`, SHOP, '30.00', '0.00', '130.00', refundId, 'completed'],
      ['merchant_payment', `向${SHOP}付款`, SHOP, '-100.00', '0.00', '100.00', paymentId, 'completed'],
      ['top_up', '充值', null, '200.00', '0.00', '200.00', null, 'completed'],
    ]);
  });

  it('filters by the new types; a counterparty number never matches a merchant entry', async () => {
    const { customer, paymentId, refundId } = english;
    assert.deepEqual(
      (await history(customer, '?type=merchant_payment')).map((e) => [e.amount, e.reference]),
      [['-100.00', paymentId]],
    );
    assert.deepEqual(
      (await history(customer, '?type=refund')).map((e) => [e.amount, e.reference]),
      [['30.00', refundId]],
    );
    // Not even the merchant's contact number (set by onboardMerchant) matches its entries.
    assert.deepEqual(await history(customer, '?counterparty=13900000000'), []);
  });

  it('words a staff reversal as such and shows the payment as reversed', async () => {
    const { customer } = chinese;
    const paid = await payByQr(suite, shop, customer, '50.00');
    const reversed = await reversePayment(suite.test.platform.ctx, paid, {
      actor: 'staff:test',
      reason: 'duplicate charge',
    });
    assert.ok(reversed.ok);
    assert.deepEqual(rowsOf(await history(customer, '?limit=2')), [
      ['refund', `${SHOP}冲正`, SHOP, '50.00', '0.00', '130.00', reversed.refund.id, 'completed'],
      ['merchant_payment', `向${SHOP}付款`, SHOP, '-50.00', '0.00', '80.00', paid, 'reversed'],
    ]);
  });

  it('exports merchant entries in the CSV', async () => {
    const { customer, paymentId, refundId } = english;
    const csv = await suite.api.get('/api/v1/wallet/history.csv', customer.token);
    assert.equal(csv.statusCode, 200, csv.body);
    const lines = csv.body
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(',').slice(1));
    assert.deepEqual(lines.slice(1), [
      ['refund', `Refund from ${SHOP}`, SHOP, '30.00', '0.00', '130.00', 'CNY', refundId, 'completed'],
      [
        'merchant_payment',
        `Payment to ${SHOP}`,
        SHOP,
        '-100.00',
        '0.00',
        '100.00',
        'CNY',
        paymentId,
        'completed',
      ],
      ['top_up', 'Top-up', '', '200.00', '0.00', '200.00', 'CNY', '', 'completed'],
    ]);
  });
});

/** Pays the shop's static till QR with the PIN and returns the merchant payment's id. */
async function payByQr(suite: ApiSuite, shop: MerchantDriver, customer: Customer, amount: string) {
  const paid = await suite.api.post(
    '/api/v1/merchant-payments',
    { payload: await shop.tillQr(), amount, pin: GOOD_PIN },
    { token: customer.token },
  );
  assert.equal(paid.statusCode, 201, paid.body);
  return paid.json<{ id: string }>().id;
}

async function shopper(suite: ApiSuite, shop: MerchantDriver, locale: 'en' | 'zh-CN'): Promise<Shopper> {
  const customer = await suite.api.register(phones(), { locale });
  await suite.api.fund(customer.phone, '200.00');
  const paymentId = await payByQr(suite, shop, customer, '100.00');
  const refund = await shop.post(`/payments/${paymentId}/refunds`, {
    amount: '30.00',
    reason: 'one item returned',
  });
  assert.equal(refund.statusCode, 201, refund.body);
  return { customer, paymentId, refundId: refund.json<{ id: string }>().id };
}
