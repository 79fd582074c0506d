// PIN guessing and SMS codes over the app API on both databases: the shared PIN lock, code expiry, reuse, tries and rate limits.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, type TestStorage } from '../../src/channels/http/test-app.js';
import { phoneSequence, problemOf } from '../support/api-assertions.js';
import { ApiDriver, type Customer, GOOD_PIN } from '../support/api-driver.js';

const WRONG_PIN = '246813';
const CODE_TTL_MS = 5 * 60_000;

/** Another valid-looking 6-digit code than the one sent. */
const wrongCode = (code: string, by = 1) => String((Number(code) + by) % 1_000_000).padStart(6, '0');

/** A fresh mainland mobile number for each customer of this file. */
const newPhone = phoneSequence('1391000');

for (const storage of ['sqlite', 'postgres'] satisfies TestStorage[]) {
  describe(`PIN and SMS code security (${storage})`, () => {
    let test: TestApp;
    before(async () => {
      test = await createTestApp({ storage });
    });
    after(() => test.close());

    const pinLocked = async (api: ApiDriver, customer: Customer): Promise<boolean> => {
      const reply = await api.get('/api/v1/me', customer.token);
      assert.equal(reply.statusCode, 200, reply.body);
      return reply.json<{ pinLocked: boolean }>().pinLocked;
    };

    /** A payer who has paid the payee once already, so the next quote to them needs only the PIN. */
    const payerAndKnownPayee = async () => {
      const api = new ApiDriver(test);
      const { payer, payee, pinQuote } = await api.payerWithKnownPayee(newPhone(), newPhone());
      const confirm = (quoteId: string, pin: string) =>
        api.post('/api/v1/p2p/transfers', { quoteId, pin }, { token: payer.token });
      const login = (pin: string, deviceId = payer.deviceId) =>
        api.post('/api/v1/sessions', {
          phone: payer.phone,
          pin,
          device: { id: deviceId, name: 'Test phone' },
        });
      return { api, payer, payee, pinQuote, confirm, login };
    };

    /** Asks for a code to a number (public route) and returns the challenge id. */
    const requestCode = async (api: ApiDriver, phone: string, purpose: string) => {
      const reply = await api.post('/api/v1/otp', { phone, purpose });
      assert.equal(reply.statusCode, 202, reply.body);
      return reply.json<{ challengeId: string }>().challengeId;
    };
    const verifyCode = (api: ApiDriver, challengeId: string, code: string) =>
      api.post(`/api/v1/otp/${challengeId}/verify`, { code });

    it('locks payments after 5 wrong PINs at confirmation, counting down 4, 3, 2, 1; then refuses the right PIN and login', async () => {
      const { api, payer, payee, pinQuote, confirm, login } = await payerAndKnownPayee();
      const quoteId = await pinQuote();
      const remaining: (number | undefined)[] = [];
      for (let i = 0; i < 4; i++) {
        remaining.push(problemOf(await confirm(quoteId, WRONG_PIN), 403, 'pin_incorrect').attemptsRemaining);
      }
      assert.deepEqual(remaining, [4, 3, 2, 1]);
      assert.equal(await pinLocked(api, payer), false);
      problemOf(await confirm(quoteId, WRONG_PIN), 423, 'pin_locked');

      problemOf(await confirm(quoteId, GOOD_PIN), 423, 'pin_locked');
      assert.equal(await pinLocked(api, payer), true);
      problemOf(await api.quote(payer, payee.phone, '2.00'), 423, 'pin_locked');
      problemOf(await login(GOOD_PIN), 423, 'pin_locked');
      assert.equal(await api.balance(payer.token), '99.00');
      assert.equal(await api.balance(payee.token), '1.00');
      const alerts = (await api.smsTo(payer.phone)).filter((text) => /wrong PINs/.test(text));
      assert.equal(alerts.length, 1, alerts.join(' | '));
    });

    it('shares the lock between login and payments: 5 wrong PINs at login refuse a payment with the right PIN', async () => {
      const { api, payer, payee, pinQuote, confirm, login } = await payerAndKnownPayee();
      const quoteId = await pinQuote();
      const remaining: (number | undefined)[] = [];
      for (let i = 0; i < 4; i++) {
        remaining.push(problemOf(await login(WRONG_PIN), 403, 'pin_incorrect').attemptsRemaining);
      }
      assert.deepEqual(remaining, [4, 3, 2, 1]);
      problemOf(await login(WRONG_PIN), 423, 'pin_locked');
      problemOf(await login(GOOD_PIN), 423, 'pin_locked');
      assert.equal(await pinLocked(api, payer), true);
      problemOf(await confirm(quoteId, GOOD_PIN), 423, 'pin_locked');
      assert.equal(await api.balance(payer.token), '99.00');
      assert.equal(await api.balance(payee.token), '1.00');
    });

    it('counts consecutive failures only: the right PIN before the fifth starts the count again', async () => {
      const { api, payer, pinQuote, confirm, login } = await payerAndKnownPayee();
      const quoteId = await pinQuote();
      for (const expected of [4, 3, 2]) {
        assert.equal(
          problemOf(await confirm(quoteId, WRONG_PIN), 403, 'pin_incorrect').attemptsRemaining,
          expected,
        );
      }
      assert.equal(problemOf(await login(WRONG_PIN), 403, 'pin_incorrect').attemptsRemaining, 1);
      const paid = await confirm(quoteId, GOOD_PIN);
      assert.equal(paid.statusCode, 201, paid.body);
      assert.equal(await api.balance(payer.token), '97.00');
      assert.equal(
        problemOf(await confirm(await pinQuote(), WRONG_PIN), 403, 'pin_incorrect').attemptsRemaining,
        4,
      );
      assert.equal(await pinLocked(api, payer), false);
    });

    it('counts 10 simultaneous wrong PINs one by one: exactly 5 failures, then locked', async () => {
      const { api, payer, payee, pinQuote, confirm } = await payerAndKnownPayee();
      const quoteId = await pinQuote();
      const replies = await Promise.all(Array.from({ length: 10 }, () => confirm(quoteId, WRONG_PIN)));
      const incorrect = replies.filter((r) => r.statusCode === 403);
      const locked = replies.filter((r) => r.statusCode === 423);
      assert.equal(incorrect.length + locked.length, 10, replies.map((r) => r.body).join('\n'));
      // Every failure counted once: the countdown 4..1 appears exactly once each, every other reply is the lock.
      assert.deepEqual(
        incorrect.map((r) => problemOf(r, 403, 'pin_incorrect').attemptsRemaining).sort(),
        [1, 2, 3, 4],
      );
      for (const reply of locked) problemOf(reply, 423, 'pin_locked');
      const row = await test.platform.ctx.db.get<{ pin_failures: bigint }>(
        'SELECT pin_failures FROM customers WHERE id = $1',
        [payer.customerId],
      );
      assert.equal(Number(row?.pin_failures), 5);
      assert.equal(await pinLocked(api, payer), true);
      problemOf(await confirm(quoteId, GOOD_PIN), 423, 'pin_locked');
      assert.equal(await api.balance(payer.token), '99.00');
      assert.equal(await api.balance(payee.token), '1.00');
      const alerts = (await api.smsTo(payer.phone)).filter((text) => /wrong PINs/.test(text));
      assert.equal(alerts.length, 1, alerts.join(' | '));
    });

    it('gives no PIN guesses to a device that is not bound and has no SMS code', async () => {
      const { api, payer, pinQuote, confirm, login } = await payerAndKnownPayee();
      const stranger = `device-${randomUUID()}`;
      for (let i = 0; i < 6; i++) {
        const refused = problemOf(await login(WRONG_PIN, stranger), 403, 'device_verification_required');
        assert.equal(refused.attemptsRemaining, undefined);
      }
      assert.equal(await pinLocked(api, payer), false);
      const paid = await confirm(await pinQuote(), GOOD_PIN);
      assert.equal(paid.statusCode, 201, paid.body);
    });

    it('refuses a code used once already (409 otp_used) and one past its 5 minutes (410 otp_expired)', async () => {
      const api = new ApiDriver(test);
      const phone = newPhone();
      const challengeId = await requestCode(api, phone, 'register');
      const code = await api.lastCode(phone);
      const verified = await verifyCode(api, challengeId, code);
      assert.equal(verified.statusCode, 200, verified.body);
      problemOf(await verifyCode(api, challengeId, code), 409, 'otp_used');

      test.advance(61_000);
      const late = await requestCode(api, phone, 'register');
      const lateCode = await api.lastCode(phone);
      assert.notEqual(late, challengeId);
      test.advance(CODE_TTL_MS + 1);
      problemOf(await verifyCode(api, late, lateCode), 410, 'otp_expired');
    });

    it('allows 3 tries per code: after 3 wrong codes even the right one is refused', async () => {
      const api = new ApiDriver(test);
      const phone = newPhone();
      const challengeId = await requestCode(api, phone, 'register');
      const code = await api.lastCode(phone);
      assert.equal(
        problemOf(await verifyCode(api, challengeId, wrongCode(code, 1)), 422, 'otp_incorrect')
          .attemptsRemaining,
        2,
      );
      assert.equal(
        problemOf(await verifyCode(api, challengeId, wrongCode(code, 2)), 422, 'otp_incorrect')
          .attemptsRemaining,
        1,
      );
      problemOf(await verifyCode(api, challengeId, wrongCode(code, 3)), 403, 'otp_attempts_exceeded');
      problemOf(await verifyCode(api, challengeId, code), 403, 'otp_attempts_exceeded');
    });

    it('counts 10 simultaneous wrong codes one by one: at most 2 "incorrect", then the right code is refused', async () => {
      const api = new ApiDriver(test);
      const phone = newPhone();
      const challengeId = await requestCode(api, phone, 'register');
      const code = await api.lastCode(phone);
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => verifyCode(api, challengeId, wrongCode(code, i + 1))),
      );
      const incorrect = replies.filter((r) => r.statusCode === 422);
      assert.deepEqual(
        incorrect.map((r) => problemOf(r, 422, 'otp_incorrect').attemptsRemaining).sort(),
        [1, 2],
      );
      for (const reply of replies.filter((r) => r.statusCode !== 422)) {
        problemOf(reply, 403, 'otp_attempts_exceeded');
      }
      problemOf(await verifyCode(api, challengeId, code), 403, 'otp_attempts_exceeded');
    });

    it('uses a verification token once, and only for its purpose', async () => {
      const api = new ApiDriver(test);
      const phone = newPhone();
      const registration = (verificationToken: string) =>
        api.post('/api/v1/registrations', {
          verificationToken,
          pin: GOOD_PIN,
          device: { id: `device-${randomUUID()}`, name: 'Test phone' },
          locale: 'en',
        });
      const token = await api.verify(phone, 'register');
      const first = await registration(token);
      assert.equal(first.statusCode, 201, first.body);
      problemOf(await registration(token), 403, 'verification_invalid');

      // A login token does not open a wallet, and a registration token does not bind a new device.
      const other = await api.register(newPhone());
      const loginToken = await api.verify(other.phone, 'login');
      problemOf(await registration(loginToken), 403, 'verification_invalid');
      const registerToken = await api.verify(other.phone, 'register');
      const newDevice = { id: `device-${randomUUID()}`, name: 'New phone' };
      problemOf(
        await api.post('/api/v1/sessions', {
          phone: other.phone,
          pin: GOOD_PIN,
          device: newDevice,
          verificationToken: registerToken,
        }),
        403,
        'verification_invalid',
      );
      // The login token was not used up by the refused registration: it still binds the new device.
      const login = await api.post('/api/v1/sessions', {
        phone: other.phone,
        pin: GOOD_PIN,
        device: newDevice,
        verificationToken: loginToken,
      });
      assert.equal(login.statusCode, 201, login.body);
      assert.equal(login.json<{ newDevice: boolean }>().newDevice, true);
    });

    it('rate-limits codes per number: one a minute, five an hour, with Retry-After', async () => {
      const api = new ApiDriver(test);
      const phone = newPhone();
      await requestCode(api, phone, 'register');
      const tooSoon = await api.post('/api/v1/otp', { phone, purpose: 'register' });
      problemOf(tooSoon, 429, 'otp_rate_limited');
      const wait = Number(tooSoon.headers['retry-after']);
      assert.ok(
        Number.isInteger(wait) && wait > 0 && wait <= 60,
        `retry-after: ${tooSoon.headers['retry-after']}`,
      );
      // Another purpose does not get round the minute either.
      problemOf(await api.post('/api/v1/otp', { phone, purpose: 'login' }), 429, 'otp_rate_limited');
      for (let sent = 1; sent < 5; sent++) {
        test.advance(61_000);
        await requestCode(api, phone, 'register');
      }
      test.advance(61_000);
      const sixth = await api.post('/api/v1/otp', { phone, purpose: 'register' });
      problemOf(sixth, 429, 'otp_rate_limited');
      assert.ok(Number(sixth.headers['retry-after']) > 0, `retry-after: ${sixth.headers['retry-after']}`);
      assert.equal((await api.smsTo(phone)).length, 5);
      test.advance(60 * 60_000);
      await requestCode(api, phone, 'register');
    });

    it('rate-limits codes per client address: 20 an hour, whatever the numbers or X-Forwarded-For', async () => {
      const address = '10.250.1.7'; // each database counts its own requests
      const ask = (phone: string, headers: Record<string, string> = {}, from = address) =>
        test.app.inject({
          method: 'POST',
          url: '/api/v1/otp',
          payload: { phone, purpose: 'register' },
          headers: { 'idempotency-key': randomUUID(), ...headers },
          remoteAddress: from,
        });
      for (let i = 0; i < 20; i++) {
        const reply = await ask(newPhone());
        assert.equal(reply.statusCode, 202, `code ${i + 1}: ${reply.body}`);
      }
      const refused = await ask(newPhone());
      problemOf(refused, 429, 'otp_rate_limited');
      assert.ok(Number(refused.headers['retry-after']) > 0, `retry-after: ${refused.headers['retry-after']}`);
      problemOf(await ask(newPhone(), { 'x-forwarded-for': '203.0.113.9' }), 429, 'otp_rate_limited');
      assert.equal((await ask(newPhone(), {}, '10.251.0.8')).statusCode, 202);
      test.advance(60 * 60_000 + 1);
      assert.equal((await ask(newPhone())).statusCode, 202);
    });

    it('answers a login code for an unregistered number like any other, but sends no SMS', async () => {
      const api = new ApiDriver(test);
      const member = await api.register(newPhone());
      const stranger = newPhone();
      const before = (await api.smsTo(member.phone)).length;
      test.advance(61_000);
      const toMember = await api.post('/api/v1/otp', { phone: member.phone, purpose: 'login' });
      const toStranger = await api.post('/api/v1/otp', { phone: stranger, purpose: 'login' });
      assert.equal(toMember.statusCode, 202, toMember.body);
      assert.equal(toStranger.statusCode, 202, toStranger.body);
      assert.equal(toStranger.headers['content-type'], toMember.headers['content-type']);
      assert.deepEqual(Object.keys(toStranger.json()).sort(), Object.keys(toMember.json()).sort());
      assert.deepEqual(await api.smsTo(stranger), []);
      assert.equal((await api.smsTo(member.phone)).length, before + 1);
      // Its challenge answers a guess exactly as a real one does.
      const challengeId = toStranger.json<{ challengeId: string }>().challengeId;
      assert.equal(
        problemOf(await verifyCode(api, challengeId, '123456'), 422, 'otp_incorrect').attemptsRemaining,
        2,
      );
    });
  });
}
