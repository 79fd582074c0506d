// The hosted checkout end to end over HTTP: the page, paying with phone and PIN (and SMS code), the signed return.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { verifyCheckoutReturn } from '../../src/domain/checkout/checkout-return.js';
import { verifyWebhook } from '../../src/domain/events/webhook-signature.js';
import { phoneSequence } from '../support/api-assertions.js';
import { GOOD_PIN } from '../support/api-driver.js';
import { type ApiSuite, describeApi } from '../support/api-suite.js';
import { receiver } from '../support/http-receiver.js';
import { MerchantDriver, onboardMerchant } from '../support/merchant-driver.js';
import { percentEncode } from './fuzz-inputs.js';

const phones = phoneSequence('1371900');
const RETURN_URL = 'https://shop.example/return?cart=7';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const attemptOf = (page: LightMyRequestResponse) =>
  page.body.match(/name="attempt" value="([^"]+)"/)?.[1] ?? '';
const challengeOf = (page: LightMyRequestResponse) =>
  page.body.match(/name="challengeId" value="([^"]+)"/)?.[1];
const alertOf = (page: LightMyRequestResponse) => page.body.match(/role="alert">([^<]*)</)?.[1];

/** A merchant with a webhook endpoint (its secret signs returns), a checkout order, and a browser on its page. */
async function checkout(suite: ApiSuite, order: Record<string, unknown> = {}) {
  const shop = new MerchantDriver(
    suite.test,
    await onboardMerchant(suite.test, { name: 'Chengdu Tea House' }),
  );
  const webhook = await shop.send('PUT', '/webhook', { url: 'http://127.0.0.1:9/x' });
  assert.equal(webhook.statusCode, 200, webhook.body);
  const { id } = await shop.order({ kind: 'checkout', amount: '25.00', returnUrl: RETURN_URL, ...order });
  const app = suite.test.app;
  const browser = {
    id,
    shop,
    secret: webhook.json<{ secret: string }>().secret,
    open: (query = '', headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url: `/checkout/${id}${query}`, headers }),
    post: (fields: Record<string, string>, query = '?lang=en') =>
      app.inject({
        method: 'POST',
        url: `/checkout/${id}/pay${query}`,
        headers: FORM,
        payload: new URLSearchParams(fields).toString(),
      }),
    /** Step 1: opens the page and submits phone and PIN; the page then asks for the SMS code. */
    ask: async (phone: string, pin = GOOD_PIN) => {
      suite.test.advance(61_000); // one SMS code a minute per number
      return browser.post({ phone, pin, attempt: attemptOf(await browser.open()) });
    },
    /** Both steps: phone and PIN, then the SMS code read from the dev outbox (with the PIN again). */
    pay: async (phone: string, pin = GOOD_PIN) => {
      const asked = await browser.ask(phone, pin);
      const challengeId = challengeOf(asked) ?? '';
      const smsCode = await suite.api.lastCode(phone);
      return browser.post({ phone, pin, challengeId, smsCode, attempt: attemptOf(asked) });
    },
    orderStatus: async () => (await shop.get(`/orders/${id}`)).json<{ status: string; paymentId: string }>(),
  };
  return browser;
}

