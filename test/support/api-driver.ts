// Drives the app API in-process the way a phone app would: codes from the dev SMS outbox, registration, payments.
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../src/channels/http/test-app.js';
import { issueEMoney } from '../../src/domain/wallets/issuance.js';

export const GOOD_PIN = '135792';

export interface Customer {
  phone: string;
  token: string;
  customerId: string;
  deviceId: string;
}

interface Call {
  token?: string;
  /** Idempotency-Key; a fresh one by default, `null` to send none. */
  key?: string | null;
  headers?: Record<string, string>;
}

export class ApiDriver {
  constructor(readonly test: TestApp) {}

  get app() {
    return this.test.app;
  }

  /** Each driver is one phone on its own network address (the API rate-limits codes per address). */
  readonly address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

  post(url: string, body: unknown, call: Call = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...call.headers };
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (call.key !== null) headers['idempotency-key'] = call.key ?? randomUUID();
    return this.app.inject({
      method: 'POST',
      url,
      payload: body as object,
      headers,
      remoteAddress: this.address,
    });
  }

  get(url: string, token?: string): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  delete(url: string, token?: string): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'DELETE',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  /** The texts the dev SMS adapter sent to a number, newest first. */
  async smsTo(phone: string): Promise<string[]> {
    const reply = await this.get(`/dev/sms?phone=${encodeURIComponent(phone)}`);
    assert.equal(reply.statusCode, 200, reply.body);
    return reply.json<{ messages: { text: string }[] }>().messages.map((m) => m.text);
  }

  /** The 6-digit code in the newest SMS to a number. */
  async lastCode(phone: string): Promise<string> {
    const [latest] = await this.smsTo(phone);
    const code = latest?.match(/\d{6}/)?.[0];
    assert.ok(code, `no code in the last SMS to ${phone}: ${latest}`);
    return code;
  }

  /** Requests and verifies a code; returns the verification token. Waits out the minute between codes first. */
  async verify(phone: string, purpose: string, token?: string): Promise<string> {
    this.test.advance(61_000);
    const requested = token
      ? await this.post('/api/v1/me/otp', { purpose }, { token })
      : await this.post('/api/v1/otp', { phone, purpose });
    assert.equal(requested.statusCode, 202, requested.body);
    const { challengeId } = requested.json<{ challengeId: string }>();
    const code = await this.lastCode(phone);
    const verified = await this.post(`/api/v1/otp/${challengeId}/verify`, { code });
    assert.equal(verified.statusCode, 200, verified.body);
    return verified.json<{ verificationToken: string }>().verificationToken;
  }

  /** Registers a number end to end (code, verify, PIN, device) and returns the logged-in customer. */
  async register(phone: string, options: { pin?: string; locale?: 'en' | 'zh-CN' } = {}): Promise<Customer> {
    const verificationToken = await this.verify(phone, 'register');
    const deviceId = `device-${randomUUID()}`;
    const reply = await this.post('/api/v1/registrations', {
      verificationToken,
      pin: options.pin ?? GOOD_PIN,
      device: { id: deviceId, name: 'Test phone' },
      locale: options.locale ?? 'en',
    });
    assert.equal(reply.statusCode, 201, reply.body);
    const body = reply.json<{ customerId: string; phone: string; session: { token: string } }>();
    return { phone: body.phone, token: body.session.token, customerId: body.customerId, deviceId };
  }

  /** Credits a wallet from the trust account, as `mwallet issue` does. */
  async fund(phone: string, amount: string): Promise<void> {
    const result = await issueEMoney(this.test.platform.ctx, {
      phone,
      amount,
      actor: 'test',
      reason: 'test funding',
    });
    assert.ok(result.ok, result.ok ? '' : result.error);
  }

  async balance(token: string): Promise<string> {
    const reply = await this.get('/api/v1/wallet', token);
    assert.equal(reply.statusCode, 200, reply.body);
    return reply.json<{ balance: string }>().balance;
  }

  async quote(from: Customer, to: string, amount: string): Promise<LightMyRequestResponse> {
    return this.post('/api/v1/p2p/quotes', { to, amount }, { token: from.token });
  }

  /**
   * Quotes and confirms a transfer, giving the authentication the quote asks for (PIN, and an SMS
   * code when needed) unless `auth` says what to send. Returns the confirm reply.
   */
  async pay(
    from: Customer,
    to: string,
    amount: string,
    auth?: { pin?: string; verificationToken?: string; key?: string },
  ): Promise<LightMyRequestResponse> {
    const quote = await this.quote(from, to, amount);
    assert.equal(quote.statusCode, 201, quote.body);
    const { id, authentication } = quote.json<{ id: string; authentication: string }>();
    const body: Record<string, string> = { quoteId: id };
    if (auth) {
      if (auth.pin !== undefined) body.pin = auth.pin;
      if (auth.verificationToken !== undefined) body.verificationToken = auth.verificationToken;
    } else {
      if (authentication !== 'none') body.pin = GOOD_PIN;
      if (authentication === 'pin_and_otp')
        body.verificationToken = await this.verify(from.phone, 'payment', from.token);
    }
    return this.post('/api/v1/p2p/transfers', body, { token: from.token, key: auth?.key ?? randomUUID() });
  }

  /** Opts the customer into password-free small payments (with the PIN, as the app does). */
  async optIntoPasswordFree(customer: Customer): Promise<void> {
    const reply = await this.post(
      '/api/v1/me/preferences',
      { passwordFree: true, pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(reply.statusCode, 200, reply.body);
  }

  /** A fresh one-time payment code of the customer's device. */
  async paymentCode(customer: Customer): Promise<string> {
    const reply = await this.post('/api/v1/payment-codes', {}, { token: customer.token, key: null });
    assert.equal(reply.statusCode, 201, reply.body);
    return reply.json<{ code: string }>().code;
  }

  /** A payer funded with ¥100 who has paid the payee ¥1 once, so later quotes to them need only the PIN. */
  async payerWithKnownPayee(payerPhone: string, payeePhone: string) {
    const payer = await this.register(payerPhone);
    const payee = await this.register(payeePhone);
    await this.fund(payer.phone, '100.00');
    const first = await this.pay(payer, payee.phone, '1.00');
    assert.equal(first.statusCode, 201, first.body);
    const pinQuote = async (amount = '2.00') => {
      const quote = await this.quote(payer, payee.phone, amount);
      assert.equal(quote.statusCode, 201, quote.body);
      assert.equal(quote.json<{ authentication: string }>().authentication, 'pin');
      return quote.json<{ id: string }>().id;
    };
    return { payer, payee, pinQuote };
  }
}
