// Customers paying merchants end to end over HTTP: static and dynamic QR, payment codes, payment requests, fees.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { findMerchant } from '../../src/domain/merchants/merchant-queries.js';
import { decodeMerchantQr, encodeMerchantQr } from '../../src/domain/merchants/qr/merchant-qr.js';
import { operatorAccountId, walletBalance } from '../../src/domain/wallets/accounts.js';
import { phoneSequence, refusedWith } from '../support/api-assertions.js';
import { GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';

const phones = phoneSequence('1371000');

describeApi('merchant payments', (suite) => {
  const merchantBalance = async (merchantId: string) => {
    const merchant = await findMerchant(suite.test.platform.ctx.db, merchantId);
    assert.ok(merchant);
    return walletBalance(suite.test.ledger, merchant.accountId);
  };
  const feeRevenue = () => walletBalance(suite.test.ledger, operatorAccountId('feeRevenue', 'CNY'));

  it('pays a static till QR with the PIN: the wallet pays the amount, the merchant gets it less 0.38 %', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '500.00');
    const payload = await shop.tillQr();
    const scan = await suite.api.post(
      '/api/v1/merchant-qr/scan',
      { payload },
      { token: customer.token, key: null },
    );
    assert.equal(scan.statusCode, 200, scan.body);
    assert.deepEqual(
      { name: scan.json().merchant.name, kind: scan.json().kind, amount: scan.json().amount },
      { name: 'Chengdu Fresh Market', kind: 'static', amount: null },
    );
    const noAmount = await suite.api.post(
      '/api/v1/merchant-payments',
      { payload, pin: GOOD_PIN },
      { token: customer.token },
    );
    refusedWith(noAmount, 'amount_required');
    const noPin = await suite.api.post(
      '/api/v1/merchant-payments',
      { payload, amount: '100.00' },
      { token: customer.token },
    );
    refusedWith(noPin, 'pin_required');
    const fees = await feeRevenue();
    const paid = await suite.api.post(
      '/api/v1/merchant-payments',
      { payload, amount: '100.00', pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(paid.json().status, 'completed');
    assert.equal(await suite.api.balance(customer.token), '400.00');
    assert.equal(await merchantBalance(shop.merchant.id), 9_962n);
    assert.equal((await feeRevenue()) - fees, 38n);
    const seen = await shop.get(`/payments/${paid.json().id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.deepEqual(
      {
        amount: seen.json().amount,
        fee: seen.json().fee,
        net: seen.json().net,
        channel: seen.json().channel,
      },
      { amount: '100.00', fee: '0.38', net: '99.62', channel: 'static_qr' },
    );
    assert.match(seen.json().customer.phone, /^137\*{4}\d{4}$/);
  });

  it("refuses a static QR naming another merchant's till, or an unknown merchant, and moves no money", async () => {
    const [shop, other] = [
      new MerchantDriver(suite.test, await onboardMerchant(suite.test)),
      new MerchantDriver(suite.test, await onboardMerchant(suite.test)),
    ];
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '50.00');
    const decoded = decodeMerchantQr(await shop.tillQr());
    assert.ok(decoded.ok);
    const { qr } = decoded;
    const withIds = (merchantId: string, tillId: string) =>
      encodeMerchantQr({
        merchantId,
        tillId,
        mcc: qr.mcc,
        currencyNumeric: qr.currencyNumeric,
        countryCode: qr.countryCode,
        merchantName: qr.merchantName,
        merchantCity: qr.merchantCity,
      });
    const pay = (payload: string) =>
      suite.api.post(
        '/api/v1/merchant-payments',
        { payload, amount: '5.00', pin: GOOD_PIN },
        { token: customer.token },
      );
    refusedWith(await pay(withIds(shop.merchant.id, other.merchant.tillId)), 'qr_tampered');
    refusedWith(await pay(withIds('mer_unknown', shop.merchant.tillId)), 'qr_tampered');
    assert.equal((await pay(withIds(shop.merchant.id, shop.merchant.tillId))).statusCode, 201);
    assert.equal(await suite.api.balance(customer.token), '45.00');
  });

  it('pays a dynamic QR once; a paid, tampered, damaged or expired code is refused and moves no money', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '500.00');
    const order = await shop.order({ kind: 'dynamic_qr', amount: '25.00', tillId: shop.merchant.tillId });
    assert.ok(order.qrPayload);
    const payload = order.qrPayload;
    const decoded = decodeMerchantQr(payload);
    assert.ok(decoded.ok);
    // A forged amount with a correct CRC (anyone can compute one) is still refused: fields are checked against the order.
    const { qr } = decoded;
    const forged = encodeMerchantQr({
      merchantId: qr.merchantId,
      ...(qr.tillId ? { tillId: qr.tillId } : {}),
      ...(qr.orderId ? { orderId: qr.orderId } : {}),
      mcc: qr.mcc,
      currencyNumeric: qr.currencyNumeric,
      amount: '0.01',
      countryCode: qr.countryCode,
      merchantName: qr.merchantName,
      merchantCity: qr.merchantCity,
    });
    const damaged = payload.slice(0, -1) + (payload.endsWith('0') ? '1' : '0');
    const pay = (body: Record<string, string>) =>
      suite.api.post('/api/v1/merchant-payments', body, { token: customer.token });
    refusedWith(await pay({ payload: forged, pin: GOOD_PIN }), 'qr_tampered');
    refusedWith(await pay({ payload: damaged, pin: GOOD_PIN }), 'qr_checksum');
    refusedWith(await pay({ payload, amount: '1.00', pin: GOOD_PIN }), 'amount_not_allowed');
    assert.equal(await suite.api.balance(customer.token), '500.00');
    const paid = await pay({ payload, pin: GOOD_PIN });
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(paid.json().channel, 'dynamic_qr');
    refusedWith(await pay({ payload, pin: GOOD_PIN }), 'order_paid');
    assert.equal(await suite.api.balance(customer.token), '475.00');
    const status = await shop.get(`/orders/${order.id}`);
    assert.equal(status.json().status, 'paid');
    assert.equal(status.json().paymentId, paid.json().id);
    // While the payment holding an order is still settling, the merchant is told `processing`, never `paid`.
    const { db } = suite.test.platform.ctx;
    await db.run("UPDATE merchant_payments SET status = 'pending' WHERE id = $1", [paid.json().id]);
    assert.equal((await shop.get(`/orders/${order.id}`)).json().status, 'processing');
    await db.run("UPDATE merchant_payments SET status = 'completed' WHERE id = $1", [paid.json().id]);
    const late = await shop.order({ kind: 'dynamic_qr', amount: '5.00', expiresInSeconds: 60 });
    suite.test.advance(61_000);
    const expired = await pay({ payload: late.qrPayload ?? '', pin: GOOD_PIN });
    refusedWith(expired, 'order_expired');
    assert.equal(await suite.api.balance(customer.token), '475.00');
  });

  it('charges a payment code at once within the password-free limit, and asks for the PIN above it', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '500.00');
    await suite.api.optIntoPasswordFree(customer);
    const code = async () => {
      const reply = await suite.api.post(
        '/api/v1/payment-codes',
        {},
        {
          token: customer.token,
          key: null,
        },
      );
      assert.equal(reply.statusCode, 201, reply.body);
      assert.match(reply.json().code, /^28\d{16}$/);
      assert.match(reply.json().qrSvg, /^<svg/);
      return reply.json<{ code: string }>().code;
    };
    const small = await code();
    const charged = await shop.post('/payments', {
      paymentCode: small,
      amount: '12.00',
      reference: `r-${randomUUID()}`,
    });
    assert.equal(charged.statusCode, 201, charged.body);
    assert.equal(charged.json().status, 'completed');
    const reused = await shop.post('/payments', {
      paymentCode: small,
      amount: '1.00',
      reference: `r-${randomUUID()}`,
    });
    refusedWith(reused, 'payment_code_invalid');
    const stale = await code();
    suite.test.advance(61_000);
    const late = await shop.post('/payments', {
      paymentCode: stale,
      amount: '1.00',
      reference: `r-${randomUUID()}`,
    });
    refusedWith(late, 'payment_code_invalid');
    const large = await code();
    const asked = await shop.post('/payments', {
      paymentCode: large,
      amount: '300.00',
      reference: `r-${randomUUID()}`,
    });
    assert.equal(asked.statusCode, 202, asked.body);
    assert.equal(asked.json().status, 'open');
    assert.equal(await suite.api.balance(customer.token), '488.00');
    const requests = await suite.api.get('/api/v1/payment-requests', customer.token);
    assert.deepEqual(
      requests.json().map((r: { id: string; amount: string }) => [r.id, r.amount]),
      [[asked.json().id, '300.00']],
    );
    const confirmed = await suite.api.post(
      `/api/v1/payment-requests/${asked.json().id}/confirm`,
      { pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(confirmed.statusCode, 201, confirmed.body);
    assert.equal(confirmed.json().channel, 'payment_code');
    assert.equal(await suite.api.balance(customer.token), '188.00');
    assert.equal((await shop.get(`/orders/${asked.json().id}`)).json().status, 'paid');
  });

  it('sends a payment request the customer confirms with the PIN; nobody else can pay or decline it', async () => {
    const shop = new MerchantDriver(
      suite.test,
      await onboardMerchant(suite.test, { name: 'Chengdu Water Company', mcc: '4900' }),
    );
    const customer = await suite.api.register(phones());
    const stranger = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '300.00');
    await suite.api.fund(stranger.phone, '300.00');
    const request = await shop.order({ kind: 'payment_request', amount: '88.80', phone: customer.phone });
    const sms = await suite.api.smsTo(customer.phone);
    assert.ok(
      sms.some((text) => text.includes('Chengdu Water Company') && text.includes('88.80')),
      sms.join('\n'),
    );
    const theirs = await suite.api.post(
      `/api/v1/payment-requests/${request.id}/confirm`,
      { pin: GOOD_PIN },
      { token: stranger.token },
    );
    refusedWith(theirs, 'request_not_found');
    const declineTheirs = await suite.api.post(
      `/api/v1/payment-requests/${request.id}/decline`,
      {},
      {
        token: stranger.token,
      },
    );
    refusedWith(declineTheirs, 'request_not_found');
    assert.equal(await suite.api.balance(stranger.token), '300.00');
    const wrongPin = await suite.api.post(
      `/api/v1/payment-requests/${request.id}/confirm`,
      { pin: '975310' },
      { token: customer.token },
    );
    refusedWith(wrongPin, 'pin_incorrect');
    const paid = await suite.api.post(
      `/api/v1/payment-requests/${request.id}/confirm`,
      { pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(await suite.api.balance(customer.token), '211.20');
    const twice = await suite.api.post(
      `/api/v1/payment-requests/${request.id}/confirm`,
      { pin: GOOD_PIN },
      { token: customer.token },
    );
    refusedWith(twice, 'order_paid');
    const declined = await shop.order({ kind: 'payment_request', amount: '10.00', phone: customer.phone });
    const decline = await suite.api.post(
      `/api/v1/payment-requests/${declined.id}/decline`,
      {},
      {
        token: customer.token,
      },
    );
    assert.equal(decline.statusCode, 200, decline.body);
    assert.equal((await shop.get(`/orders/${declined.id}`)).json().status, 'declined');
    const afterDecline = await suite.api.post(
      `/api/v1/payment-requests/${declined.id}/confirm`,
      { pin: GOOD_PIN },
      { token: customer.token },
    );
    refusedWith(afterDecline, 'order_closed');
    assert.equal(await suite.api.balance(customer.token), '211.20');
  });

  it('pays a till by its short code, after showing whose till it is', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '100.00');
    const stores = await shop.get('/stores');
    const code: string = stores.json()[0].tills[0].code;
    assert.match(code, /^\d{8}$/);
    const seen = await suite.api.get(`/api/v1/tills/${code}`, customer.token);
    assert.equal(seen.json().merchant.name, 'Chengdu Fresh Market');
    refusedWith(await suite.api.get('/api/v1/tills/00000000', customer.token), 'till_not_found');
    const pay = (body: Record<string, string>) =>
      suite.api.post('/api/v1/till-payments', body, { token: customer.token });
    refusedWith(await pay({ code: '00000000', amount: '5.00', pin: GOOD_PIN }), 'till_not_found');
    refusedWith(await pay({ code, amount: '5.00' }), 'pin_required');
    const paid = await pay({ code, amount: '5.00', pin: GOOD_PIN });
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(paid.json().channel, 'till_code');
    assert.equal(await suite.api.balance(customer.token), '95.00');
  });

  it('keeps exact balances and fees when many customers pay one merchant at once', async () => {
    const shop = new MerchantDriver(suite.test, await onboardMerchant(suite.test));
    const payload = await shop.tillQr();
    const customers = await Promise.all(Array.from({ length: 12 }, () => suite.api.register(phones())));
    await Promise.all(customers.map((c) => suite.api.fund(c.phone, '50.00')));
    const fees = await feeRevenue();
    const replies = await Promise.all(
      customers.flatMap((c) =>
        ['10.00', '15.50', '30.00'].map((amount) =>
          suite.api.post('/api/v1/merchant-payments', { payload, amount, pin: GOOD_PIN }, { token: c.token }),
        ),
      ),
    );
    const paid = replies.filter((r) => r.statusCode === 201);
    const refused = replies.filter((r) => r.statusCode !== 201);
    // ¥50 covers 10 + 15.50 (or 10 + 30, or 15.50 + 30) but never all three.
    for (const reply of refused) refusedWith(reply, 'insufficient_funds');
    const cents = (text: string) => BigInt(text.replace('.', ''));
    const gross = paid.reduce((sum, r) => sum + cents(r.json().amount), 0n);
    const expectedFees = paid.reduce((sum, r) => sum + (cents(r.json().amount) * 38n + 5_000n) / 10_000n, 0n);
    assert.equal(await merchantBalance(shop.merchant.id), gross - expectedFees);
    assert.equal((await feeRevenue()) - fees, expectedFees);
    const left = await Promise.all(customers.map((c) => suite.api.balance(c.token)));
    assert.equal(left.reduce((sum, b) => sum + cents(b), 0n) + gross, 12n * 5_000n);
  });
});