function assertPage(page: LightMyRequestResponse, status: number, formOrigin = ' https://shop.example') {
  assert.equal(page.statusCode, status, page.body);
  assert.match(String(page.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.equal(
    page.headers['content-security-policy'],
    `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${formOrigin}; frame-ancestors 'none'`,
  );
  assert.equal(page.headers['x-frame-options'], 'DENY');
  assert.equal(page.headers['cache-control'], 'no-store');
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
}

/** The signed return's query parameters, after checking they verify with the webhook secret. */
function assertSignedReturn(location: string, secret: string, now: number) {
  assert.ok(location.startsWith(`${RETURN_URL}&order_id=`), location);
  const params = new URL(location).searchParams;
  const verified = verifyCheckoutReturn(secret, params, Math.floor(now / 1000));
  assert.ok(verified.ok, JSON.stringify(verified));
  assert.equal(params.get('status'), 'paid');
  return params;
}

describeApi('hosted checkout', (suite) => {
  it('shows merchant, amount and description in zh-CN and en, escaped, with the security headers', async () => {
    const browser = await checkout(suite, { description: 'Two <b>mugs</b> & "tea"' });
    const en = await browser.open('?lang=en', { 'accept-language': 'zh-CN,zh;q=0.9' });
    assertPage(en, 200);
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /Chengdu Tea House/);
    assert.match(en.body, /CN¥25\.00/);
    assert.match(en.body, /Two &lt;b&gt;mugs&lt;\/b&gt; &amp; &quot;tea&quot;/);
    assert.doesNotMatch(en.body, /<b>mugs|<script/);
    assert.match(en.body, /name="pin" type="password" inputmode="numeric"/);
    assert.match(attemptOf(en), /^[A-Za-z0-9_-]{22}$/);
    assert.match(en.body, new RegExp(`href="/checkout/${browser.id}\\?lang=zh-CN"`));
    const zh = await browser.open('', { 'accept-language': 'zh-CN,zh;q=0.9' });
    assertPage(zh, 200);
    assert.match(zh.body, /<html lang="zh-CN">/);
    assert.match(zh.body, /确认支付 ¥25\.00/);
    assert.notEqual(attemptOf(zh), attemptOf(en));
    assert.match((await browser.open()).body, /<html lang="en">/);
  });

  it('answers an unknown order with 404 and a malformed form with 400, as pages', async () => {
    const browser = await checkout(suite);
    const unknown = await suite.test.app.inject({ method: 'GET', url: '/checkout/ord_unknown?lang=zh-CN' });
    assertPage(unknown, 404, '');
    assert.match(unknown.body, /支付页面不存在/);
    const good = { phone: '13719009999', pin: '111111', attempt: attemptOf(await browser.open()) };
    const bad = [
      await browser.post({ ...good, amount: '0.01' }),
      await browser.post({ ...good, attempt: 'short' }),
      await browser.post({ ...good, pin: 'x'.repeat(5000) }),
      await suite.test.app.inject({
        method: 'POST',
        url: `/checkout/${browser.id}/pay`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(good),
      }),
      await suite.test.app.inject({
        method: 'POST',
        url: `/checkout/${browser.id}/pay`,
        headers: FORM,
        payload: `${new URLSearchParams(good)}&pin=222222`,
      }),
    ];
    for (const reply of bad) {
      assertPage(reply, 400, '');
      assert.match(reply.body, /The form could not be read/);
    }
    assert.equal((await browser.orderStatus()).status, 'open');
  });

  it('asks everyone for an SMS code before any PIN is tried; a wrong PIN pays nothing; the right one pays once', async () => {
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '100.00');
    const browser = await checkout(suite);
    const secondTab = attemptOf(await browser.open());
    // Step 1 answers a wallet holder and a stranger alike, whatever the PIN: nobody can try PINs without the phone.
    const askedHolder = await browser.ask(customer.phone, '975310');
    const askedStranger = await browser.ask('13719009998', '975310');
    assertPage(askedHolder, 200);
    assertPage(askedStranger, 200);
    assert.equal(alertOf(askedStranger), alertOf(askedHolder));
    assert.match(alertOf(askedHolder) ?? '', /6-digit code by SMS/);
    assert.deepEqual(await suite.api.smsTo('13719009998'), []);
    const strangerCode = await browser.post({
      phone: '13719009998',
      pin: '975310',
      challengeId: challengeOf(askedStranger) ?? '',
      smsCode: '123456',
      attempt: attemptOf(askedStranger),
    });
    assertPage(strangerCode, 422);
    const wrongPin = await browser.pay(customer.phone, '975310');
    assertPage(wrongPin, 403);
    assert.match(alertOf(wrongPin) ?? '', /^Wrong phone number or PIN\./);
    assert.match(wrongPin.body, new RegExp(`name="phone" [^>]*value="\\${customer.phone}"`));
    assert.equal(await suite.api.balance(customer.token), '100.00');

    const asked = await browser.ask(customer.phone);
    const attempt = attemptOf(asked);
    const code = { challengeId: challengeOf(asked) ?? '', smsCode: await suite.api.lastCode(customer.phone) };
    const paid = await browser.post({ phone: customer.phone, pin: GOOD_PIN, attempt, ...code });
    assert.equal(paid.statusCode, 303, paid.body);
    const location = String(paid.headers.location);
    const params = assertSignedReturn(location, browser.secret, suite.test.platform.ctx.clock());
    assert.equal(params.get('cart'), '7');
    assert.equal(params.get('amount'), '25.00');
    params.set('amount', '2.50');
    assert.deepEqual(verifyCheckoutReturn(browser.secret, params, Number(params.get('timestamp'))), {
      ok: false,
      error: 'signature_mismatch',
    });
    const order = await browser.orderStatus();
    assert.deepEqual(order, { ...order, status: 'paid', paymentId: params.get('payment_id') });
    assert.equal(await suite.api.balance(customer.token), '75.00');

    const doubleClick = await browser.post({ phone: customer.phone, pin: GOOD_PIN, attempt, ...code });
    assert.equal(doubleClick.statusCode, 303, doubleClick.body);
    const again = new URL(String(doubleClick.headers.location)).searchParams;
    assert.equal(again.get('payment_id'), order.paymentId);
    const otherTab = await browser.post({ phone: customer.phone, pin: GOOD_PIN, attempt: secondTab });
    assertPage(otherTab, 409);
    assert.match(alertOf(otherTab) ?? '', /already paid/);
    assert.equal(await suite.api.balance(customer.token), '75.00');
    const later = await browser.open('?lang=zh-CN');
    assertPage(later, 200);
    assert.match(later.body, /支付成功/);
    const back = later.body.match(/class="button" href="([^"]+)"/)?.[1] ?? '';
    assertSignedReturn(back.replaceAll('&amp;', '&'), browser.secret, suite.test.platform.ctx.clock());
  });

  it('answers random and malformed forms with a page, never a 5xx, and moves no money', async () => {
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '100.00');
    const browser = await checkout(suite);
    const name = fc.constantFrom(
      'phone',
      'pin',
      'attempt',
      'smsCode',
      'challengeId',
      'lang',
      '__proto__',
      '',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 40, unit: 'binary' }),
      fc.constantFrom(customer.phone, '975310'),
    );
    const encoded = fc
      .array(fc.tuple(name, value), { maxLength: 6 })
      .map((fields) => fields.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&'));
    const body = fc.oneof(encoded, fc.string({ maxLength: 200, unit: 'binary' }));
    const lang = fc.string({ maxLength: 20 }).map((text) => `?lang=${percentEncode(text)}`);
    await fc.assert(
      fc.asyncProperty(body, lang, async (payload, query) => {
        const reply = await suite.test.app.inject({
          method: 'POST',
          url: `/checkout/${browser.id}/pay${query}`,
          headers: FORM,
          payload,
        });
        assert.ok(reply.statusCode >= 400 && reply.statusCode < 500, `${reply.statusCode} for ${payload}`);
        assert.match(String(reply.headers['content-type']), /^text\/html/);
      }),
      { numRuns: 80 },
    );
    assert.equal(await suite.api.balance(customer.token), '100.00');
    assert.equal((await browser.orderStatus()).status, 'open');
  });

  it('keeps the order open when the balance is too low, and pays it after a top-up', async () => {
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '10.00');
    const browser = await checkout(suite);
    const short = await browser.pay(customer.phone);
    assertPage(short, 422);
    assert.match(alertOf(short) ?? '', /balance is too low/);
    assert.equal((await browser.orderStatus()).status, 'open');
    await suite.api.fund(customer.phone, '20.00');
    const paid = await browser.pay(customer.phone);
    assert.equal(paid.statusCode, 303, paid.body);
    assert.equal(await suite.api.balance(customer.token), '5.00');
  });

  it('shows an expired checkout (410) or a cancelled one (409), and neither can be paid', async () => {
    const customer = await suite.api.register(phones());
    await suite.api.fund(customer.phone, '100.00');
    const browser = await checkout(suite, { expiresInSeconds: 60 });
    const attempt = attemptOf(await browser.open());
    suite.test.advance(61_000);
    assertPage(await browser.open(), 410);
    const late = await browser.post({ phone: customer.phone, pin: GOOD_PIN, attempt });
    assertPage(late, 410);
    assert.match(late.body, /has expired/);
    const cancelled = await checkout(suite);
    const cancelledAttempt = attemptOf(await cancelled.open());
    const cancel = await cancelled.shop.post(`/orders/${cancelled.id}/cancel`, {});
    assert.equal(cancel.statusCode, 200, cancel.body);
    assertPage(await cancelled.open(), 409);
    const refused = await cancelled.post({ phone: customer.phone, pin: GOOD_PIN, attempt: cancelledAttempt });
    assertPage(refused, 409);
    assert.equal(await suite.api.balance(customer.token), '100.00');
  });

  it('tells the order’s notify URL, signed, that the checkout was paid, and that an unpaid one expired', async () => {
    const hooks = receiver();
    const notifyUrl = await hooks.start();
    try {
      const customer = await suite.api.register(phones());
      await suite.api.fund(customer.phone, '100.00');
      // The merchant's own webhook URL goes nowhere: what arrives came to the order's notify URL.
      const browser = await checkout(suite, { notifyUrl });
      const paid = await browser.pay(customer.phone);
      assert.equal(paid.statusCode, 303, paid.body);
      const unpaid = await checkout(suite, { notifyUrl, expiresInSeconds: 60 });
      suite.test.advance(61_000);
      await suite.test.platform.runJobs();
      await suite.test.platform.webhooks.runOnce();
      const nowSeconds = Math.floor(suite.test.platform.ctx.clock() / 1000);
      const events = hooks.received.map((delivery) => {
        const headers = {
          'webhook-id': String(delivery.headers['webhook-id']),
          'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
          'webhook-signature': String(delivery.headers['webhook-signature']),
        };
        const secret = delivery.body.includes(unpaid.id) ? unpaid.secret : browser.secret;
        assert.deepEqual(verifyWebhook(secret, headers, delivery.body, nowSeconds), { ok: true });
        return JSON.parse(delivery.body);
      });
      const order = await browser.orderStatus();
      assert.deepEqual(events.map((e) => [e.type, e.data.payment?.id ?? e.data.order?.id]).sort(), [
        ['checkout.expired', unpaid.id],
        ['payment.succeeded', order.paymentId],
      ]);
      assert.equal((await unpaid.orderStatus()).status, 'expired');
    } finally {
      await hooks.stop();
    }
  });
});

describeApi(
  'hosted checkout with an SMS code above ¥50',
  (suite) => {
    it('asks for an SMS code and the PIN again, then pays', async () => {
      const customer = await suite.api.register(phones());
      await suite.api.fund(customer.phone, '100.00');
      const browser = await checkout(suite, { amount: '80.00' });
      const asked = await browser.ask(customer.phone);
      assertPage(asked, 200);
      assert.match(alertOf(asked) ?? '', /6-digit code by SMS/);
      assert.match(asked.body, /name="smsCode" inputmode="numeric"[^>]*autocomplete="one-time-code"/);
      const challengeId = challengeOf(asked) ?? '';
      const code = await suite.api.lastCode(customer.phone);
      const secondStep = { phone: customer.phone, pin: GOOD_PIN, challengeId };
      const wrong = await browser.post({
        ...secondStep,
        smsCode: code === '000000' ? '000001' : '000000',
        attempt: attemptOf(asked),
      });
      assertPage(wrong, 422);
      assert.match(alertOf(wrong) ?? '', /not correct\. 2 tries left\./);
      assert.equal(challengeOf(wrong), challengeId);
      const paid = await browser.post({ ...secondStep, smsCode: code, attempt: attemptOf(wrong) });
      assert.equal(paid.statusCode, 303, paid.body);
      assertSignedReturn(String(paid.headers.location), browser.secret, suite.test.platform.ctx.clock());
      assert.equal(await suite.api.balance(customer.token), '20.00');
    });
  },
  { env: { MWALLET_OTP_ABOVE: '50.00' } },
);
